// Pieces the activity screens share: URL filters, the community select options, the period picker (month / quarter /
// half-year / year) and the half-year picker.
import { Group, SegmentedControl, Select } from '@mantine/core';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { ACTIVITY } from '../../../shared/messages';
import { parsePeriod, todayIso, type PeriodKind } from '../../../shared/period';
import { formatNumber } from '../../components/format';

const S = ACTIVITY.screens;

export function positiveInt(v: string | null): number | undefined {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Filters in the URL: `patch({ key: value | null })` replaces the history entry. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const patch = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { params, patch };
}

export function round2(h: number): number {
  return Math.round(h * 100) / 100;
}

/** Hours as the office writes them: 2, 1.5, 0.25 (no trailing zeros). */
export function hoursText(h: number): string {
  return formatNumber(round2(h));
}

export function communityOptions(communities: readonly { id: number; name: string }[] | undefined) {
  return (communities ?? []).map((c) => ({ value: String(c.id), label: c.name }));
}

// ---- periods ---------------------------------------------------------------------------------------------------

const THIS_YEAR = Number(todayIso().slice(0, 4));
const YEARS = Array.from({ length: 8 }, (_, i) => THIS_YEAR - i);
const QUARTERS = ['一', '二', '三', '四'];

export function currentPeriod(kind: PeriodKind, today = todayIso()): string {
  const y = today.slice(0, 4);
  const m = Number(today.slice(5, 7));
  switch (kind) {
    case 'month':
      return today.slice(0, 7);
    case 'quarter':
      return `${y}Q${Math.ceil(m / 3)}`;
    case 'half':
      return `${y}H${m <= 6 ? 1 : 2}`;
    case 'year':
      return y;
  }
}

/** The options of the part after the year for one kind of period. */
function partsOf(kind: PeriodKind): { value: string; label: string }[] {
  switch (kind) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({
        value: `-${String(i + 1).padStart(2, '0')}`,
        label: S.monthOption(i + 1),
      }));
    case 'quarter':
      return QUARTERS.map((q, i) => ({ value: `Q${i + 1}`, label: S.quarterOption(q) }));
    case 'half':
      return [
        { value: 'H1', label: S.firstHalf },
        { value: 'H2', label: S.secondHalf },
      ];
    case 'year':
      return [];
  }
}

function partOf(code: string, kind: PeriodKind): string {
  return kind === 'year' ? '' : code.slice(4);
}

/** Month / quarter / half-year / year, then the year and the month/quarter/half. `value` is a period code. */
export function PeriodPicker({
  value,
  onChange,
  kinds = ['month', 'quarter', 'half', 'year'],
}: {
  value: string;
  onChange: (code: string) => void;
  kinds?: readonly PeriodKind[];
}) {
  const p = parsePeriod(value) ?? parsePeriod(currentPeriod('half'))!;
  const kind = p.kind;
  const year = String(p.year);
  const years = YEARS.includes(p.year) ? YEARS : [p.year, ...YEARS];
  const setKind = (k: PeriodKind) => {
    if (k === kind) return;
    // Keep the year; take the first sub-period of that kind within the current one's span.
    const month = Number(p.from.slice(5, 7));
    const code =
      k === 'year'
        ? year
        : k === 'month'
          ? `${year}-${String(month).padStart(2, '0')}`
          : k === 'quarter'
            ? `${year}Q${Math.ceil(month / 3)}`
            : `${year}H${month <= 6 ? 1 : 2}`;
    onChange(code);
  };
  return (
    <Group gap="xs" wrap="nowrap">
      {kinds.length > 1 && (
        <SegmentedControl
          aria-label={S.periodKind}
          data={kinds.map((k) => ({ value: k, label: S.periodKinds[k] }))}
          value={kind}
          onChange={(v) => setKind(v as PeriodKind)}
        />
      )}
      <Select
        aria-label={S.periodYear}
        data={years.map((y) => ({ value: String(y), label: S.yearOption(y) }))}
        value={year}
        onChange={(v) => v && onChange(`${v}${partOf(p.code, kind)}`)}
        allowDeselect={false}
        w={104}
      />
      {kind !== 'year' && (
        <Select
          aria-label={S.periodPart}
          data={partsOf(kind)}
          value={partOf(p.code, kind)}
          onChange={(v) => v && onChange(`${year}${v}`)}
          allowDeselect={false}
          w={kind === 'half' ? 100 : 96}
        />
      )}
    </Group>
  );
}
