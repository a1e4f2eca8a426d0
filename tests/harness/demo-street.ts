// The e2e specs' common start: the real CLI (`streetgrid init` + `seed --demo`) prepares a street DB in a temp data
// folder, then browser mode is started on it exactly as a user's `npm start` falls back to it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, startBrowserMode, tempDataDir, type BrowserMode } from './browser-mode';

const CLI = path.join(ROOT, 'bin', 'streetgrid.mjs');

/** Runs `streetgrid …` and returns its stdout (throws on a non-zero exit). */
export function cli(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** One value from the DB file, read-only (the server keeps writing through its own connection). */
export function one<T>(dbFile: string, sql: string, ...params: unknown[]): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
}

export interface DemoStreet {
  app: BrowserMode;
  dataDir: string;
  dbFile: string;
  /** Stops the server and removes the data folder. */
  close(): Promise<void>;
}

/** 东华门街道 (110101001) with demo data, served in browser mode. */
export async function demoStreet(opts: { members: number; seed?: number }): Promise<DemoStreet> {
  const dataDir = tempDataDir();
  const dbFile = path.join(dataDir, 'streetgrid.db');
  cli('init', '--db', dbFile, '--street', '110101001');
  cli('seed', '--db', dbFile, '--demo', '--members', String(opts.members), '--seed', String(opts.seed ?? 7));
  const app = await startBrowserMode(dataDir);
  return {
    app,
    dataDir,
    dbFile,
    close: async () => {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
