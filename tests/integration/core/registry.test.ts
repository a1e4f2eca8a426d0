import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/api';
import { fails, ok, snapshot, streetCore } from '../../helpers';

const ZHANG = '11010519491231002X'; // female, 1949-12-31 (GB 11643 test vector)

/** A valid ID number with the given birth date and sequence (odd = male). */
function makeId(birth: string, seq: number): string {
  const body = `110101${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i]!;
  return body + '10X98765432'[s % 11]!;
}

function setup(): { core: Core; c1: number; c2: number } {
  const core = streetCore('110101001');
  const [a, b] = ok(core, 'communities.list', {});
  return { core, c1: a!.id, c2: b!.id };
}

describe('party members', () => {
  it('derives gender and birth date from the ID, masks ID and phone, and stores pinyin for search', () => {
    const { core, c1 } = setup();
    const m = ok(core, 'members.create', {
      name: '张三',
      idNumber: ZHANG.toLowerCase(),
      phone: '13812345678',
      communityId: c1,
      category: 'retired',
    });
    expect(m).toMatchObject({
      gender: 'female',
      birthDate: '1949-12-31',
      idMasked: '110105********002X',
      phoneMasked: '138****5678',
    });
    expect(JSON.stringify(m)).not.toContain(ZHANG);
    for (const q of ['zs', 'zhangs', '张', '002X', '002x', '5678', ZHANG]) {
      expect(
        ok(core, 'members.list', { q }).rows.map((r) => r.id),
        q,
      ).toEqual([m.id]);
    }
    expect(ok(core, 'members.list', { q: 'ls' }).total).toBe(0);
  });

  it.each([
    [{ idNumber: '110105194912310021' }, 'idNumber', 'GB 11643'],
    [{ idNumber: '11010519491331002X' }, 'idNumber', '身份证号不正确'],
    [{ gender: 'male' }, 'gender', '性别与身份证号不一致'],
    [{ birthDate: '1950-01-01' }, 'birthDate', '1949-12-31'],
    [{ phone: '12345678901' }, 'phone', '手机号'],
    [{ name: '' }, 'name', '不能为空'],
    [{ category: '党员' }, 'category', ''],
    [{ reportDate: '2026-02-30' }, 'reportDate', '日期'],
  ])('refuses %j naming the field, nothing written', (patch, field, text) => {
    const { core, c1 } = setup();
    const before = snapshot(core.db);
    const e = fails(core, 'members.create', {
      name: '张三',
      idNumber: ZHANG,
      communityId: c1,
      category: 'retired',
      ...patch,
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe(field);
    expect(e.message).toContain(text);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('refuses a duplicate ID in the street, a grid of another community and a missing unit', () => {
    const { core, c1, c2 } = setup();
    ok(core, 'members.create', { name: '张三', idNumber: ZHANG, communityId: c1, category: 'retired' });
    const g2 = ok(core, 'grids.create', { communityId: c2, code: 'G2', name: '二网格' });
    const before = snapshot(core.db);
    expect(
      fails(core, 'members.create', { name: '张三丰', idNumber: ZHANG, communityId: c2, category: 'retired' }),
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'idNumber',
      message: expect.stringContaining('张三'),
    });
    const other = makeId('1980-05-06', 11);
    expect(
      fails(core, 'members.create', {
        name: '李四',
        idNumber: other,
        communityId: c1,
        gridId: g2.id,
        category: 'retired',
      }),
    ).toMatchObject({
      field: 'gridId',
    });
    expect(
      fails(core, 'members.create', {
        name: '李四',
        idNumber: other,
        communityId: c1,
        category: 'employed',
        employerUnitId: 999,
      }),
    ).toMatchObject({ field: 'employerUnitId' });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('filters by community, category, status and network role; reveal is audited', () => {
    const { core, c1, c2 } = setup();
    const a = ok(core, 'members.create', {
      name: '王芳',
      idNumber: makeId('1975-03-02', 22),
      communityId: c1,
      category: 'employed',
      phone: '13900001111',
    });
    ok(core, 'members.create', {
      name: '刘洋',
      idNumber: makeId('1960-07-15', 31),
      communityId: c2,
      category: 'retired',
    });
    ok(core, 'members.create', {
      name: '陈静',
      idNumber: makeId('1990-11-30', 42),
      communityId: c1,
      category: 'mobile',
      status: 'transferred',
    });
    expect(ok(core, 'members.list', { communityId: c1 }).total).toBe(2);
    expect(ok(core, 'members.list', { communityId: c1, status: 'active' }).rows.map((r) => r.name)).toEqual(['王芳']);
    expect(ok(core, 'members.list', { category: 'retired' }).rows.map((r) => r.name)).toEqual(['刘洋']);
    expect(ok(core, 'members.list', { role: 'liaison' }).total).toBe(0);
    expect(ok(core, 'members.list', { role: 'unassigned' }).total).toBe(3);
    expect(ok(core, 'members.list', { sort: 'name' }).rows.map((r) => r.name)).toEqual(['陈静', '刘洋', '王芳']);

    expect(ok(core, 'members.reveal', { id: a.id, field: 'phone' }).value).toBe('13900001111');
    const log = ok(core, 'audit.list', { entity: 'member', entityId: a.id }).rows;
    expect(log[0]).toMatchObject({ action: 'reveal', summary: expect.stringContaining('手机号') });
  });

  it('edits a member with history, and refuses to delete a liaison', () => {
    const { core, c1 } = setup();
    const m = ok(core, 'members.create', {
      name: '赵敏',
      idNumber: makeId('1985-01-09', 62),
      communityId: c1,
      category: 'employed',
    });
    ok(core, 'members.update', { id: m.id, skills: ['法律咨询', '书法'], employerName: '东城区税务局' });
    const d = ok(core, 'members.get', { id: m.id });
    expect(d.skills).toEqual(['法律咨询', '书法']);
    expect(d.employerName).toBe('东城区税务局');
    const st = ok(core, 'network.createStation', { communityId: c1, name: '一站' });
    const g = ok(core, 'network.createGroup', { stationId: st.id, name: '一组' });
    ok(core, 'network.assign', { memberId: m.id, groupId: g.id });
    expect(fails(core, 'members.delete', { id: m.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('联络员'),
    });
    ok(core, 'network.unassign', { memberId: m.id });
    ok(core, 'members.delete', { id: m.id });
    expect(ok(core, 'members.list', {}).total).toBe(0);
    // The ID can be registered again after deletion.
    ok(core, 'members.create', {
      name: '赵敏',
      idNumber: makeId('1985-01-09', 62),
      communityId: c1,
      category: 'employed',
    });
  });
});

describe('resident units', () => {
  it('checks the GB 32100 code, refuses duplicates and derives the employed count', () => {
    const { core, c1 } = setup();
    const before = snapshot(core.db);
    expect(fails(core, 'units.create', { name: '某公司', uscc: '91350100M000100Y4Z', type: 'private' })).toMatchObject({
      field: 'uscc',
      message: expect.stringContaining('GB 32100'),
    });
    expect(snapshot(core.db)).toEqual(before);
    const u = ok(core, 'units.create', {
      name: '东城区税务局',
      uscc: '91350100m000100y43',
      type: 'organ',
      communityId: c1,
      isCouncilMember: true,
      resources: [{ name: '会议室', description: '可容纳 40 人' }],
    });
    expect(u.uscc).toBe('91350100M000100Y43');
    expect(fails(core, 'units.create', { name: '重复单位', uscc: '91350100M000100Y43', type: 'other' })).toMatchObject({
      code: 'CONFLICT',
      field: 'uscc',
    });
    const m = ok(core, 'members.create', {
      name: '孙悦',
      idNumber: makeId('1988-08-08', 72),
      communityId: c1,
      category: 'employed',
      employerUnitId: u.id,
    });
    expect(ok(core, 'units.get', { id: u.id })).toMatchObject({
      employedCount: 1,
      reportedCount: 0,
      members: [{ id: m.id }],
    });
    expect(ok(core, 'units.list', { q: 'dcq' }).rows.map((r) => r.name)).toEqual(['东城区税务局']);
    expect(ok(core, 'units.list', { councilOnly: true }).total).toBe(1);
    expect(fails(core, 'units.delete', { id: u.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('1 名党员'),
    });
  });
});

describe('the three-tier liaison network', () => {
  it('builds a tree with counts, reassigns in one action and refuses deleting non-empty stations and groups', () => {
    const { core, c1, c2 } = setup();
    const ids = ['1970-01-01', '1971-02-02', '1972-03-03'].map(
      (d, i) =>
        ok(core, 'members.create', {
          name: ['甲', '乙', '丙'][i]!,
          idNumber: makeId(d, 11 + i * 2),
          communityId: c1,
          category: 'retired',
        }).id,
    );
    const s1 = ok(core, 'network.createStation', { communityId: c1, name: '东区联络站', residentialArea: '东区' });
    const s2 = ok(core, 'network.createStation', { communityId: c1, name: '西区联络站' });
    const g1 = ok(core, 'network.createGroup', { stationId: s1.id, name: '第一小组' });
    const g2 = ok(core, 'network.createGroup', { stationId: s1.id, name: '第二小组' });
    ok(core, 'network.assign', { memberId: ids[0]!, groupId: g1.id });
    ok(core, 'network.assign', { memberId: ids[1]!, groupId: g1.id });

    let tree = ok(core, 'network.tree', { communityId: c1 });
    expect(tree.counts).toEqual({ stations: 2, groups: 2, liaisons: 2, unassigned: 1 });
    expect(tree.stations[0]!.memberCount).toBe(2);
    expect(tree.unassigned.map((u) => u.id)).toEqual([ids[2]]);

    // Reassign: the old assignment ends and the new one starts in the same action.
    const pos = ok(core, 'network.assign', { memberId: ids[0]!, groupId: g2.id });
    expect(pos.groupName).toBe('第二小组');
    const rows = core.db.sqlite
      .prepare('select group_id, end_date from liaison_assignment where member_id = ? order by id')
      .all(ids[0]!);
    expect(rows).toEqual([
      { group_id: g1.id, end_date: expect.any(String) },
      { group_id: g2.id, end_date: null },
    ]);
    expect(ok(core, 'members.get', { id: ids[0]! }).liaison?.groupId).toBe(g2.id);

    // Move a group (with its liaison) to the other station.
    ok(core, 'network.updateGroup', { id: g2.id, stationId: s2.id });
    tree = ok(core, 'network.tree', { communityId: c1 });
    expect(tree.stations.find((s) => s.id === s2.id)!.memberCount).toBe(1);

    const before = snapshot(core.db);
    expect(fails(core, 'network.deleteGroup', { id: g1.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('1 名联络员'),
    });
    expect(fails(core, 'network.deleteStation', { id: s2.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('1 个联络小组、1 名联络员'),
    });
    // A member of another community cannot join; a transferred member cannot either.
    const other = ok(core, 'members.create', {
      name: '丁',
      idNumber: makeId('1966-06-06', 91),
      communityId: c2,
      category: 'retired',
    }).id;
    const snap2 = snapshot(core.db);
    expect(fails(core, 'network.assign', { memberId: other, groupId: g1.id }).field).toBe('memberId');
    expect(snapshot(core.db)).toEqual(snap2);
    void before;

    // Leaving the register ends the assignment explicitly.
    ok(core, 'members.update', { id: ids[1]!, status: 'transferred' });
    expect(ok(core, 'network.tree', { communityId: c1 }).counts.liaisons).toBe(1);
  });
});

describe('在职党员报到', () => {
  it('records a report, numbers the 登记卡 per community and year, and marks the member reported', () => {
    const { core, c1 } = setup();
    const m = ok(core, 'members.create', {
      name: '周强',
      idNumber: makeId('1982-04-04', 33),
      communityId: c1,
      category: 'employed',
      skills: ['书法'],
    });
    const r = ok(core, 'reports.create', {
      memberId: m.id,
      communityId: c1,
      reportDate: '2026-11-20',
      serviceIntent: '政策宣讲',
      skills: ['法律咨询'],
      letterReceived: true,
      letterDate: '2026-11-18',
    });
    expect(r.cardNo).toBe('110101001001-2026-0001');
    const d = ok(core, 'members.get', { id: m.id });
    expect(d.reportDate).toBe('2026-11-20');
    expect(d.skills).toEqual(['书法', '法律咨询']);
    expect(d.reports).toHaveLength(1);
    const card = ok(core, 'documents.registrationCard', { reportId: r.id });
    expect(card.html).toContain('周强');
    expect(card.html).toContain('2026年11月20日');
    expect(card.html).not.toContain(makeId('1982-04-04', 33));

    const retired = ok(core, 'members.create', {
      name: '吴刚',
      idNumber: makeId('1950-09-09', 55),
      communityId: c1,
      category: 'retired',
    });
    const before = snapshot(core.db);
    expect(
      fails(core, 'reports.create', {
        memberId: retired.id,
        communityId: c1,
        reportDate: '2026-11-20',
        letterReceived: false,
      }),
    ).toMatchObject({
      message: expect.stringContaining('在职党员'),
    });
    expect(
      fails(core, 'reports.create', {
        memberId: m.id,
        communityId: c1,
        reportDate: '2026-11-21',
        letterReceived: true,
      }),
    ).toMatchObject({
      field: 'letterDate',
    });
    expect(snapshot(core.db)).toEqual(before);
  });
});
