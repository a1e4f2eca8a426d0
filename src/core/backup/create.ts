// Taking a backup: SQLite's online backup API (better-sqlite3 `db.backup`, page-stepped, the live DB stays usable)
// into a temp name in the target folder; the copy is switched to a self-contained rollback-journal file, checked
// with PRAGMA integrity_check and the application id, fsynced, and only then renamed into place — a pulled USB
// stick or a full disk leaves at most a temp file, never a half backup under a real name.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupInfoT } from '../../shared/contract';
import { APPLICATION_ID } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { BACKUP } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { backupDirFor } from '../paths';
import { fsyncDir, fsyncFile, newBackupName, removeDbFiles, writeError, type FolderReason } from './files';
import { openRaw, readHeader, SQLITE_HEADER } from '../db/sqlite-file';
import { dbFacts, writeManifest, type Inspected } from './inspect';
import { rotate, rotationOf, type Rotation } from './rotation';

export type BackupSource = StreetGridDb | Database.Database | string;

function isStreetGridDb(s: BackupSource): s is StreetGridDb {
  return typeof s === 'object' && 'orm' in s && 'sqlite' in s;
}

/** Opens what to copy: the live connection as is, or a file by path (read-write so a pending WAL is recovered). */
function sourceConnection(src: BackupSource): { db: Database.Database; file: string; close: () => void } {
  if (typeof src === 'string') {
    const file = path.resolve(src);
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', BACKUP.notFound(file));
    if (readHeader(file) !== SQLITE_HEADER) throw new AppError('DB_REFUSED', BACKUP.notSqlite(file));
    let db: Database.Database;
    try {
      db = openRaw(file, false);
    } catch (e) {
      throw new AppError('DB_REFUSED', BACKUP.notSqlite(file)).withCause(e);
    }
    return { db, file, close: () => db.close() };
  }
  if (isStreetGridDb(src)) return { db: src.sqlite, file: src.file, close: () => undefined };
  return { db: src, file: src.name, close: () => undefined };
}

/**
 * Copies `src` into `target` (which must not exist) and verifies the copy before it gets its name. Returns the
 * facts read from the verified copy. Throws a Chinese AppError (disk full, read-only, check failed); then nothing
 * is left under `target` and the source is untouched.
 */
export async function copyVerified(
  src: BackupSource,
  target: string,
  reason: BackupInfoT['reason'],
  now = new Date(),
): Promise<Inspected> {
  const dir = path.dirname(target);
  const source = sourceConnection(src);
  const tmp = `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    try {
      const st = fs.statSync(dir);
      if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (e) {
      throw writeError(e, dir);
    }
    if (path.resolve(target) === path.resolve(source.file)) throw new AppError('VALIDATION', BACKUP.sameAsDb);
    // The copy must be the same kind of file as the source: a street DB, or a district DB (issue 7's merge).
    const expectedAppId = source.db.pragma('application_id', { simple: true }) as number;
    if (expectedAppId === 0) throw new AppError('DB_REFUSED', BACKUP.notStreetGrid(source.file));
    try {
      await source.db.backup(tmp);
    } catch (e) {
      throw writeError(e, dir);
    }
    let facts;
    try {
      const copy = openRaw(tmp, false);
      try {
        // A backup is one self-contained file: no -wal/-shm to lose on the way to a USB stick.
        copy.pragma('journal_mode = DELETE');
        const ok = copy.pragma('integrity_check', { simple: true });
        const appId = copy.pragma('application_id', { simple: true });
        if (ok !== 'ok' || appId !== expectedAppId) throw new AppError('INTERNAL', BACKUP.copyCheckFailed);
        facts = dbFacts(copy);
      } finally {
        copy.close();
      }
      fsyncFile(tmp);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw writeError(e, dir);
    }
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      throw writeError(e, dir);
    }
    fsyncDir(dir);
    const sizeBytes = fs.statSync(target).size;
    const info: Inspected = {
      name: path.basename(target),
      path: target,
      sizeBytes,
      createdAt: now.toISOString(),
      reason,
      street: facts.street,
      counts: facts.counts,
      schemaVersion: facts.schemaVersion,
      integrityOk: true,
      problem: null,
      unknownMigrations: facts.unknownMigrations,
    };
    writeManifest(target, {
      format: 1,
      createdAt: info.createdAt,
      reason,
      sizeBytes,
      street: info.street,
      counts: info.counts,
      schemaVersion: info.schemaVersion,
      integrityOk: true,
    });
    return info;
  } catch (e) {
    removeDbFiles(tmp);
    throw e;
  } finally {
    source.close();
  }
}

/**
 * The backups folder of a source: `backups/` beside a street DB; for another kind of file (the district DB of
 * issue 7) a subfolder named after the file, so the street DB's list and rotation never mix with it.
 */
function defaultDirOf(src: BackupSource): string {
  const file = dbFileOf(src);
  if (isStreetGridDb(src)) return backupDirFor(file);
  let appId = APPLICATION_ID;
  try {
    if (typeof src === 'string') {
      const probe = openRaw(file, true);
      try {
        appId = probe.pragma('application_id', { simple: true }) as number;
      } finally {
        probe.close();
      }
    } else appId = src.pragma('application_id', { simple: true }) as number;
  } catch {
    // unreadable: copyVerified reports it
  }
  return appId === APPLICATION_ID
    ? backupDirFor(file)
    : path.join(backupDirFor(file), path.basename(file).replace(/\.[^.]*$/, ''));
}

function dbFileOf(src: BackupSource): string {
  if (typeof src === 'string') return path.resolve(src);
  return isStreetGridDb(src) ? src.file : src.name;
}

/**
 * Takes a backup into the DB's backups folder (the one every backup lives in) and applies the rotation.
 * `reason`: startup / daily / import / merge / restore / manual.
 */
export async function backupToBackupsFolder(
  src: BackupSource,
  reason: FolderReason,
  opts: { dir?: string; rotation?: Rotation } = {},
): Promise<Inspected> {
  const dir = opts.dir ?? defaultDirOf(src);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(e, dir);
  }
  const now = new Date();
  const info = await copyVerified(src, path.join(dir, newBackupName(dir, reason, now)), reason, now);
  rotate(dir, opts.rotation ?? rotationOf(src));
  return info;
}

/**
 * The one call other features make before they change a lot at once (Excel import, district merge, restore):
 * `await backupBefore(db, 'merge')` — `db`: a StreetGridDb, a better-sqlite3 connection (the district store's) or a
 * file path; a district file's backups go to `backups/<file name>/`. Throws a Chinese AppError if the backup could not be taken — callers must
 * then not go on.
 */
export async function backupBefore(db: BackupSource, reason: 'import' | 'merge' | 'restore'): Promise<Inspected> {
  try {
    return await backupToBackupsFolder(db, reason);
  } catch (e) {
    const inner = e instanceof AppError ? e.message : BACKUP.writeFailed(backupDirFor(dbFileOf(db)));
    throw new AppError('VALIDATION', BACKUP.beforeFailed(BACKUP.reasons[reason] ?? reason, inner)).withCause(e);
  }
}

/** A manual backup into any folder (a USB stick): a dated file name, never overwriting anything there. */
export async function backupToFolder(src: BackupSource, folder: string): Promise<Inspected> {
  const dir = path.resolve(folder);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new AppError('VALIDATION', BACKUP.folderMissing(dir), { field: 'folder' });
  }
  if (!st.isDirectory()) throw new AppError('VALIDATION', BACKUP.readOnly(dir), { field: 'folder' });
  const now = new Date();
  const info = await copyVerified(src, path.join(dir, newBackupName(dir, 'manual', now)), 'manual', now);
  return { ...info, name: null };
}
