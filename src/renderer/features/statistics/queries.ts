// TanStack Query hooks of the 统计 and 目标考评 screens. Their figures read nearly every table (members, reports,
// activities, participants, agreements, posts, meetings, communities, settings), so every write invalidates them:
// the keys start with 'stats' and any change reported by the core refetches the ones on screen.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input } from '../../../shared/contract';
import { invoke, onTablesChanged } from '../../api/client';
import { queryClient } from '../../api/queries';

export const statsKeys = {
  table: (q: Input<'stats.table'>) => ['stats', 'table', q] as const,
  tableDoc: (q: Input<'documents.statsTable'>) => ['stats', 'table-doc', q] as const,
  scorecard: (year: number) => ['stats', 'scorecard', year] as const,
  scorecardDoc: (year: number, communityId: number | null) => ['stats', 'scorecard-doc', year, communityId] as const,
};

onTablesChanged(() => queryClient.invalidateQueries({ queryKey: ['stats'] }).catch(() => undefined));

export function useStatTable(q: Input<'stats.table'>) {
  return useQuery({
    queryKey: statsKeys.table(q),
    queryFn: () => invoke('stats.table', q),
    placeholderData: keepPreviousData,
  });
}

export function useStatTableDocument(q: Input<'documents.statsTable'>, enabled: boolean) {
  return useQuery({
    queryKey: statsKeys.tableDoc(q),
    queryFn: () => invoke('documents.statsTable', q),
    enabled,
  });
}

export function useScorecard(year: number) {
  return useQuery({
    queryKey: statsKeys.scorecard(year),
    queryFn: () => invoke('stats.scorecard', { year }),
    placeholderData: keepPreviousData,
  });
}

/** One community's page, or every community one per page (communityId null: 全部打印). */
export function useScorecardDocument(year: number, communityId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: statsKeys.scorecardDoc(year, communityId),
    queryFn: () => invoke('documents.scorecard', { year, ...(communityId !== null ? { communityId } : {}) }),
    enabled,
  });
}
