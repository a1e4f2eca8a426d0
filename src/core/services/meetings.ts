// 协调议事会议: meetings of a body with attendance (出席 / 列席 / 请假), agenda items with discussion and 议定事项
// (decisions) followed up by dated notes until 已落实; the decisions board across all meetings; and the quarterly
// compliance grid (communities × quarters: met / missed / upcoming). A decision is overdue when its deadline is
// before today (the office's local date) and it is not 已落实. Meetings are soft-deleted: their decisions leave the
// board with them.
import type {
  ComplianceGridT,
  DecisionBoardRowT,
  DecisionT,
  MeetingDetailT,
  MeetingRowT,
  ParsedInput,
} from '../../shared/contract';
import { DECISION_STATUS_LABELS, type AttendanceKind, type DecisionStatus } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { MEETING } from '../../shared/messages';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { fieldError, localToday, nul } from './agreements';
import { bodyRow } from './meeting-bodies';

// ---------------------------------------------------------------------------------------------- reading

const MEETING_SELECT = `
  select m.id, m.body_id as bodyId, b.name as bodyName, b.kind as bodyKind, m.community_id as communityId,
         c.name as communityName, m.date, m.start_time as startTime, m.end_time as endTime, m.place,
         m.chair_name as chairName, m.subject, m.recorder_name as recorderName, m.updated_at as updatedAt,
         (select count(*) from meeting_attendee a where a.meeting_id = m.id and a.attendance = 'present') as presentCount,
         (select count(*) from meeting_attendee a where a.meeting_id = m.id and a.attendance = 'observer') as observerCount,
         (select count(*) from meeting_attendee a where a.meeting_id = m.id and a.attendance = 'leave') as leaveCount,
         (select count(*) from decision d where d.meeting_id = m.id) as decisionCount,
         (select count(*) from decision d where d.meeting_id = m.id and d.status != 'done') as openDecisionCount,
         (select count(*) from meeting_minutes x where x.meeting_id = m.id and x.printed_at is not null) as printedMinutes
  from meeting m join meeting_body b on b.id = m.body_id left join community c on c.id = m.community_id`;

type RawMeeting = MeetingRowT & { recorderName: string | null; updatedAt: string };

function toRow(r: RawMeeting): MeetingRowT {
  const { recorderName: _r, updatedAt: _u, ...row } = r;
  return row;
}

export function listMeetings(
  db: StreetGridDb,
  q: ParsedInput<'meetings.list'>,
): { rows: MeetingRowT[]; total: number } {
  const conds = ['m.deleted_at is null'];
  const params: unknown[] = [];
  if (q.bodyId !== undefined) {
    conds.push('m.body_id = ?');
    params.push(q.bodyId);
  }
  if (q.communityId === null) conds.push('m.community_id is null');
  else if (q.communityId !== undefined) {
    conds.push('m.community_id = ?');
    params.push(q.communityId);
  }
  if (q.from) {
    conds.push('m.date >= ?');
    params.push(q.from);
  }
  if (q.to) {
    conds.push('m.date <= ?');
    params.push(q.to);
  }
  const text = (q.q ?? '').trim();
  if (text) {
    conds.push(
      "(instr(coalesce(m.subject, ''), ?) > 0 or instr(coalesce(m.place, ''), ?) > 0 or instr(b.name, ?) > 0)",
    );
    params.push(text, text, text);
  }
  const where = conds.join(' and ');
  const rows = db.sqlite
    .prepare(`${MEETING_SELECT} where ${where} order by m.date desc, m.start_time desc, m.id desc limit ? offset ?`)
    .all(...params, q.limit ?? 100, q.offset ?? 0) as RawMeeting[];
  const total = db.sqlite
    .prepare(`select count(*) from meeting m join meeting_body b on b.id = m.body_id where ${where}`)
    .pluck()
    .get(...params) as number;
  return { rows: rows.map(toRow), total };
}

function loadMeeting(db: StreetGridDb, id: number, field = 'id'): RawMeeting {
  const r = db.sqlite.prepare(`${MEETING_SELECT} where m.id = ? and m.deleted_at is null`).get(id) as
    RawMeeting | undefined;
  if (!r) throw new AppError('NOT_FOUND', MEETING.meetingNotFound, { field });
  return r;
}

const DECISION_SELECT = `
  select d.id, d.meeting_id as meetingId, d.agenda_item_id as agendaItemId, d.content,
         d.responsible_unit_id as responsibleUnitId, u.name as responsibleUnitName, d.responsible_name as responsibleName,
         d.deadline, d.status, d.closed_date as closedDate
  from decision d left join unit u on u.id = d.responsible_unit_id`;

type RawDecision = Omit<DecisionT, 'overdue' | 'notes'>;

export function isOverdue(d: { status: DecisionStatus; deadline: string | null }, today: string): boolean {
  return d.status !== 'done' && d.deadline !== null && d.deadline < today;
}

function notesOf(db: StreetGridDb, decisionIds: readonly number[]): Map<number, DecisionT['notes']> {
  const out = new Map<number, DecisionT['notes']>(decisionIds.map((id) => [id, []]));
  if (decisionIds.length === 0) return out;
  const rows = db.sqlite
    .prepare(
      `select id, decision_id as decisionId, date, note, status, created_at as createdAt from decision_note
       where decision_id in (select value from json_each(?)) order by date, id`,
    )
    .all(JSON.stringify(decisionIds)) as (DecisionT['notes'][number] & { decisionId: number })[];
  for (const { decisionId, ...n } of rows) out.get(decisionId)?.push(n);
  return out;
}

function decisionsOf(db: StreetGridDb, meetingId: number, today: string): DecisionT[] {
  const raw = db.sqlite
    .prepare(`${DECISION_SELECT} where d.meeting_id = ? order by d.sort_order, d.id`)
    .all(meetingId) as RawDecision[];
  const notes = notesOf(
    db,
    raw.map((d) => d.id),
  );
  return raw.map((d) => ({ ...d, overdue: isOverdue(d, today), notes: notes.get(d.id) ?? [] }));
}

export function getMeeting(db: StreetGridDb, id: number, today = localToday()): MeetingDetailT {
  const r = loadMeeting(db, id);
  const attendees = db.sqlite
    .prepare(
      `select a.id, a.member_id as memberId, a.unit_id as unitId, u.name as unitName, a.person_name as personName,
              a.attendance, a.reason
       from meeting_attendee a left join unit u on u.id = a.unit_id where a.meeting_id = ? order by a.sort_order, a.id`,
    )
    .all(id) as MeetingDetailT['attendees'];
  const agendaItems = db.sqlite
    .prepare('select id, title, discussion from agenda_item where meeting_id = ? order by sort_order, id')
    .all(id) as MeetingDetailT['agendaItems'];
  return {
    ...toRow(r),
    recorderName: r.recorderName,
    updatedAt: r.updatedAt,
    attendees,
    agendaItems,
    decisions: decisionsOf(db, id, today),
  };
}

function decisionRow(db: StreetGridDb, id: number, today: string): DecisionT & { meetingDeleted: boolean } {
  const r = db.sqlite
    .prepare(
      `${DECISION_SELECT.replace('from decision d', 'from decision d join meeting mt on mt.id = d.meeting_id').replace(
        'd.closed_date as closedDate',
        'd.closed_date as closedDate, mt.deleted_at is not null as meetingDeleted',
      )}
       where d.id = ?`,
    )
    .get(id) as (RawDecision & { meetingDeleted: number }) | undefined;
  if (!r) throw new AppError('NOT_FOUND', MEETING.decisionNotFound, { field: 'decisionId' });
  const notes = notesOf(db, [id]).get(id) ?? [];
  return { ...r, meetingDeleted: r.meetingDeleted === 1, overdue: isOverdue(r, today), notes };
}

// ---------------------------------------------------------------------------------------------- validation

type MeetingIn = ParsedInput<'meetings.create'>;
type AttendeeIn = NonNullable<MeetingIn['attendees']>[number];
type DecisionIn = NonNullable<MeetingIn['decisions']>[number];
type AgendaIn = NonNullable<MeetingIn['agendaItems']>[number];

interface AttendeeRec {
  memberId: number | null;
  unitId: number | null;
  personName: string;
  attendance: AttendanceKind;
  reason: string | null;
}

function resolveAttendees(db: StreetGridDb, list: readonly AttendeeIn[]): AttendeeRec[] {
  const member = db.sqlite.prepare('select 1 from member where id = ? and deleted_at is null').pluck();
  const unit = db.sqlite.prepare('select 1 from unit where id = ? and deleted_at is null').pluck();
  return list.map((a, i) => {
    const memberId = a.memberId ?? null;
    const unitId = a.unitId ?? null;
    if (memberId !== null && !member.get(memberId))
      throw fieldError(`attendees.${i}.memberId`, MEETING.memberMissing(memberId));
    if (unitId !== null && !unit.get(unitId)) throw fieldError(`attendees.${i}.unitId`, MEETING.unitMissing(unitId));
    return { memberId, unitId, personName: a.personName, attendance: a.attendance, reason: nul(a.reason) };
  });
}

interface DecisionRec {
  id: number | null;
  content: string;
  responsibleUnitId: number | null;
  responsibleName: string | null;
  deadline: string | null;
  agendaIndex: number | null;
}

/**
 * Responsible units exist (a unit deleted since stays acceptable on a decision that already names it), decisions sent
 * with an id belong to this meeting and appear once, deadlines are not before the meeting date.
 */
function resolveDecisions(
  db: StreetGridDb,
  list: readonly DecisionIn[],
  meetingId: number | null,
  date: string,
): DecisionRec[] {
  const unit = db.sqlite.prepare('select 1 from unit where id = ? and deleted_at is null').pluck();
  const existing = db.sqlite.prepare(
    'select meeting_id as meetingId, responsible_unit_id as unitId from decision where id = ?',
  );
  const seen = new Set<number>();
  return list.map((d, i) => {
    const unitId = d.responsibleUnitId ?? null;
    let old: { meetingId: number; unitId: number | null } | undefined;
    if (d.id !== undefined) {
      old = existing.get(d.id) as typeof old;
      if (!old || old.meetingId !== meetingId)
        throw fieldError(`decisions.${i}.id`, MEETING.decisionNotInMeeting(d.id), 'CONFLICT');
      if (seen.has(d.id)) throw fieldError(`decisions.${i}.id`, MEETING.decisionTwice(d.id), 'CONFLICT');
      seen.add(d.id);
    }
    if (unitId !== null && unitId !== old?.unitId && !unit.get(unitId))
      throw fieldError(`decisions.${i}.responsibleUnitId`, MEETING.unitMissing(unitId));
    const deadline = d.deadline ?? null;
    if (deadline !== null && deadline < date)
      throw fieldError(`decisions.${i}.deadline`, MEETING.deadlineBeforeMeeting);
    return {
      id: d.id ?? null,
      content: d.content,
      responsibleUnitId: unitId,
      responsibleName: nul(d.responsibleName),
      deadline,
      agendaIndex: d.agendaIndex ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------- writing children

function insertAttendees(ctx: ActionCtx, meetingId: number, list: readonly AttendeeRec[]): void {
  const ins = ctx.db.sqlite.prepare(
    `insert into meeting_attendee (meeting_id, member_id, unit_id, person_name, attendance, reason, sort_order, created_at,
       updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  list.forEach((a, i) =>
    ins.run(meetingId, a.memberId, a.unitId, a.personName, a.attendance, a.reason, i + 1, ctx.now, ctx.now, ctx.seq()),
  );
}

/** Agenda items updated in place by position (their ids, and the decisions linked to them, stay). */
function writeAgenda(ctx: ActionCtx, meetingId: number, list: readonly AgendaIn[]): number[] {
  const db = ctx.db.sqlite;
  const current = db
    .prepare('select id from agenda_item where meeting_id = ? order by sort_order, id')
    .pluck()
    .all(meetingId) as number[];
  const upd = db.prepare(
    'update agenda_item set title = ?, discussion = ?, sort_order = ?, updated_at = ?, change_seq = ? where id = ?',
  );
  const ins = db.prepare(
    `insert into agenda_item (meeting_id, title, discussion, sort_order, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const del = db.prepare('delete from agenda_item where id = ?');
  const ids = list.map((a, i) => {
    const old = current[i];
    if (old !== undefined) {
      upd.run(a.title, nul(a.discussion), i + 1, ctx.now, ctx.seq(), old);
      return old;
    }
    return Number(ins.run(meetingId, a.title, nul(a.discussion), i + 1, ctx.now, ctx.now, ctx.seq()).lastInsertRowid);
  });
  for (const gone of current.slice(list.length)) del.run(gone);
  return ids;
}

/** Decisions sent with their id keep their row (status, closed date, notes); the others not sent are deleted. */
function writeDecisions(ctx: ActionCtx, meetingId: number, list: readonly DecisionRec[], agendaIds: readonly number[]) {
  const db = ctx.db.sqlite;
  const keep = new Set(list.flatMap((d) => (d.id !== null ? [d.id] : [])));
  const current = db.prepare('select id from decision where meeting_id = ?').pluck().all(meetingId) as number[];
  const del = db.prepare('delete from decision where id = ?');
  for (const id of current) if (!keep.has(id)) del.run(id);
  const upd = db.prepare(
    `update decision set content = ?, responsible_unit_id = ?, responsible_name = ?, deadline = ?, agenda_item_id = ?,
       sort_order = ?, updated_at = ?, change_seq = ? where id = ?`,
  );
  const ins = db.prepare(
    `insert into decision (meeting_id, agenda_item_id, content, responsible_unit_id, responsible_name, deadline, status,
       closed_date, sort_order, created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, 'open', null, ?, ?, ?, ?)`,
  );
  list.forEach((d, i) => {
    const agendaItemId = d.agendaIndex !== null ? (agendaIds[d.agendaIndex] ?? null) : null;
    if (d.id !== null)
      upd.run(
        d.content,
        d.responsibleUnitId,
        d.responsibleName,
        d.deadline,
        agendaItemId,
        i + 1,
        ctx.now,
        ctx.seq(),
        d.id,
      );
    else
      ins.run(
        meetingId,
        agendaItemId,
        d.content,
        d.responsibleUnitId,
        d.responsibleName,
        d.deadline,
        i + 1,
        ctx.now,
        ctx.now,
        ctx.seq(),
      );
  });
}

/** The meeting as the audit log keeps it (the trail of each decision is its own history). */
function auditShape(m: MeetingDetailT) {
  return {
    ...m,
    decisions: m.decisions.map(({ notes: _n, overdue: _o, ...d }) => d),
  };
}

// ---------------------------------------------------------------------------------------------- meetings

export function createMeeting(ctx: ActionCtx, input: ParsedInput<'meetings.create'>): MeetingDetailT {
  const body = bodyRow(ctx.db, input.bodyId, 'bodyId');
  const attendees = resolveAttendees(ctx.db, input.attendees ?? []);
  const decisions = resolveDecisions(ctx.db, input.decisions ?? [], null, input.date);
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into meeting (body_id, community_id, date, start_time, end_time, place, chair_name, recorder_name, subject,
           created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        body.id,
        body.communityId,
        input.date,
        nul(input.startTime),
        nul(input.endTime),
        nul(input.place),
        nul(input.chairName),
        nul(input.recorderName),
        nul(input.subject),
        ctx.now,
        ctx.now,
        ctx.seq(),
      ).lastInsertRowid,
  );
  insertAttendees(ctx, id, attendees);
  const agendaIds = writeAgenda(ctx, id, input.agendaItems ?? []);
  writeDecisions(ctx, id, decisions, agendaIds);
  const after = getMeeting(ctx.db, id);
  ctx.audit({
    action: 'create',
    entity: 'meeting',
    entityId: id,
    summary: MEETING.auditMeetingCreate(body.name, input.date),
    after: auditShape(after),
  });
  ctx.touch('meeting', 'meeting_attendee', 'agenda_item', 'decision');
  return after;
}

export function updateMeeting(ctx: ActionCtx, input: ParsedInput<'meetings.update'>): MeetingDetailT {
  const before = getMeeting(ctx.db, input.id);
  const body =
    input.bodyId !== undefined ? bodyRow(ctx.db, input.bodyId, 'bodyId') : bodyRow(ctx.db, before.bodyId, 'bodyId');
  const date = input.date ?? before.date;
  const startTime = input.startTime === undefined ? before.startTime : nul(input.startTime);
  const endTime = input.endTime === undefined ? before.endTime : nul(input.endTime);
  if (startTime && endTime && endTime <= startTime) throw fieldError('endTime', MEETING.endBeforeStart);
  const attendees = input.attendees ? resolveAttendees(ctx.db, input.attendees) : null;
  const decisions = input.decisions ? resolveDecisions(ctx.db, input.decisions, input.id, date) : null;
  if (!decisions && date !== before.date) {
    // Decisions kept as they are must still not be due before the (moved) meeting.
    const early = before.decisions.find((d) => d.deadline !== null && d.deadline < date);
    if (early) throw fieldError('date', MEETING.keptDeadlineBeforeMeeting(early.content));
  }
  const agendaCount = input.agendaItems ? input.agendaItems.length : before.agendaItems.length;
  (input.decisions ?? []).forEach((d, i) => {
    if (d.agendaIndex !== null && d.agendaIndex !== undefined && d.agendaIndex >= agendaCount)
      throw fieldError(`decisions.${i}.agendaIndex`, MEETING.agendaIndexInvalid);
  });
  const pick = <T>(v: T | '' | null | undefined, old: T | null): T | null => (v === undefined ? old : nul(v));
  ctx.db.sqlite
    .prepare(
      `update meeting set body_id = ?, community_id = ?, date = ?, start_time = ?, end_time = ?, place = ?, chair_name = ?,
         recorder_name = ?, subject = ?, updated_at = ?, change_seq = ? where id = ?`,
    )
    .run(
      body.id,
      body.communityId,
      date,
      startTime,
      endTime,
      pick(input.place, before.place),
      pick(input.chairName, before.chairName),
      pick(input.recorderName, before.recorderName),
      pick(input.subject, before.subject),
      ctx.now,
      ctx.seq(),
      input.id,
    );
  if (attendees) {
    ctx.db.sqlite.prepare('delete from meeting_attendee where meeting_id = ?').run(input.id);
    insertAttendees(ctx, input.id, attendees);
  }
  const agendaIds = input.agendaItems
    ? writeAgenda(ctx, input.id, input.agendaItems)
    : before.agendaItems.map((a) => a.id);
  if (decisions) writeDecisions(ctx, input.id, decisions, agendaIds);
  const after = getMeeting(ctx.db, input.id);
  const changes = diff(
    auditShape(before) as unknown as Record<string, unknown>,
    auditShape(after) as unknown as Record<string, unknown>,
  );
  if (Object.keys(changes.after).length > 0)
    ctx.audit({
      action: 'update',
      entity: 'meeting',
      entityId: input.id,
      summary: MEETING.auditMeetingUpdate(after.bodyName, after.date),
      ...changes,
    });
  ctx.touch('meeting', 'meeting_attendee', 'agenda_item', 'decision', 'decision_note');
  return after;
}

/** Soft delete: the meeting leaves every list, the board and the compliance grid; its rows stay for the record. */
export function deleteMeeting(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = getMeeting(ctx.db, id);
  ctx.db.sqlite
    .prepare('update meeting set deleted_at = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(ctx.now, ctx.now, ctx.seq(), id);
  ctx.audit({
    action: 'delete',
    entity: 'meeting',
    entityId: id,
    summary: MEETING.auditMeetingDelete(before.bodyName, before.date),
    before: auditShape(before),
  });
  ctx.touch('meeting', 'decision');
  return { deleted: true };
}

// ---------------------------------------------------------------------------------------------- decisions

/**
 * Appends a dated follow-up note and moves the decision to the note's status: 已落实 closes it on the note's date,
 * leaving 已落实 clears the closed date. Refused for a decision of a deleted meeting and for a date before the meeting.
 */
export function addDecisionNote(ctx: ActionCtx, input: ParsedInput<'decisions.addNote'>): DecisionT {
  const today = localToday();
  const before = decisionRow(ctx.db, input.decisionId, today);
  if (before.meetingDeleted) throw new AppError('CONFLICT', MEETING.decisionMeetingDeleted, { field: 'decisionId' });
  const meetingDate = ctx.db.sqlite
    .prepare('select date from meeting where id = ?')
    .pluck()
    .get(before.meetingId) as string;
  if (input.date < meetingDate) throw fieldError('date', MEETING.noteBeforeMeeting(meetingDate));
  const noteId = Number(
    ctx.db.sqlite
      .prepare(
        `insert into decision_note (decision_id, date, note, status, created_at, updated_at, change_seq)
         values (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.decisionId, input.date, input.note, input.status, ctx.now, ctx.now, ctx.seq()).lastInsertRowid,
  );
  const closedDate = input.status === 'done' ? input.date : null;
  ctx.db.sqlite
    .prepare('update decision set status = ?, closed_date = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(input.status, closedDate, ctx.now, ctx.seq(), input.decisionId);
  const { meetingDeleted: _d, ...after } = decisionRow(ctx.db, input.decisionId, today);
  ctx.audit({
    action: 'update',
    entity: 'decision',
    entityId: input.decisionId,
    summary: MEETING.auditNote(after.content, DECISION_STATUS_LABELS[input.status]),
    before: { status: before.status, closedDate: before.closedDate },
    after: {
      status: after.status,
      closedDate: after.closedDate,
      note: { id: noteId, date: input.date, note: input.note },
    },
  });
  ctx.touch('decision', 'decision_note');
  return after;
}

type RawBoard = Omit<DecisionBoardRowT, 'overdue'>;

/** Decisions of live meetings: open (default: 未落实 + 推进中), overdue, done or all; overdue first, then by deadline. */
export function decisionBoard(
  db: StreetGridDb,
  q: ParsedInput<'decisions.board'>,
  today = localToday(),
): { rows: DecisionBoardRowT[]; total: number } {
  const conds = ['m.deleted_at is null'];
  const params: unknown[] = [];
  switch (q.status ?? 'open') {
    case 'open':
      conds.push("d.status != 'done'");
      break;
    case 'overdue':
      conds.push("d.status != 'done' and d.deadline is not null and d.deadline < ?");
      params.push(today);
      break;
    case 'done':
      conds.push("d.status = 'done'");
      break;
    case 'all':
      break;
  }
  if (q.communityId === null) conds.push('m.community_id is null');
  else if (q.communityId !== undefined) {
    conds.push('m.community_id = ?');
    params.push(q.communityId);
  }
  if (q.bodyId !== undefined) {
    conds.push('m.body_id = ?');
    params.push(q.bodyId);
  }
  const text = (q.q ?? '').trim();
  if (text) {
    conds.push(
      "(instr(d.content, ?) > 0 or instr(coalesce(d.responsible_name, ''), ?) > 0 or instr(coalesce(u.name, ''), ?) > 0)",
    );
    params.push(text, text, text);
  }
  const where = conds.join(' and ');
  const from = `from decision d join meeting m on m.id = d.meeting_id join meeting_body b on b.id = m.body_id
    left join community c on c.id = m.community_id left join unit u on u.id = d.responsible_unit_id`;
  const rows = db.sqlite
    .prepare(
      `select d.id, d.meeting_id as meetingId, d.agenda_item_id as agendaItemId, d.content,
              d.responsible_unit_id as responsibleUnitId, u.name as responsibleUnitName, d.responsible_name as responsibleName,
              d.deadline, d.status, d.closed_date as closedDate, m.date as meetingDate, b.name as bodyName,
              c.name as communityName,
              (select n.note from decision_note n where n.decision_id = d.id order by n.date desc, n.id desc limit 1) as lastNote,
              (select n.date from decision_note n where n.decision_id = d.id order by n.date desc, n.id desc limit 1) as lastNoteDate
       ${from} where ${where}
       order by (d.status != 'done' and d.deadline is not null and d.deadline < ?) desc, d.deadline is null, d.deadline,
                m.date, d.sort_order, d.id
       limit ? offset ?`,
    )
    .all(...params, today, q.limit ?? 200, q.offset ?? 0) as RawBoard[];
  const total = db.sqlite
    .prepare(`select count(*) ${from} where ${where}`)
    .pluck()
    .get(...params) as number;
  return { rows: rows.map((r) => ({ ...r, overdue: isOverdue(r, today) })), total };
}

// ---------------------------------------------------------------------------------------------- compliance

function quarterSpan(year: number, q: number): { from: string; to: string } {
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${p(first)}-01`, to: `${year}-${p(last)}-${p(lastDay)}` };
}

/**
 * Communities × quarters of a year. Each active community is judged by its body that must meet quarterly: its
 * 共驻共建协调议事小组 (kind cobuild, frequency quarterly), else any of its bodies with a quarterly frequency. A quarter is
 * met when that body held a (live) meeting in it on or before today; missed when the quarter ended before today
 * without one; else upcoming (a meeting planned for later in the quarter does not count until its day). A
 * community without such a body has no meetings to count: its past quarters are missed.
 */
export function complianceGrid(db: StreetGridDb, year: number, today = localToday()): ComplianceGridT {
  const communities = db.sqlite
    .prepare('select id, name from community where deleted_at is null and retired_at is null order by code')
    .all() as { id: number; name: string }[];
  const bodyOf = db.sqlite.prepare(
    `select id, name from meeting_body where deleted_at is null and community_id = ? and frequency = 'quarterly'
     order by kind = 'cobuild' desc, id limit 1`,
  );
  const meetingsOf = db.sqlite.prepare(
    `select id, date from meeting where body_id = ? and deleted_at is null and date >= ? and date <= ? order by date, id`,
  );
  const totals = { met: 0, missed: 0, upcoming: 0 };
  const rows = communities.map((c) => {
    const body = bodyOf.get(c.id) as { id: number; name: string } | undefined;
    const yearMeetings = body
      ? (meetingsOf.all(body.id, `${year}-01-01`, `${year}-12-31`) as { id: number; date: string }[])
      : [];
    const cells = [1, 2, 3, 4].map((quarter) => {
      const span = quarterSpan(year, quarter);
      const inQ = yearMeetings.filter((m) => m.date >= span.from && m.date <= span.to);
      const held = inQ.some((m) => m.date <= today);
      const state: 'met' | 'missed' | 'upcoming' = held ? 'met' : span.to < today ? 'missed' : 'upcoming';
      totals[state]++;
      return { quarter, state, meetingIds: inQ.map((m) => m.id) };
    });
    return { communityId: c.id, communityName: c.name, bodyId: body?.id ?? null, bodyName: body?.name ?? null, cells };
  });
  return { year, today, rows, totals };
}
