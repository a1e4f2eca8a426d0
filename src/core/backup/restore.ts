// Restoring a backup: what it holds is checked first (StreetGrid DB, integrity, not a newer schema, the same
// street), a verified copy is staged beside the DB, the current DB is backed up (恢复前), and only then the running
// connection is closed, the staged file renamed over the DB (atomic in one folder, fsynced) and the DB reopened —
// migrating an older backup to the current schema with its own pre-migration backup. The running core ends up on
// the restored data without a restart.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TABLES } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { BACKUP, ERR } from '../../shared/messages';
import { runAction, type AuditEntry } from '../db/action';
import { knownMigrations, openDatabase, type StreetGridDb } from '../db/connection';
import { backupDirFor } from '../paths';
import { getSettings } from '../services/settings';
import { backupToBackupsFolder } from './create';
import { formatWhen, fsyncDir, fsyncFile, removeDbFiles, stamp, writeError } from './files';
import { openRaw } from '../db/sqlite-file';
import { checkDatabase } from './health';
import { dbFacts, inspectFile, type Inspected } from './inspect';

export interface SourceRef {
  name?: string | undefined;
  path?: string | undefined;
}

/** The file a restore reads: a name in the DB's backups folder, or any absolute path. */
export function resolveSource(dbFile: string, ref: SourceRef): { file: string; inFolder: boolean } {
  if (ref.name !== undefined) {
    if (path.basename(ref.name) !== ref.name)
      throw new AppError('VALIDATION', BACKUP.notFound(ref.name), { field: 'name' });
    const file = path.join(backupDirFor(dbFile), ref.name);
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', BACKUP.notFound(ref.name), { field: 'name' });
    return { file, inFolder: true };
  }
  if (!ref.path) throw new AppError('VALIDATION', BACKUP.pathRequired, { field: 'path' });
  const file = path.resolve(ref.path);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', BACKUP.notFound(file), { field: 'path' });
  return { file, inFolder: path.dirname(file) === backupDirFor(dbFile) };
}

export interface Preview {
  info: Inspected;
  refusal: string | null;
}

/** Reads a backup (with integrity check) and says whether it may replace a DB of `current` street. */
export function previewRestore(
  file: string,
  current: { code: string; name: string } | null,
  inFolder = false,
): Preview {
  const info = inspectFile(file, { check: true, inFolder });
  let refusal = info.problem;
  if (!refusal && info.unknownMigrations > 0)
    refusal = BACKUP.newerSchema(info.schemaVersion, knownMigrations().length);
  if (!refusal && !info.street) refusal = BACKUP.noStreet;
  if (!refusal && current && info.street && info.street.code !== current.code)
    refusal = BACKUP.otherStreet(`${info.street.name}（${info.street.code}）`, `${current.name}（${current.code}）`);
  return { info, refusal };
}

/**
 * Copies the backup next to the DB with the online backup API (so a WAL-mode source loses nothing), switches it to
 * a rollback journal, checks it again and fsyncs it. Returns the temp path; the caller renames or removes it.
 */
export async function stageCopy(source: string, dbFile: string): Promise<string> {
  const dir = path.dirname(dbFile);
  const tmp = path.join(
    dir,
    `${path.basename(dbFile)}.restore-${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
  );
  try {
    fs.mkdirSync(dir, { recursive: true });
    const src = openRaw(source, true);
    try {
      await src.backup(tmp);
    } finally {
      src.close();
    }
    const copy = openRaw(tmp, false);
    try {
      copy.pragma('journal_mode = DELETE');
      if (copy.pragma('integrity_check', { simple: true }) !== 'ok')
        throw new AppError('VALIDATION', BACKUP.integrityFailed(source));
    } finally {
      copy.close();
    }
    fsyncFile(tmp);
    return tmp;
  } catch (e) {
    removeDbFiles(tmp);
    throw writeError(e, dir, 'restore');
  }
}

/** Renames the staged copy over the DB file. The DB must be closed; a -wal left with data means another program. */
export function swapIn(dbFile: string, staged: string): void {
  const wal = `${dbFile}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) throw new AppError('DB_REFUSED', ERR.dbLocked);
  for (const f of [wal, `${dbFile}-shm`, `${dbFile}-journal`]) fs.rmSync(f, { force: true });
  fs.renameSync(staged, dbFile);
  fsyncDir(path.dirname(dbFile));
}

/** Moves a damaged DB (and its -wal/-shm) aside as `<file>.damaged-<timestamp>`; returns the new name. */
export function moveAside(dbFile: string): string {
  let aside = `${dbFile}.damaged-${stamp()}`;
  for (let i = 2; fs.existsSync(aside); i++) aside = `${dbFile}.damaged-${stamp()}-${i}`;
  fs.renameSync(dbFile, aside);
  for (const ext of ['-wal', '-shm', '-journal']) {
    if (fs.existsSync(dbFile + ext)) fs.renameSync(dbFile + ext, aside + ext);
  }
  fsyncDir(path.dirname(dbFile));
  return aside;
}

/** Writes one audit row into `db` as the operator set in its settings. */
export function auditOnce(db: StreetGridDb, entry: AuditEntry): void {
  runAction(db, getSettings(db).operatorName, (ctx) => ctx.audit(entry));
}

export interface RestoreResult {
  restored: Inspected;
  preRestoreBackup: Inspected | null;
}

function restoreAudit(db: StreetGridDb, info: Inspected, pre: Inspected | null): void {
  auditOnce(db, {
    action: 'restore_backup',
    entity: 'backup',
    summary: BACKUP.auditRestore(path.basename(info.path), formatWhen(info.createdAt)),
    after: {
      file: info.path,
      backupReason: BACKUP.reasons[info.reason] ?? info.reason,
      createdAt: info.createdAt,
      street: info.street,
      counts: BACKUP.ui.countsLine(info.counts),
      schemaVersion: info.schemaVersion,
      preRestoreBackup: pre?.path ?? null,
    },
  });
}

/**
 * Restores into the DB a running core holds (`holder.db`), replacing `holder.db` with the reopened connection.
 * On any failure before the swap nothing changed; a failure after it puts the pre-restore backup back.
 */
export async function restoreRunning(
  holder: { db: StreetGridDb; onChanged?: ((tables: (typeof TABLES)[number][]) => void) | undefined },
  ref: SourceRef,
): Promise<RestoreResult> {
  const file = holder.db.file;
  const src = resolveSource(file, ref);
  const { info, refusal } = previewRestore(src.file, dbFacts(holder.db.sqlite).street, src.inFolder);
  if (refusal) throw new AppError('VALIDATION', refusal, { field: ref.name !== undefined ? 'name' : 'path' });
  const staged = await stageCopy(src.file, file);
  let pre: Inspected;
  try {
    pre = await backupToBackupsFolder(holder.db, 'restore');
  } catch (e) {
    removeDbFiles(staged);
    throw e;
  }
  // From here on synchronous: no other call can run between closing and reopening.
  const old = holder.db;
  try {
    old.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // checkpointing is an optimisation; close() checkpoints too
  }
  old.close();
  try {
    swapIn(file, staged);
  } catch (e) {
    removeDbFiles(staged);
    holder.db = openDatabase({ file });
    throw writeError(e, path.dirname(file), 'restore');
  }
  try {
    holder.db = openDatabase({ file });
  } catch (e) {
    // Cannot happen for a verified copy, but never leave the user without data: put the pre-restore state back.
    fs.copyFileSync(pre.path, `${file}.back`);
    fsyncFile(`${file}.back`);
    fs.renameSync(`${file}.back`, file);
    holder.db = openDatabase({ file });
    throw e;
  }
  restoreAudit(holder.db, info, pre);
  holder.onChanged?.([...TABLES]);
  return { restored: info, preRestoreBackup: pre };
}

/**
 * `streetgrid restore`: restores into a DB file no process holds open. An intact current DB is backed up first
 * (恢复前); a damaged one is moved aside; a missing one is simply created from the backup.
 */
export async function restoreFile(dbFile: string, ref: SourceRef): Promise<RestoreResult> {
  const file = path.resolve(dbFile);
  const src = resolveSource(file, ref);
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  const health = exists ? checkDatabase(file) : { ok: true as const };
  let current: { code: string; name: string } | null = null;
  if (exists && health.ok) {
    const probe = openRaw(file, true);
    try {
      current = dbFacts(probe).street;
    } finally {
      probe.close();
    }
  }
  const { info, refusal } = previewRestore(src.file, current, src.inFolder);
  if (refusal) throw new AppError('VALIDATION', refusal, { field: 'path' });
  const staged = await stageCopy(src.file, file);
  let pre: Inspected | null = null;
  try {
    if (exists && health.ok) pre = await backupToBackupsFolder(file, 'restore');
    else if (exists) moveAside(file);
    swapIn(file, staged);
  } catch (e) {
    removeDbFiles(staged);
    throw writeError(e, path.dirname(file), 'restore');
  }
  const db = openDatabase({ file });
  try {
    restoreAudit(db, info, pre);
  } finally {
    db.close();
  }
  return { restored: info, preRestoreBackup: pre };
}
