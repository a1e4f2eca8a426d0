// Start-up and while running: the backup taken before the DB is opened (so before any migration), the daily
// backup of a long-running process, and the recovery of a damaged DB from a good backup (the damaged file is kept,
// renamed `*.damaged-<timestamp>`). Used by electron/main.ts and `streetgrid serve` alike.
import fs from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { BACKUP } from '../../shared/messages';
import { openDatabase, type StreetGridDb } from '../db/connection';
import { backupDirFor } from '../paths';
import { backupToBackupsFolder } from './create';
import { removeDbFiles } from './files';
import { openRaw } from '../db/sqlite-file';
import { checkDatabase } from './health';
import { goodBackups } from './list';
import type { Inspected } from './inspect';
import { auditOnce, moveAside, previewRestore, stageCopy, swapIn } from './restore';

/** Another application's SQLite file is left to openDatabase to refuse, untouched: no backups folder beside it. */
function isStreetGridFile(file: string): boolean {
  const db = openRaw(file, true);
  try {
    return db.pragma('application_id', { simple: true }) === APPLICATION_ID;
  } finally {
    db.close();
  }
}

/**
 * The 启动 backup of an existing, healthy DB file, before it is opened and migrated. Never throws: a start-up must
 * not fail because the backup could not be written (the problem goes to `onError`).
 */
export async function startupBackup(
  file: string,
  onError: (e: unknown) => void = () => undefined,
): Promise<Inspected | null> {
  try {
    if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
    if (!checkDatabase(file).ok || !isStreetGridFile(file)) return null;
    return await backupToBackupsFolder(file, 'startup');
  } catch (e) {
    onError(e);
    return null;
  }
}

export interface Damaged {
  file: string;
  problem: string;
  /** Good backups in the DB's backups folder, newest first. */
  backups: Inspected[];
}

/** null when the DB can be opened; otherwise what is wrong and which backups could replace it. */
export function damagedState(file: string): Damaged | null {
  const h = checkDatabase(file);
  if (h.ok) return null;
  return { file, problem: h.problem, backups: goodBackups(backupDirFor(file)) };
}

/**
 * Replaces a damaged DB with a backup: the backup is checked and staged first, then the damaged file is moved
 * aside (kept), then the staged copy renamed into place. Returns the opened DB (migrated if the backup is older),
 * with an audit row saying what happened.
 */
export async function recoverDatabase(
  file: string,
  backupFile: string,
): Promise<{ db: StreetGridDb; damagedFile: string }> {
  const inFolder = path.dirname(path.resolve(backupFile)) === backupDirFor(file);
  const { info, refusal } = previewRestore(path.resolve(backupFile), null, inFolder);
  if (refusal) throw new AppError('VALIDATION', refusal, { field: 'path' });
  const staged = await stageCopy(path.resolve(backupFile), file);
  let damagedFile: string;
  try {
    damagedFile = fs.existsSync(file) ? moveAside(file) : '';
    swapIn(file, staged);
  } catch (e) {
    removeDbFiles(staged);
    throw e;
  }
  const db = openDatabase({ file });
  auditOnce(db, {
    action: 'recover',
    entity: 'backup',
    summary: BACKUP.auditRecover(path.basename(info.path)),
    after: {
      file: info.path,
      createdAt: info.createdAt,
      street: info.street,
      counts: BACKUP.ui.countsLine(info.counts),
      damagedFile,
    },
  });
  return { db, damagedFile };
}

/** Moves the damaged DB aside and opens a new, empty one (the user asked for it explicitly). */
export function startFresh(file: string): { db: StreetGridDb; damagedFile: string } {
  const damagedFile = moveAside(file);
  const db = openDatabase({ file });
  auditOnce(db, {
    action: 'recover',
    entity: 'backup',
    summary: BACKUP.auditFresh(path.basename(damagedFile)),
    after: { damagedFile },
  });
  return { db, damagedFile };
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** When the newest 启动/每日 backup of this DB was taken (0 if none). */
export function lastScheduledBackup(dbFile: string): number {
  const dir = backupDirFor(dbFile);
  let newest = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const n of names) {
    const m = /^streetgrid-(\d{8})-(\d{6})-(startup|daily)(?:-\d+)?\.db$/.exec(n);
    if (!m) continue;
    const [d, t] = [m[1]!, m[2]!];
    const at = Date.UTC(
      +d.slice(0, 4),
      +d.slice(4, 6) - 1,
      +d.slice(6, 8),
      +t.slice(0, 2),
      +t.slice(2, 4),
      +t.slice(4, 6),
    );
    newest = Math.max(newest, at);
  }
  return newest;
}

/**
 * The 每日 backup of a long-running process (Electron, `streetgrid serve`): checks every `checkEveryMs` (an hour)
 * whether the newest scheduled backup is a day old and takes one if so. `getDb` returns the DB the process holds
 * now (it changes after a restore). Returns a stop function; the timer never keeps the process alive.
 */
export function startDailyBackups(
  getDb: () => StreetGridDb | null,
  opts: {
    checkEveryMs?: number;
    maxAgeMs?: number;
    onError?: (e: unknown) => void;
    onBackup?: (i: Inspected) => void;
  } = {},
): () => void {
  const maxAge = opts.maxAgeMs ?? DAY;
  let running = false;
  const tick = async () => {
    const db = getDb();
    if (running || !db || !db.sqlite.open) return;
    if (Date.now() - lastScheduledBackup(db.file) < maxAge) return;
    running = true;
    try {
      const info = await backupToBackupsFolder(db, 'daily');
      opts.onBackup?.(info);
    } catch (e) {
      opts.onError?.(e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.checkEveryMs ?? HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
