import { describe, expect, it } from 'vitest';
import { halfYearOf, parsePeriod, periodOf, todayIso } from '../../src/shared/period';

describe('reporting periods', () => {
  it.each([
    ['2026-11', 'month', '2026-11-01', '2026-11-30', '2026年11月'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28', '2026年2月'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29', '2028年2月'],
    ['2026Q1', 'quarter', '2026-01-01', '2026-03-31', '2026年第一季度'],
    ['2026q4', 'quarter', '2026-10-01', '2026-12-31', '2026年第四季度'],
    ['2026H1', 'half', '2026-01-01', '2026-06-30', '2026年上半年'],
    [' 2026h2 ', 'half', '2026-07-01', '2026-12-31', '2026年下半年'],
    ['2026', 'year', '2026-01-01', '2026-12-31', '2026年'],
  ])('%s is a %s from %s to %s (%s)', (code, kind, from, to, label) => {
    const p = parsePeriod(code);
    expect(p).toMatchObject({ kind, from, to, label, year: 2026 + (from.startsWith('2028') ? 2 : 0) });
    expect(p!.code).toBe(code.trim().toUpperCase());
  });

  it.each(['', '2026-13', '2026-00', '2026-1', '2026Q5', '2026Q0', '2026H3', '26', '1999', '2101', '2026-11-01', 'H2'])(
    'refuses %j',
    (code) => {
      expect(parsePeriod(code)).toBeNull();
    },
  );

  it('periodOf throws on a bad code; halfYearOf and todayIso', () => {
    expect(() => periodOf('2026H3')).toThrow();
    expect(periodOf('2026Q3').to).toBe('2026-09-30');
    expect(halfYearOf('2026-06-30')).toBe('2026H1');
    expect(halfYearOf('2026-07-01')).toBe('2026H2');
    expect(todayIso(new Date(2026, 10, 22, 23, 59))).toBe('2026-11-22');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
