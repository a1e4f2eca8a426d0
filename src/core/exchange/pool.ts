// Worker threads for the heavy half of the exchange (building a package's data files, reading and checking them), so
// that a 1M-row package uses more than one core and the app's own thread stays free for the user. The same task
// functions (tasks.ts) run inline when workers are switched off (STREETGRID_WORKERS=0) or cannot start.
//
// Where the worker code is: from the sources (tsx: CLI, tests) a small .mjs boot file registers tsx in the worker and
// imports worker.ts; in the Electron build, electron-vite emits worker.ts as out/main/exchange-worker.js next to the
// main bundle (electron.vite.config.ts).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { runTask, type TaskEvent, type TaskInput, type TaskKind, type TaskOutput } from './tasks';

/** A worker's answer to one task. */
export type WorkerReply =
  | { id: number; kind: 'ready' }
  | { id: number; kind: 'event'; event: TaskEvent }
  | { id: number; kind: 'done'; value: unknown }
  | { id: number; kind: 'failed'; error: { code: ErrorCode | null; message: string; field?: string } };

export interface WorkerRequest {
  id: number;
  task: TaskKind;
  input: unknown;
}

/** How many workers: STREETGRID_WORKERS if set (0 = inline), else the cores, 1 to 4. */
export function workerCount(): number {
  const env = process.env.STREETGRID_WORKERS;
  if (env !== undefined && env !== '' && Number.isInteger(Number(env))) return Math.max(0, Math.min(8, Number(env)));
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

function workerEntry(): { file: string; workerData?: unknown } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts'))
    return {
      file: path.join(dir, 'worker-boot.mjs'),
      workerData: { entry: pathToFileURL(path.join(dir, 'worker.ts')).href },
    };
  return { file: path.join(dir, 'exchange-worker.js') };
}

/** Errors from a worker come back as their shape; AppErrors stay AppErrors. */
function revive(e: { code: ErrorCode | null; message: string; field?: string }): Error {
  if (e.code === null) return new Error(e.message);
  return new AppError(e.code, e.message, e.field === undefined ? {} : { field: e.field });
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onEvent?: (ev: TaskEvent) => void;
}

const IDLE_MS = 30_000;

class PoolWorker {
  readonly worker: Worker;
  busy = false;
  private pending = new Map<number, Pending>();
  private idle: NodeJS.Timeout | null = null;
  readonly ready: Promise<void>;
  dead = false;
  constructor(private readonly pool: ExchangePool) {
    const entry = workerEntry();
    this.worker = new Worker(entry.file, { workerData: entry.workerData });
    let readyResolve!: () => void;
    let readyReject!: (e: unknown) => void;
    this.ready = new Promise((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (m: WorkerReply) => {
      if (m.kind === 'ready') return readyResolve();
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === 'event') p.onEvent?.(m.event);
      else {
        this.pending.delete(m.id);
        if (m.kind === 'done') p.resolve(m.value);
        else p.reject(revive(m.error));
      }
    });
    const fail = (err: unknown) => {
      this.dead = true;
      readyReject(err);
      for (const p of this.pending.values()) p.reject(new AppError('INTERNAL', EXCHANGE.workerFailed).withCause(err));
      this.pending.clear();
      this.pool.drop(this);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.dead) fail(new Error(`worker exited with code ${code}`));
    });
    // Only a worker at work keeps the process alive (unref after the listeners: adding one refs the port again).
    this.worker.unref();
  }
  run(id: number, task: TaskKind, input: unknown, transfer: ArrayBuffer[], p: Pending): void {
    this.pending.set(id, p);
    this.worker.postMessage({ id, task, input } satisfies WorkerRequest, transfer);
  }
  /** Taken for a task: keeps the process alive until released. */
  hold(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.busy = true;
    this.worker.ref();
  }
  release(): void {
    this.busy = false;
    this.worker.unref();
    this.idle = setTimeout(() => void this.worker.terminate(), IDLE_MS);
    this.idle.unref();
  }
}

/**
 * Runs tasks on up to `size` workers (each runs one task at a time; the rest wait in line). Workers are started when
 * first needed and stop after half a minute without work; they never keep the process alive.
 */
export class ExchangePool {
  private workers: PoolWorker[] = [];
  private queue: { need: number; give: (ws: PoolWorker[]) => void }[] = [];
  private nextId = 1;
  /** Set when a worker could not start: everything runs inline from then on. */
  private inlineOnly = false;
  constructor(readonly size: number) {}

  get inline(): boolean {
    return this.size === 0 || this.inlineOnly;
  }

  drop(w: PoolWorker): void {
    this.workers = this.workers.filter((x) => x !== w);
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const free = this.workers.filter((x) => !x.busy && !x.dead);
      if (free.length >= head.need) {
        const ws = free.slice(0, head.need);
        for (const w of ws) w.hold();
        this.queue.shift();
        head.give(ws);
        continue;
      }
      if (this.workers.length >= this.size) return;
      this.workers.push(new PoolWorker(this));
    }
  }

  /** `need` workers at once (first come, first served). */
  private acquire(need: number): Promise<PoolWorker[]> {
    return new Promise((give) => {
      this.queue.push({ need: Math.min(need, this.size), give });
      this.pump();
    });
  }

  /** Runs one task (in a worker, or inline); `transfer` lists buffers of the input handed over to the worker. */
  async run<K extends TaskKind>(
    task: K,
    input: TaskInput<K>,
    opts: { onEvent?: (ev: TaskEvent) => void; transfer?: ArrayBuffer[] } = {},
  ): Promise<TaskOutput<K>> {
    if (this.inline) return runTask(task, input, opts.onEvent ?? (() => undefined)).then((r) => r.value);
    const [w] = await this.acquire(1);
    return this.runOn(w!, task, input, opts);
  }

  /**
   * Tasks that must run at the same time (they wait for each other, e.g. the groups of one export): started together
   * once as many workers are free. Inline, or with fewer workers than tasks, they run inline one after the other —
   * the caller gives such tasks nothing to wait for (one group).
   */
  runGroup<K extends TaskKind>(
    tasks: { task: K; input: TaskInput<K>; onEvent?: (ev: TaskEvent) => void }[],
  ): Promise<TaskOutput<K>>[] {
    if (this.inline || tasks.length > this.size)
      return tasks.map((t) => runTask(t.task, t.input, t.onEvent ?? (() => undefined)).then((r) => r.value));
    const got = this.acquire(tasks.length);
    return tasks.map((t, i) => got.then((ws) => this.runOn(ws[i]!, t.task, t.input, { onEvent: t.onEvent })));
  }

  private async runOn<K extends TaskKind>(
    w: PoolWorker,
    task: K,
    input: TaskInput<K>,
    opts: { onEvent?: (ev: TaskEvent) => void; transfer?: ArrayBuffer[] },
  ): Promise<TaskOutput<K>> {
    try {
      try {
        await w.ready;
      } catch {
        // The worker could not even start (a packaged app without the worker file, a broken install): from now on
        // everything runs inline, slower but the same.
        this.inlineOnly = true;
        return await runTask(task, input, opts.onEvent ?? (() => undefined)).then((r) => r.value);
      }
      return await new Promise<TaskOutput<K>>((resolve, reject) => {
        w.run(this.nextId++, task, input, opts.transfer ?? [], {
          resolve: resolve as (v: unknown) => void,
          reject,
          onEvent: opts.onEvent,
        });
      });
    } finally {
      if (!w.dead) w.release();
      this.pump();
    }
  }

  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }
}

let shared: ExchangePool | null = null;

/** The process's pool (its size read from STREETGRID_WORKERS / the cores when first used). */
export function exchangePool(): ExchangePool {
  if (!shared || shared.size !== workerCount()) {
    void shared?.close();
    shared = new ExchangePool(workerCount());
  }
  return shared;
}
