// How a long-running process (browser mode's `streetgrid serve`, the Electron main process) opens its DB:
// a damaged file → no DB yet, a recovery gate instead; otherwise the 启动 backup (before openDatabase, so before
// any migration), then open; and in both cases the daily backup timer on whatever DB the core holds.
import type { AppMode, Core } from '../api';
import { openDatabase } from '../db/connection';
import { recoveryGate, type RecoveryGate } from './recovery-page';
import { damagedState, startDailyBackups, startupBackup, type Damaged } from './startup';

export interface LongRunning {
  core: Core;
  /** Set when the DB was damaged at start: the server shows the recovery page until a backup is restored. */
  recovery: RecoveryGate | undefined;
  damaged: Damaged | null;
  stop(): void;
}

export async function openForServe(
  file: string,
  mode: AppMode,
  logError: (e: unknown, where: string) => void,
): Promise<LongRunning> {
  const damaged = damagedState(file);
  // Until a recovery sets it, `core.db` is absent; the gate answers every request meanwhile (see server.ts).
  const core = { mode, logError } as Core;
  let recovery: RecoveryGate | undefined;
  if (damaged) {
    recovery = recoveryGate(damaged, (db) => {
      core.db = db;
    });
  } else {
    await startupBackup(file, (e) => logError(e, 'backup.startup'));
    core.db = openDatabase({ file });
  }
  const stopDaily = startDailyBackups(() => (core.db as Core['db'] | undefined) ?? null, {
    onError: (e) => logError(e, 'backup.daily'),
  });
  return {
    core,
    recovery,
    damaged,
    stop: () => {
      stopDaily();
      (core.db as Core['db'] | undefined)?.close();
    },
  };
}
