// Backup files: names, the sidecar manifest, fsync helpers and the mapping of file-system/SQLite failures to Chinese
// messages (opening SQLite files: db/sqlite-file.ts). Every backup lives in one folder beside the DB (`backups/`,
// see paths.ts), named `streetgrid-YYYYMMDD-HHMMSS-<reason>.db` (UTC stamp) with a `.json` sidecar.
import fs from 'node:fs';
import path from 'node:path';
import type { BACKUP_REASONS } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { BACKUP } from '../../shared/messages';

export type BackupReason = (typeof BACKUP_REASONS)[number];
/** The reasons a backup in the backups folder can have (an `external` file is one found elsewhere). */
export type FolderReason = Exclude<BackupReason, 'external'>;

const NAME_RE = /^streetgrid-(\d{8})-(\d{6})-(startup|daily|import|merge|restore|manual|migrate)(?:-(\d+))?\.db$/;
/** The pre-migration backups written by db/connection.ts. */
const MIGRATE_RE = /^streetgrid-(\d{8})-(\d{6})-before-migrate-v\d+\.db$/;

export interface ParsedName {
  reason: FolderReason;
  /** When the backup was taken (from the UTC stamp in its name). */
  at: Date;
}

function stampDate(d: string, t: string): Date {
  return new Date(
    Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6)),
  );
}

/** Reason and time of a file in the backups folder, or null if it is not one of ours. */
export function parseBackupName(name: string): ParsedName | null {
  const m = NAME_RE.exec(name);
  if (m) return { reason: m[3] as FolderReason, at: stampDate(m[1]!, m[2]!) };
  const g = MIGRATE_RE.exec(name);
  if (g) return { reason: 'migrate', at: stampDate(g[1]!, g[2]!) };
  return null;
}

export function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..+$/, '').replace('T', '-');
}

/** A fresh, unused name in `dir` for a backup taken now. */
export function newBackupName(dir: string, reason: FolderReason, now = new Date()): string {
  const base = `streetgrid-${stamp(now)}-${reason}`;
  let name = `${base}.db`;
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `${base}-${i}.db`;
  return name;
}

export const sidecarOf = (file: string): string => `${file}.json`;

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable (a no-op where directories cannot be opened, i.e. Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows: directories cannot be fsynced; NTFS journals the rename.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Removes a file and the journal files SQLite may have left beside it; never throws. */
export function removeDbFiles(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.rmSync(f, { force: true });
    } catch {
      // best effort: a temp file we could not remove is cleaned by the next rotation
    }
  }
}

function codeOf(e: unknown): string {
  return e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
}

/** A Chinese message for a failure while writing into `dir`. AppErrors pass through unchanged. */
export function writeError(e: unknown, dir: string, kind: 'backup' | 'restore' = 'backup'): AppError {
  if (e instanceof AppError) return e;
  const code = codeOf(e);
  const msg = e instanceof Error ? e.message : '';
  let message: string;
  if (kind === 'restore') message = BACKUP.restoreWriteFailed(dir);
  else if (code === 'ENOSPC' || code === 'SQLITE_FULL' || /full|no space/i.test(msg)) message = BACKUP.diskFull(dir);
  else if (/^(EROFS|EACCES|EPERM|ENOTDIR|ENOENT|EISDIR|SQLITE_CANTOPEN|SQLITE_READONLY)/.test(code))
    message = BACKUP.readOnly(dir);
  else message = BACKUP.writeFailed(dir);
  return new AppError('VALIDATION', message).withCause(e);
}

/** 2026-11-23T05:17:00Z → 2026年11月23日 13:17 (local time; pages, dialogs and the CLI). */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
