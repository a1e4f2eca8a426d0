// 协调议事会议 / 议定事项 through the contract (the same `invoke` path the UI uses), against real SQLite temp files:
// bodies and their defaults, meetings with attendance / agenda / decisions, the follow-up trail, the decisions board
// and the quarterly compliance grid. "Today" is the real clock: dates are built relative to it, and the grid is also
// checked through the service with a fixed today.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/api';
import { localToday } from '../../../src/core/services/agreements';
import { complianceGrid } from '../../../src/core/services/meetings';
import type { Input } from '../../../src/shared/contract';
import { fails, ok, snapshot, streetCore } from '../../helpers';

/** A valid ID number with the given sequence. */
function makeId(seq: number): string {
  const body = `11010119800101${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i]!;
  return body + '10X98765432'[s % 11]!;
}

/** Today ± n days, local time. */
function day(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return localToday(d);
}

function setup() {
  const core = streetCore('110101001');
  const [a, b, c] = ok(core, 'communities.list', {});
  const u1 = ok(core, 'units.create', {
    name: '东城区税务局',
    type: 'organ',
    communityId: a!.id,
    isCouncilMember: true,
  });
  const u2 = ok(core, 'units.create', { name: '北京市第一医院', type: 'hospital', communityId: a!.id });
  const u3 = ok(core, 'units.create', {
    name: '东城区实验小学',
    type: 'school',
    communityId: b!.id,
    isCouncilMember: true,
  });
  const m1 = ok(core, 'members.create', {
    name: '张三',
    idNumber: makeId(11),
    communityId: a!.id,
    category: 'retired',
  } as Input<'members.create'>);
  const m2 = ok(core, 'members.create', {
    name: '李四',
    idNumber: makeId(13),
    communityId: a!.id,
    category: 'retired',
  } as Input<'members.create'>);
  return { core, c1: a!, c2: b!, c3: c!, u1: u1.id, u2: u2.id, u3: u3.id, m1: m1.id, m2: m2.id };
}

function body(core: Core, communityId: number | null, name = '测试共驻共建协调议事小组') {
  return ok(core, 'meetingBodies.create', { name, kind: 'cobuild', communityId });
}

function meeting(core: Core, bodyId: number, extra: Partial<Input<'meetings.create'>> = {}) {
  return ok(core, 'meetings.create', { bodyId, date: day(-10), ...extra });
}

function auditFor(core: Core, entity: string, entityId?: number) {
  return ok(core, 'audit.list', entityId === undefined ? { entity } : { entity, entityId }).rows;
}

// ---------------------------------------------------------------------------------------------- bodies

describe('meeting bodies', () => {
  it('creates, lists, updates and deletes bodies; names are unique per community; cobuild defaults to quarterly', () => {
    const { core, c1, c2 } = setup();
    const b = body(core, c1.id);
    expect(b).toMatchObject({ kind: 'cobuild', communityId: c1.id, communityName: c1.name, frequency: 'quarterly' });
    const street = ok(core, 'meetingBodies.create', { name: '议事协商会', kind: 'consult', communityId: null });
    expect(street).toMatchObject({ communityId: null, communityName: null, frequency: 'none', memberCount: 0 });
    // Same name in another community is fine; in the same one it is refused.
    body(core, c2.id);
    const before = snapshot(core.db);
    const e = fails(core, 'meetingBodies.create', {
      name: '测试共驻共建协调议事小组',
      kind: 'consult',
      communityId: c1.id,
    });
    expect(e).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(e.message).toContain('「测试共驻共建协调议事小组」');
    expect(snapshot(core.db)).toEqual(before);

    expect(ok(core, 'meetingBodies.list', { communityId: null }).map((x) => x.id)).toEqual([street.id]);
    expect(ok(core, 'meetingBodies.list', { communityId: c1.id }).map((x) => x.id)).toEqual([b.id]);
    expect(ok(core, 'meetingBodies.list', { kind: 'cobuild' })).toHaveLength(2);

    const u = ok(core, 'meetingBodies.update', { id: b.id, frequency: 'monthly', description: '每月' });
    expect(u).toMatchObject({ frequency: 'monthly', description: '每月', name: b.name });
    expect(auditFor(core, 'meeting_body', b.id).map((r) => r.action)).toEqual(['update', 'create']);

    // Delete refused while it has meetings (and says how many); allowed once they are deleted.
    const m = meeting(core, b.id);
    meeting(core, b.id, { date: day(-3) });
    const snap = snapshot(core.db);
    const d = fails(core, 'meetingBodies.delete', { id: b.id });
    expect(d.code).toBe('CONFLICT');
    expect(d.message).toContain('2 次会议');
    expect(snapshot(core.db)).toEqual(snap);
    // Moving a body that has meetings to another community is refused too.
    expect(fails(core, 'meetingBodies.update', { id: b.id, communityId: c2.id })).toMatchObject({
      field: 'communityId',
    });
    for (const r of ok(core, 'meetings.list', { bodyId: b.id }).rows) ok(core, 'meetings.delete', { id: r.id });
    expect(m.id).toBeGreaterThan(0);
    expect(ok(core, 'meetingBodies.delete', { id: b.id })).toEqual({ deleted: true });
    expect(fails(core, 'meetingBodies.get', { id: b.id }).code).toBe('NOT_FOUND');
    // The name is free again.
    body(core, c1.id);
  });

  it('refuses a body of an unknown community, naming communityId', () => {
    const { core } = setup();
    const before = snapshot(core.db);
    expect(fails(core, 'meetingBodies.create', { name: 'x', kind: 'joint', communityId: 99999 })).toMatchObject({
      field: 'communityId',
    });
    expect(fails(core, 'meetingBodies.create', { name: ' ', kind: 'joint' }).field).toBe('name');
    expect(snapshot(core.db)).toEqual(before);
  });

  it('sets standing members (units, members, named people), refusing unknown or repeated ones', () => {
    const { core, c1, u1, u2, m1 } = setup();
    const b = body(core, c1.id);
    const d = ok(core, 'meetingBodies.setMembers', {
      bodyId: b.id,
      members: [
        { unitId: u1, personName: '王局长', role: '成员单位' },
        { memberId: m1, role: '党员代表' },
        { personName: '赵书记', role: '召集人' },
      ],
    });
    expect(d.memberCount).toBe(3);
    expect(d.members.map((x) => [x.unitName, x.memberName, x.personName, x.role])).toEqual([
      ['东城区税务局', null, '王局长', '成员单位'],
      [null, '张三', null, '党员代表'],
      [null, null, '赵书记', '召集人'],
    ]);
    const before = snapshot(core.db);
    expect(fails(core, 'meetingBodies.setMembers', { bodyId: b.id, members: [{ unitId: 99999 }] })).toMatchObject({
      field: 'members.0.unitId',
    });
    expect(
      fails(core, 'meetingBodies.setMembers', { bodyId: b.id, members: [{ unitId: u2 }, { unitId: u2 }] }),
    ).toMatchObject({ field: 'members.1', code: 'CONFLICT' });
    expect(fails(core, 'meetingBodies.setMembers', { bodyId: b.id, members: [{ role: '成员' }] })).toMatchObject({
      field: 'members.0.personName',
    });
    expect(snapshot(core.db)).toEqual(before);
    // Replace semantics.
    expect(ok(core, 'meetingBodies.setMembers', { bodyId: b.id, members: [{ unitId: u2 }] }).members).toHaveLength(1);
  });

  it('createDefaults: a street council plus one cobuild group per active community with its council units; idempotent', () => {
    const { core, c1, c2, u1, u3 } = setup();
    const communities = ok(core, 'communities.list', {});
    ok(core, 'communities.retire', { id: communities[communities.length - 1]!.id });
    const active = communities.length - 1;
    // c2 already has a cobuild body: it keeps it and gets no second one.
    const own = body(core, c2.id, '自建议事小组');
    const r = ok(core, 'meetingBodies.createDefaults', {});
    expect(r.created).toBe(1 + active - 1);
    const street = ok(core, 'meetingBodies.list', { communityId: null });
    expect(street).toHaveLength(1);
    expect(street[0]).toMatchObject({ kind: 'street_council', frequency: 'quarterly' });
    expect(street[0]!.name).toMatch(/社区党建工作协调会$/);
    const c1Bodies = ok(core, 'meetingBodies.list', { communityId: c1.id });
    expect(c1Bodies).toHaveLength(1);
    expect(c1Bodies[0]).toMatchObject({
      name: `${c1.name}共驻共建协调议事小组`,
      kind: 'cobuild',
      frequency: 'quarterly',
    });
    // Standing members: the council-member units of that community only.
    const detail = ok(core, 'meetingBodies.get', { id: c1Bodies[0]!.id });
    expect(detail.members.map((m) => m.unitId)).toEqual([u1]);
    expect(ok(core, 'meetingBodies.list', { communityId: c2.id }).map((b) => b.id)).toEqual([own.id]);
    expect(u3).toBeGreaterThan(0);
    // The retired community gets nothing.
    expect(ok(core, 'meetingBodies.list', { communityId: communities[communities.length - 1]!.id })).toHaveLength(0);
    expect(auditFor(core, 'meeting_body').some((a) => a.summary.includes(`默认会议机构 ${r.created} 个`))).toBe(true);

    const before = snapshot(core.db);
    expect(ok(core, 'meetingBodies.createDefaults', {})).toEqual({ created: 0 });
    expect(snapshot(core.db)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------- meetings

describe('meetings', () => {
  function full(s: ReturnType<typeof setup>, bodyId: number): Input<'meetings.create'> {
    return {
      bodyId,
      date: day(-20),
      startTime: '09:00',
      endTime: '11:00',
      place: '社区议事厅',
      chairName: '赵书记',
      recorderName: '钱干事',
      subject: '第二季度共驻共建协调议事会',
      attendees: [
        { memberId: s.m1, personName: '张三', attendance: 'present' },
        { unitId: s.u1, personName: '王局长', attendance: 'present' },
        { personName: '孙主任', attendance: 'observer' },
        { unitId: s.u2, personName: '周院长', attendance: 'leave', reason: '出差' },
      ],
      agendaItems: [
        { title: '通报上季度议定事项落实情况', discussion: '逐项通报。' },
        { title: '研究老旧小区停车难问题', discussion: '税务局同意开放停车位。' },
      ],
      decisions: [
        { content: '开放夜间停车位 30 个', responsibleUnitId: s.u1, deadline: day(-5), agendaIndex: 1 },
        { content: '制定停车管理公约', responsibleName: '社区居委会', deadline: day(30) },
        { content: '走访独居老人', responsibleName: '网格员' },
      ],
    };
  }

  it('creates a meeting with attendance, agenda and decisions; the community comes from the body', () => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    const m = ok(s.core, 'meetings.create', full(s, b.id));
    expect(m).toMatchObject({
      bodyId: b.id,
      bodyName: b.name,
      bodyKind: 'cobuild',
      communityId: s.c1.id,
      communityName: s.c1.name,
      presentCount: 2,
      observerCount: 1,
      leaveCount: 1,
      decisionCount: 3,
      openDecisionCount: 3,
      printedMinutes: 0,
      recorderName: '钱干事',
    });
    expect(m.attendees.map((a) => [a.personName, a.attendance, a.reason, a.unitName])).toEqual([
      ['张三', 'present', null, null],
      ['王局长', 'present', null, '东城区税务局'],
      ['孙主任', 'observer', null, null],
      ['周院长', 'leave', '出差', '北京市第一医院'],
    ]);
    expect(m.decisions[0]).toMatchObject({
      responsibleUnitName: '东城区税务局',
      agendaItemId: m.agendaItems[1]!.id,
      status: 'open',
      overdue: true,
    });
    expect(m.decisions[1]!.overdue).toBe(false);
    expect(m.decisions[2]).toMatchObject({ deadline: null, overdue: false, agendaItemId: null });
    expect(ok(s.core, 'meetings.get', { id: m.id })).toEqual(m);
    const log = auditFor(s.core, 'meeting', m.id);
    expect(log).toHaveLength(1);
    expect(log[0]!.summary).toContain(b.name);
    // The body shows it.
    expect(ok(s.core, 'meetingBodies.get', { id: b.id })).toMatchObject({ meetingCount: 1, lastMeetingDate: day(-20) });
  });

  it('allows a planned meeting in the future and lists with filters', () => {
    const s = setup();
    const b1 = body(s.core, s.c1.id);
    const b2 = ok(s.core, 'meetingBodies.create', { name: '街道协调会', kind: 'street_council' });
    const past = meeting(s.core, b1.id, { date: day(-40), subject: '停车问题协调' });
    const planned = meeting(s.core, b1.id, { date: day(20), place: '多功能厅' });
    const streetM = meeting(s.core, b2.id, { date: day(-5) });
    const ids = (q: Input<'meetings.list'>) => ok(s.core, 'meetings.list', q).rows.map((r) => r.id);
    expect(ids({})).toEqual([planned.id, streetM.id, past.id]);
    expect(ids({ communityId: null })).toEqual([streetM.id]);
    expect(ids({ communityId: s.c1.id })).toEqual([planned.id, past.id]);
    expect(ids({ bodyId: b2.id })).toEqual([streetM.id]);
    expect(ids({ from: day(-10), to: day(0) })).toEqual([streetM.id]);
    expect(ids({ q: '停车' })).toEqual([past.id]);
    expect(ids({ q: '多功能' })).toEqual([planned.id]);
    expect(ids({ q: '街道协调' })).toEqual([streetM.id]);
    expect(ok(s.core, 'meetings.list', { limit: 1, offset: 1 })).toMatchObject({ total: 3 });
  });

  type Case = [string, (s: ReturnType<typeof setup>, bodyId: number) => unknown, string, string];
  const cases: Case[] = [
    ['no date', (s, b) => ({ ...full(s, b), date: undefined }), 'date', '会议日期」不能为空'],
    ['no body', (s, b) => ({ ...full(s, b), bodyId: undefined }), 'bodyId', '「会议机构」不能为空'],
    ['unknown body', (s, b) => ({ ...full(s, b), bodyId: b + 1000 }), 'bodyId', '找不到该会议机构'],
    [
      'a person both 出席 and 请假',
      (s, b) => ({
        ...full(s, b),
        attendees: [
          { memberId: s.m1, personName: '张三', attendance: 'present' },
          { memberId: s.m1, personName: '张三', attendance: 'leave', reason: '生病' },
        ],
      }),
      'attendees.1.attendance',
      '「张三」不能既出席又请假',
    ],
    [
      'a named person both 出席 and 请假',
      (s, b) => ({
        ...full(s, b),
        attendees: [
          { personName: '孙主任', attendance: 'leave' },
          { personName: '孙主任', attendance: 'present' },
        ],
      }),
      'attendees.1.attendance',
      '不能既出席又请假',
    ],
    [
      'a decision without a responsible party',
      (s, b) => ({ ...full(s, b), decisions: [{ content: '开放停车位', deadline: day(10) }] }),
      'decisions.0.responsibleName',
      '请填写责任单位或责任人',
    ],
    [
      'a deadline before the meeting date',
      (s, b) => ({
        ...full(s, b),
        decisions: [
          { content: '甲', responsibleName: '居委会' },
          { content: '开放停车位', responsibleUnitId: s.u1, deadline: day(-21) },
        ],
      }),
      'decisions.1.deadline',
      '完成时限」完成时限不能早于会议日期',
    ],
    [
      'an unknown responsible unit',
      (s, b) => ({ ...full(s, b), decisions: [{ content: '甲', responsibleUnitId: 99999 }] }),
      'decisions.0.responsibleUnitId',
      '99999',
    ],
    [
      'an unknown attending member',
      (s, b) => ({ ...full(s, b), attendees: [{ memberId: 99999, personName: '某', attendance: 'present' }] }),
      'attendees.0.memberId',
      '找不到编号为 99999 的党员',
    ],
    [
      'an unknown attending unit',
      (s, b) => ({ ...full(s, b), attendees: [{ unitId: 99999, personName: '某', attendance: 'present' }] }),
      'attendees.0.unitId',
      '找不到编号为 99999 的单位',
    ],
    [
      'an attendee without a name',
      (s, b) => ({ ...full(s, b), attendees: [{ memberId: s.m1, personName: '', attendance: 'present' }] }),
      'attendees.0.personName',
      '「姓名」不能为空',
    ],
    [
      'a decision pointing to a missing agenda item',
      (s, b) => ({ ...full(s, b), decisions: [{ content: '甲', responsibleName: '乙', agendaIndex: 5 }] }),
      'decisions.0.agendaIndex',
      '所属议题不存在',
    ],
    ['end before start', (s, b) => ({ ...full(s, b), endTime: '08:00' }), 'endTime', '结束时间应晚于开始时间'],
  ];

  it.each(cases)('refuses %s, naming the field, writing nothing', (_name, make, field, message) => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    const before = snapshot(s.core.db);
    const e = fails(s.core, 'meetings.create', make(s, b.id));
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(snapshot(s.core.db)).toEqual(before);
  });

  it('refuses a deleted member or unit as attendee', () => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    ok(s.core, 'members.delete', { id: s.m2 });
    const before = snapshot(s.core.db);
    expect(
      fails(s.core, 'meetings.create', {
        bodyId: b.id,
        date: day(-1),
        attendees: [{ memberId: s.m2, personName: '李四', attendance: 'present' }],
      }).field,
    ).toBe('attendees.0.memberId');
    expect(snapshot(s.core.db)).toEqual(before);
  });

  it('update replaces attendees, agenda and decisions in one action; decisions sent with their id keep their trail', () => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    const m = ok(s.core, 'meetings.create', full(s, b.id));
    const [d1, d2, d3] = m.decisions;
    ok(s.core, 'decisions.addNote', { decisionId: d1!.id, date: day(-4), note: '已开放 20 个', status: 'in_progress' });
    ok(s.core, 'decisions.addNote', { decisionId: d3!.id, date: day(-3), note: '走访 10 户', status: 'in_progress' });
    const notesBefore = s.core.db.sqlite.prepare('select count(*) from decision_note').pluck().get();
    expect(notesBefore).toBe(2);

    const u = ok(s.core, 'meetings.update', {
      id: m.id,
      place: '党群服务中心',
      attendees: [{ memberId: s.m2, personName: '李四', attendance: 'present' }],
      agendaItems: [{ title: '研究停车问题（修订）' }],
      decisions: [
        { id: d1!.id, content: '开放夜间停车位 40 个', responsibleUnitId: s.u1, deadline: day(10), agendaIndex: 0 },
        { content: '新增：设置临时停车引导员', responsibleName: '社区居委会' },
      ],
    });
    expect(u.place).toBe('党群服务中心');
    expect(u.attendees.map((a) => a.personName)).toEqual(['李四']);
    expect(u.agendaItems).toEqual([{ id: m.agendaItems[0]!.id, title: '研究停车问题（修订）', discussion: null }]);
    expect(u.decisions).toHaveLength(2);
    expect(u.decisions[0]).toMatchObject({
      id: d1!.id,
      content: '开放夜间停车位 40 个',
      status: 'in_progress',
      agendaItemId: m.agendaItems[0]!.id,
      overdue: false,
    });
    expect(u.decisions[0]!.notes.map((n) => n.note)).toEqual(['已开放 20 个']);
    expect(u.decisions[1]).toMatchObject({ status: 'open', notes: [] });
    // d2 and d3 (with its note) are gone.
    const left = s.core.db.sqlite.prepare('select id from decision order by id').pluck().all();
    expect(left).not.toContain(d2!.id);
    expect(left).not.toContain(d3!.id);
    expect(s.core.db.sqlite.prepare('select count(*) from decision_note').pluck().get()).toBe(1);
    const log = auditFor(s.core, 'meeting', m.id);
    expect(log.map((r) => r.action)).toEqual(['update', 'create']);

    // Leaving lists out keeps them.
    const v = ok(s.core, 'meetings.update', { id: m.id, chairName: '新主持人' });
    expect(v.decisions.map((d) => d.id)).toEqual(u.decisions.map((d) => d.id));
    expect(v.attendees).toHaveLength(1);
  });

  it('update refusals write nothing: another meeting’s decision, a deadline before the (new) date, a bad body', () => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    const m1 = ok(s.core, 'meetings.create', full(s, b.id));
    const m2 = ok(s.core, 'meetings.create', full(s, b.id));
    const before = snapshot(s.core.db);
    const steal = fails(s.core, 'meetings.update', {
      id: m2.id,
      decisions: [{ id: m1.decisions[0]!.id, content: 'x', responsibleName: 'y' }],
    });
    expect(steal.field).toBe('decisions.0.id');
    // Deadline checked against the stored date when the date is not sent.
    expect(
      fails(s.core, 'meetings.update', {
        id: m1.id,
        decisions: [{ content: 'x', responsibleName: 'y', deadline: day(-25) }],
      }),
    ).toMatchObject({ field: 'decisions.0.deadline' });
    // Moving the date past a kept decision's deadline.
    expect(fails(s.core, 'meetings.update', { id: m1.id, date: day(-1) })).toMatchObject({ field: 'date' });
    expect(fails(s.core, 'meetings.update', { id: m1.id, bodyId: 99999 })).toMatchObject({ field: 'bodyId' });
    expect(
      fails(s.core, 'meetings.update', {
        id: m1.id,
        attendees: [
          { personName: '甲', attendance: 'present' },
          { personName: '甲', attendance: 'leave' },
        ],
      }),
    ).toMatchObject({ field: 'attendees.1.attendance' });
    expect(fails(s.core, 'meetings.update', { id: 99999 }).code).toBe('NOT_FOUND');
    expect(snapshot(s.core.db)).toEqual(before);
  });

  it('moving a meeting to another body takes that body’s community', () => {
    const s = setup();
    const b1 = body(s.core, s.c1.id);
    const b2 = body(s.core, s.c2.id);
    const m = meeting(s.core, b1.id);
    expect(ok(s.core, 'meetings.update', { id: m.id, bodyId: b2.id })).toMatchObject({ communityId: s.c2.id });
  });

  it('delete is a soft delete: the meeting and its decisions leave lists and the board', () => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    const m = ok(s.core, 'meetings.create', full(s, b.id));
    expect(ok(s.core, 'decisions.board', {}).total).toBe(3);
    expect(ok(s.core, 'meetings.delete', { id: m.id })).toEqual({ deleted: true });
    expect(ok(s.core, 'meetings.list', {}).total).toBe(0);
    expect(ok(s.core, 'decisions.board', { status: 'all' }).total).toBe(0);
    expect(fails(s.core, 'meetings.get', { id: m.id }).code).toBe('NOT_FOUND');
    expect(s.core.db.sqlite.prepare('select count(*) from decision').pluck().get()).toBe(3);
    const log = auditFor(s.core, 'meeting', m.id);
    expect(log[0]!.action).toBe('delete');
    // A note on a deleted meeting's decision is refused.
    const before = snapshot(s.core.db);
    const e = fails(s.core, 'decisions.addNote', {
      decisionId: m.decisions[0]!.id,
      date: day(0),
      note: '补记',
      status: 'done',
    });
    expect(e).toMatchObject({ code: 'CONFLICT', field: 'decisionId' });
    expect(snapshot(s.core.db)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------- decisions

describe('decisions: follow-up trail and board', () => {
  it('addNote moves the status; 已落实 sets closed_date to the note date; leaving 已落实 clears it', () => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    const m = meeting(s.core, b.id, {
      date: day(-30),
      decisions: [{ content: '修缮活动室', responsibleUnitId: s.u1, deadline: day(-2) }],
    });
    const id = m.decisions[0]!.id;
    expect(m.decisions[0]!.overdue).toBe(true);
    let d = ok(s.core, 'decisions.addNote', {
      decisionId: id,
      date: day(-20),
      note: '已进场施工',
      status: 'in_progress',
    });
    expect(d).toMatchObject({ status: 'in_progress', closedDate: null, overdue: true });
    d = ok(s.core, 'decisions.addNote', { decisionId: id, date: day(-1), note: '完工验收', status: 'done' });
    expect(d).toMatchObject({ status: 'done', closedDate: day(-1), overdue: false });
    expect(d.notes.map((n) => [n.date, n.status])).toEqual([
      [day(-20), 'in_progress'],
      [day(-1), 'done'],
    ]);
    d = ok(s.core, 'decisions.addNote', {
      decisionId: id,
      date: day(0),
      note: '发现漏水，返工',
      status: 'in_progress',
    });
    expect(d).toMatchObject({ status: 'in_progress', closedDate: null, overdue: true });
    expect(d.notes).toHaveLength(3);
    const log = auditFor(s.core, 'decision', id);
    expect(log).toHaveLength(3);
    expect(log[1]!.summary).toContain('已落实');
    expect(ok(s.core, 'meetings.get', { id: m.id }).openDecisionCount).toBe(1);
  });

  it('addNote refusals: future date, before the meeting, empty note, unknown decision — nothing written', () => {
    const s = setup();
    const b = body(s.core, s.c1.id);
    const m = meeting(s.core, b.id, { date: day(-10), decisions: [{ content: '甲', responsibleName: '乙' }] });
    const id = m.decisions[0]!.id;
    const before = snapshot(s.core.db);
    expect(
      fails(s.core, 'decisions.addNote', { decisionId: id, date: day(1), note: 'x', status: 'done' }),
    ).toMatchObject({ field: 'date' });
    const early = fails(s.core, 'decisions.addNote', { decisionId: id, date: day(-11), note: 'x', status: 'done' });
    expect(early.field).toBe('date');
    expect(early.message).toContain('不能早于会议日期');
    expect(fails(s.core, 'decisions.addNote', { decisionId: id, date: day(0), note: ' ', status: 'done' }).field).toBe(
      'note',
    );
    expect(
      fails(s.core, 'decisions.addNote', { decisionId: 99999, date: day(0), note: 'x', status: 'done' }),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'decisionId' });
    expect(snapshot(s.core.db)).toEqual(before);
  });

  it('board: open by default, overdue / done / all, filters, overdue first then deadline (nulls last) then meeting date', () => {
    const s = setup();
    const b1 = body(s.core, s.c1.id);
    const b2 = ok(s.core, 'meetingBodies.create', { name: '街道协调会', kind: 'street_council' });
    const m1 = meeting(s.core, b1.id, {
      date: day(-60),
      decisions: [
        { content: 'A 逾期较早', responsibleUnitId: s.u1, deadline: day(-30) },
        { content: 'B 无时限', responsibleName: '居委会' },
        { content: 'C 未到期', responsibleName: '物业', deadline: day(20) },
      ],
    });
    const m2 = meeting(s.core, b2.id, {
      date: day(-20),
      decisions: [
        { content: 'D 逾期较晚', responsibleName: '城管科', deadline: day(-3) },
        { content: 'E 已落实', responsibleName: '城管科', deadline: day(-10) },
        { content: 'F 无时限', responsibleName: '综治办' },
      ],
    });
    const e = m2.decisions[1]!.id;
    ok(s.core, 'decisions.addNote', { decisionId: e, date: day(-12), note: '办结', status: 'done' });
    ok(s.core, 'decisions.addNote', {
      decisionId: m1.decisions[0]!.id,
      date: day(-50),
      note: '启动',
      status: 'in_progress',
    });
    ok(s.core, 'decisions.addNote', {
      decisionId: m1.decisions[0]!.id,
      date: day(-40),
      note: '推进中',
      status: 'in_progress',
    });

    const names = (q: Input<'decisions.board'>) => ok(s.core, 'decisions.board', q).rows.map((r) => r.content[0]);
    expect(names({})).toEqual(['A', 'D', 'C', 'B', 'F']);
    expect(names({ status: 'overdue' })).toEqual(['A', 'D']);
    expect(names({ status: 'done' })).toEqual(['E']);
    expect(names({ status: 'all' })).toEqual(['A', 'D', 'E', 'C', 'B', 'F']);
    expect(names({ communityId: s.c1.id })).toEqual(['A', 'C', 'B']);
    expect(names({ communityId: null })).toEqual(['D', 'F']);
    expect(names({ bodyId: b2.id, status: 'all' })).toEqual(['D', 'E', 'F']);
    expect(names({ q: '城管' })).toEqual(['D']);
    expect(names({ q: '税务局' })).toEqual(['A']);
    const rows = ok(s.core, 'decisions.board', {}).rows;
    expect(rows[0]).toMatchObject({
      overdue: true,
      meetingDate: day(-60),
      bodyName: b1.name,
      communityName: s.c1.name,
      responsibleUnitName: '东城区税务局',
      lastNote: '推进中',
      lastNoteDate: day(-40),
      status: 'in_progress',
    });
    expect(rows[1]).toMatchObject({ communityName: null, lastNote: null });
    expect(ok(s.core, 'decisions.board', { limit: 2, offset: 1 })).toMatchObject({ total: 5 });
    expect(ok(s.core, 'decisions.board', { limit: 2, offset: 1 }).rows.map((r) => r.content[0])).toEqual(['D', 'C']);
  });
});

// ---------------------------------------------------------------------------------------------- compliance

describe('quarterly compliance grid', () => {
  it('met / missed / upcoming with a fixed today (service), per community body, with totals', () => {
    const s = setup();
    ok(s.core, 'meetingBodies.createDefaults', {});
    const bodyOf = (cid: number) => ok(s.core, 'meetingBodies.list', { communityId: cid, kind: 'cobuild' })[0]!.id;
    const b1 = bodyOf(s.c1.id);
    const b2 = bodyOf(s.c2.id);
    // c1 meets in Q1, Q2 and has one planned in Q3 after "today"; c2 meets in Q1 only; c3 has its body deleted.
    const q1 = ok(s.core, 'meetings.create', { bodyId: b1, date: '2026-03-31' });
    ok(s.core, 'meetings.create', { bodyId: b1, date: '2026-04-01' });
    const planned = ok(s.core, 'meetings.create', { bodyId: b1, date: '2026-08-20' });
    ok(s.core, 'meetings.create', { bodyId: b2, date: '2026-01-15' });
    // A deleted meeting does not count; a meeting of another year does not count.
    const gone = ok(s.core, 'meetings.create', { bodyId: b2, date: '2026-05-10' });
    ok(s.core, 'meetings.delete', { id: gone.id });
    ok(s.core, 'meetings.create', { bodyId: b2, date: '2025-12-31' });
    ok(s.core, 'meetingBodies.delete', { id: bodyOf(s.c3.id) });

    const g = complianceGrid(s.core.db, 2026, '2026-08-15');
    expect(g.today).toBe('2026-08-15');
    const row = (cid: number) => g.rows.find((r) => r.communityId === cid)!;
    expect(row(s.c1.id).bodyId).toBe(b1);
    expect(row(s.c1.id).cells.map((c) => c.state)).toEqual(['met', 'met', 'upcoming', 'upcoming']);
    expect(row(s.c1.id).cells[0]!.meetingIds).toEqual([q1.id]);
    expect(row(s.c1.id).cells[2]!.meetingIds).toEqual([planned.id]);
    expect(row(s.c2.id).cells.map((c) => c.state)).toEqual(['met', 'missed', 'upcoming', 'upcoming']);
    expect(row(s.c3.id)).toMatchObject({ bodyId: null, bodyName: null });
    expect(row(s.c3.id).cells.map((c) => c.state)).toEqual(['missed', 'missed', 'upcoming', 'upcoming']);
    const n = g.rows.length;
    const cells = g.rows.flatMap((r) => r.cells.map((c) => c.state));
    expect(g.totals).toEqual({
      met: cells.filter((c) => c === 'met').length,
      missed: cells.filter((c) => c === 'missed').length,
      upcoming: cells.filter((c) => c === 'upcoming').length,
    });
    expect(g.totals.met + g.totals.missed + g.totals.upcoming).toBe(4 * n);
    // On the last day of a quarter it is still upcoming; the day after it is missed.
    expect(
      complianceGrid(s.core.db, 2026, '2026-06-30').rows.find((r) => r.communityId === s.c2.id)!.cells[1]!.state,
    ).toBe('upcoming');
    expect(
      complianceGrid(s.core.db, 2026, '2026-07-01').rows.find((r) => r.communityId === s.c2.id)!.cells[1]!.state,
    ).toBe('missed');
    // A past year is all met or missed.
    const past = complianceGrid(s.core.db, 2025, '2026-08-15');
    expect(past.totals.upcoming).toBe(0);
    expect(past.rows.find((r) => r.communityId === s.c2.id)!.cells.map((c) => c.state)).toEqual([
      'missed',
      'missed',
      'missed',
      'met',
    ]);
  });

  it('through the contract with the real clock; retired communities are left out; quarterly non-cobuild body as fallback', () => {
    const s = setup();
    const year = Number(day(0).slice(0, 4));
    const q = Math.floor((Number(day(0).slice(5, 7)) - 1) / 3) + 1;
    const fallback = ok(s.core, 'meetingBodies.create', {
      name: '联席会',
      kind: 'joint',
      communityId: s.c1.id,
      frequency: 'quarterly',
    });
    ok(s.core, 'meetingBodies.create', { name: '协商会', kind: 'consult', communityId: s.c2.id });
    ok(s.core, 'meetings.create', { bodyId: fallback.id, date: day(0) });
    const all = ok(s.core, 'communities.list', {});
    ok(s.core, 'communities.retire', { id: all[all.length - 1]!.id });
    const g = ok(s.core, 'meetings.compliance', { year });
    expect(g.today).toBe(day(0));
    expect(g.rows).toHaveLength(all.length - 1);
    const r1 = g.rows.find((r) => r.communityId === s.c1.id)!;
    expect(r1.bodyId).toBe(fallback.id);
    expect(r1.cells[q - 1]!.state).toBe('met');
    for (const c of r1.cells.slice(q)) expect(c.state).toBe('upcoming');
    // c2's body has no required frequency: it is not the one judged.
    expect(g.rows.find((r) => r.communityId === s.c2.id)!.bodyId).toBeNull();
    expect(fails(s.core, 'meetings.compliance', { year: 1999 }).field).toBe('year');
  });
});
