// The 备份与恢复 screen's data. Backups are files, not a table: the list is refreshed here after our own actions;
// a restore replaces every table, so it resets every query.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Input, Output } from '../../../shared/contract';
import { type ApiError, invoke } from '../../api/client';
import { queryClient } from '../../api/queries';

export const backupKeys = {
  list: () => ['backup', 'list'] as const,
};

export function useBackups() {
  return useQuery({ queryKey: backupKeys.list(), queryFn: () => invoke('backup.list', {}), staleTime: 0 });
}

const refreshList = () => queryClient.invalidateQueries({ queryKey: ['backup'] });

export function useCreateBackup() {
  return useMutation<Output<'backup.create'>, ApiError, void>({
    mutationFn: () => invoke('backup.create', {}),
    onSuccess: () => void refreshList(),
  });
}

export function useBackupToFolder() {
  return useMutation<Output<'backup.toFolder'>, ApiError, Input<'backup.toFolder'>>({
    mutationFn: (i) => invoke('backup.toFolder', i),
    onSuccess: () => void refreshList(),
  });
}

export function useInspectBackup() {
  return useMutation<Output<'backup.inspect'>, ApiError, Input<'backup.inspect'>>({
    mutationFn: (i) => invoke('backup.inspect', i),
  });
}

export function useRestoreBackup() {
  return useMutation<Output<'backup.restore'>, ApiError, Input<'backup.restore'>>({
    mutationFn: (i) => invoke('backup.restore', i),
    // Every table was replaced: drop every cached answer, not only the tables a write reports.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export function useSetRotation() {
  return useMutation<Output<'backup.setRotation'>, ApiError, Input<'backup.setRotation'>>({
    mutationFn: (i) => invoke('backup.setRotation', i),
    onSuccess: () => void refreshList(),
  });
}
