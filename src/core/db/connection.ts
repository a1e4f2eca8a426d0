import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { APPLICATION_ID } from '../../shared/enums';
import { AppError, storageError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import { backupDirFor, migrationsDir } from '../paths';
import * as schema from './schema';
import { nativeOptions, readHeader, SQLITE_HEADER } from './sqlite-file';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface StreetGridDb {
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  readonly file: string;
  /** Number of migrations applied (= PRAGMA user_version). */
  readonly schemaVersion: number;
  /** Path of the backup taken before migrating, if one was taken in this open. */
  readonly preMigrationBackup: string | null;
  close(): void;
}

export interface OpenOptions {
  file: string;
  /** Folder of drizzle migrations; default: the project's/app's `drizzle/`. */
  migrationsFolder?: string;
  /** Where the pre-migration backup goes; default: `<db folder>/backups`. */
  backupDir?: string;
  /** Path of a better-sqlite3 native build (Electron's ABI); tests and the CLI use the default Node build. */
  nativeBinding?: string;
}

interface KnownMigration {
  hash: string;
  folderMillis: number;
}

export function knownMigrations(folder = migrationsDir()): KnownMigration[] {
  return readMigrationFiles({ migrationsFolder: folder }).map((m) => ({ hash: m.hash, folderMillis: m.folderMillis }));
}

function dbOptions(opts: OpenOptions, extra: Database.Options = {}): Database.Options {
  return opts.nativeBinding ? nativeOptions(extra, opts.nativeBinding) : nativeOptions(extra);
}

/** Inspects an existing file read-only and refuses anything that is not a StreetGrid DB we can open. */
function inspectExisting(opts: OpenOptions, known: KnownMigration[]): { applied: number; hasData: boolean } {
  const file = opts.file;
  if (readHeader(file) !== SQLITE_HEADER) throw new AppError('DB_REFUSED', ERR.notSqlite(file));
  let probe: Database.Database;
  try {
    probe = new Database(file, dbOptions(opts, { readonly: true, fileMustExist: true }));
  } catch {
    throw new AppError('DB_REFUSED', ERR.notSqlite(file));
  }
  try {
    const appId = probe.pragma('application_id', { simple: true }) as number;
    const tables = probe
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    if (tables.length === 0 && appId === 0) return { applied: 0, hasData: false };
    if (appId !== APPLICATION_ID) throw new AppError('DB_REFUSED', ERR.notStreetGridDb(file));
    if (!tables.includes('__drizzle_migrations')) return { applied: 0, hasData: tables.length > 0 };
    const rows = probe.prepare('select hash, created_at as createdAt from __drizzle_migrations').all() as {
      hash: string;
      createdAt: number;
    }[];
    const knownMillis = new Set(known.map((k) => k.folderMillis));
    const unknown = rows.filter((r) => !knownMillis.has(Number(r.createdAt)));
    if (unknown.length > 0) throw new AppError('DB_REFUSED', ERR.newerSchema(file, rows.length, known.length));
    return { applied: rows.length, hasData: true };
  } finally {
    probe.close();
  }
}

/** Runs `fn`, turning disk-full / read-only / I/O failures into the Chinese AppError (e.g. a DB on a locked USB stick). */
function storageSafe<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw storageError(e) ?? e;
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..+$/, '').replace('T', '-');
}

/** A consistent copy of a live DB (VACUUM INTO is synchronous and transactional), verified before it counts. */
export function snapshotTo(sqlite: Database.Database, target: string, opts: OpenOptions = { file: '' }): string {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) fs.rmSync(target);
  sqlite.prepare('vacuum into ?').run(target);
  const check = new Database(target, dbOptions(opts, { readonly: true, fileMustExist: true }));
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup integrity check failed: ${String(result)}`);
  } finally {
    check.close();
  }
  return target;
}

/**
 * Opens (creating if needed) a StreetGrid database: refuses foreign or newer files untouched, backs up an existing
 * DB before applying pending migrations in one transaction, and sets the pragmas from ARCHITECTURE.md.
 */
export function openDatabase(opts: OpenOptions): StreetGridDb {
  const file = path.resolve(opts.file);
  const folder = opts.migrationsFolder ?? migrationsDir();
  const known = knownMigrations(folder);
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  const state = exists ? storageSafe(() => inspectExisting({ ...opts, file }, known)) : { applied: 0, hasData: false };

  fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, dbOptions(opts));
  } catch (e) {
    if (e instanceof Error && /locked|busy/i.test(e.message)) throw new AppError('DB_REFUSED', ERR.dbLocked);
    throw storageError(e) ?? e;
  }
  let backup: string | null = null;
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // Statement journals and temp b-trees in memory: every write that fires the tally triggers (drizzle/0004) needs a
    // statement journal, and on disk that tripled the cost of a 50k-member import (2.7 s → 1.1 s for the inserts).
    sqlite.pragma('temp_store = MEMORY');

    const pending = known.length - state.applied;
    if (pending > 0 && state.hasData) {
      const dir = opts.backupDir ?? backupDirFor(file);
      backup = path.join(dir, `streetgrid-${timestamp()}-before-migrate-v${state.applied}.db`);
      sqlite.pragma('synchronous = FULL');
      snapshotTo(sqlite, backup, opts);
      sqlite.pragma('synchronous = NORMAL');
    }
    if (pending > 0) {
      try {
        migrate(drizzle(sqlite), { migrationsFolder: folder });
      } catch (e) {
        throw new AppError('DB_REFUSED', ERR.migrationFailed(backup ?? file), {}).withCause(e);
      }
    }
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.pragma(`user_version = ${known.length}`);
    sqlite.prepare("insert or ignore into counters (name, value) values ('change', 0)").run();
  } catch (e) {
    sqlite.close();
    throw storageError(e) ?? e;
  }

  const orm = drizzle(sqlite, { schema });
  return {
    sqlite,
    orm,
    file,
    schemaVersion: known.length,
    preMigrationBackup: backup,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
