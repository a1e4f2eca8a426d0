import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { base } from './common';
import { member } from './registry';
import { community, grid } from './street';

/** Tier 1: 社区党员联络站, one per 居民区. */
export const liaisonStation = sqliteTable(
  'liaison_station',
  {
    ...base,
    communityId: integer('community_id')
      .notNull()
      .references(() => community.id, { onDelete: 'restrict' }),
    gridId: integer('grid_id').references(() => grid.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    residentialArea: text('residential_area'),
    leaderName: text('leader_name'),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('liaison_station_community_ix').on(t.communityId), index('liaison_station_seq_ix').on(t.changeSeq)],
);

/** Tier 2: 社区党员联络小组. */
export const liaisonGroup = sqliteTable(
  'liaison_group',
  {
    ...base,
    stationId: integer('station_id')
      .notNull()
      .references(() => liaisonStation.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    leaderName: text('leader_name'),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('liaison_group_station_ix').on(t.stationId), index('liaison_group_seq_ix').on(t.changeSeq)],
);

/** Tier 3: a party member serving as 联络员 in a group; one active assignment (end_date null) per member. */
export const liaisonAssignment = sqliteTable(
  'liaison_assignment',
  {
    ...base,
    memberId: integer('member_id')
      .notNull()
      .references(() => member.id, { onDelete: 'restrict' }),
    groupId: integer('group_id')
      .notNull()
      .references(() => liaisonGroup.id, { onDelete: 'restrict' }),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
  },
  (t) => [
    uniqueIndex('liaison_assignment_active_uq')
      .on(t.memberId)
      .where(sql`${t.endDate} is null`),
    index('liaison_assignment_group_ix').on(t.groupId, t.endDate),
    index('liaison_assignment_seq_ix').on(t.changeSeq),
  ],
);
