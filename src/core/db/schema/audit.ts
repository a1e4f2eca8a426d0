import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** 操作日志: one row per change (or per sensitive read), written in the same transaction as the change. */
export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    operator: text('operator').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    summary: text('summary').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    changeSeq: integer('change_seq').notNull(),
  },
  (t) => [index('audit_entity_ix').on(t.entity, t.entityId), index('audit_at_ix').on(t.at)],
);
