// SQLite files below the app's own connection: the header check, the native binding to open them with (tests and
// the CLI may point STREETGRID_NATIVE_BINDING at another build), and a plain connection for inspecting, copying or
// reading one (backups, the district file, the exchange workers).
import fs from 'node:fs';
import Database from 'better-sqlite3';

export const SQLITE_HEADER = 'SQLite format 3\u0000';

/** The first 16 bytes of a file as latin1 (a SQLite file starts with SQLITE_HEADER). */
export function readHeader(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** better-sqlite3 options with the native binding the process was told to use, if any. */
export function nativeOptions(
  extra: Database.Options = {},
  binding = process.env.STREETGRID_NATIVE_BINDING,
): Database.Options {
  return binding ? { ...extra, nativeBinding: binding } : extra;
}

/** An existing file, read-only or not, waiting up to 5 s for a lock like every connection of the app. */
export function openRaw(file: string, readonly: boolean): Database.Database {
  const db = new Database(file, nativeOptions({ readonly, fileMustExist: true }));
  db.pragma('busy_timeout = 5000');
  return db;
}
