// TanStack Query hooks of the cobuild screens (共建协议 / 服务岗位 / 志愿服务队). As everywhere, every key starts with
// the table the query reads first, so a write that reports it invalidates the query (api/queries.ts); the names these
// screens show from other tables (单位, 社区, 党员) are refreshed by the listener below.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input } from '../../../shared/contract';
import { invoke, onTablesChanged } from '../../api/client';
import { queryClient } from '../../api/queries';

export const cobuildKeys = {
  agreements: (q: Input<'agreements.list'>) => ['agreement', 'list', q] as const,
  agreement: (id: number) => ['agreement', 'detail', id] as const,
  agreementDoc: (id: number) => ['agreement', 'document', id] as const,
  posts: (q: Input<'posts.list'>) => ['service_post', 'list', q] as const,
  post: (id: number) => ['service_post', 'detail', id] as const,
  suggest: (postId: number) => ['service_post', 'suggest', postId] as const,
  teams: (q: Input<'teams.list'>) => ['volunteer_team', 'list', q] as const,
  team: (id: number) => ['volunteer_team', 'detail', id] as const,
  memberSearch: (q: string, limit: number) => ['member', 'cobuild-search', q, limit] as const,
  unitSearch: (q: string) => ['unit', 'cobuild-search', q] as const,
};

/** Other tables each prefix shows names or facts from. */
const ALSO_READS: readonly { prefix: string; tables: readonly string[] }[] = [
  { prefix: 'agreement', tables: ['unit', 'community', 'street'] },
  { prefix: 'service_post', tables: ['community', 'member', 'unit', 'post_claim'] },
  { prefix: 'volunteer_team', tables: ['community', 'member', 'grid'] },
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

export function useAgreements(q: Input<'agreements.list'>) {
  return useQuery({
    queryKey: cobuildKeys.agreements(q),
    queryFn: () => invoke('agreements.list', q),
    placeholderData: keepPreviousData,
  });
}

export function useAgreement(id: number | undefined) {
  return useQuery({
    queryKey: cobuildKeys.agreement(id ?? 0),
    queryFn: () => invoke('agreements.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

/** The printable 共驻共建协议书; always fetched fresh when the preview opens. */
export function useAgreementDocument(id: number | null) {
  return useQuery({
    queryKey: cobuildKeys.agreementDoc(id ?? 0),
    queryFn: () => invoke('documents.agreement', { id: id ?? 0 }),
    enabled: id !== null && id > 0,
    staleTime: 0,
    gcTime: 0,
  });
}

export function usePosts(q: Input<'posts.list'>) {
  return useQuery({
    queryKey: cobuildKeys.posts(q),
    queryFn: () => invoke('posts.list', q),
    placeholderData: keepPreviousData,
  });
}

export function usePost(id: number | undefined) {
  return useQuery({
    queryKey: cobuildKeys.post(id ?? 0),
    queryFn: () => invoke('posts.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

export function usePostSuggestions(postId: number, enabled: boolean) {
  return useQuery({
    queryKey: cobuildKeys.suggest(postId),
    queryFn: () => invoke('posts.suggest', { postId, limit: 20 }),
    enabled,
  });
}

export function useTeams(q: Input<'teams.list'>) {
  return useQuery({
    queryKey: cobuildKeys.teams(q),
    queryFn: () => invoke('teams.list', q),
    placeholderData: keepPreviousData,
  });
}

export function useTeam(id: number | undefined) {
  return useQuery({
    queryKey: cobuildKeys.team(id ?? 0),
    queryFn: () => invoke('teams.get', { id: id ?? 0 }),
    enabled: id !== undefined && id > 0,
  });
}

/** In-register members found by name or pinyin initials (nothing is asked before something was typed). */
export function useMemberSearch(q: string, limit = 30) {
  return useQuery({
    queryKey: cobuildKeys.memberSearch(q, limit),
    queryFn: () => invoke('members.list', { q, status: 'active', limit }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
}

/** Units for a picker, searched on the server (the first 30 without a search). */
export function useUnitSearch(q: string) {
  return useQuery({
    queryKey: cobuildKeys.unitSearch(q),
    queryFn: () => invoke('units.list', { ...(q ? { q } : {}), limit: 30 }),
    placeholderData: keepPreviousData,
  });
}
