// TanStack Query hooks of the activity screens (服务活动, 统计表, 评价与反馈表, the member tab and the unit section).
// Every key starts with the table the query reads first, so a write reporting that table invalidates it
// (api/queries.ts); what a query reads besides is listed in ALSO_READS below and invalidated here.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input } from '../../../shared/contract';
import { invoke, onTablesChanged } from '../../api/client';
import { queryClient } from '../../api/queries';

export const activityKeys = {
  list: (q: Input<'activities.list'>) => ['activity', 'list', q] as const,
  detail: (id: number) => ['activity', 'detail', id] as const,
  memberActivities: (memberId: number) => ['activity_participant', 'member', memberId] as const,
  unitParticipation: (unitId: number, period: string) => ['activity_participant', 'unit', unitId, period] as const,
  participation: (communityId: number, period: string) =>
    ['activity_participant', 'table', communityId, period] as const,
  participationDoc: (communityId: number, period: string) =>
    ['activity_participant', 'table-doc', communityId, period] as const,
  evaluations: (communityId: number, period: string) => ['member_evaluation', 'list', communityId, period] as const,
  feedbackDoc: (memberId: number, period: string) => ['member_evaluation', 'feedback-doc', memberId, period] as const,
  feedbackUnits: (period: string) => ['member_evaluation', 'feedback-units', period] as const,
  memberSearch: (q: string, communityId: number | null) => ['member', 'activity-search', q, communityId] as const,
  unitSearch: (q: string) => ['unit', 'activity-search', q] as const,
  teams: () => ['volunteer_team', 'activity-options'] as const,
};

/** Tables each prefix also reads (names, reports, posts, evaluations shown beside the activity data). */
const ALSO_READS: readonly { prefix: readonly string[]; tables: readonly string[] }[] = [
  { prefix: ['activity'], tables: ['activity_participant', 'community', 'unit', 'volunteer_team', 'member'] },
  {
    prefix: ['activity_participant'],
    tables: ['activity', 'member', 'member_report', 'unit', 'community', 'service_post', 'post_claim'],
  },
  {
    prefix: ['member_evaluation'],
    tables: ['activity', 'activity_participant', 'member', 'member_report', 'unit', 'community', 'post_claim'],
  },
];

onTablesChanged((tables) => {
  const changed = new Set(tables);
  const waits: Promise<void>[] = [];
  for (const dep of ALSO_READS) {
    if (changed.has(dep.prefix[0]!) || !dep.tables.some((t) => changed.has(t))) continue;
    waits.push(queryClient.invalidateQueries({ queryKey: dep.prefix }).catch(() => undefined));
  }
  return Promise.all(waits).then(() => undefined);
});

export function useActivities(q: Input<'activities.list'>) {
  return useQuery({
    queryKey: activityKeys.list(q),
    queryFn: () => invoke('activities.list', q),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: number | undefined) {
  return useQuery({
    queryKey: activityKeys.detail(id ?? 0),
    queryFn: () => invoke('activities.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

export function useMemberActivities(memberId: number) {
  return useQuery({
    queryKey: activityKeys.memberActivities(memberId),
    queryFn: () => invoke('members.activities', { memberId }),
  });
}

/** `period` '' means all time. */
export function useUnitParticipation(unitId: number, period: string) {
  return useQuery({
    queryKey: activityKeys.unitParticipation(unitId, period),
    queryFn: () => invoke('units.participation', period ? { unitId, period } : { unitId }),
    placeholderData: keepPreviousData,
  });
}

export function useParticipationTable(communityId: number | null, period: string) {
  return useQuery({
    queryKey: activityKeys.participation(communityId ?? 0, period),
    queryFn: () => invoke('reports.participation', { communityId: communityId ?? 0, period }),
    enabled: communityId !== null && communityId > 0,
    placeholderData: keepPreviousData,
  });
}

/** The printable 统计表; fetched fresh whenever the preview opens. */
export function useParticipationDocument(communityId: number, period: string, enabled: boolean) {
  return useQuery({
    queryKey: activityKeys.participationDoc(communityId, period),
    queryFn: () => invoke('documents.participationTable', { communityId, period }),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useEvaluations(communityId: number | null, period: string) {
  return useQuery({
    queryKey: activityKeys.evaluations(communityId ?? 0, period),
    queryFn: () => invoke('evaluations.list', { communityId: communityId ?? 0, period }),
    enabled: communityId !== null && communityId > 0,
  });
}

export function useFeedbackDocument(memberId: number | null, period: string) {
  return useQuery({
    queryKey: activityKeys.feedbackDoc(memberId ?? 0, period),
    queryFn: () => invoke('documents.feedback', { memberId: memberId ?? 0, period }),
    enabled: memberId !== null && memberId > 0,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useFeedbackUnits(period: string) {
  return useQuery({
    queryKey: activityKeys.feedbackUnits(period),
    queryFn: () => invoke('documents.feedbackUnits', { period }),
  });
}

export const MEMBER_SEARCH_LIMIT = 20;

function searchMembers(q: string, communityId: number | null) {
  return invoke('members.list', {
    q,
    status: 'active',
    limit: MEMBER_SEARCH_LIMIT,
    ...(communityId ? { communityId } : {}),
  });
}

/** Members for the sign-in sheet: name or pinyin initials, in the register, optionally of one community. */
export function fetchMemberMatches(q: string, communityId: number | null) {
  return queryClient.fetchQuery({
    queryKey: activityKeys.memberSearch(q, communityId),
    queryFn: () => searchMembers(q, communityId),
    staleTime: 30_000,
  });
}

export function useMemberMatches(q: string, communityId: number | null) {
  return useQuery({
    queryKey: activityKeys.memberSearch(q, communityId),
    queryFn: () => searchMembers(q, communityId),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
}

export function useUnitMatches(q: string) {
  return useQuery({
    queryKey: activityKeys.unitSearch(q),
    queryFn: () => invoke('units.list', { ...(q ? { q } : {}), limit: 30 }),
    placeholderData: keepPreviousData,
  });
}

export function useTeamOptions() {
  return useQuery({ queryKey: activityKeys.teams(), queryFn: () => invoke('teams.list', {}) });
}
