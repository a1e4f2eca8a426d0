import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key/value settings (JSON values). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Named counters; 'change' is the global change sequence stamped on every written row and audit entry. */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});
