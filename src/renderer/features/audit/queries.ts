// The 操作日志 screen's queries: keys start with 'audit', so every write (which always writes audit rows) refreshes
// them through the shared table invalidation.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Input, Output } from '../../../shared/contract';
import { invoke, type ApiError } from '../../api/client';

export type AuditFilters = Omit<Input<'audit.search'>, 'limit' | 'offset'>;

export function useAuditSearch(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'search', filters, page, pageSize] as const,
    queryFn: () => invoke('audit.search', { ...filters, limit: pageSize, offset: (page - 1) * pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useAuditEntities() {
  return useQuery({ queryKey: ['audit', 'entities'] as const, queryFn: () => invoke('audit.entities', {}) });
}

export function useAuditExport() {
  return useMutation<Output<'audit.export'>, ApiError, AuditFilters>({
    mutationFn: (f) => invoke('audit.export', f),
  });
}
