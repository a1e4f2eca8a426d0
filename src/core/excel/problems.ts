// Collecting import problems (row, column header, Chinese reason) and turning zod issues into them.
import type { z } from 'zod';
import type { ImportProblemT } from '../../shared/contract';
import { ERR, EXCEL } from '../../shared/messages';
import type { ColumnSpec } from './columns';

/** Beyond this many problems the list ends with one line saying how many more there are. */
export const MAX_PROBLEMS = 10_000;

interface Ordered extends ImportProblemT {
  order: number;
}

export class Problems {
  private readonly items: Ordered[] = [];
  private dropped = 0;

  get count(): number {
    return this.items.length + this.dropped;
  }

  add(row: number, column: string, message: string, order = 0): void {
    if (this.items.length >= MAX_PROBLEMS) {
      this.dropped++;
      return;
    }
    this.items.push({ row, column, message, order });
  }

  /** By row, then by column position; the overflow note last. */
  list(): ImportProblemT[] {
    const sorted = [...this.items].sort((a, b) => a.row - b.row || a.order - b.order);
    const out: ImportProblemT[] = sorted.map(({ row, column, message }) => ({ row, column, message }));
    if (this.dropped > 0) out.push({ row: 0, column: '', message: EXCEL.tooManyProblems(this.dropped) });
    return out;
  }
}

/** Problems of one row: at most one per column (the first reason found wins). */
export class RowProblems<K extends string> {
  private readonly seen = new Set<K>();
  constructor(
    private readonly problems: Problems,
    private readonly rowNo: number,
    private readonly spec: Record<K, { header: string; order: number }>,
  ) {}

  has(key: K): boolean {
    return this.seen.has(key);
  }

  get any(): boolean {
    return this.seen.size > 0;
  }

  add(key: K, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const c = this.spec[key];
    this.problems.add(this.rowNo, c.header, message, c.order);
  }
}

/** Column key → header and position, for RowProblems. */
export function columnIndex<K extends string>(
  cols: readonly ColumnSpec[],
): Record<K, { header: string; order: number }> {
  const out = {} as Record<K, { header: string; order: number }>;
  cols.forEach((c, i) => {
    out[c.key as K] = { header: c.header, order: i + 1 };
  });
  return out;
}

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

/** A zod issue as a short Chinese reason (our schemas' own messages are Chinese already). */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  let msg: string;
  let value: unknown = input;
  for (const k of issue.path)
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k] : undefined;
  if (HAS_CHINESE.test(issue.message)) msg = issue.message;
  else if (
    (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
    (value === undefined || value === null)
  ) {
    msg = ERR.required;
  } else {
    switch (issue.code) {
      case 'invalid_type':
        msg = issue.input === undefined || issue.input === null ? ERR.required : '格式不正确';
        break;
      case 'too_small':
        msg =
          issue.origin === 'string'
            ? ERR.required
            : issue.origin === 'number' && Number(issue.minimum) === 0
              ? ERR.notNegative
              : `不能小于 ${String(issue.minimum)}`;
        break;
      case 'too_big':
        msg =
          issue.origin === 'string'
            ? ERR.tooLong(Number(issue.maximum))
            : issue.origin === 'array'
              ? `不能超过 ${String(issue.maximum)} 项`
              : `不能大于 ${String(issue.maximum)}`;
        break;
      case 'invalid_value':
        msg = '取值不在允许范围内';
        break;
      default:
        msg = ERR.invalidInput;
    }
  }
  // An item of a list (专业特长、资源清单…): name the item.
  const path = issue.path;
  if (path.length >= 2 && typeof path[1] === 'number' && input && typeof input === 'object') {
    const list = (input as Record<string, unknown>)[String(path[0])];
    const item = Array.isArray(list) ? (list[path[1]] as unknown) : undefined;
    const text =
      typeof item === 'string'
        ? item
        : item && typeof item === 'object'
          ? (item as { name?: unknown }).name
          : undefined;
    if (typeof text === 'string') return `「${text}」${msg}`;
  }
  return msg;
}

/**
 * Reports every issue of a failed parse on the column its field comes from (columns already reported keep their
 * first reason). An issue on a field no column maps to lands on `fallback`, so a failed parse never goes unreported.
 */
export function reportIssues<K extends string>(
  rp: RowProblems<K>,
  error: z.ZodError,
  input: unknown,
  fieldToColumn: Partial<Record<string, K>>,
  fallback: K,
): void {
  for (const issue of error.issues) {
    const field = issue.path[0];
    const key = (typeof field === 'string' ? fieldToColumn[field] : undefined) ?? fallback;
    rp.add(key, issueMessage(issue, input));
  }
  if (!rp.any) rp.add(fallback, ERR.invalidInput);
}
