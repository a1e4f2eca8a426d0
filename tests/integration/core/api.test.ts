import { describe, expect, it } from 'vitest';
import { invoke } from '../../../src/core/api';
import { contract } from '../../../src/shared/contract';
import { coreFor, fails, ok, openTemp, snapshot, streetCore } from '../../helpers';

describe('street set-up from the official division list', () => {
  it.each([
    ['110101001', '东华门街道', '东城区', 'community'],
    ['310101002', undefined, undefined, undefined],
    ['440305001', undefined, undefined, undefined],
    ['110105021', undefined, undefined, 'village'],
  ])('sets up %s with every 村(居)委会 under it', (code, name, district, someKind) => {
    const core = coreFor(openTemp());
    const info = ok(core, 'divisions.street', { code });
    expect(info, `street ${code} exists in the official list`).not.toBeNull();
    const villages = ok(core, 'divisions.villages', { streetCode: code });
    const r = ok(core, 'street.setup', { streetCode: code });
    expect(r.street.code).toBe(code);
    expect(r.street.name).toBe(info!.name);
    expect(r.street.districtName).toBe(info!.areaName);
    if (name) expect(r.street.name).toBe(name);
    if (district) expect(r.street.districtName).toBe(district);
    expect(r.communities).toBe(villages.length);

    const list = ok(core, 'communities.list', {});
    expect(list.map((c) => c.code)).toEqual(villages.map((v) => v.code));
    for (const c of list) {
      expect(c.code).toMatch(new RegExp(`^${code}\\d{3}$`));
      const v = villages.find((x) => x.code === c.code)!;
      expect(c.officialName).toBe(v.officialName);
      expect(c.name).toBe(v.name);
      const suffix = Number(c.code.slice(9));
      if (suffix >= 1 && suffix <= 199) expect(c.kind).toBe('community');
      if (suffix >= 200 && suffix <= 399) expect(c.kind).toBe('village');
    }
    if (someKind) expect(list.some((c) => c.kind === someKind)).toBe(true);
    const status = ok(core, 'app.status', {});
    expect(status.initialized).toBe(true);
    expect(status.street?.code).toBe(code);
  });

  it('keeps the official name and shows the short one (多福巷社区居委会 → 多福巷社区)', () => {
    const core = streetCore('110101001');
    const c = ok(core, 'communities.list', {}).find((x) => x.code === '110101001001')!;
    expect(c.officialName).toBe('多福巷社区居委会');
    expect(c.name).toBe('多福巷社区');
  });

  it('refuses an unknown or malformed street code and writes nothing', () => {
    const core = coreFor(openTemp());
    const before = snapshot(core.db);
    expect(fails(core, 'street.setup', { streetCode: '999999999' })).toMatchObject({
      code: 'VALIDATION',
      field: 'streetCode',
      message: expect.stringContaining('找不到街道代码'),
    });
    expect(fails(core, 'street.setup', { streetCode: '11010100' })).toMatchObject({
      code: 'VALIDATION',
      field: 'streetCode',
      message: expect.stringContaining('9 位数字'),
    });
    expect(snapshot(core.db)).toEqual(before);
    expect(ok(core, 'app.status', {}).initialized).toBe(false);
  });

  it('cannot set up a second street in the same DB', () => {
    const core = streetCore('110101001');
    const before = snapshot(core.db);
    expect(fails(core, 'street.setup', { streetCode: '110101002' }).code).toBe('ALREADY_INITIALIZED');
    expect(snapshot(core.db)).toEqual(before);
  });
});

describe('communities', () => {
  it('edits 阵地, staffing and funding, computes 三有, and audits each change with a new change sequence', () => {
    const core = streetCore();
    const c = ok(core, 'communities.list', {})[0]!;
    expect(c.threeHave).toMatchObject({ people: false, money: false, place: false });

    const seqBefore = core.db.sqlite.prepare("select value from counters where name='change'").pluck().get() as number;
    ok(core, 'communities.update', {
      id: c.id,
      spaceArea: 320,
      spaceOwnership: 'owned',
      hasServiceHall: true,
      functionRooms: ['党员活动室', '图书室', '党员活动室'],
    });
    ok(core, 'communities.update', { id: c.id, secretaryName: '李红', secretaryIsDirector: true, partyWorkerCount: 2 });
    ok(core, 'funding.upsert', {
      communityId: c.id,
      year: new Date().getFullYear(),
      officeFunds: 50000,
      partyFunds: 20000,
    });
    // Only this community has funds this year: 有钱办事 in the list is per community.
    const money = ok(core, 'communities.list', {})
      .filter((x) => x.threeHave.money)
      .map((x) => x.id);
    expect(money).toEqual([c.id]);

    const d = ok(core, 'communities.get', { id: c.id });
    expect(d).toMatchObject({ spaceArea: 320, spaceOwnership: 'owned', hasServiceHall: true, secretaryName: '李红' });
    expect(d.functionRooms).toEqual(['党员活动室', '图书室']);
    expect(d.threeHave).toMatchObject({ people: true, money: true, place: true });
    expect(d.funding).toHaveLength(1);
    expect(contract['communities.get'].output.safeParse(d).success).toBe(true);

    const audit = ok(core, 'audit.list', { entity: 'community', entityId: c.id });
    expect(audit.rows.map((r) => r.action)).toEqual(['update', 'update']);
    expect(audit.rows[1]!.after).toMatchObject({ spaceArea: 320, spaceOwnership: 'owned' });
    expect(audit.rows[1]!.before).toMatchObject({ spaceArea: null });
    const funding = ok(core, 'audit.list', { entity: 'community_funding' });
    expect(funding.total).toBe(1);

    const seqAfter = core.db.sqlite.prepare("select value from counters where name='change'").pluck().get() as number;
    expect(seqAfter).toBe(seqBefore + 3);
    const row = core.db.sqlite.prepare('select change_seq from community where id = ?').pluck().get(c.id) as number;
    expect(row).toBe(seqBefore + 2);

    // Raising the threshold above the space flips 有处议事.
    ok(core, 'settings.update', { minSpaceArea: 400 });
    expect(ok(core, 'communities.get', { id: c.id }).threeHave.place).toBe(false);
  });

  it.each([
    [{ spaceArea: -1 }, 'spaceArea', '不能为负数'],
    [{ careerStaffCount: 1.5 }, 'careerStaffCount', '整数'],
    [{ name: '' }, 'name', '不能为空'],
    [{ spaceOwnership: 'stolen' }, 'spaceOwnership', ''],
  ])('refuses bad 阵地/staffing input %j naming the field, nothing written', (patch, field, text) => {
    const core = streetCore();
    const c = ok(core, 'communities.list', {})[0]!;
    const before = snapshot(core.db);
    const e = fails(core, 'communities.update', { id: c.id, ...patch });
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe(field);
    expect(e.message).toContain(text);
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('refuses negative funds and a community code outside the street', () => {
    const core = streetCore();
    const c = ok(core, 'communities.list', {})[0]!;
    const before = snapshot(core.db);
    expect(
      fails(core, 'funding.upsert', { communityId: c.id, year: 2026, officeFunds: -5, partyFunds: 0 }),
    ).toMatchObject({
      field: 'officeFunds',
    });
    expect(fails(core, 'communities.create', { code: '310101002001', name: '外街社区' })).toMatchObject({
      field: 'code',
      message: expect.stringContaining('110101001'),
    });
    expect(fails(core, 'communities.create', { code: '11010100100', name: '短码社区' })).toMatchObject({
      field: 'code',
    });
    expect(fails(core, 'communities.create', { code: c.code, name: '重复社区' })).toMatchObject({
      code: 'CONFLICT',
      field: 'code',
    });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('adds, renames, retires and restores a community', () => {
    const core = streetCore();
    const created = ok(core, 'communities.create', { code: '110101001150', name: '新建社区' });
    expect(created.kind).toBe('community');
    ok(core, 'communities.update', { id: created.id, name: '新景社区' });
    ok(core, 'communities.retire', { id: created.id });
    expect(ok(core, 'communities.list', {}).some((c) => c.id === created.id)).toBe(false);
    expect(
      ok(core, 'communities.list', { includeRetired: true }).find((c) => c.id === created.id)?.retiredAt,
    ).not.toBeNull();
    expect(fails(core, 'communities.update', { id: created.id, households: 10 }).code).toBe('CONFLICT');
    ok(core, 'communities.restore', { id: created.id });
    expect(ok(core, 'communities.get', { id: created.id }).name).toBe('新景社区');
    const actions = ok(core, 'audit.list', { entity: 'community', entityId: created.id }).rows.map((r) => r.action);
    expect(actions).toEqual(['restore', 'retire', 'update', 'create']);
  });
});

describe('grids', () => {
  it('creates, edits and deletes grids inside a community; duplicate codes refused', () => {
    const core = streetCore();
    const [a, b] = ok(core, 'communities.list', {});
    const g = ok(core, 'grids.create', {
      communityId: a!.id,
      code: 'DFX-01',
      name: '第一网格',
      leaderName: '张伟',
      gridWorkers: ['刘洋', '陈静'],
      households: 420,
      buildings: '1-6号楼',
    });
    expect(ok(core, 'communities.get', { id: a!.id }).gridCount).toBe(1);
    // The list counts per community, not in total.
    const counts = Object.fromEntries(ok(core, 'communities.list', {}).map((c) => [c.id, c.gridCount]));
    expect(counts[a!.id]).toBe(1);
    expect(counts[b!.id]).toBe(0);
    const before = snapshot(core.db);
    expect(fails(core, 'grids.create', { communityId: b!.id, code: 'DFX-01', name: '重复' })).toMatchObject({
      code: 'CONFLICT',
      field: 'code',
    });
    expect(
      fails(core, 'grids.create', { communityId: b!.id, code: 'X2', name: '负户数', households: -3 }),
    ).toMatchObject({
      field: 'households',
    });
    expect(snapshot(core.db)).toEqual(before);

    const moved = ok(core, 'grids.update', { id: g.id, communityId: b!.id, name: '第一网格（调整）' });
    expect(moved.communityId).toBe(b!.id);
    expect(ok(core, 'grids.list', { communityId: b!.id })).toHaveLength(1);
    ok(core, 'grids.delete', { id: g.id });
    expect(ok(core, 'grids.list', {})).toHaveLength(0);
    // The code is free again after deletion, and the tombstone stays for the district.
    ok(core, 'grids.create', { communityId: a!.id, code: 'DFX-01', name: '新第一网格' });
    expect(core.db.sqlite.prepare('select count(*) from grid').pluck().get()).toBe(2);
    expect(ok(core, 'audit.list', { entity: 'grid' }).rows.map((r) => r.action)).toEqual([
      'create',
      'delete',
      'update',
      'create',
    ]);
  });
});

describe('the invoke boundary', () => {
  it('rejects unknown methods, extra fields and wrong types with Chinese messages, never throwing', () => {
    const core = streetCore();
    const before = snapshot(core.db);
    const cases: [unknown, unknown][] = [
      ['nope.nothing', {}],
      ['__proto__', {}],
      ['communities.update', { id: 'x' }],
      ['communities.update', { id: 1, evil: true }],
      ['grids.create', null],
      ['street.update', { contactPhone: '12345' }],
      ['communities.list', 'string'],
    ];
    for (const [m, input] of cases) {
      const r = invoke(core, m, input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
        expect(JSON.stringify(r.error)).not.toMatch(/at .*\.ts:\d+/);
      }
    }
    expect(snapshot(core.db)).toEqual(before);
  });

  it('reports which tables a write changed', () => {
    const core = streetCore();
    const c = ok(core, 'communities.list', {})[0]!;
    const r = invoke(core, 'communities.update', { id: c.id, households: 1200 });
    expect(r.ok && r.changed).toEqual(expect.arrayContaining(['community', 'audit']));
    const read = invoke(core, 'communities.list', {});
    expect(read.ok && 'changed' in read).toBe(false);
  });
});
