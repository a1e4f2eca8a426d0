// Backups and restore (issue 8). What other features call:
// - `backupBefore(db, 'merge' | 'import' | 'restore')` before a big change (throws a Chinese AppError on failure);
// - `startupBackup(file)`, `damagedState(file)`, `recoverDatabase`, `startDailyBackups` at start-up;
// - `restoreRunning(core, ref)` / `restoreFile(file, ref)` to restore, `listBackups(dir)` to list.
export { backupBefore, backupToBackupsFolder, backupToFolder, copyVerified, type BackupSource } from './create';
export { formatSize, formatWhen, newBackupName, parseBackupName, type BackupReason, type FolderReason } from './files';
export { checkDatabase, type Health } from './health';
export { dbFacts, inspectFile, type Inspected } from './inspect';
export { goodBackups, listBackups } from './list';
export { recoveryGate, type RecoveryGate } from './recovery-page';
export {
  auditOnce,
  moveAside,
  previewRestore,
  resolveSource,
  restoreFile,
  restoreRunning,
  type RestoreResult,
  type SourceRef,
} from './restore';
export { DEFAULT_ROTATION, KEEP_EVENT, keptBy, rotate, rotationOf, type Rotation } from './rotation';
export {
  damagedState,
  lastScheduledBackup,
  recoverDatabase,
  startDailyBackups,
  startFresh,
  startupBackup,
  type Damaged,
} from './startup';
export { openForServe, type LongRunning } from './long-running';
