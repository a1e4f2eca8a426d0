// The dashboard's query. It reads nearly every table, so any announced write invalidates it (recomputing the street's
// figures takes ~100 ms even on 100k members; a small street's in a few ms).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input } from '../../../shared/contract';
import { invoke, onTablesChanged } from '../../api/client';
import { queryClient } from '../../api/queries';

export const dashboardKey = (q: Input<'stats.dashboard'>) => ['stats', 'dashboard', q] as const;

onTablesChanged(() => void queryClient.invalidateQueries({ queryKey: ['stats'] }));

export function useDashboard(q: Input<'stats.dashboard'>) {
  return useQuery({
    queryKey: dashboardKey(q),
    queryFn: () => invoke('stats.dashboard', q),
    placeholderData: keepPreviousData,
  });
}
