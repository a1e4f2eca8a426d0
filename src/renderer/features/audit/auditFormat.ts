// Turns an audit entry's before/after JSON into readable lines: 字段: 旧值 → 新值.
import { COMMUNITY_KIND_LABELS, SPACE_OWNERSHIP_LABELS } from '../../../shared/enums';
import { FIELD_LABELS, UI } from '../../../shared/messages';
import { formatDateTime, formatNumber } from '../../components/format';

export interface ChangeLine {
  key: string;
  label: string;
  /** undefined: the side does not exist (created / deleted). null: empty value. */
  before: string | null | undefined;
  after: string | null | undefined;
}

/** Bookkeeping fields that say nothing to the user. */
const HIDDEN = new Set(['id', 'updatedAt', 'createdAt', 'changeSeq', 'communityId']);
const MAX_ITEMS = 8;

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? UI.audit.extraFields[key] ?? key;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function formatValue(key: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? UI.common.yes : UI.common.no;
  if (typeof v === 'number') return key === 'year' ? String(v) : formatNumber(v);
  if (typeof v === 'string') {
    if (key === 'kind' && v in COMMUNITY_KIND_LABELS)
      return COMMUNITY_KIND_LABELS[v as keyof typeof COMMUNITY_KIND_LABELS];
    if (key === 'spaceOwnership' && v in SPACE_OWNERSHIP_LABELS)
      return SPACE_OWNERSHIP_LABELS[v as keyof typeof SPACE_OWNERSHIP_LABELS];
    if (ISO.test(v)) return formatDateTime(v);
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    const shown = v.slice(0, MAX_ITEMS).map((x) => formatValue(key, x) ?? UI.common.dash);
    return v.length > MAX_ITEMS ? `${shown.join('、')} ${UI.audit.more(v.length)}` : shown.join('、');
  }
  if (isRecord(v)) {
    const name = typeof v.name === 'string' ? v.name : null;
    const code = typeof v.code === 'string' ? v.code : null;
    if (name) return code ? `${name}（${code}）` : name;
    // A small record (e.g. a backup's counts): 社区 12，党员 340 …
    return Object.entries(v)
      .map(([k, x]) => `${fieldLabel(k)} ${formatValue(k, x) ?? UI.common.dash}`)
      .join('，');
  }
  return String(v);
}

/** The lines worth showing for one entry (only changed fields when both sides exist). */
export function changeLines(before: unknown, after: unknown): ChangeLine[] {
  const b = isRecord(before) ? before : null;
  const a = isRecord(after) ? after : null;
  if (!b && !a) return [];
  const keys: string[] = [];
  for (const k of [...Object.keys(b ?? {}), ...Object.keys(a ?? {})]) if (!keys.includes(k)) keys.push(k);
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    if (HIDDEN.has(key)) continue;
    const bv = b?.[key];
    const av = a?.[key];
    if (b && a && JSON.stringify(bv) === JSON.stringify(av)) continue;
    const line: ChangeLine = {
      key,
      label: fieldLabel(key),
      before: b ? formatValue(key, bv) : undefined,
      after: a ? formatValue(key, av) : undefined,
    };
    // A created/deleted record: its empty fields are noise.
    if ((!b || !a) && (line.before ?? null) === null && (line.after ?? null) === null) continue;
    lines.push(line);
  }
  return lines;
}
