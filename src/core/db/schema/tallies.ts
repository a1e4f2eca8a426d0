import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Derived tallies for the dashboard (首页统计), maintained by triggers in the same statement as the change they
// count (drizzle/0004_stats_tallies.sql), so every write path — services, imports, demo seeding — keeps them exact.
// They hold no information of their own: no id, no change_seq, never exported, rebuilt from the base tables by the
// migration that creates them. tests/integration/service/tallies.test.ts recomputes them from raw SQL.

/** 在册 members (status 'active', not deleted) per residence community and category. */
export const memberTally = sqliteTable(
  'member_tally',
  {
    communityId: integer('community_id').notNull(),
    category: text('category').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.category] })],
);

/** Per activity: number of participant rows (members and units) and their total hours. */
export const activityTally = sqliteTable('activity_tally', {
  activityId: integer('activity_id').primaryKey(),
  participants: integer('participants').notNull(),
  hours: real('hours').notNull(),
});

/** Per member and calendar year: the live (not deleted) activities they took part in. */
export const memberActivityYear = sqliteTable(
  'member_activity_year',
  {
    memberId: integer('member_id').notNull(),
    year: integer('year').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.year] })],
);
