// Pieces the meeting screens share: the year list, quarter ranges, status badges and the body/community options.
import { Badge } from '@mantine/core';
import type { MeetingBodyT } from '../../../shared/contract';
import { DECISION_STATUS_LABELS, type DecisionStatus } from '../../../shared/enums';
import { MEETING_UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';

const C = MEETING_UI.common;

export const THIS_YEAR = Number(todayIso().slice(0, 4));

/** This year and the six before it, newest first (plus `extra` when it is outside that range). */
export function yearOptions(extra?: number): { value: string; label: string }[] {
  const years = Array.from({ length: 7 }, (_, i) => THIS_YEAR - i);
  if (extra && !years.includes(extra)) years.push(extra);
  years.sort((a, b) => b - a);
  return years.map((y) => ({ value: String(y), label: C.year(y) }));
}

/** First and last day of a year (quarter 0) or one of its quarters. */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  if (quarter < 1 || quarter > 4) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const m1 = (quarter - 1) * 3 + 1;
  const m3 = m1 + 2;
  const last = new Date(year, m3, 0).getDate();
  return {
    from: `${year}-${String(m1).padStart(2, '0')}-01`,
    to: `${year}-${String(m3).padStart(2, '0')}-${String(last).padStart(2, '0')}`,
  };
}

const STATUS_COLORS: Record<DecisionStatus, string> = { open: 'orange', in_progress: 'blue', done: 'green' };

export function DecisionStatusBadge({ status, overdue }: { status: DecisionStatus; overdue?: boolean }) {
  return (
    <Badge
      variant={overdue && status !== 'done' ? 'filled' : 'light'}
      color={overdue && status !== 'done' ? 'red' : STATUS_COLORS[status]}
      radius="sm"
      tt="none"
      fw={500}
    >
      {DECISION_STATUS_LABELS[status]}
    </Badge>
  );
}

export function bodyOptions(bodies: readonly MeetingBodyT[] | undefined): { value: string; label: string }[] {
  return (bodies ?? []).map((b) => ({
    value: String(b.id),
    label: b.communityName && !b.name.includes(b.communityName) ? `${b.communityName}${b.name}` : b.name,
  }));
}

/** The body as one line: its name, prefixed with its community when the name does not say it. */
export function bodyLabel(b: { bodyName: string; communityName: string | null }): string {
  return b.communityName && !b.bodyName.includes(b.communityName) ? `${b.communityName} · ${b.bodyName}` : b.bodyName;
}

/** A counter for stable React keys of rows that can be added, removed and reordered. */
let seq = 0;
export function nextKey(prefix = 'k'): string {
  seq += 1;
  return `${prefix}${seq}`;
}

/** Moves item i by d (−1 up, +1 down) within a copy of the list. */
export function moved<T>(list: readonly T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}
