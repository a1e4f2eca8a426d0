import { describe, expect, it } from 'vitest';
import { callAsync } from '../../../src/core/api';
import {
  GRID_HEADERS,
  importXlsx,
  makeUscc,
  memberRecord,
  MEMBER_HEADERS,
  nthId,
  readBook,
  UNIT_HEADERS,
  workbook,
} from '../../fixtures/excel';
import { ok, snapshot, streetCore } from '../../helpers';

function setup() {
  const core = streetCore();
  const [c1, c2] = ok(core, 'communities.list', {});
  return { core, c1: c1!, c2: c2! };
}

describe('Excel export', () => {
  it('exports every member matching the filter (no paging), masked, with the template headers', async () => {
    const { core, c1, c2 } = setup();
    const rows = [
      ...Array.from({ length: 1205 }, (_, i) =>
        memberRecord(i, c1.name, { 类别: '离退休党员', 工作单位: null, 报到日期: null }),
      ),
      ...Array.from({ length: 3 }, (_, i) => memberRecord(5000 + i, c2.name)),
    ];
    expect(await importXlsx(core, 'members', await workbook(MEMBER_HEADERS, rows))).toMatchObject({
      ok: true,
      inserted: 1208,
    });

    const all = await callAsync(core, 'excel.export', {
      kind: 'members',
      members: { communityId: c1.id, limit: 10, offset: 5 },
    });
    expect(all.fileName).toMatch(/^党员名单-\d{8}\.xlsx$/);
    const book = await readBook(all.base64);
    expect(book.sheetNames).toEqual(['党员名单', '填写说明']);
    expect(book.rows[0]).toEqual([...MEMBER_HEADERS]);
    expect(book.rows).toHaveLength(1 + 1205);
    const ws = book.workbook.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const text = JSON.stringify(book.rows);
    for (const r of rows) expect(text).not.toContain(String(r.身份证号));
    const first = book.rows[1]!;
    expect(first[4]).toMatch(/^110101\*{8}[\dX]{4}$/);
    expect(first[5]).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(new Set(book.rows.slice(1).map((r) => r[7]))).toEqual(new Set([c1.name]));

    const filtered = await callAsync(core, 'excel.export', { kind: 'members', members: { category: 'employed' } });
    const f = await readBook(filtered.base64);
    expect(f.rows.slice(1).map((r) => r[6])).toEqual(['在职党员']);
    expect(f.rows[1]![7]).toBe(c2.name);
  });

  it('a masked export re-imported with updateExisting is refused row by row (nothing breaks, nothing written)', async () => {
    const { core, c1 } = setup();
    await importXlsx(
      core,
      'members',
      await workbook(MEMBER_HEADERS, [memberRecord(1, c1.name), memberRecord(2, c1.name)]),
    );
    const exported = await callAsync(core, 'excel.export', { kind: 'members' });
    const before = snapshot(core.db);
    const r = await importXlsx(core, 'members', exported.base64, true);
    expect(r.ok).toBe(false);
    expect(r.problems.filter((p) => p.column === '身份证号').map((p) => p.row)).toEqual([2, 3]);
    expect(r.problems.every((p) => /脱敏/.test(p.message))).toBe(true);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('units, communities and grids exports go back in with updateExisting', async () => {
    const { core, c1, c2 } = setup();
    ok(core, 'units.create', {
      name: '东城区图书馆',
      uscc: makeUscc(3),
      type: 'institution',
      communityId: c1.id,
      resources: [{ name: '会议室', description: '50 人' }],
      isCouncilMember: true,
    });
    ok(core, 'units.create', { name: '社区卫生服务站', type: 'hospital', communityId: c2.id });
    ok(core, 'communities.update', { id: c1.id, households: 900, functionRooms: ['图书室'], hasServiceHall: true });
    ok(core, 'grids.create', { communityId: c1.id, code: 'A-1', name: '甲网格', gridWorkers: ['周强'] });
    ok(core, 'grids.create', { communityId: c2.id, code: 'B-1', name: '乙网格' });

    const units = await readBook(
      (await callAsync(core, 'excel.export', { kind: 'units', units: { communityId: c1.id } })).base64,
    );
    expect(units.rows).toHaveLength(2);
    expect(units.rows[0]).toEqual([...UNIT_HEADERS]);
    const u = units.rows[1]!;
    expect([u[0], u[1], u[2], u[3], u[8], u[9]]).toEqual([
      '东城区图书馆',
      makeUscc(3),
      '事业单位',
      c1.name,
      '是',
      '会议室：50 人',
    ]);
    const grids = await callAsync(core, 'excel.export', { kind: 'grids', communityId: c2.id });
    expect((await readBook(grids.base64)).rows).toEqual([[...GRID_HEADERS], [c2.name, 'B-1', '乙网格']]);
    const communities = await callAsync(core, 'excel.export', { kind: 'communities' });
    const cBook = await readBook(communities.base64);
    expect(cBook.rows).toHaveLength(1 + ok(core, 'communities.list', {}).length);
    expect(cBook.rows[1]!.slice(0, 5)).toEqual([c1.code, c1.name, c1.officialName, '社区', 900]);

    const before = snapshot(core.db);
    for (const [kind, file] of [
      ['units', (await callAsync(core, 'excel.export', { kind: 'units' })).base64],
      ['grids', (await callAsync(core, 'excel.export', { kind: 'grids' })).base64],
      ['communities', communities.base64],
    ] as const) {
      const r = await importXlsx(core, kind, file, true);
      expect(r, kind).toMatchObject({ ok: true, inserted: 0, problems: [] });
      expect(r.updated).toBe(r.total);
    }
    // Nothing but timestamps, change numbers and the audit log changed.
    const strip = (s: Record<string, unknown[]>) =>
      Object.fromEntries(
        ['unit', 'grid', 'community'].map((t) => [
          t,
          (s[t] as Record<string, unknown>[]).map(({ updated_at: _u, change_seq: _c, ...rest }) => rest),
        ]),
      );
    expect(strip(snapshot(core.db))).toEqual(strip(before));
  });

  it('an export of a filter matching nothing is just the header', async () => {
    const { core } = setup();
    const r = await callAsync(core, 'excel.export', { kind: 'members', members: { q: nthId(1).id } });
    expect((await readBook(r.base64)).rows).toEqual([[...MEMBER_HEADERS]]);
  });
});
