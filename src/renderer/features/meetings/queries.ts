// TanStack Query hooks of the meeting screens (会议 / 会议机构 / 达标情况 / 议定事项 / 会议纪要). Every key starts with
// the table the query reads first, so a write reporting that table invalidates it (api/queries.ts); the other tables
// each query shows data from are listed in ALSO_READS and invalidated here.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input, MinutesContentT } from '../../../shared/contract';
import { invoke, onTablesChanged } from '../../api/client';
import { queryClient } from '../../api/queries';

export const meetingKeys = {
  bodies: (q: Input<'meetingBodies.list'>) => ['meeting_body', 'list', q] as const,
  body: (id: number) => ['meeting_body', 'detail', id] as const,
  list: (q: Input<'meetings.list'>) => ['meeting', 'list', q] as const,
  detail: (id: number) => ['meeting', 'detail', id] as const,
  compliance: (year: number) => ['meeting', 'compliance', year] as const,
  board: (q: Input<'decisions.board'>) => ['decision', 'board', q] as const,
  minutes: (meetingId: number) => ['meeting_minutes', 'state', meetingId] as const,
  render: (meetingId: number, content: MinutesContentT | null) =>
    ['meeting_minutes', 'render', meetingId, content] as const,
};

/** Tables each prefix also reads (names, counts and states shown beside its own rows). */
const ALSO_READS: readonly { prefix: string; tables: readonly string[] }[] = [
  { prefix: 'meeting_body', tables: ['meeting_body_member', 'meeting', 'community', 'unit', 'member'] },
  {
    prefix: 'meeting',
    tables: [
      'meeting_body',
      'meeting_attendee',
      'agenda_item',
      'decision',
      'decision_note',
      'meeting_minutes',
      'community',
      'unit',
    ],
  },
  { prefix: 'decision', tables: ['decision_note', 'meeting', 'meeting_body', 'community', 'unit'] },
  { prefix: 'meeting_minutes', tables: ['meeting', 'meeting_attendee', 'agenda_item', 'decision', 'meeting_body'] },
];

onTablesChanged((tables) => {
  const changed = new Set(tables);
  const waits: Promise<void>[] = [];
  for (const dep of ALSO_READS) {
    if (changed.has(dep.prefix) || !dep.tables.some((t) => changed.has(t))) continue;
    waits.push(queryClient.invalidateQueries({ queryKey: [dep.prefix] }).catch(() => undefined));
  }
  return Promise.all(waits).then(() => undefined);
});

export function useMeetingBodies(q: Input<'meetingBodies.list'> = {}) {
  return useQuery({ queryKey: meetingKeys.bodies(q), queryFn: () => invoke('meetingBodies.list', q) });
}

export function useMeetingBody(id: number | null | undefined) {
  return useQuery({
    queryKey: meetingKeys.body(id ?? 0),
    queryFn: () => invoke('meetingBodies.get', { id: id ?? 0 }),
    enabled: !!id && id > 0,
  });
}

/** A body's detail (standing members) fetched on demand, e.g. for 从常设成员导入. */
export function fetchMeetingBody(id: number) {
  return queryClient.fetchQuery({
    queryKey: meetingKeys.body(id),
    queryFn: () => invoke('meetingBodies.get', { id }),
    staleTime: 5_000,
  });
}

export function useMeetings(q: Input<'meetings.list'>) {
  return useQuery({
    queryKey: meetingKeys.list(q),
    queryFn: () => invoke('meetings.list', q),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: number | undefined) {
  return useQuery({
    queryKey: meetingKeys.detail(id ?? 0),
    queryFn: () => invoke('meetings.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

export function useCompliance(year: number) {
  return useQuery({
    queryKey: meetingKeys.compliance(year),
    queryFn: () => invoke('meetings.compliance', { year }),
    placeholderData: keepPreviousData,
  });
}

export function useDecisionBoard(q: Input<'decisions.board'>) {
  return useQuery({
    queryKey: meetingKeys.board(q),
    queryFn: () => invoke('decisions.board', q),
    placeholderData: keepPreviousData,
  });
}

export function useMinutes(meetingId: number | undefined) {
  return useQuery({
    queryKey: meetingKeys.minutes(meetingId ?? 0),
    queryFn: () => invoke('minutes.get', { meetingId: meetingId ?? 0 }),
    enabled: meetingId !== undefined && meetingId > 0,
  });
}

/** The 会议纪要 laid out (GB/T 9704) for the given content; fetched fresh each time the preview opens. */
export function useMinutesDocument(meetingId: number, content: MinutesContentT | null) {
  return useQuery({
    queryKey: meetingKeys.render(meetingId, content),
    queryFn: () => invoke('minutes.render', content ? { meetingId, content } : { meetingId }),
    enabled: content !== null,
    staleTime: 0,
    gcTime: 0,
  });
}
