// The crash harness: a scenario builds a starting DB and its inputs once, then the harness runs the child process
// (child.ts) against a fresh copy of that DB — first once to the end (calibration: how long each step takes, and what
// "all of it" looks like), then N times with a SIGKILL at a random point — and hands every killed DB to the
// scenario's check. New scenarios (backup, merge) plug in as one more CrashScenario plus a case in child.ts.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { invoke } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import { ROOT } from '../../helpers';

export const CHILD = path.join(ROOT, 'tests/integration/crash/child.ts');

/** `npm run test:stress` sets SG_STRESS=1: the full 50 kills and bigger batches; `npm test` runs a quick sample. */
export const STRESS = process.env.SG_STRESS === '1';

/** A small seeded PRNG (mulberry32) so a failing run can be repeated with SG_CRASH_SEED. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Marker {
  name: string;
  /** ms since spawn */
  at: number;
}

export interface RunResult {
  markers: Marker[];
  /** true when our SIGKILL ended the process (false: it finished or failed on its own first) */
  killed: boolean;
  code: number | null;
  stderr: string;
  /** the last marker seen before the kill: the phase the kill landed in */
  phase: string;
  ms: number;
}

export interface KillPoint {
  /** Start the clock at this marker (null: at spawn). */
  after: string | null;
  delayMs: number;
}

/** Runs child.ts with `args`; with `kill`, SIGKILLs it `delayMs` after the marker `after` is printed. */
export function runChild(args: string[], kill?: KillPoint): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const markers: Marker[] = [];
    let stderr = '';
    let buf = '';
    let killed = false;
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (!kill || timer) return;
      timer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          killed = child.kill('SIGKILL');
        }
      }, kill.delayMs);
    };
    if (kill && kill.after === null) arm();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const name = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!name) continue;
        if (killed) continue; // printed before the signal landed but read after: not a phase it reached for sure
        markers.push({ name, at: performance.now() - t0 });
        if (kill && kill.after === name) arm();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        markers,
        killed: killed && signal === 'SIGKILL',
        code,
        stderr,
        phase: markers.at(-1)?.name ?? 'spawn',
        ms: performance.now() - t0,
      });
    });
  });
}

export function markerAt(run: RunResult, name: string): number {
  const m = run.markers.find((x) => x.name === name);
  if (!m) throw new Error(`marker ${name} not seen: ${run.markers.map((x) => x.name).join(', ')}\n${run.stderr}`);
  return m.at;
}

export interface Integrity {
  integrity: string;
  foreignKeys: number;
}

/**
 * Opens a killed DB the way the app does (WAL recovery happens here), runs PRAGMA integrity_check and
 * foreign_key_check, then opens it once more through openDatabase + app.status as the app would on restart.
 */
export function reopenAndCheck(file: string): Integrity {
  const db = new Database(file);
  let out: Integrity;
  try {
    out = {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      foreignKeys: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
  const app = openDatabase({ file });
  try {
    const r = invoke({ db: app, mode: 'cli' }, 'app.status', {});
    if (!r.ok) throw new Error(`app.status failed after the crash: ${r.error.message}`);
  } finally {
    app.close();
  }
  return out;
}

/** Reads from a checked DB (read-only connection; the file has been recovered by reopenAndCheck). */
export function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function userTables(db: Database.Database): string[] {
  return db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
}

export function tableCounts(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of userTables(db)) out[t] = db.prepare(`select count(*) from "${t}"`).pluck().get() as number;
  return out;
}

/** A hash of every row of every table (order-independent within a table): equal means logically the same DB. */
export function logicalHash(db: Database.Database): string {
  const h = crypto.createHash('sha256');
  for (const t of userTables(db)) {
    const rows = (db.prepare(`select * from "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    h.update(`${t}\u0000${rows.length}\u0000`);
    for (const r of rows) h.update(r).update('\n');
  }
  return h.digest('hex');
}

/** A copy of a closed, checkpointed DB file (no -wal/-shm beside it) under a new name. */
export function copyDb(from: string, to: string): string {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(to + s, { force: true });
  fs.copyFileSync(from, to);
  return to;
}

export interface CrashScenario {
  name: string;
  kills: number;
  /** Builds the starting DB at `template` (closed, checkpointed) and any inputs under `dir`. */
  setup(dir: string, template: string): Promise<void>;
  /** The child's arguments for a run against `db`. */
  args(db: string): string[];
  /** Where to kill the i-th run, knowing how the calibration run went. */
  killPoint(rnd: () => number, calibration: RunResult): KillPoint;
  /** Checks a DB after a run (killed or not) and says what it holds, e.g. 'none', '2 of 3 batches', 'all'. */
  check(db: string, run: RunResult): string;
}

export interface ScenarioReport {
  name: string;
  kills: number;
  /** child runs with a kill scheduled (a run that finished before its kill is retried) */
  runs: number;
  landed: number;
  outcomes: Record<string, number>;
  phases: Record<string, number>;
  calibrationMs: number;
}

/** Calibration run, then `kills` killed runs, each on a fresh copy of the template; every DB goes through check. */
export async function runScenario(s: CrashScenario, dir: string, seed: number): Promise<ScenarioReport> {
  const template = path.join(dir, `${s.name}-template.db`);
  await s.setup(dir, template);
  const calDb = copyDb(template, path.join(dir, `${s.name}-calibration.db`));
  const calibration = await runChild(s.args(calDb));
  if (calibration.code !== 0)
    throw new Error(`${s.name}: calibration run failed (${calibration.code}): ${calibration.stderr}`);
  const full = s.check(calDb, calibration);
  if (full !== 'all') throw new Error(`${s.name}: an uninterrupted run should leave everything, found ${full}`);
  const rnd = prng(seed);
  const report: ScenarioReport = {
    name: s.name,
    kills: s.kills,
    runs: 0,
    landed: 0,
    outcomes: {},
    phases: {},
    calibrationMs: Math.round(calibration.ms),
  };
  let attempts = 0;
  for (let i = 0; i < s.kills; i++) {
    const file = copyDb(template, path.join(dir, `${s.name}-kill-${i}.db`));
    const kp = s.killPoint(rnd, calibration);
    const run = await runChild(s.args(file), kp);
    attempts++;
    report.runs = attempts;
    if (!run.killed && run.code !== 0)
      throw new Error(`${s.name} run ${i} failed on its own (${run.code}): ${run.stderr}`);
    let outcome: string;
    try {
      outcome = s.check(file, run);
    } catch (e) {
      throw new Error(
        `${s.name} kill ${i} (seed ${seed}, ${kp.delayMs.toFixed(0)} ms after ${kp.after ?? 'spawn'}, phase ${run.phase}): ${
          e instanceof Error ? e.message : String(e)
        }`,
        { cause: e },
      );
    }
    if (run.killed) report.landed++;
    // The child finished before its kill (the machine ran faster than in calibration): the DB was checked all the
    // same; draw another kill point for this slot, a few times at most.
    else if (attempts < s.kills * 2) i--;
    const phase = run.killed ? run.phase.replace(/ \d+$/, '') : 'finished';
    report.phases[phase] = (report.phases[phase] ?? 0) + 1;
    report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
  return report;
}

export function describeReport(r: ScenarioReport): string {
  const fmt = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ');
  return `[crash] ${r.name}: ${r.landed} SIGKILLs landed mid-run in ${r.runs} runs (target ${r.kills}; uninterrupted run ${r.calibrationMs} ms); killed while: ${fmt(r.phases)}; DB afterwards: ${fmt(r.outcomes)}`;
}
