// 服务活动 with participants and hours, the sign-in-sheet entry, member/unit participation, evaluations and the
// 参加社区活动情况统计表 (data + Excel), through the contract against real temp SQLite files.
import { describe, expect, it } from 'vitest';
import { callAsync } from '../../../src/core/api';
import { loadExcelJs } from '../../../src/core/excel/load';
import { todayIso } from '../../../src/shared/period';
import { fails, ok, snapshot } from '../../helpers';
import { fixture, makeId, registry, ZHANG_ID, ZHANG_MASKED } from './activity-fixtures';

function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return todayIso(d);
}

describe('service activities', () => {
  it('creates an activity with member and unit participants; get, list with counts, hours and filters', () => {
    const { core, c1, c2, u1, u2, m, acts } = fixture();
    const a2 = ok(core, 'activities.get', { id: acts.a2 });
    expect(a2).toMatchObject({
      title: '义诊进社区',
      communityId: c1,
      category: 'health',
      organizerKind: 'community',
      organizerName: a2.communityName,
      startTime: '09:00',
      endTime: '11:30',
      residentsServed: 80,
      participantCount: 3,
      memberCount: 3,
      totalHours: 6,
    });
    expect(a2.participants.map((p) => [p.name, p.hours])).toEqual([
      ['李四', 2],
      ['王五', 2.5],
      ['张三', 1.5],
    ]);
    const zhang = a2.participants.find((p) => p.memberId === m.zhang)!;
    expect(zhang).toMatchObject({ idMasked: ZHANG_MASKED, detail: '东城区税务局' });
    expect(JSON.stringify(a2)).not.toContain(ZHANG_ID);

    const a1 = ok(core, 'activities.get', { id: acts.a1 });
    expect(a1.participants.map((p) => [p.name, p.unitId, p.hours, p.role, p.detail])).toEqual([
      ['张三', null, 2, '主持人', '东城区税务局'],
      ['东城区税务局', u1, 3, null, '东城区税务局机关党委'],
    ]);
    expect(a1).toMatchObject({ participantCount: 2, memberCount: 1, totalHours: 5 });

    const all = ok(core, 'activities.list', {});
    expect(all.total).toBe(4); // a5 is deleted
    expect(all.rows.map((r) => r.id)).toEqual([acts.a4, acts.a3, acts.a2, acts.a1]); // newest first
    const a3 = all.rows.find((r) => r.id === acts.a3)!;
    expect(a3).toMatchObject({ communityId: null, communityName: null, organizerName: '东城区税务局', totalHours: 4 });

    const ids = (q: Parameters<typeof ok<'activities.list'>>[2]) =>
      ok(core, 'activities.list', q).rows.map((r) => r.id);
    expect(ids({ communityId: c1 })).toEqual([acts.a2, acts.a1]);
    expect(ids({ communityId: null })).toEqual([acts.a3]);
    expect(ids({ communityId: c2 })).toEqual([acts.a4]);
    expect(ids({ category: 'health' })).toEqual([acts.a2]);
    expect(ids({ from: '2026-07-10', to: '2026-10-05' })).toEqual([acts.a3, acts.a2]);
    expect(ids({ q: '义诊' })).toEqual([acts.a2]);
    expect(ids({ memberId: m.li })).toEqual([acts.a4, acts.a2]);
    // U1 organised a3, took part in a1 itself, and its members 张三/李四 joined a2 and a4.
    expect(ids({ unitId: u1 })).toEqual([acts.a4, acts.a3, acts.a2, acts.a1]);
    expect(ids({ unitId: u2 })).toEqual([acts.a4, acts.a3, acts.a2]);
    expect(ok(core, 'activities.list', { limit: 2, offset: 1 })).toMatchObject({ total: 4 });
    expect(ok(core, 'activities.list', { limit: 2, offset: 1 }).rows.map((r) => r.id)).toEqual([acts.a3, acts.a2]);
  });

  it('writes one audit row per action and reports the changed tables', () => {
    const { core, c1, m } = registry();
    const before = ok(core, 'audit.list', { entity: 'activity' }).total;
    const a = ok(core, 'activities.create', {
      date: '2026-11-01',
      communityId: c1,
      title: '测试',
      category: 'other',
      organizerKind: 'community',
      participants: [{ memberId: m.zhang, hours: 1 }],
    });
    const audit = ok(core, 'audit.list', { entity: 'activity', entityId: a.id });
    expect(audit.total).toBe(before + 1);
    expect(audit.rows[0]!.summary).toBe('新增服务活动「测试」（2026-11-01，参与者 1 名）');
    expect(JSON.stringify(audit.rows)).not.toContain(ZHANG_ID);
  });

  type Case = [string, Record<string, unknown>, string, string];
  const cases: Case[] = [
    ['hours 0', { participants: [{ memberId: 'ZHANG', hours: 0 }] }, 'participants.0.hours', '服务时长'],
    ['hours -1', { participants: [{ memberId: 'ZHANG', hours: -1 }] }, 'participants.0.hours', '大于 0 小时'],
    ['hours 24.5', { participants: [{ memberId: 'ZHANG', hours: 24.5 }] }, 'participants.0.hours', '不超过 24 小时'],
    ['date in the future', { date: 'TOMORROW' }, 'date', '「活动日期」不能晚于今天'],
    ['bad date', { date: '2026-02-30' }, 'date', '日期格式不正确'],
    ['no date', { date: undefined }, 'date', '活动日期」不能为空'],
    ['bad time', { startTime: '25:00' }, 'startTime', '开始时间」时间格式不正确'],
    ['end before start', { startTime: '10:00', endTime: '09:30' }, 'endTime', '结束时间」应晚于开始时间'],
    ['end equals start', { startTime: '10:00', endTime: '10:00' }, 'endTime', '应晚于开始时间'],
    [
      'participant twice',
      {
        participants: [
          { memberId: 'ZHANG', hours: 1 },
          { memberId: 'LI', hours: 1 },
          { memberId: 'ZHANG', hours: 2 },
        ],
      },
      'participants.2.memberId',
      '「张三」在本次活动中出现了不止一次',
    ],
    [
      'member and unit in one row',
      { participants: [{ memberId: 'ZHANG', unitId: 'U1', hours: 1 }] },
      'participants.0.memberId',
      '二者选一',
    ],
    ['neither member nor unit', { participants: [{ hours: 1 }] }, 'participants.0.memberId', '二者选一'],
    ['unknown member', { participants: [{ memberId: 99999, hours: 1 }] }, 'participants.0.memberId', '99999'],
    ['deleted member', { participants: [{ memberId: 'DELETED', hours: 1 }] }, 'participants.0.memberId', '找不到'],
    ['unknown unit', { participants: [{ unitId: 99999, hours: 1 }] }, 'participants.0.unitId', '单位'],
    ['unit organiser without unit', { organizerKind: 'unit' }, 'organizerUnitId', '请选择组织单位'],
    ['team organiser without team', { organizerKind: 'team' }, 'organizerTeamId', '请选择志愿服务队'],
    ['unknown team', { organizerKind: 'team', organizerTeamId: 5 }, 'organizerTeamId', '志愿服务队'],
    ['community organiser, street-wide', { communityId: null }, 'communityId', '组织方为社区时'],
    ['residents served < 0', { residentsServed: -1 }, 'residentsServed', '服务居民人数」不能为负数'],
    ['residents served 1.5', { residentsServed: 1.5 }, 'residentsServed', '整数'],
    ['empty title', { title: ' ' }, 'title', '不能为空'],
    ['unknown category', { category: '六进社区' }, 'category', '类别'],
  ];

  it.each(cases)('refuses %s naming the field, nothing written', (_name, patch, field, text) => {
    const { core, c1, u1, m } = registry();
    const deleted = ok(core, 'members.create', {
      name: '已删除',
      idNumber: makeId('1970-01-01', 99),
      communityId: c1,
      category: 'retired',
    }).id;
    ok(core, 'members.delete', { id: deleted });
    const refs: Record<string, unknown> = { ZHANG: m.zhang, LI: m.li, U1: u1, DELETED: deleted, TOMORROW: tomorrow() };
    const sub = (v: unknown): unknown =>
      typeof v === 'string' && v in refs
        ? refs[v]
        : Array.isArray(v)
          ? v.map(sub)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)]))
            : v;
    const input = sub({
      date: '2026-11-01',
      communityId: c1,
      title: '周末义务巡逻',
      category: 'peace',
      organizerKind: 'community',
      participants: [{ memberId: 'ZHANG', hours: 2 }],
      ...patch,
    });
    const before = snapshot(core.db);
    const e = fails(core, 'activities.create', input);
    expect(e.field).toBe(field);
    expect(e.message).toContain(text);
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('today is the latest date allowed; times and hours at their limits are fine', () => {
    const { core, c1, m } = registry();
    const a = ok(core, 'activities.create', {
      date: todayIso(),
      startTime: '00:00',
      endTime: '23:59',
      communityId: c1,
      title: '全天值守',
      category: 'volunteer',
      organizerKind: 'community',
      participants: [
        { memberId: m.zhang, hours: 24 },
        { memberId: m.li, hours: 0.5 },
      ],
    });
    expect(a.totalHours).toBe(24.5);
  });

  it('update replaces the participant list (kept rows keep their id), checks merged fields; soft delete', () => {
    const { core, c1, u1, m, acts } = fixture();
    const before = ok(core, 'activities.get', { id: acts.a2 });
    const liRow = before.participants.find((p) => p.memberId === m.li)!;
    const after = ok(core, 'activities.update', {
      id: acts.a2,
      title: '义诊进社区（第二场）',
      participants: [
        { memberId: m.li, hours: 2 },
        { memberId: m.wang, hours: 3, role: '志愿者' },
        { unitId: u1, hours: 4 },
        { memberId: m.sun, hours: 1 },
      ],
    });
    expect(after.title).toBe('义诊进社区（第二场）');
    expect(after.participants.map((p) => [p.name, p.hours, p.role])).toEqual([
      ['李四', 2, null],
      ['孙八', 1, null],
      ['王五', 3, '志愿者'],
      ['东城区税务局', 4, null],
    ]);
    expect(after.participants.find((p) => p.memberId === m.li)!.id).toBe(liRow.id);
    expect(after.totalHours).toBe(10);
    const audit = ok(core, 'audit.list', { entity: 'activity', entityId: acts.a2 }).rows[0]!;
    expect(audit.action).toBe('update');

    // Update without participants leaves them alone; merged time rule: new start after the stored end.
    const snap = snapshot(core.db);
    expect(fails(core, 'activities.update', { id: acts.a2, startTime: '12:00' })).toMatchObject({ field: 'endTime' });
    expect(fails(core, 'activities.update', { id: acts.a2, date: tomorrow() })).toMatchObject({ field: 'date' });
    expect(
      fails(core, 'activities.update', {
        id: acts.a2,
        participants: [
          { memberId: m.li, hours: 2 },
          { memberId: m.li, hours: 3 },
        ],
      }),
    ).toMatchObject({ field: 'participants.1.memberId', message: expect.stringContaining('李四') });
    expect(snapshot(core.db)).toEqual(snap);
    expect(ok(core, 'activities.update', { id: acts.a2, place: '社区活动室' }).participants).toHaveLength(4);

    // Moving to street-wide needs a non-community organiser.
    expect(fails(core, 'activities.update', { id: acts.a2, communityId: null })).toMatchObject({
      field: 'communityId',
    });
    const moved = ok(core, 'activities.update', {
      id: acts.a2,
      communityId: null,
      organizerKind: 'unit',
      organizerUnitId: u1,
    });
    expect(moved).toMatchObject({ communityId: null, organizerName: '东城区税务局' });
    ok(core, 'activities.update', { id: acts.a2, communityId: c1, organizerKind: 'community' });
    expect(ok(core, 'activities.get', { id: acts.a2 }).organizerUnitId).toBeNull();

    expect(ok(core, 'activities.delete', { id: acts.a2 })).toEqual({ deleted: true });
    expect(fails(core, 'activities.get', { id: acts.a2 }).code).toBe('NOT_FOUND');
    expect(ok(core, 'activities.list', {}).rows.map((r) => r.id)).not.toContain(acts.a2);
    expect(ok(core, 'members.activities', { memberId: m.li }).rows.map((r) => r.activityId)).toEqual([acts.a4]);
    expect(fails(core, 'activities.update', { id: acts.a2, title: 'x' }).code).toBe('NOT_FOUND');
  });

  it('sign-in sheet: 30 members at once with the same hours; already listed members refused by name', () => {
    const { core, c1, m } = registry();
    const people = Array.from(
      { length: 30 },
      (_, i) =>
        ok(core, 'members.create', {
          name: `党员${String(i + 1).padStart(2, '0')}`,
          idNumber: makeId('1970-01-01', 100 + i),
          communityId: c1,
          category: 'retired',
        }).id,
    );
    const a = ok(core, 'activities.create', {
      date: '2026-11-15',
      communityId: c1,
      title: '垃圾分类宣传',
      category: 'environment',
      organizerKind: 'community',
      participants: [{ memberId: m.zhang, hours: 3, role: '组长' }],
    });
    const after = ok(core, 'activities.addParticipants', {
      activityId: a.id,
      memberIds: people,
      hours: 2,
      role: '志愿者',
    });
    expect(after.participantCount).toBe(31);
    expect(after.totalHours).toBe(63);
    expect(after.participants.filter((p) => p.role === '志愿者' && p.hours === 2)).toHaveLength(30);

    const snap = snapshot(core.db);
    const e = fails(core, 'activities.addParticipants', {
      activityId: a.id,
      memberIds: [m.li, m.zhang, people[3]!],
      hours: 2,
    });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('「张三」、「党员04」已是本次活动的参与者');
    expect(e.field).toBe('memberIds.1');
    expect(
      fails(core, 'activities.addParticipants', { activityId: a.id, memberIds: [m.li, m.li], hours: 1 }),
    ).toMatchObject({ field: 'participants.1.memberId', message: expect.stringContaining('「李四」') });
    expect(fails(core, 'activities.addParticipants', { activityId: a.id, memberIds: [m.li], hours: 25 })).toMatchObject(
      {
        field: 'hours',
      },
    );
    expect(fails(core, 'activities.addParticipants', { activityId: a.id, memberIds: [], hours: 1 }).field).toBe(
      'memberIds',
    );
    expect(fails(core, 'activities.addParticipants', { activityId: 999, memberIds: [m.li], hours: 1 }).code).toBe(
      'NOT_FOUND',
    );
    expect(snapshot(core.db)).toEqual(snap);

    // Edit one exception, then remove one.
    const row = after.participants.find((p) => p.memberId === people[0])!;
    expect(fails(core, 'activities.updateParticipant', { id: row.id, hours: 0 }).field).toBe('hours');
    expect(snapshot(core.db)).toEqual(snap);
    const edited = ok(core, 'activities.updateParticipant', { id: row.id, hours: 4.5, role: '摄影' });
    expect(edited.participants.find((p) => p.id === row.id)).toMatchObject({ hours: 4.5, role: '摄影' });
    expect(edited.totalHours).toBe(65.5);
    expect(ok(core, 'activities.removeParticipant', { id: row.id })).toEqual({ deleted: true });
    expect(ok(core, 'activities.get', { id: a.id })).toMatchObject({ participantCount: 30, totalHours: 61 });
    expect(fails(core, 'activities.removeParticipant', { id: row.id }).code).toBe('NOT_FOUND');
    const audit = ok(core, 'audit.list', { entity: 'activity_participant' }).rows.map((r) => r.summary);
    expect(audit).toEqual([
      '从服务活动「垃圾分类宣传」中移除「党员01」',
      '修改服务活动「垃圾分类宣传」中「党员01」的参与记录',
    ]);
  });
});

describe('participation figures', () => {
  it("a member's activities and total hours, by period", () => {
    const { core, m, acts } = fixture();
    const all = ok(core, 'members.activities', { memberId: m.zhang });
    expect(all).toMatchObject({ count: 3, totalHours: 6.5 });
    expect(all.rows.map((r) => [r.activityId, r.hours])).toEqual([
      [acts.a3, 3],
      [acts.a2, 1.5],
      [acts.a1, 2],
    ]);
    expect(ok(core, 'members.activities', { memberId: m.zhang, period: '2026H2' })).toMatchObject({
      count: 2,
      totalHours: 4.5,
    });
    expect(ok(core, 'members.activities', { memberId: m.zhang, period: '2026-11' })).toMatchObject({
      count: 0,
      totalHours: 0,
    });
    expect(fails(core, 'members.activities', { memberId: m.zhang, period: '2026Q5' })).toMatchObject({
      field: 'period',
      message: expect.stringContaining('统计期间'),
    });
  });

  it("a unit's members' participation", () => {
    const { core, u1, u2, m } = fixture();
    const p = ok(core, 'units.participation', { unitId: u1, period: '2026' });
    expect(p.rows.map((r) => [r.name, r.activities, r.hours])).toEqual([
      ['李四', 2, 6],
      ['张三', 3, 6.5],
    ]);
    expect(p.totals).toEqual({ members: 2, activeMembers: 2, activities: 5, hours: 12.5 });
    expect(p).toMatchObject({ unitActivities: 1, unitHours: 3, from: '2026-01-01', to: '2026-12-31' });
    const q4 = ok(core, 'units.participation', { unitId: u2, period: '2026Q4' });
    expect(q4.rows.map((r) => [r.memberId, r.activities, r.hours])).toEqual([
      [m.qian, 1, 2],
      [m.wang, 1, 1],
    ]);
    expect(fails(core, 'units.participation', { unitId: 999 }).code).toBe('NOT_FOUND');
  });

  it.each([
    // period, [name, activities, hours, posts] rows in pinyin order, totals
    [
      '2026',
      [
        ['李四', 2, 6, ''],
        ['孙八', 0, 0, ''],
        ['王五', 2, 3.5, ''],
        ['张三', 3, 6.5, '政策宣讲员、治安巡逻'],
      ],
      { members: 4, activeMembers: 3, activities: 7, hours: 16, withPosts: 1 },
    ],
    [
      '2026H2',
      [
        ['李四', 2, 6, ''],
        ['孙八', 0, 0, ''],
        ['王五', 2, 3.5, ''],
        ['张三', 2, 4.5, '政策宣讲员、治安巡逻'],
      ],
      { members: 4, activeMembers: 3, activities: 6, hours: 14, withPosts: 1 },
    ],
    [
      '2026H1', // 李四 reported on 2026-08-15: not yet in the table
      [
        ['孙八', 0, 0, ''],
        ['王五', 0, 0, ''],
        ['张三', 1, 2, '政策宣讲员'],
      ],
      { members: 3, activeMembers: 1, activities: 1, hours: 2, withPosts: 1 },
    ],
    [
      '2026Q4',
      [
        ['李四', 1, 4, ''],
        ['孙八', 0, 0, ''],
        ['王五', 1, 1, ''],
        ['张三', 1, 3, '政策宣讲员、治安巡逻'],
      ],
      { members: 4, activeMembers: 3, activities: 3, hours: 8, withPosts: 1 },
    ],
    [
      '2026-11', // a5 (张三 5 h) was deleted
      [
        ['李四', 1, 4, ''],
        ['孙八', 0, 0, ''],
        ['王五', 0, 0, ''],
        ['张三', 0, 0, '政策宣讲员、治安巡逻'],
      ],
      { members: 4, activeMembers: 1, activities: 1, hours: 4, withPosts: 1 },
    ],
  ] as const)('统计表 for %s matches the hand-computed figures', (period, rows, totals) => {
    const { core, c1 } = fixture();
    const t = ok(core, 'reports.participation', { communityId: c1, period });
    expect(t.rows.map((r) => [r.name, r.activities, r.hours, r.posts.join('、')])).toEqual(rows);
    expect(t.totals).toEqual(totals);
    expect(t.streetName).toBe('东城区东华门街道');
    expect(JSON.stringify(t)).not.toContain(ZHANG_ID);
    const zhang = t.rows.find((r) => r.name === '张三')!;
    expect(zhang).toMatchObject({
      idMasked: ZHANG_MASKED,
      employerName: '东城区税务局',
      employerPartyOrg: '东城区税务局机关党委',
      reportDate: '2026-03-01',
    });
    expect(t.rows.find((r) => r.name === '孙八')).toMatchObject({
      employerName: '北京某某律师事务所',
      reportDate: '2026-02-01',
    });
  });

  it('the 统计表 of the other community holds who reported there; bad periods are refused', () => {
    const { core, c2 } = fixture();
    const t = ok(core, 'reports.participation', { communityId: c2, period: '2026q4' });
    expect(t).toMatchObject({ period: '2026Q4', periodLabel: '2026年第四季度', from: '2026-10-01', to: '2026-12-31' });
    expect(t.rows.map((r) => [r.name, r.activities, r.hours])).toEqual([['钱七', 1, 2]]);
    for (const period of ['2026Q5', '26', '2026-13', '']) {
      expect(fails(core, 'reports.participation', { communityId: c2, period })).toMatchObject({
        code: 'VALIDATION',
        field: 'period',
        message: expect.stringContaining('2026H2'),
      });
    }
    expect(fails(core, 'reports.participation', { communityId: 999, period: '2026' }).code).toBe('NOT_FOUND');
  });

  it('exports the 统计表 to Excel: title, period, date written, header, rows and totals', async () => {
    const { core, c1 } = fixture();
    const f = await callAsync(core, 'excel.exportParticipation', { communityId: c1, period: '2026Q4' });
    const t = ok(core, 'reports.participation', { communityId: c1, period: '2026Q4' });
    expect(f.fileName).toBe(`参加社区活动情况统计表-${t.communityName}-2026Q4.xlsx`);
    const ExcelJs = await loadExcelJs();
    const wb = new ExcelJs.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(ws.getCell('A1').value).toBe(`东城区东华门街道${t.communityName}参加社区活动情况统计表（2026年第四季度）`);
    expect(String(ws.getCell('A2').value)).toContain('2026年10月1日至2026年12月31日');
    const d = todayIso();
    expect(ws.getCell('F2').value).toBe(
      `填表日期：${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`,
    );
    expect(row(3)).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '工作单位',
      '报到日期',
      '参加活动（次）',
      '服务时长（小时）',
      '认领服务岗位',
    ]);
    expect(row(4)).toEqual([
      1,
      '李四',
      expect.stringMatching(/^110101\*{8}\d{3}[\dX]$/),
      '东城区税务局',
      '2026-08-15',
      1,
      4,
      '',
    ]);
    expect(row(7)).toEqual([4, '张三', ZHANG_MASKED, '东城区税务局', '2026-03-01', 1, 3, '政策宣讲员、治安巡逻']);
    expect(row(8)).toEqual(['合计', '合计', '4 人', '', '', 3, 8, '1 人']);
    expect(Buffer.from(f.base64, 'base64').toString('latin1')).not.toContain(ZHANG_ID);

    const all = await callAsync(core, 'excel.exportParticipation', { period: '2026' });
    const wb2 = new ExcelJs.Workbook();
    await wb2.xlsx.load(Buffer.from(all.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb2.worksheets.length).toBe(ok(core, 'communities.list', {}).length);
    expect(all.fileName).toBe('参加社区活动情况统计表-全部社区-2026.xlsx');
  });
});

describe('evaluations', () => {
  it('lists the reported 在职党员 with their half-year figures, saves a batch, upserts', () => {
    const { core, c1, m } = fixture();
    const list = ok(core, 'evaluations.list', { communityId: c1, period: '2026H2' });
    expect(list.rows.map((r) => [r.name, r.activities, r.hours, r.grade])).toEqual([
      ['李四', 2, 6, null],
      ['孙八', 0, 0, null],
      ['王五', 2, 3.5, null],
      ['张三', 2, 4.5, null],
    ]);
    expect(list.counts).toEqual({ excellent: 0, qualified: 0, basic: 0, unqualified: 0, none: 4 });
    const saved = ok(core, 'evaluations.save', {
      communityId: c1,
      period: '2026H2',
      items: [
        { memberId: m.zhang, grade: 'excellent', comment: '积极参加社区活动，带头认领岗位。' },
        { memberId: m.li, grade: 'qualified' },
        { memberId: m.sun, grade: 'unqualified', comment: '本期未参加活动。' },
      ],
    });
    expect(saved.counts).toEqual({ excellent: 1, qualified: 1, basic: 0, unqualified: 1, none: 1 });
    expect(saved.rows.find((r) => r.memberId === m.zhang)).toMatchObject({
      grade: 'excellent',
      comment: '积极参加社区活动，带头认领岗位。',
    });
    const again = ok(core, 'evaluations.save', {
      communityId: c1,
      period: '2026H2',
      items: [
        { memberId: m.li, grade: 'basic', comment: '' },
        { memberId: m.zhang, grade: 'excellent', comment: '积极参加社区活动，带头认领岗位。' },
      ],
    });
    expect(again.counts).toEqual({ excellent: 1, qualified: 0, basic: 1, unqualified: 1, none: 1 });
    expect(core.db.sqlite.prepare('select count(*) from member_evaluation').pluck().get()).toBe(3);
    const audit = ok(core, 'audit.list', { entity: 'member_evaluation' }).rows;
    expect(audit.map((r) => r.summary)).toEqual([
      `评价「${list.communityName}」2026年下半年在职党员 1 名`, // unchanged 张三 not rewritten
      `评价「${list.communityName}」2026年下半年在职党员 3 名`,
    ]);
    // Another half-year is separate.
    expect(ok(core, 'evaluations.list', { communityId: c1, period: '2026H1' }).counts.none).toBe(3);
  });

  it.each([
    [
      'a grade outside the four',
      [{ memberId: 'ZHANG', grade: '良好' }],
      'items.0.grade',
      '评价等次」评价等次应为 优秀、合格、基本合格、不合格 之一',
    ],
    [
      'the second item bad (nothing of the first written)',
      [
        { memberId: 'ZHANG', grade: 'excellent' },
        { memberId: 'LI', grade: 'good' },
      ],
      'items.1.grade',
      '优秀、合格、基本合格、不合格',
    ],
    [
      'a member twice',
      [
        { memberId: 'ZHANG', grade: 'excellent' },
        { memberId: 'ZHANG', grade: 'qualified' },
      ],
      'items.1.memberId',
      '「张三」在本批评价中出现了不止一次',
    ],
    ['a retired member', [{ memberId: 'ZHAO', grade: 'qualified' }], 'items.0.memberId', '「赵六」不是已向'],
    ['a member reported elsewhere', [{ memberId: 'QIAN', grade: 'qualified' }], 'items.0.memberId', '「钱七」'],
    ['an unknown member', [{ memberId: 4242, grade: 'qualified' }], 'items.0.memberId', '4242'],
    ['an empty batch', [], 'items', '评价'],
    [
      'a comment too long',
      [{ memberId: 'ZHANG', grade: 'qualified', comment: '好'.repeat(201) }],
      'items.0.comment',
      '200',
    ],
  ])('refuses %s, nothing written', (_name, items, field, text) => {
    const { core, c1, m } = fixture();
    const refs: Record<string, number> = { ZHANG: m.zhang, LI: m.li, ZHAO: m.zhao, QIAN: m.qian };
    const before = snapshot(core.db);
    const e = fails(core, 'evaluations.save', {
      communityId: c1,
      period: '2026H2',
      items: (items as { memberId: unknown }[]).map((i) => ({
        ...i,
        memberId: typeof i.memberId === 'string' ? refs[i.memberId] : i.memberId,
      })),
    });
    expect(e.field).toBe(field);
    expect(e.message).toContain(text);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('evaluations go by half-year', () => {
    const { core, c1, m } = fixture();
    const before = snapshot(core.db);
    for (const period of ['2026Q4', '2026', '2026-11']) {
      expect(
        fails(core, 'evaluations.save', {
          communityId: c1,
          period,
          items: [{ memberId: m.zhang, grade: 'excellent' }],
        }),
      ).toMatchObject({ field: 'period', message: expect.stringContaining('半年') });
    }
    expect(snapshot(core.db)).toEqual(before);
  });
});
