// TanStack Query on top of the typed client. Every query key starts with the table it reads, so a write that
// reports `changed: ['community', …]` invalidates exactly the queries showing those tables. This file is the one
// place that maps changed tables to invalidations; components never refetch by hand.
import {
  QueryClient,
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  type UseMutationOptions,
} from '@tanstack/react-query';
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

// ---- 驻区单位 / 联络网络 ------------------------------------------------------------------------------------------

/** Keys of the unit and network queries (first element = the table they read first, as everywhere). */
export const registryKeys = {
  units: (q: Input<'units.list'>) => ['unit', 'list', q] as const,
  unit: (id: number) => ['unit', 'detail', id] as const,
  networkTree: (communityId: number) => ['liaison_station', 'tree', communityId] as const,
  unassignedSearch: (communityId: number, q: string) => ['member', 'unassigned', communityId, q] as const,
  memberTotal: () => ['member', 'total'] as const,
};

/**
 * Queries that read more tables than the one their key starts with. When one of `tables` changes (and the key's own
 * first table did not — that case is handled above), the queries under `prefix` are invalidated too: e.g. a member
 * write changes a unit's 在职党员 count, an assignment changes the network tree.
 */
const ALSO_READS: readonly { prefix: readonly unknown[]; tables: readonly string[] }[] = [
  {
    prefix: ['unit'],
    tables: ['member', 'member_report', 'community', 'grid', 'liaison_assignment', 'liaison_group', 'liaison_station'],
  },
  {
    prefix: ['liaison_station', 'tree'],
    tables: ['liaison_group', 'liaison_assignment', 'member', 'grid', 'community'],
  },
];
const recentAlso = new Map<string, { at: number; done: Promise<void> }>();

onTablesChanged((tables) => {
  const changed = new Set(tables);
  const now = Date.now();
  const waits: Promise<void>[] = [];
  for (const dep of ALSO_READS) {
    if (changed.has(String(dep.prefix[0])) || !dep.tables.some((t) => changed.has(t))) continue;
    const id = JSON.stringify(dep.prefix);
    const prev = recentAlso.get(id);
    if (prev && now - prev.at < COALESCE_MS) {
      waits.push(prev.done);
      continue;
    }
    const done = queryClient.invalidateQueries({ queryKey: dep.prefix }).catch(() => undefined);
    recentAlso.set(id, { at: now, done });
    waits.push(done);
  }
  return Promise.all(waits).then(() => undefined);
});

export function useUnits(q: Input<'units.list'>) {
  return useQuery({
    queryKey: registryKeys.units(q),
    queryFn: () => invoke('units.list', q),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: number | undefined) {
  return useQuery({
    queryKey: registryKeys.unit(id ?? 0),
    queryFn: () => invoke('units.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

export function useNetworkTree(communityId: number | undefined) {
  return useQuery({
    queryKey: registryKeys.networkTree(communityId ?? 0),
    queryFn: () => invoke('network.tree', { communityId: communityId ?? 0 }),
    enabled: communityId !== undefined && communityId > 0,
  });
}

/** Members of a community not in the network, searched on the server (name or pinyin initials). */
export function useUnassignedSearch(communityId: number | undefined, q: string, limit = 200) {
  return useQuery({
    queryKey: registryKeys.unassignedSearch(communityId ?? 0, q),
    queryFn: () =>
      invoke('members.list', { communityId: communityId ?? 0, role: 'unassigned', status: 'active', q, limit }),
    enabled: communityId !== undefined && communityId > 0 && q !== '',
    placeholderData: keepPreviousData,
  });
}

/** How many members the database holds (any status): 0 means the street has no member data yet. */
export function useMemberTotal() {
  return useQuery({
    queryKey: registryKeys.memberTotal(),
    queryFn: async () => (await invoke('members.list', { limit: 1 })).total,
  });
}

// ---- 党员 / 报到 / 登记卡 -------------------------------------------------------------------------------------------

/** The member list's filters and order: members.list without offset/limit. */
export type MemberFilters = Omit<Input<'members.list'>, 'offset' | 'limit'>;
export const MEMBER_PAGE_SIZE = 200;

export const memberKeys = {
  /** One page (offset = page × MEMBER_PAGE_SIZE) of the list under some filters. */
  page: (filters: MemberFilters, page: number) => ['member', 'list', filters, page] as const,
  detail: (id: number) => ['member', 'detail', id] as const,
  history: (id: number, limit: number) => ['audit', 'member', id, limit] as const,
  unitOptions: (q: string) => ['unit', 'options', q] as const,
  card: (reportId: number, paper: 'A4' | 'A5') => ['member_report', 'card', reportId, paper] as const,
};

/**
 * Member rows also show names from other tables (社区, 网格, 工作单位, 联络站/组): a rename there refreshes the
 * member queries too. (A write that changes members itself already reports 'member'.)
 */
const MEMBER_ALSO_READS = [
  'community',
  'grid',
  'unit',
  'liaison_station',
  'liaison_group',
  'liaison_assignment',
  'member_report',
];
onTablesChanged((tables) => {
  if (tables.includes('member') || !tables.some((t) => MEMBER_ALSO_READS.includes(t))) return;
  return queryClient.invalidateQueries({ queryKey: ['member'] }).catch(() => undefined);
});

/**
 * The pages of the member list a virtualized table currently shows. Pages are fetched by offset, so jumping to
 * row 90 000 loads the one page there instead of every page before it; pages scrolled away are garbage-collected.
 * While the filters change, a page keeps showing the previous filters' rows of the same page (isPlaceholderData),
 * never another page's rows.
 */
export function useMemberPages(filters: MemberFilters, pages: readonly number[]) {
  return useQueries({
    queries: pages.map((page) => ({
      queryKey: memberKeys.page(filters, page),
      queryFn: () => invoke('members.list', { ...filters, offset: page * MEMBER_PAGE_SIZE, limit: MEMBER_PAGE_SIZE }),
      placeholderData: (prev: Output<'members.list'> | undefined, prevQuery?: { queryKey: readonly unknown[] }) =>
        prevQuery && prevQuery.queryKey[3] === page ? prev : undefined,
      gcTime: 60_000,
    })),
  });
}

/** A cached page of the member list, if any (rows the table can show before their query is observed). */
export function cachedMemberPage(filters: MemberFilters, page: number): Output<'members.list'> | undefined {
  return queryClient.getQueryData<Output<'members.list'>>(memberKeys.page(filters, page));
}

export function useMember(id: number | undefined) {
  return useQuery({
    queryKey: memberKeys.detail(id ?? 0),
    queryFn: () => invoke('members.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

/** The member's 变更记录 (audit rows of entity 'member', newest first). */
export function useMemberHistory(id: number, limit = 100) {
  return useQuery({
    queryKey: memberKeys.history(id, limit),
    queryFn: () => invoke('audit.list', { entity: 'member', entityId: id, limit }),
  });
}

/** Units for the 工作单位 picker, searched on the server. */
export function useUnitOptions(q: string) {
  return useQuery({
    queryKey: memberKeys.unitOptions(q),
    queryFn: () => invoke('units.list', { ...(q ? { q } : {}), limit: 30 }),
    placeholderData: keepPreviousData,
  });
}

/** The 登记卡 HTML of one report. Always fetched fresh when opened (it reads the member, street and report). */
export function useRegistrationCard(reportId: number | undefined, paper: 'A4' | 'A5') {
  return useQuery({
    queryKey: memberKeys.card(reportId ?? 0, paper),
    queryFn: () => invoke('documents.registrationCard', { reportId: reportId ?? 0, paper }),
    enabled: reportId !== undefined && reportId > 0,
    staleTime: 0,
    gcTime: 0,
  });
}
