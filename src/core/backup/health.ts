// Is the DB file healthy enough to open? Detects what a pulled plug or a bad disk leaves behind: a file that is
// not SQLite (garbage header), one SQLite cannot open, or one whose pages fail PRAGMA quick_check. A missing or
// empty file is healthy (a first start creates it). Foreign or newer-schema files are left to openDatabase, which
// refuses them untouched with its own message.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { BACKUP } from '../../shared/messages';
import { openRaw, readHeader, SQLITE_HEADER } from '../db/sqlite-file';

export type Health = { ok: true } | { ok: false; problem: string };

export function checkDatabase(file: string): Health {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return { ok: true };
  }
  if (size === 0) return { ok: true };
  try {
    if (readHeader(file) !== SQLITE_HEADER) return { ok: false, problem: BACKUP.damagedNotSqlite };
  } catch (e) {
    return { ok: false, problem: BACKUP.damagedOpen(e instanceof Error ? e.message : String(e)) };
  }
  let db: Database.Database | null = null;
  try {
    db = openRaw(file, true);
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const first = rows[0]?.quick_check ?? '';
    if (rows.length !== 1 || first !== 'ok') return { ok: false, problem: BACKUP.damagedCheck(first.slice(0, 200)) };
    return { ok: true };
  } catch (e) {
    return { ok: false, problem: BACKUP.damagedOpen(e instanceof Error ? e.message : String(e)) };
  } finally {
    try {
      db?.close();
    } catch {
      // closing a connection to a broken file may fail too
    }
  }
}
