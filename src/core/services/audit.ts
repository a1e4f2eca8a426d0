import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { AuditRowT } from '../../shared/contract';
import type { StreetGridDb } from '../db/connection';
import { countRows } from '../db/action';
import { audit } from '../db/schema';

export function listAudit(
  db: StreetGridDb,
  q: {
    entity?: string | undefined;
    entityId?: number | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
): { rows: AuditRowT[]; total: number } {
  const conds: SQL[] = [];
  if (q.entity) conds.push(eq(audit.entity, q.entity));
  if (q.entityId !== undefined) conds.push(eq(audit.entityId, q.entityId));
  const where = conds.length ? and(...conds) : undefined;
  const rows = db.orm
    .select()
    .from(audit)
    .where(where)
    .orderBy(desc(audit.id))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0)
    .all();
  return {
    rows: rows.map((r) => ({ ...r, before: r.before ?? null, after: r.after ?? null })),
    total: countRows(db, audit, where),
  };
}
