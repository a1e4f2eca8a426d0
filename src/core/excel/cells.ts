// Cell values as they come out of a workbook, and their conversion to what the contract's field schemas expect.
// Every converter returns the value, `undefined` for an empty cell, or a `Bad` carrying a Chinese reason.
import { codeForLabel } from '../../shared/enums';
import { ERR, EXCEL } from '../../shared/messages';

/** A cell whose content cannot be used as it is (a formula without a cached result, #N/A…). */
export class CellFault {
  constructor(readonly message: string) {}
}

/** A normalized cell: trimmed text (never ''), a number, a boolean, a date, or a fault. `null` = empty. */
export type Cell = null | string | number | boolean | Date | CellFault;

/** A conversion that failed, with the reason to show for that cell. */
export class Bad {
  constructor(readonly message: string) {}
}

export type Conv<T> = T | undefined | Bad;

interface RichTextRun {
  text?: unknown;
}

/** exceljs cell value → Cell. Formulas give their cached result; rich text its plain text; text is trimmed. */
export function normalizeCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      if (!('result' in o) || o.result === undefined || (typeof o.result === 'number' && Number.isNaN(o.result))) {
        return new CellFault(EXCEL.formulaNoResult);
      }
      return normalizeCell(o.result);
    }
    if ('error' in o) return new CellFault(EXCEL.cellError(String(o.error)));
    if (Array.isArray(o.richText)) {
      return normalizeCell(
        (o.richText as RichTextRun[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''),
      );
    }
    if ('text' in o) return normalizeCell(o.text);
  }
  return null;
}

/** 13812345678 → '13812345678'; 12.5 → '12.5'. */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

function isoOfDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function asText(c: Cell): Conv<string> {
  if (c === null) return undefined;
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return numberText(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (c instanceof Date) return isoOfDate(c);
  return new Bad(c.message);
}

/**
 * A code that must stay text (身份证号, 统一社会信用代码): a number cell longer than 15 digits has lost its last
 * digits in Excel, so it is refused with `mangled` rather than guessed.
 */
export function asCode(c: Cell, mangled: string): Conv<string> {
  if (typeof c === 'number' && (!Number.isInteger(c) || Math.abs(c) >= 1e15)) return new Bad(mangled);
  return asText(c);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Excel serial day number → ISO date (1900 system with its phantom 1900-02-29, or the 1904 system). */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  let days = Math.floor(serial + 1e-9);
  if (date1904) days += 1462;
  if (days < 1 || days > 2_958_465 || days === 60) return null;
  const base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}

/** Accepts 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日, 20261122, a date cell or an Excel serial number. */
export function asDate(c: Cell, date1904: boolean): Conv<string> {
  if (c === null) return undefined;
  if (c instanceof CellFault) return new Bad(c.message);
  if (c instanceof Date) return isoOfDate(c);
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 1900_01_01 && c <= 2100_12_31) return ymd(String(c));
    return serialToIso(c, date1904) ?? new Bad(EXCEL.dateFormat);
  }
  if (typeof c === 'boolean') return new Bad(EXCEL.dateFormat);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(c);
  if (m) return `${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}`;
  if (/^\d{8}$/.test(c)) return ymd(c);
  return new Bad(EXCEL.dateFormat);
}

function ymd(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** A number cell, or text such as "1,234" / "56.5". */
export function asNumber(c: Cell): Conv<number> {
  if (c === null) return undefined;
  if (c instanceof CellFault) return new Bad(c.message);
  if (typeof c === 'number') return c;
  if (typeof c === 'string') {
    const t = c.replace(/[,，\s]/g, '');
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return Number(t);
  }
  return new Bad(EXCEL.notNumber);
}

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '✘']);

export function asBool(c: Cell): Conv<boolean> {
  if (c === null) return undefined;
  if (c instanceof CellFault) return new Bad(c.message);
  if (typeof c === 'boolean') return c;
  if (typeof c === 'number') return c === 1 ? true : c === 0 ? false : new Bad(EXCEL.yesNo);
  if (typeof c === 'string') {
    const t = c.toUpperCase();
    if (YES.has(t)) return true;
    if (NO.has(t)) return false;
  }
  return new Bad(EXCEL.yesNo);
}

/** A label from `labels` (or its code) → the code. */
export function asEnum<K extends string>(c: Cell, labels: Record<K, string>): Conv<K> {
  const t = asText(c);
  if (t === undefined || t instanceof Bad) return t;
  return codeForLabel(labels, t) ?? new Bad(EXCEL.oneOf(Object.values(labels)));
}

const LIST_SEP = /[、,，;；\n\r]+/;

/** "书法、摄影，法律咨询" → ['书法', '摄影', '法律咨询'] (trimmed, empty items and repeats dropped). */
export function asList(c: Cell): Conv<string[]> {
  const t = asText(c);
  if (t === undefined || t instanceof Bad) return t;
  const items = t
    .split(LIST_SEP)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length === 0 ? undefined : [...new Set(items)];
}

/** A cell required to have a value. */
export function required<T>(v: Conv<T>): T | Bad {
  return v === undefined ? new Bad(ERR.required) : v;
}
