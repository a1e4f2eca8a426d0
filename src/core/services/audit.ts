import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AuditRowT, FileOutT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { APP_NAME, AUDIT_ACTIONS, BACKUP, ENTITY_LABELS, FIELD_LABELS } from '../../shared/messages';
import { maskIdNumber, maskPhone } from '../../shared/validators';
import { loadExcelJs } from '../excel/load';
import { XLSX_MIME } from '../excel/writer';
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

// ---- 操作日志 screen (issue 8): filters by object, date range and text; Excel export --------------------------

export interface AuditFilter {
  entity?: string | undefined;
  /** Local calendar days (YYYY-MM-DD), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

/** Local midnight of a YYYY-MM-DD day as the ISO UTC string the audit table stores. */
function localDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

function filterWhere(f: AuditFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.entity) conds.push(eq(audit.entity, f.entity));
  if (f.from) conds.push(gte(audit.at, localDayStart(f.from)));
  if (f.to) conds.push(lt(audit.at, localDayStart(f.to, 1)));
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(${audit.summary} like ${pattern} escape '\\' or ${audit.operator} like ${pattern} escape '\\')`);
  }
  return conds.length ? and(...conds) : undefined;
}

export function searchAudit(
  db: StreetGridDb,
  q: AuditFilter & { limit?: number | undefined; offset?: number | undefined },
): { rows: AuditRowT[]; total: number } {
  const where = filterWhere(q);
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

/** The object types present in the log, with how many rows each (the filter's options). */
export function auditEntities(db: StreetGridDb): { entity: string; count: number }[] {
  return db.sqlite
    .prepare('select entity, count(*) as count from audit group by entity order by count desc, entity')
    .all() as { entity: string; count: number }[];
}

export const AUDIT_EXPORT_MAX = 100_000;

const SENSITIVE_ID = /idnumber/i;
const SENSITIVE_PHONE = /phone/i;

/** A value as text for the export; ID numbers and phones are masked whatever the row holds. */
function cellText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string') {
    if (SENSITIVE_ID.test(key) && !v.includes('*')) return maskIdNumber(v);
    if (SENSITIVE_PHONE.test(key) && !v.includes('*')) return maskPhone(v);
    return v;
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => cellText(key, x)).join('、');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return typeof o.code === 'string' ? `${o.name}（${o.code}）` : o.name;
    return Object.entries(o)
      .map(([k, x]) => `${FIELD_LABELS[k] ?? k}：${cellText(k, x)}`)
      .join('；');
  }
  return String(v);
}

const HIDDEN = new Set(['id', 'updatedAt', 'createdAt', 'changeSeq', 'communityId']);

/** before/after as "字段：值" lines, only the fields that differ when both sides exist. */
export function sideText(side: unknown, other: unknown): string {
  if (side === null || side === undefined) return '';
  if (typeof side !== 'object' || Array.isArray(side)) return cellText('', side);
  const o = side as Record<string, unknown>;
  const p = other && typeof other === 'object' && !Array.isArray(other) ? (other as Record<string, unknown>) : null;
  const lines: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (HIDDEN.has(k)) continue;
    if (p && JSON.stringify(p[k]) === JSON.stringify(v)) continue;
    const t = cellText(k, v);
    if (!p && t === '') continue;
    lines.push(`${FIELD_LABELS[k] ?? k}：${t || '（空）'}`);
  }
  return lines.join('\n');
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The filtered log as an .xlsx (newest first). Refuses more than AUDIT_EXPORT_MAX rows with a Chinese message. */
export async function auditWorkbook(db: StreetGridDb, f: AuditFilter): Promise<{ file: FileOutT; rows: number }> {
  const where = filterWhere(f);
  const total = countRows(db, audit, where);
  if (total > AUDIT_EXPORT_MAX) throw new AppError('VALIDATION', BACKUP.audit.exportLimit(AUDIT_EXPORT_MAX));
  const rows = db.orm.select().from(audit).where(where).orderBy(desc(audit.id)).all();
  const ExcelJs = await loadExcelJs();
  const wb = new ExcelJs.Workbook();
  wb.creator = APP_NAME;
  wb.created = new Date();
  const ws = wb.addWorksheet(BACKUP.audit.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [20, 12, 14, 12, 48, 44, 44].map((width) => ({ width }));
  const header = ws.addRow([...BACKUP.audit.headers]);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
  for (const r of rows) {
    const row = ws.addRow([
      localTime(r.at),
      r.operator,
      AUDIT_ACTIONS[r.action] ?? r.action,
      ENTITY_LABELS[r.entity] ?? r.entity,
      r.summary,
      sideText(r.before, r.after),
      sideText(r.after, r.before),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.autoFilter = 'A1:G1';
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const ymd = localTime(new Date().toISOString()).slice(0, 10);
  return {
    file: { fileName: BACKUP.audit.fileName(ymd), mimeType: XLSX_MIME, base64: buf.toString('base64') },
    rows: rows.length,
  };
}
