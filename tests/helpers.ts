import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { call, invoke, type Core } from '../src/core/api';
import { openDatabase, type StreetGridDb } from '../src/core/db/connection';
import type { Input, MethodName, Output } from '../src/shared/contract';

const dirs: string[] = [];
const dbs: StreetGridDb[] = [];

afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp folder removed after the test. */
export function tempDir(prefix = 'sg-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function openTemp(file = path.join(tempDir(), 'streetgrid.db')): StreetGridDb {
  const db = openDatabase({ file });
  dbs.push(db);
  return db;
}

export function track(db: StreetGridDb): StreetGridDb {
  dbs.push(db);
  return db;
}

export function coreFor(db: StreetGridDb): Core {
  return { db, mode: 'cli' };
}

/** A fresh DB with the given real street set up from the official list. */
export function streetCore(streetCode = '110101001'): Core {
  const core = coreFor(openTemp());
  call(core, 'street.setup', { streetCode });
  return core;
}

export function ok<M extends MethodName>(core: Core, method: M, input: Input<M>): Output<M> {
  return call(core, method, input);
}

export function fails(core: Core, method: MethodName, input: unknown) {
  const r = invoke(core, method, input);
  if (r.ok) throw new Error(`expected ${method} to fail`);
  return r.error;
}

/** Every row of every user table, for "nothing changed" assertions. */
export function snapshot(db: StreetGridDb): Record<string, unknown[]> {
  const tables = db.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.sqlite.prepare(`select * from "${t}"`).all();
  return out;
}

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
