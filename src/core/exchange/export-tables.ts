// Writing some of a package's data files (a group of tables, maybe the tombstones) from one read transaction, each
// deflated into a scratch file with its size, SHA-256 and CRC-32; build.ts then puts them into the zip. Runs in an
// exchange worker (pool.ts) or inline.
//
// One snapshot for all groups: once every group is running, group 0 takes the street DB's write lock (BEGIN
// IMMEDIATE, nothing written), then every group begins its read transaction — no commit can come in between, so all
// of them see the same DB — and group 0 lets the lock go as soon as the others have. They meet through shared memory
// (Atomics), never through the app's thread: a write the app makes meanwhile waits a few milliseconds, and nothing
// waits on it. Each group reads the plan (what goes in: ranges, counts) in its own snapshot; group 0 reports it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { maskIdNumber, maskPhone } from '../../shared/validators';
import { openRaw } from '../db/sqlite-file';
import { idHasher } from './keys';
import { lastBatch, plan, reexportPlan, streetOf, type BatchRow, type ExportPlan, type StreetRowLite } from './plan';
import { PHONE_COLUMNS, TOMBSTONE_FILE, dataFileName, type ExchangeTable } from './tables';

/** Deflate level of data files: 1 keeps export of a 1M-row street well inside its time budget. */
const DEFLATE_LEVEL = 1;
const FLUSH_BYTES = 1 << 20;
/** Rows per SQL batch (and per progress report). */
const BATCH_ROWS = 20_000;

export interface ExportTablesInput {
  db: string;
  tables: ExchangeTable[];
  /** This group also writes the tombstones. */
  tombstones: boolean;
  /** A new package (full or incremental) or the exact rebuild of the latest batch. */
  want: { full: boolean } | { reexport: BatchRow };
  identified: boolean;
  hashSecret: string;
  /** The scratch file the deflated entries go to, one after the other. */
  out: string;
  /** With more than one group: the state shared by all of them (Int32Array over it, see SYNC_*). */
  sync: { state: SharedArrayBuffer; groups: number; index: number } | null;
}

/**
 * Int32 slots of the shared state: groups running, the lock (0 not yet, 1 held, -1 could not), groups begun, stop
 * everything.
 */
export const SYNC_ARRIVED = 0;
export const SYNC_LOCK = 1;
export const SYNC_BEGUN = 2;
export const SYNC_STOP = 3;
export const SYNC_SLOTS = 4;
const SYNC_WAIT_MS = 30_000;

export interface WrittenEntry {
  name: string;
  table: ExchangeTable | null;
  columns: string[];
  rows: number;
  size: number;
  sha256: string;
  crc32: number;
  /** Where the deflated bytes are in the scratch file. */
  offset: number;
  compressedSize: number;
}

export type ExportEvent =
  | { type: 'plan'; plan: ExportPlan; street: StreetRowLite; lastSeq: number }
  | { type: 'rows'; table: string; n: number };

class Stopped extends Error {}

/** Waits until slot `i` is no longer `value` (false: told to stop, or out of time). */
function waitWhile(st: Int32Array, i: number, value: number, deadline: number): boolean {
  while (Atomics.load(st, i) === value) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.load(st, SYNC_STOP) !== 0) return false;
    Atomics.wait(st, i, value, Math.min(1000, left));
  }
  return true;
}

const NL = Buffer.from('\n');

/** One entry being written: lines in, deflated bytes out to the scratch file, sizes and checksums on the way. */
class EntrySink {
  private hash = crypto.createHash('sha256');
  private crc = 0;
  private deflate = zlib.createDeflateRaw({ level: DEFLATE_LEVEL });
  private done: Promise<unknown>;
  private small: string[] = [];
  private smallBytes = 0;
  size = 0;
  rows = 0;
  compressed = 0;
  constructor(private readonly fd: number) {
    this.deflate.on('data', (c: Buffer) => {
      try {
        let done = 0;
        while (done < c.length) done += fs.writeSync(this.fd, c, done, c.length - done);
        this.compressed += c.length;
      } catch (e) {
        // A full disk or a pulled USB stick: the entry fails with that error (waiting callers see it).
        this.deflate.destroy(e as Error);
      }
    });
    this.done = once(this.deflate, 'end');
    this.done.catch(() => undefined);
  }
  private put(buf: Buffer): boolean {
    this.hash.update(buf);
    this.crc = zlib.crc32(buf, this.crc);
    this.size += buf.length;
    return this.deflate.write(buf);
  }
  /** n lines as UTF-8, joined by newlines (without the last one). Resolves when the deflater has caught up. */
  async lines(buf: Buffer, n: number): Promise<void> {
    this.rows += n;
    const a = this.put(buf);
    if (!this.put(NL) || !a) await once(this.deflate, 'drain');
  }
  /** One short line (tombstones), buffered. */
  async line(s: string): Promise<void> {
    this.small.push(s, '\n');
    this.smallBytes += s.length + 1;
    this.rows++;
    if (this.smallBytes >= FLUSH_BYTES) await this.flushSmall();
  }
  private async flushSmall(): Promise<void> {
    if (this.small.length === 0) return;
    const buf = Buffer.from(this.small.join(''), 'utf8');
    this.small = [];
    this.smallBytes = 0;
    if (!this.put(buf)) await once(this.deflate, 'drain');
  }
  async close(): Promise<{ sha256: string; crc32: number; size: number; rows: number; compressed: number }> {
    await this.flushSmall();
    this.deflate.end();
    await this.done;
    return {
      sha256: this.hash.digest('hex'),
      crc32: this.crc >>> 0,
      size: this.size,
      rows: this.rows,
      compressed: this.compressed,
    };
  }
}

/** Begins this group's read transaction on the snapshot all groups share (see the top of the file). */
function beginShared(input: ExportTablesInput, snap: Database.Database): ExportPlan {
  const sync = input.sync;
  const st = sync ? new Int32Array(sync.state) : null;
  const begin = () => {
    snap.prepare('begin').run();
    // The first read fixes the snapshot (WAL): from here on this connection sees the DB as it is now.
    return 'reexport' in input.want ? reexportPlan(snap, input.want.reexport) : plan(snap, input.want.full);
  };
  if (!sync || !st || sync.groups <= 1) return begin();
  const deadline = Date.now() + SYNC_WAIT_MS;
  /** Waits until slot `i` reaches `target` (false: stopped or out of time). */
  const waitFor = (i: number, target: number): boolean => {
    for (let v = Atomics.load(st, i); v < target; v = Atomics.load(st, i)) {
      if (Atomics.load(st, SYNC_STOP) !== 0 || Date.now() >= deadline) return false;
      Atomics.wait(st, i, v, Math.min(1000, deadline - Date.now()));
    }
    return true;
  };
  if (sync.index > 0) {
    Atomics.add(st, SYNC_ARRIVED, 1);
    Atomics.notify(st, SYNC_ARRIVED);
    if (!waitWhile(st, SYNC_LOCK, 0, deadline) || Atomics.load(st, SYNC_LOCK) < 0) throw new Stopped();
    const p = begin();
    Atomics.add(st, SYNC_BEGUN, 1);
    Atomics.notify(st, SYNC_BEGUN);
    return p;
  }
  // Every other group must be running before the lock is taken: then nothing it waits for needs another thread.
  if (!waitFor(SYNC_ARRIVED, sync.groups - 1)) {
    if (Atomics.load(st, SYNC_STOP) !== 0) throw new Stopped();
    throw new AppError('INTERNAL', EXCHANGE.workerFailed);
  }
  const lock = openRaw(input.db, false);
  try {
    try {
      lock.prepare('begin immediate').run();
    } catch (e) {
      Atomics.store(st, SYNC_LOCK, -1);
      Atomics.notify(st, SYNC_LOCK);
      throw e;
    }
    Atomics.store(st, SYNC_LOCK, 1);
    Atomics.notify(st, SYNC_LOCK);
    const p = begin();
    if (!waitFor(SYNC_BEGUN, sync.groups - 1)) {
      if (Atomics.load(st, SYNC_STOP) !== 0) throw new Stopped();
      throw new AppError('INTERNAL', EXCHANGE.workerFailed);
    }
    return p;
  } finally {
    if (lock.inTransaction) lock.prepare('rollback').run();
    lock.close();
  }
}

/** Writes the group's data files; resolves with where each one is in the scratch file. */
export async function exportTables(
  input: ExportTablesInput,
  emit: (ev: ExportEvent) => void,
): Promise<{ value: WrittenEntry[]; transfer: ArrayBuffer[] }> {
  const snap = openRaw(input.db, true);
  const fd = fs.openSync(input.out, 'w');
  const st = input.sync ? new Int32Array(input.sync.state) : null;
  const stopped = () => st !== null && Atomics.load(st, SYNC_STOP) !== 0;
  try {
    const p = beginShared(input, snap);
    if (!input.sync || input.sync.index === 0)
      emit({ type: 'plan', plan: p, street: streetOf(snap), lastSeq: lastBatch(snap)?.seq ?? 0 });
    const hashId = idHasher(input.hashSecret);
    const where = p.full ? '' : ' and change_seq > ? and change_seq <= ?';
    const params = p.full ? [] : [p.changeFrom, p.changeTo];
    const written: WrittenEntry[] = [];
    let offset = 0;
    const finish = async (w: EntrySink, name: string, table: ExchangeTable | null, columns: string[]) => {
      const r = await w.close();
      written.push({
        name,
        table,
        columns,
        rows: r.rows,
        size: r.size,
        sha256: r.sha256,
        crc32: r.crc32,
        offset,
        compressedSize: r.compressed,
      });
      offset += r.compressed;
    };
    // De-identification as SQL functions, so every table's lines come out of SQLite in one piece (json_object keeps
    // the column order; strings are escaped exactly as JSON.stringify does).
    snap.function('sg_id_hash', { deterministic: true }, (v: unknown) => hashId(String(v)));
    snap.function('sg_mask_id', { deterministic: true }, (v: unknown) => maskIdNumber(String(v)));
    snap.function('sg_mask_phone', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? maskPhone(v) : v));
    for (const t of input.tables) {
      const columns = snap
        .prepare(`select * from "${t}" limit 0`)
        .columns()
        .map((c) => c.name);
      const phones = input.identified ? [] : (PHONE_COLUMNS[t] ?? []).filter((c) => columns.includes(c));
      const value = (c: string) =>
        phones.includes(c)
          ? `sg_mask_phone("${c}")`
          : t === 'member' && c === 'id_number' && !input.identified
            ? `sg_mask_id("${c}")`
            : `"${c}"`;
      const pairs = columns.map((c) => `'${c}', ${value(c)}`);
      if (t === 'member') {
        columns.push('id_hash');
        pairs.push(`'id_hash', sg_id_hash("id_number")`);
      }
      // json_object takes at most 127 arguments.
      if (pairs.length > 63) throw new Error(`exchange: table ${t} has more than 63 columns`);
      const w = new EntrySink(fd);
      // A batch of rows at a time, joined in id order, handed over as UTF-8 bytes (no JS strings at all).
      const batch = snap.prepare(
        `select cast(group_concat(j, char(10)) as blob) as text, max(id) as last, count(*) as n
           from (select id, json_object(${pairs.join(', ')}) as j from "${t}" where id > ?${where} order by id
                 limit ${BATCH_ROWS})`,
      );
      let after = 0;
      for (;;) {
        const r = batch.get(after, ...params) as { text: Buffer | null; last: number | null; n: number };
        if (r.n === 0 || r.text === null || r.last === null) break;
        await w.lines(r.text, r.n);
        if (stopped()) throw new Stopped();
        after = r.last;
        emit({ type: 'rows', table: t, n: r.n });
        if (r.n < BATCH_ROWS) break;
      }
      await finish(w, dataFileName(t), t, columns);
    }
    if (input.tombstones) {
      const tw = new EntrySink(fd);
      const iter = snap
        .prepare(
          'select id as tombstone_id, table_name as "table", row_id as id, change_seq, deleted_at from tombstone where id > ? and id <= ? order by id',
        )
        .iterate(p.tombstoneFrom, p.tombstoneTo) as IterableIterator<Record<string, unknown>>;
      let n = 0;
      for (const row of iter) {
        await tw.line(JSON.stringify(row));
        n++;
      }
      if (n > 0) emit({ type: 'rows', table: 'tombstone', n });
      await finish(tw, TOMBSTONE_FILE, null, []);
    }
    snap.prepare('commit').run();
    return { value: written, transfer: [] };
  } catch (e) {
    // Tell the other groups to stop; a group stopped by another reports nothing of its own.
    if (st) {
      Atomics.store(st, SYNC_STOP, 1);
      for (const i of [SYNC_ARRIVED, SYNC_LOCK, SYNC_BEGUN]) Atomics.notify(st, i);
    }
    if (e instanceof Stopped) throw new AppError('INTERNAL', EXCHANGE.exportStopped);
    throw e;
  } finally {
    fs.closeSync(fd);
    if (snap.inTransaction) snap.prepare('rollback').run();
    snap.close();
  }
}
