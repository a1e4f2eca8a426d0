// The 数据上报 / 区级汇总 screens' data. Batches live in export_batch, which the renderer's table list does not
// announce: the history is refreshed here after our own exports. District data lives in a separate file and is
// read on demand (district.open) — nothing here touches the street DB's queries.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Input, Output } from '../../../shared/contract';
import { type ApiError, invoke } from '../../api/client';
import { queryClient } from '../../api/queries';

export const exchangeKeys = {
  history: () => ['exchange', 'history'] as const,
  preview: (full: boolean) => ['exchange', 'preview', full] as const,
  progress: () => ['exchange', 'progress'] as const,
};

const refresh = () => queryClient.invalidateQueries({ queryKey: ['exchange'] });

export function useHistory() {
  return useQuery({ queryKey: exchangeKeys.history(), queryFn: () => invoke('package.history', {}), staleTime: 0 });
}

export function usePreview(full: boolean, enabled: boolean) {
  return useQuery({
    queryKey: exchangeKeys.preview(full),
    queryFn: () => invoke('package.preview', { full }),
    enabled,
    staleTime: 0,
  });
}

export function useProgress(running: boolean) {
  return useQuery({
    queryKey: exchangeKeys.progress(),
    queryFn: () => invoke('package.progress', {}),
    enabled: running,
    refetchInterval: running ? 300 : false,
    staleTime: 0,
  });
}

export function useExport() {
  return useMutation<Output<'package.export'>, ApiError, Input<'package.export'>>({
    mutationFn: (i) => invoke('package.export', i),
    onSettled: () => void refresh(),
  });
}

export function useReexport() {
  return useMutation<Output<'package.reexport'>, ApiError, Input<'package.reexport'>>({
    mutationFn: (i) => invoke('package.reexport', i),
    onSettled: () => void refresh(),
  });
}

export function useCopy() {
  return useMutation<Output<'package.copy'>, ApiError, Input<'package.copy'>>({
    mutationFn: (i) => invoke('package.copy', i),
  });
}

export function usePublicKey() {
  return useMutation<Output<'package.publicKey'>, ApiError, void>({
    mutationFn: () => invoke('package.publicKey', {}),
    onSettled: () => void refresh(),
  });
}

export function useDistrictOpen() {
  return useMutation<Output<'district.open'>, ApiError, Input<'district.open'>>({
    mutationFn: (i) => invoke('district.open', i),
  });
}

export function useDistrictRegister() {
  return useMutation<Output<'district.register'>, ApiError, Input<'district.register'>>({
    mutationFn: (i) => invoke('district.register', i),
  });
}

export function useDistrictMerge() {
  return useMutation<Output<'district.merge'>, ApiError, Input<'district.merge'>>({
    mutationFn: (i) => invoke('district.merge', i),
  });
}
