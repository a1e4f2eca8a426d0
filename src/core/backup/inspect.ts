// What a backup file holds, read from the file itself (read-only) — street, counts, schema version, integrity —
// plus the sidecar manifest written when the backup was taken (reason, time). Works on any file, e.g. on a USB stick.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupInfoT } from '../../shared/contract';
import { APPLICATION_ID } from '../../shared/enums';
import { BACKUP } from '../../shared/messages';
import { knownMigrations } from '../db/connection';
import { parseBackupName, sidecarOf, type BackupReason } from './files';
import { openRaw, readHeader, SQLITE_HEADER } from '../db/sqlite-file';

export type BackupCounts = BackupInfoT['counts'];
export const NO_COUNTS: BackupCounts = { communities: 0, members: 0, activities: 0, meetings: 0 };

/** Facts about a StreetGrid DB read over an open connection (a backup copy or the live DB). */
export interface DbFacts {
  street: { code: string; name: string } | null;
  counts: BackupCounts;
  schemaVersion: number;
  /** Migrations recorded in the file that this program does not know (a newer release made it). */
  unknownMigrations: number;
}

function tableNames(db: Database.Database): Set<string> {
  return new Set(
    db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[],
  );
}

function countLive(db: Database.Database, tables: Set<string>, table: string): number {
  if (!tables.has(table)) return 0;
  const cols = new Set((db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  const where = cols.has('deleted_at') ? ' where deleted_at is null' : '';
  return Number(db.prepare(`select count(*) from ${table}${where}`).pluck().get());
}

export function dbFacts(db: Database.Database): DbFacts {
  const tables = tableNames(db);
  let street: DbFacts['street'] = null;
  if (tables.has('street')) {
    const r = db.prepare('select code, name from street order by id limit 1').get() as
      { code: string; name: string } | undefined;
    if (r) street = { code: r.code, name: r.name };
  }
  let schemaVersion = 0;
  let unknownMigrations = 0;
  if (tables.has('__drizzle_migrations')) {
    const rows = db.prepare('select created_at as createdAt from __drizzle_migrations').all() as {
      createdAt: number;
    }[];
    schemaVersion = rows.length;
    const known = new Set(knownMigrations().map((k) => k.folderMillis));
    unknownMigrations = rows.filter((r) => !known.has(Number(r.createdAt))).length;
  }
  return {
    street,
    counts: {
      communities: countLive(db, tables, 'community'),
      members: countLive(db, tables, 'member'),
      activities: countLive(db, tables, 'activity'),
      meetings: countLive(db, tables, 'meeting'),
    },
    schemaVersion,
    unknownMigrations,
  };
}

/** The sidecar manifest: written beside every backup we take, so the list needs no integrity check per file. */
export interface Manifest {
  format: 1;
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
  street: { code: string; name: string } | null;
  counts: BackupCounts;
  schemaVersion: number;
  integrityOk: boolean;
}

export function writeManifest(file: string, m: Manifest): void {
  try {
    fs.writeFileSync(sidecarOf(file), JSON.stringify(m, null, 2));
  } catch {
    // The manifest is a cache: without it the list reads the file itself.
  }
}

export function readManifest(file: string): Manifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(sidecarOf(file), 'utf8')) as Partial<Manifest>;
    if (m.format !== 1 || typeof m.createdAt !== 'string' || typeof m.sizeBytes !== 'number' || !m.counts) return null;
    return m as Manifest;
  } catch {
    return null;
  }
}

export interface Inspected extends BackupInfoT {
  unknownMigrations: number;
}

function infoFromManifest(file: string, m: Manifest, inFolder: boolean): Inspected {
  return {
    name: inFolder ? path.basename(file) : null,
    path: file,
    sizeBytes: m.sizeBytes,
    createdAt: m.createdAt,
    reason: m.reason,
    street: m.street,
    counts: m.counts,
    schemaVersion: m.schemaVersion,
    integrityOk: m.integrityOk,
    problem: m.integrityOk ? null : BACKUP.integrityFailed(path.basename(file)),
    unknownMigrations: 0,
  };
}

/**
 * Reads a backup file read-only. `check` runs PRAGMA integrity_check (slow on big files; the list relies on the
 * manifest instead). Never throws: an unreadable file comes back with integrityOk false and a Chinese problem.
 */
export function inspectFile(file: string, opts: { check: boolean; inFolder?: boolean }): Inspected {
  const inFolder = opts.inFolder ?? false;
  const parsed = parseBackupName(path.basename(file));
  const base: Inspected = {
    name: inFolder ? path.basename(file) : null,
    path: file,
    sizeBytes: 0,
    createdAt: (parsed?.at ?? new Date(0)).toISOString(),
    reason: parsed?.reason ?? 'external',
    street: null,
    counts: NO_COUNTS,
    schemaVersion: 0,
    integrityOk: false,
    problem: null,
    unknownMigrations: 0,
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { ...base, problem: BACKUP.notFound(file) };
  }
  if (!stat.isFile()) return { ...base, problem: BACKUP.notAFile(file) };
  base.sizeBytes = stat.size;
  if (!parsed) base.createdAt = stat.mtime.toISOString();
  const manifest = readManifest(file);
  if (manifest && !opts.check && manifest.sizeBytes === stat.size) return infoFromManifest(file, manifest, inFolder);
  if (manifest) {
    base.createdAt = manifest.createdAt;
    base.reason = manifest.reason;
  }
  try {
    if (readHeader(file) !== SQLITE_HEADER) return { ...base, problem: BACKUP.notSqlite(file) };
  } catch {
    return { ...base, problem: BACKUP.notFound(file) };
  }
  let db: Database.Database | null = null;
  try {
    db = openRaw(file, true);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) return { ...base, problem: BACKUP.notStreetGrid(file) };
    const facts = dbFacts(db);
    const out: Inspected = { ...base, ...facts, integrityOk: true };
    if (opts.check) {
      const r = db.pragma('integrity_check', { simple: true });
      if (r !== 'ok') return { ...out, integrityOk: false, problem: BACKUP.integrityFailed(file) };
    }
    return out;
  } catch {
    return { ...base, problem: BACKUP.integrityFailed(file) };
  } finally {
    db?.close();
  }
}
