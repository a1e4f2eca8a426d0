// 共驻共建 service work (issue 4): co-building agreements and their commitments, service posts and claims, volunteer
// teams, service activities with participants and hours, and the community's half-yearly evaluation of each
// reported 在职党员 (the 反馈表 sent back to the employer unit).
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  ACTIVITY_CATEGORIES,
  AGREEMENT_AREAS,
  CLAIM_STATUSES,
  COMMITMENT_STATUSES,
  EVALUATION_GRADES,
  ORGANIZER_KINDS,
  POST_CATEGORIES,
} from '../../../shared/enums';
import { base } from './common';
import { member, unit } from './registry';
import { community } from './street';

/** 共建协议 / 结对共建: a unit with a community (or the whole street when community_id is null) for a year. */
export const agreement = sqliteTable(
  'agreement',
  {
    ...base,
    unitId: integer('unit_id')
      .notNull()
      .references(() => unit.id, { onDelete: 'restrict' }),
    communityId: integer('community_id').references(() => community.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The "四联" areas covered (AGREEMENT_AREAS codes). */
    areas: text('areas', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** 甲方 (community / street) and 乙方 (unit) signatories. */
    signatoryA: text('signatory_a'),
    signatoryB: text('signatory_b'),
    liaisonPerson: text('liaison_person'),
    liaisonPhone: text('liaison_phone'),
    signedDate: text('signed_date'),
    /** 甲方 / 乙方 duties as printed on the agreement. */
    dutiesA: text('duties_a'),
    dutiesB: text('duties_b'),
    note: text('note'),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('agreement_unit_ix').on(t.unitId, t.year),
    index('agreement_community_ix').on(t.communityId, t.year),
    index('agreement_seq_ix').on(t.changeSeq),
  ],
);

/** 承诺事项 of an agreement. */
export const commitment = sqliteTable(
  'commitment',
  {
    ...base,
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    area: text('area', { enum: AGREEMENT_AREAS }),
    dueDate: text('due_date'),
    status: text('status', { enum: COMMITMENT_STATUSES }).notNull().default('pending'),
    evidenceNote: text('evidence_note'),
    evidenceDate: text('evidence_date'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('commitment_agreement_ix').on(t.agreementId, t.sortOrder),
    index('commitment_due_ix').on(t.status, t.dueDate),
    index('commitment_seq_ix').on(t.changeSeq),
  ],
);

/** 服务岗位 a community sets up for members and units to claim. */
export const servicePost = sqliteTable(
  'service_post',
  {
    ...base,
    communityId: integer('community_id')
      .notNull()
      .references(() => community.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    category: text('category', { enum: POST_CATEGORIES }).notNull(),
    headcount: integer('headcount').notNull(),
    requiredSkills: text('required_skills', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    description: text('description'),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('service_post_community_ix').on(t.communityId), index('service_post_seq_ix').on(t.changeSeq)],
);

/** 认领: a member or a unit claims a post; pending until the community approves. History is kept (withdrawn). */
export const postClaim = sqliteTable(
  'post_claim',
  {
    ...base,
    postId: integer('post_id')
      .notNull()
      .references(() => servicePost.id, { onDelete: 'restrict' }),
    memberId: integer('member_id').references(() => member.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id').references(() => unit.id, { onDelete: 'restrict' }),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('pending'),
    claimDate: text('claim_date').notNull(),
    decidedDate: text('decided_date'),
    withdrawnDate: text('withdrawn_date'),
    note: text('note'),
  },
  (t) => [
    index('post_claim_post_ix').on(t.postId, t.status),
    index('post_claim_member_ix').on(t.memberId, t.status),
    index('post_claim_unit_ix').on(t.unitId, t.status),
    // One live (pending or approved) claim per claimant and post.
    uniqueIndex('post_claim_member_live_uq')
      .on(t.postId, t.memberId)
      .where(sql`${t.memberId} is not null and ${t.status} in ('pending', 'approved')`),
    uniqueIndex('post_claim_unit_live_uq')
      .on(t.postId, t.unitId)
      .where(sql`${t.unitId} is not null and ${t.status} in ('pending', 'approved')`),
    index('post_claim_seq_ix').on(t.changeSeq),
  ],
);

/** 志愿服务队: community-level, or street-wide when community_id is null. */
export const volunteerTeam = sqliteTable(
  'volunteer_team',
  {
    ...base,
    name: text('name').notNull(),
    theme: text('theme'),
    communityId: integer('community_id').references(() => community.id, { onDelete: 'restrict' }),
    leaderMemberId: integer('leader_member_id').references(() => member.id, { onDelete: 'restrict' }),
    foundedDate: text('founded_date'),
    description: text('description'),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('volunteer_team_community_ix').on(t.communityId), index('volunteer_team_seq_ix').on(t.changeSeq)],
);

export const teamMember = sqliteTable(
  'team_member',
  {
    ...base,
    teamId: integer('team_id')
      .notNull()
      .references(() => volunteerTeam.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => member.id, { onDelete: 'restrict' }),
    joinedDate: text('joined_date'),
  },
  (t) => [
    uniqueIndex('team_member_uq').on(t.teamId, t.memberId),
    index('team_member_member_ix').on(t.memberId),
    index('team_member_seq_ix').on(t.changeSeq),
  ],
);

/** 服务活动. Street-wide when community_id is null. Organiser: the community, a unit or a volunteer team. */
export const activity = sqliteTable(
  'activity',
  {
    ...base,
    date: text('date').notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    communityId: integer('community_id').references(() => community.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    category: text('category', { enum: ACTIVITY_CATEGORIES }).notNull(),
    organizerKind: text('organizer_kind', { enum: ORGANIZER_KINDS }).notNull(),
    organizerUnitId: integer('organizer_unit_id').references(() => unit.id, { onDelete: 'restrict' }),
    organizerTeamId: integer('organizer_team_id').references(() => volunteerTeam.id, { onDelete: 'restrict' }),
    place: text('place'),
    description: text('description'),
    residentsServed: integer('residents_served').notNull().default(0),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('activity_date_ix').on(t.date),
    index('activity_community_ix').on(t.communityId, t.date),
    index('activity_seq_ix').on(t.changeSeq),
  ],
);

/** A participant of an activity: a member or a unit (exactly one), with hours and role. */
export const activityParticipant = sqliteTable(
  'activity_participant',
  {
    ...base,
    activityId: integer('activity_id')
      .notNull()
      .references(() => activity.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').references(() => member.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id').references(() => unit.id, { onDelete: 'restrict' }),
    hours: real('hours').notNull(),
    role: text('role'),
  },
  (t) => [
    uniqueIndex('activity_participant_member_uq')
      .on(t.activityId, t.memberId)
      .where(sql`${t.memberId} is not null`),
    uniqueIndex('activity_participant_unit_uq')
      .on(t.activityId, t.unitId)
      .where(sql`${t.unitId} is not null`),
    // Every "participants of this activity" lookup and the ON DELETE CASCADE from activity: the partial unique
    // indexes above cannot answer `activity_id = ?` alone.
    index('activity_participant_activity_ix').on(t.activityId),
    index('activity_participant_member_ix').on(t.memberId, t.activityId),
    index('activity_participant_unit_ix').on(t.unitId),
    index('activity_participant_seq_ix').on(t.changeSeq),
  ],
);

/** The community's evaluation of one member for one half-year ('2026H2'), printed on the 反馈表. */
export const memberEvaluation = sqliteTable(
  'member_evaluation',
  {
    ...base,
    memberId: integer('member_id')
      .notNull()
      .references(() => member.id, { onDelete: 'restrict' }),
    period: text('period').notNull(),
    communityId: integer('community_id')
      .notNull()
      .references(() => community.id, { onDelete: 'restrict' }),
    grade: text('grade', { enum: EVALUATION_GRADES }).notNull(),
    comment: text('comment'),
  },
  (t) => [
    uniqueIndex('member_evaluation_uq').on(t.memberId, t.period),
    index('member_evaluation_community_ix').on(t.communityId, t.period),
    index('member_evaluation_seq_ix').on(t.changeSeq),
  ],
);
