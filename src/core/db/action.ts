import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { TableName } from '../../shared/enums';
import type { StreetGridDb } from './connection';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** What a user action sees: the DB, who acts, one timestamp, one change-sequence number, and the audit writer. */
export interface ActionCtx {
  readonly db: StreetGridDb;
  readonly operator: string;
  readonly now: string;
  /** The global change sequence number of this action (allocated on first use, shared by all rows it writes). */
  seq(): number;
  audit(entry: AuditEntry): void;
  /** Marks tables as changed so the renderer can refresh what shows them. */
  touch(...tables: TableName[]): void;
}

export interface ActionResult<T> {
  value: T;
  changed: TableName[];
}

const prepared = new WeakMap<StreetGridDb, { nextSeq: () => number; insertAudit: (row: unknown[]) => void }>();

function statements(db: StreetGridDb) {
  let s = prepared.get(db);
  if (!s) {
    const next = db.sqlite
      .prepare("update counters set value = value + 1 where name = 'change' returning value")
      .pluck();
    const ins = db.sqlite.prepare(
      'insert into audit (at, operator, action, entity, entity_id, summary, before, after, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    s = {
      nextSeq: () => next.get() as number,
      insertAudit: (row) => {
        ins.run(...row);
      },
    };
    prepared.set(db, s);
  }
  return s;
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/**
 * Runs one user action as one transaction: every write and its audit rows commit together or not at all.
 * Throwing inside `fn` rolls everything back.
 */
export function runAction<T>(db: StreetGridDb, operator: string, fn: (ctx: ActionCtx) => T): ActionResult<T> {
  const st = statements(db);
  const changed = new Set<TableName>();
  const tx = db.sqlite.transaction(() => {
    let seq: number | null = null;
    const ctx: ActionCtx = {
      db,
      operator,
      now: new Date().toISOString(),
      seq: () => {
        if (seq === null) seq = st.nextSeq();
        return seq;
      },
      audit: (e) => {
        st.insertAudit([
          ctx.now,
          operator,
          e.action,
          e.entity,
          e.entityId ?? null,
          e.summary,
          json(e.before),
          json(e.after),
          ctx.seq(),
        ]);
        changed.add('audit');
      },
      touch: (...tables) => {
        for (const t of tables) changed.add(t);
      },
    };
    return fn(ctx);
  });
  const value = tx.immediate();
  return { value, changed: [...changed] };
}

/** Fields that differ between two snapshots (for audit before/after). */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (k === 'updatedAt' || k === 'changeSeq') continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

/** Synchronous row count (drizzle's $count is async-only). */
export function countRows(db: StreetGridDb, table: SQLiteTable, where?: SQL): number {
  const r = db.orm.select({ n: count() }).from(table).where(where).get();
  return r?.n ?? 0;
}
