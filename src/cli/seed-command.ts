// `streetgrid seed --db FILE --demo [--members N] [--seed S]`: loads the demo street (src/core/demo) in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../core/db/connection';
import { runAction } from '../core/db/action';
import { MAX_DEMO_MEMBERS, seedDemo } from '../core/demo/seed';
import { DEFAULT_DEMO_SEED } from '../core/demo/random';
import { getSettings } from '../core/services/settings';
import { AppError } from '../shared/errors';
import { CLI, DEMO } from '../shared/messages';

function out(s: string): void {
  process.stdout.write(s + '\n');
}

function integer(v: string | undefined, fallback: number, min: number, max: number, message: string): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v.trim())) throw new AppError('VALIDATION', message);
  const n = Number(v.trim());
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new AppError('VALIDATION', message);
  return n;
}

/** Returns the exit code; throws AppError (exit 1) or a usage problem as a TypeError from parseArgs (exit 2). */
export function cmdSeed(args: string[], usageError: (message: string) => Error): number {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      demo: { type: 'boolean' },
      members: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  if (!values.db) throw usageError(CLI.missingOption('db'));
  if (!values.demo) throw usageError(DEMO.cliNeedDemo);
  const members = integer(values.members, 2000, 0, MAX_DEMO_MEMBERS, DEMO.membersRange(MAX_DEMO_MEMBERS));
  const seed = integer(values.seed, DEFAULT_DEMO_SEED, 0, 0xffffffff, DEMO.cliSeedFormat);
  const file = values.db;
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(file)));
  const db = openDatabase({ file });
  try {
    out(DEMO.cliStart(members, db.file));
    const started = performance.now();
    const { value } = runAction(db, getSettings(db).operatorName, (ctx) => seedDemo(ctx, { members, seed }));
    out(DEMO.cliDone(((performance.now() - started) / 1000).toFixed(1)));
    out(DEMO.cliCounts(value));
    return 0;
  } finally {
    db.close();
  }
}
