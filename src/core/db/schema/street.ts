import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { base } from './common';

export const street = sqliteTable(
  'street',
  {
    ...base,
    code: text('code').notNull(),
    name: text('name').notNull(),
    districtCode: text('district_code').notNull(),
    districtName: text('district_name').notNull(),
    cityName: text('city_name').notNull(),
    provinceName: text('province_name').notNull(),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    address: text('address'),
  },
  (t) => [uniqueIndex('street_code_uq').on(t.code), check('street_code_ck', sql`length(${t.code}) = 9`)],
);

export const community = sqliteTable(
  'community',
  {
    ...base,
    code: text('code').notNull(),
    name: text('name').notNull(),
    officialName: text('official_name'),
    kind: text('kind', { enum: ['community', 'village'] }).notNull(),
    households: integer('households'),
    population: integer('population'),
    // 阵地
    spaceArea: real('space_area'),
    spaceOwnership: text('space_ownership', { enum: ['owned', 'rented', 'borrowed'] }),
    hasServiceHall: integer('has_service_hall', { mode: 'boolean' }).notNull().default(false),
    functionRooms: text('function_rooms', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    // staffing
    secretaryName: text('secretary_name'),
    directorName: text('director_name'),
    secretaryIsDirector: integer('secretary_is_director', { mode: 'boolean' }).notNull().default(false),
    deputySecretaryName: text('deputy_secretary_name'),
    careerStaffCount: integer('career_staff_count'),
    partyWorkerCount: integer('party_worker_count'),
    retiredAt: text('retired_at'),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('community_code_uq').on(t.code),
    index('community_seq_ix').on(t.changeSeq),
    check('community_code_ck', sql`length(${t.code}) = 12`),
    check(
      'community_nonneg_ck',
      sql`coalesce(${t.spaceArea}, 0) >= 0 and coalesce(${t.households}, 0) >= 0 and coalesce(${t.population}, 0) >= 0`,
    ),
  ],
);

export const communityFunding = sqliteTable(
  'community_funding',
  {
    ...base,
    communityId: integer('community_id')
      .notNull()
      .references(() => community.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    officeFunds: real('office_funds').notNull(),
    partyFunds: real('party_funds').notNull(),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('community_funding_year_uq').on(t.communityId, t.year),
    index('community_funding_seq_ix').on(t.changeSeq),
    check('community_funding_nonneg_ck', sql`${t.officeFunds} >= 0 and ${t.partyFunds} >= 0`),
  ],
);

export const grid = sqliteTable(
  'grid',
  {
    ...base,
    communityId: integer('community_id')
      .notNull()
      .references(() => community.id, { onDelete: 'restrict' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    leaderName: text('leader_name'),
    gridWorkers: text('grid_workers', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    households: integer('households'),
    buildings: text('buildings'),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    // Grid codes are unique among live grids of the street; a deleted grid's code may be reused.
    uniqueIndex('grid_code_live_uq')
      .on(t.code)
      .where(sql`${t.deletedAt} is null`),
    index('grid_community_ix').on(t.communityId),
    index('grid_seq_ix').on(t.changeSeq),
  ],
);
