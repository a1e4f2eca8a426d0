import { integer, text } from 'drizzle-orm/sqlite-core';

/** Columns every table has: integer id, timestamps (ISO 8601 UTC) and the global change sequence. */
export const base = {
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  changeSeq: integer('change_seq').notNull(),
};
