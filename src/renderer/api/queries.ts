// TanStack Query on top of the typed client. Every query key starts with the table it reads, so a write that
// reports `changed: ['community', …]` invalidates exactly the queries showing those tables. This file is the one
// place that maps changed tables to invalidations; components never refetch by hand.
import { QueryClient, keepPreviousData, useMutation, useQuery, type UseMutationOptions } from '@tanstack/react-query';
import type { Input, MethodName, Output } from '../../shared/contract';
import { ApiError, invoke, onTablesChanged } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The data is local and only changes through us (announced), so it rarely goes stale on its own.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError) && failures < 1,
    },
    mutations: { retry: false },
  },
});

/** Query keys. The first element is always the table the query reads (dependencies noted where they differ). */
export const keys = {
  /** app.status reads the street table (initialised or not). */
  status: () => ['street', 'status'] as const,
  street: () => ['street', 'get'] as const,
  /** The list reads grid, community_funding and settings too; those writes always report 'community' as well. */
  communities: (includeRetired: boolean) => ['community', 'list', { includeRetired }] as const,
  community: (id: number) => ['community', 'detail', id] as const,
  grids: (communityId: number | undefined) => ['grid', communityId ?? 'all'] as const,
  settings: () => ['settings'] as const,
  audit: (page: number, pageSize: number) => ['audit', { page, pageSize }] as const,
  divisions: (level: string, parent?: string) => ['divisions', level, parent ?? ''] as const,
};

// ---- changed tables → invalidations ----------------------------------------------------------------------------

const COALESCE_MS = 100;
const recent = new Map<string, { at: number; done: Promise<void> }>();

/**
 * Invalidates every query whose key starts with one of the tables. A table invalidated less than COALESCE_MS ago
 * (e.g. the same change announced by the envelope and by Electron's db:changed event) is not invalidated twice.
 */
export function invalidateTables(tables: readonly string[]): Promise<void> {
  const now = Date.now();
  const waits: Promise<void>[] = [];
  for (const table of new Set(tables)) {
    const prev = recent.get(table);
    if (prev && now - prev.at < COALESCE_MS) {
      waits.push(prev.done);
      continue;
    }
    const done = queryClient.invalidateQueries({ queryKey: [table] }).catch(() => undefined);
    recent.set(table, { at: now, done });
    waits.push(done);
  }
  return Promise.all(waits).then(() => undefined);
}

onTablesChanged((tables) => invalidateTables(tables));

// ---- queries ---------------------------------------------------------------------------------------------------

const forever = { staleTime: Infinity, gcTime: Infinity } as const;

export function useStatus() {
  return useQuery({ queryKey: keys.status(), queryFn: () => invoke('app.status', {}) });
}

export function useStreet() {
  return useQuery({ queryKey: keys.street(), queryFn: () => invoke('street.get', {}) });
}

export function useCommunities(includeRetired = false) {
  return useQuery({
    queryKey: keys.communities(includeRetired),
    queryFn: () => invoke('communities.list', { includeRetired }),
    placeholderData: keepPreviousData,
  });
}

export function useCommunity(id: number | undefined) {
  return useQuery({
    queryKey: keys.community(id ?? 0),
    queryFn: () => invoke('communities.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

export function useGrids(communityId: number | undefined) {
  return useQuery({
    queryKey: keys.grids(communityId),
    queryFn: () => invoke('grids.list', communityId === undefined ? {} : { communityId }),
  });
}

export function useSettings() {
  return useQuery({ queryKey: keys.settings(), queryFn: () => invoke('settings.get', {}) });
}

export function useAudit(page: number, pageSize: number) {
  return useQuery({
    queryKey: keys.audit(page, pageSize),
    queryFn: () => invoke('audit.list', { limit: pageSize, offset: (page - 1) * pageSize }),
    placeholderData: keepPreviousData,
  });
}

// Division data is static for the life of the program.
export function useProvinces() {
  return useQuery({
    queryKey: keys.divisions('provinces'),
    queryFn: () => invoke('divisions.provinces', {}),
    ...forever,
  });
}

export function useCities(provinceCode: string | null) {
  return useQuery({
    queryKey: keys.divisions('cities', provinceCode ?? ''),
    queryFn: () => invoke('divisions.cities', { provinceCode: provinceCode ?? '' }),
    enabled: !!provinceCode,
    ...forever,
  });
}

export function useAreas(cityCode: string | null) {
  return useQuery({
    queryKey: keys.divisions('areas', cityCode ?? ''),
    queryFn: () => invoke('divisions.areas', { cityCode: cityCode ?? '' }),
    enabled: !!cityCode,
    ...forever,
  });
}

export function useStreets(areaCode: string | null) {
  return useQuery({
    queryKey: keys.divisions('streets', areaCode ?? ''),
    queryFn: () => invoke('divisions.streets', { areaCode: areaCode ?? '' }),
    enabled: !!areaCode,
    ...forever,
  });
}

export function useVillages(streetCode: string | null) {
  return useQuery({
    queryKey: keys.divisions('villages', streetCode ?? ''),
    queryFn: () => invoke('divisions.villages', { streetCode: streetCode ?? '' }),
    enabled: !!streetCode,
    ...forever,
  });
}

/** Resolves a typed 9-digit street code (static data: cached like the other division lists). */
export function lookupStreet(code: string) {
  return queryClient.fetchQuery({
    queryKey: keys.divisions('street', code),
    queryFn: () => invoke('divisions.street', { code }),
    ...forever,
  });
}

// ---- mutations -------------------------------------------------------------------------------------------------

/**
 * A mutation for one contract method. The promise settles after the queries of the changed tables were
 * invalidated and refetched (see client.invoke), so callers can reset their forms on success without flicker.
 */
export function useMutationFor<M extends MethodName>(
  method: M,
  options?: Omit<UseMutationOptions<Output<M>, ApiError, Input<M>>, 'mutationFn'>,
) {
  return useMutation<Output<M>, ApiError, Input<M>>({
    ...options,
    mutationFn: (input) => invoke(method, input),
  });
}
