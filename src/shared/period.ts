// Reporting periods as the office writes them: '2026-11' (month), '2026Q4' (quarter), '2026H2' (half-year),
// '2026' (year). One parser for the 统计表, the evaluations (half-years only) and the 反馈表, so every screen and
// document agrees on which dates a period covers. Isomorphic: no Node, no DOM.

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  /** The canonical code: 2026-11, 2026Q4, 2026H2, 2026. */
  code: string;
  kind: PeriodKind;
  year: number;
  /** First and last day, inclusive (ISO dates). */
  from: string;
  to: string;
  /** 2026年11月, 2026年第四季度, 2026年下半年, 2026年. */
  label: string;
}

const QUARTER_ZH = ['一', '二', '三', '四'] as const;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function span(year: number, firstMonth: number, lastMonth: number): { from: string; to: string } {
  return {
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`,
  };
}

/** The period a code names, or null when it is not one of the four forms (case-insensitive q/h, spaces trimmed). */
export function parsePeriod(input: string): Period | null {
  const s = input.trim().toUpperCase();
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12 || year < MIN_YEAR || year > MAX_YEAR) return null;
    return {
      code: `${year}-${pad(month)}`,
      kind: 'month',
      year,
      ...span(year, month, month),
      label: `${year}年${month}月`,
    };
  }
  m = /^(\d{4})Q([1-4])$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return {
      code: `${year}Q${q}`,
      kind: 'quarter',
      year,
      ...span(year, q * 3 - 2, q * 3),
      label: `${year}年第${QUARTER_ZH[q - 1]}季度`,
    };
  }
  m = /^(\d{4})H([12])$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const h = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return {
      code: `${year}H${h}`,
      kind: 'half',
      year,
      ...span(year, h === 1 ? 1 : 7, h === 1 ? 6 : 12),
      label: `${year}年${h === 1 ? '上' : '下'}半年`,
    };
  }
  m = /^(\d{4})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return { code: `${year}`, kind: 'year', year, ...span(year, 1, 12), label: `${year}年` };
  }
  return null;
}

/** Like parsePeriod, for input already validated by the contract. */
export function periodOf(code: string): Period {
  const p = parsePeriod(code);
  if (!p) throw new Error(`not a period: ${code}`);
  return p;
}

/** The half-year a date falls in ('2026-11-22' → '2026H2'). */
export function halfYearOf(isoDate: string): string {
  const year = isoDate.slice(0, 4);
  return `${year}H${Number(isoDate.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/** Today's date on this computer as YYYY-MM-DD (local time: the office's own calendar day). */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
