import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, UNIT_TYPES } from '../../../shared/enums';
import { base } from './common';
import { community, grid } from './street';

/** 驻区单位. Pinyin columns are written with the name (pinyin-pro at write time) and indexed for search. */
export const unit = sqliteTable(
  'unit',
  {
    ...base,
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    uscc: text('uscc'),
    type: text('type', { enum: UNIT_TYPES }).notNull(),
    communityId: integer('community_id').references(() => community.id, { onDelete: 'restrict' }),
    partyOrgName: text('party_org_name'),
    partySecretary: text('party_secretary'),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    isCouncilMember: integer('is_council_member', { mode: 'boolean' }).notNull().default(false),
    resources: text('resources', { mode: 'json' })
      .$type<{ name: string; description: string }[]>()
      .notNull()
      .default(sql`'[]'`),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('unit_uscc_live_uq')
      .on(t.uscc)
      .where(sql`${t.uscc} is not null and ${t.deletedAt} is null`),
    index('unit_initials_ix').on(t.nameInitials),
    index('unit_pinyin_ix').on(t.namePinyin),
    index('unit_community_ix').on(t.communityId),
    index('unit_seq_ix').on(t.changeSeq),
  ],
);

/** 党员. ID number and phone are sensitive: masked everywhere unless revealed on purpose (audited). */
export const member = sqliteTable(
  'member',
  {
    ...base,
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender', { enum: GENDERS }).notNull(),
    birthDate: text('birth_date').notNull(),
    ethnicity: text('ethnicity'),
    idNumber: text('id_number').notNull(),
    idTail: text('id_tail').notNull(),
    phone: text('phone'),
    phoneTail: text('phone_tail'),
    communityId: integer('community_id')
      .notNull()
      .references(() => community.id, { onDelete: 'restrict' }),
    gridId: integer('grid_id').references(() => grid.id, { onDelete: 'restrict' }),
    category: text('category', { enum: MEMBER_CATEGORIES }).notNull(),
    employerUnitId: integer('employer_unit_id').references(() => unit.id, { onDelete: 'restrict' }),
    employerName: text('employer_name'),
    employerPartyOrg: text('employer_party_org'),
    skills: text('skills', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    reportDate: text('report_date'),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('active'),
    note: text('note'),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('member_id_number_live_uq')
      .on(t.idNumber)
      .where(sql`${t.deletedAt} is null`),
    index('member_list_ix').on(t.communityId, t.status, t.category, t.namePinyin),
    // The network screen's "not yet in the network" list: community + status, already in name order.
    index('member_community_ix').on(t.communityId, t.status, t.namePinyin),
    // 在册 members of a community from the index alone: the network screen's "not yet in the network" count probes
    // each of them for an active liaison assignment (network.ts, INDEXED BY: the planner prefers the index above).
    index('member_live_community_ix')
      .on(t.communityId)
      .where(sql`${t.status} = 'active' and ${t.deletedAt} is null`),
    // Name search from the surname: equality on the first character (with status) yields the page already in
    // pinyin order and the count from the index alone. See buildMemberWhere.
    index('member_surname_ix')
      .on(sql`substr(${t.name}, 1, 1)`, t.status, t.namePinyin, t.id, t.name)
      .where(sql`${t.deletedAt} is null`),
    index('member_initials_ix').on(t.nameInitials),
    index('member_pinyin_ix').on(t.namePinyin),
    index('member_name_ix').on(t.name),
    index('member_id_tail_ix').on(t.idTail),
    index('member_phone_tail_ix').on(t.phoneTail),
    index('member_grid_ix').on(t.gridId),
    index('member_employer_ix').on(t.employerUnitId),
    index('member_seq_ix').on(t.changeSeq),
  ],
);

/** 在职党员报到: one row per report to a community; its id numbers the 登记卡. */
export const memberReport = sqliteTable(
  'member_report',
  {
    ...base,
    memberId: integer('member_id')
      .notNull()
      .references(() => member.id, { onDelete: 'restrict' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => community.id, { onDelete: 'restrict' }),
    reportDate: text('report_date').notNull(),
    serviceIntent: text('service_intent'),
    skills: text('skills', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    letterReceived: integer('letter_received', { mode: 'boolean' }).notNull().default(false),
    letterDate: text('letter_date'),
    cardNo: text('card_no').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('member_report_card_uq').on(t.cardNo),
    index('member_report_member_ix').on(t.memberId),
    index('member_report_seq_ix').on(t.changeSeq),
  ],
);
