// Coordination meetings (issue 5): the bodies that meet (with their required frequency and standing members),
// meetings with attendance, agenda items and discussion, 议定事项 (decisions) followed up to completion, and the
// 会议纪要 versions (what was printed is stored).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ATTENDANCE_KINDS, DECISION_STATUSES, MEETING_BODY_KINDS, MEETING_FREQUENCIES } from '../../../shared/enums';
import { base } from './common';
import { member, unit } from './registry';
import { community } from './street';

/** A body that meets: street-level when community_id is null, else one community's. */
export const meetingBody = sqliteTable(
  'meeting_body',
  {
    ...base,
    name: text('name').notNull(),
    kind: text('kind', { enum: MEETING_BODY_KINDS }).notNull(),
    communityId: integer('community_id').references(() => community.id, { onDelete: 'restrict' }),
    frequency: text('frequency', { enum: MEETING_FREQUENCIES }).notNull().default('none'),
    description: text('description'),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('meeting_body_community_ix').on(t.communityId), index('meeting_body_seq_ix').on(t.changeSeq)],
);

/** Standing members of a body: a unit (with its representative), a party member, or a named person. */
export const meetingBodyMember = sqliteTable(
  'meeting_body_member',
  {
    ...base,
    bodyId: integer('body_id')
      .notNull()
      .references(() => meetingBody.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => unit.id, { onDelete: 'restrict' }),
    memberId: integer('member_id').references(() => member.id, { onDelete: 'restrict' }),
    personName: text('person_name'),
    role: text('role'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('meeting_body_member_body_ix').on(t.bodyId, t.sortOrder),
    index('meeting_body_member_seq_ix').on(t.changeSeq),
  ],
);

export const meeting = sqliteTable(
  'meeting',
  {
    ...base,
    bodyId: integer('body_id')
      .notNull()
      .references(() => meetingBody.id, { onDelete: 'restrict' }),
    /** Denormalised from the body for per-community queries (compliance grid). */
    communityId: integer('community_id').references(() => community.id, { onDelete: 'restrict' }),
    date: text('date').notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    place: text('place'),
    chairName: text('chair_name'),
    recorderName: text('recorder_name'),
    /** Optional subject line (e.g. 2026年第四季度共驻共建协调议事会). */
    subject: text('subject'),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('meeting_body_date_ix').on(t.bodyId, t.date),
    index('meeting_community_date_ix').on(t.communityId, t.date),
    index('meeting_date_ix').on(t.date),
    index('meeting_seq_ix').on(t.changeSeq),
  ],
);

/** Who attended: 出席 / 列席 / 请假 (with reason). A member, a unit's representative, or a named person. */
export const meetingAttendee = sqliteTable(
  'meeting_attendee',
  {
    ...base,
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').references(() => member.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id').references(() => unit.id, { onDelete: 'restrict' }),
    /** The person's name as printed (for a member: their name; for a unit: its representative). */
    personName: text('person_name').notNull(),
    attendance: text('attendance', { enum: ATTENDANCE_KINDS }).notNull(),
    reason: text('reason'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('meeting_attendee_meeting_ix').on(t.meetingId, t.sortOrder),
    index('meeting_attendee_seq_ix').on(t.changeSeq),
  ],
);

export const agendaItem = sqliteTable(
  'agenda_item',
  {
    ...base,
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    discussion: text('discussion'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('agenda_item_meeting_ix').on(t.meetingId, t.sortOrder), index('agenda_item_seq_ix').on(t.changeSeq)],
);

/** 议定事项: followed up (decision_note) until 已落实. */
export const decision = sqliteTable(
  'decision',
  {
    ...base,
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    agendaItemId: integer('agenda_item_id').references(() => agendaItem.id, { onDelete: 'set null' }),
    content: text('content').notNull(),
    responsibleUnitId: integer('responsible_unit_id').references(() => unit.id, { onDelete: 'restrict' }),
    /** Responsible person or department as printed (required when no unit is linked). */
    responsibleName: text('responsible_name'),
    deadline: text('deadline'),
    status: text('status', { enum: DECISION_STATUSES }).notNull().default('open'),
    closedDate: text('closed_date'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('decision_meeting_ix').on(t.meetingId, t.sortOrder),
    index('decision_status_deadline_ix').on(t.status, t.deadline),
    index('decision_seq_ix').on(t.changeSeq),
  ],
);

/** The follow-up trail of a decision: dated notes, each possibly moving its status. */
export const decisionNote = sqliteTable(
  'decision_note',
  {
    ...base,
    decisionId: integer('decision_id')
      .notNull()
      .references(() => decision.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    note: text('note').notNull(),
    status: text('status', { enum: DECISION_STATUSES }).notNull(),
  },
  (t) => [index('decision_note_decision_ix').on(t.decisionId, t.date), index('decision_note_seq_ix').on(t.changeSeq)],
);

/**
 * 会议纪要 versions of a meeting. The newest unprinted one is the editable draft; printing (PDF, print, .docx) freezes
 * the version it printed (printed_at, format) so what left the office is kept as it was.
 */
export const meetingMinutes = sqliteTable(
  'meeting_minutes',
  {
    ...base,
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** The minutes' structured content (MinutesContent in the contract), JSON. */
    content: text('content', { mode: 'json' })
      .$type<unknown>()
      .notNull()
      .default(sql`'{}'`),
    printedAt: text('printed_at'),
    format: text('format'),
  },
  (t) => [
    uniqueIndex('meeting_minutes_version_uq').on(t.meetingId, t.version),
    index('meeting_minutes_seq_ix').on(t.changeSeq),
  ],
);
