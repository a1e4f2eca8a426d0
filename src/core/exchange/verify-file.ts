// Reading and checking one data file of a package (a table's NDJSON or the tombstones): declared and actual size,
// SHA-256 against the signed manifest, then every line parsed and checked. Runs in an exchange worker (pool.ts) or
// inline; the zip is opened again here by name, so only plain data crosses threads. Lines stay UTF-8 bytes: each is
// decoded on its own (cheaper than one huge string) and, when kept for a merge, handed back as offsets into the file.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { isExchangeTable, type ExchangeTable } from './tables';

export interface PackageTombstone {
  table: ExchangeTable;
  id: number;
  changeSeq: number;
  deletedAt: string;
}

/** A table file's lines as verified: the file's bytes and, per line, where it ends and its key fields. */
export interface FileRows {
  data: Uint8Array;
  /** Line i is data[i === 0 ? 0 : ends[i - 1] + 1, ends[i]) (the newline excluded). */
  ends: Uint32Array;
  ids: Float64Array;
  seqs: Float64Array;
  /** The lines whose deleted_at is set, and its value. */
  delIdx: number[];
  delVal: string[];
}

export type LineRules =
  | { kind: 'table'; columns: string[]; full: boolean; from: number; to: number }
  | { kind: 'tombstones'; from: number; to: number };

export interface VerifyFileInput {
  zip: string;
  name: string;
  /** The entry as the caller saw it in the central directory (a different one means the file changed). */
  offset: number;
  expected: { size: number; sha256: string; rows: number };
  rules: LineRules;
  keep: boolean;
  /** Files up to this size are inflated in one piece; larger ones are streamed. */
  wholeLimit: number;
}

export type VerifyFileOutput =
  | { kind: 'table'; rows: number; kept: FileRows | null }
  | { kind: 'tombstones'; rows: number; tombstones: PackageTombstone[] };

export const MAX_FILE_BYTES = 1.5 * 1024 * 1024 * 1024;

function refuse(message: string): never {
  throw new AppError('VALIDATION', message);
}

export function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => {
        if (err || !zip) reject(new AppError('VALIDATION', EXCHANGE.notZip).withCause(err));
        else resolve(zip);
      },
    );
  });
}

function findEntry(zip: yauzl.ZipFile, name: string): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: yauzl.Entry) => {
      if (e.fileNameRaw.toString('utf8') === name) {
        zip.removeListener('entry', onEntry);
        resolve(e);
      } else zip.readEntry();
    };
    zip.on('entry', onEntry);
    zip.on('end', () => resolve(null));
    zip.on('error', (e) => reject(new AppError('VALIDATION', EXCHANGE.notZip).withCause(e)));
    zip.readEntry();
  });
}

/** An entry's bytes: inflated as needed (no `decompress`), or exactly as stored (`decompress: false`). */
export function openStream(zip: yauzl.ZipFile, e: yauzl.Entry, decompress?: false): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, s?: NodeJS.ReadableStream) => {
      if (err || !s) reject(err ?? new Error('no stream'));
      else resolve(s);
    };
    if (decompress === false) zip.openReadStream(e, { decompress }, done);
    else zip.openReadStream(e, done);
  });
}

// ------------------------------------------------------------------------------------------------ line checks

function parseLine(name: string, line: string, n: number): Record<string, unknown> {
  if (line === '') refuse(EXCHANGE.line(name, n, EXCHANGE.lineEmpty));
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    refuse(EXCHANGE.line(name, n, EXCHANGE.lineNotJson));
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) refuse(EXCHANGE.line(name, n, EXCHANGE.lineNotObject));
  return o as Record<string, unknown>;
}

function sameKeys(o: Record<string, unknown>, cols: readonly string[], set: Set<string>): boolean {
  const keys = Object.keys(o);
  if (keys.length !== cols.length) return false;
  for (const k of keys) if (!set.has(k)) return false;
  return true;
}

const TOMB_COLUMNS = ['tombstone_id', 'table', 'id', 'change_seq', 'deleted_at'] as const;

/** Growable per-line arrays of a kept file. */
class Kept {
  ends = new Uint32Array(1024);
  ids = new Float64Array(1024);
  seqs = new Float64Array(1024);
  delIdx: number[] = [];
  delVal: string[] = [];
  n = 0;
  push(end: number, id: number, seq: number, del: unknown): void {
    if (this.n === this.ends.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.ends = grow(this.ends);
      this.ids = grow(this.ids);
      this.seqs = grow(this.seqs);
    }
    this.ends[this.n] = end;
    this.ids[this.n] = id;
    this.seqs[this.n] = seq;
    if (typeof del === 'string') {
      this.delIdx.push(this.n);
      this.delVal.push(del);
    }
    this.n++;
  }
}

/** The check of one line (n: 1-based); `end` is where it ends in the whole file (for kept rows). */
type LineCheck = (line: string, n: number, end: number) => void;

function tableCheck(name: string, r: Extract<LineRules, { kind: 'table' }>, kept: Kept | null): LineCheck {
  const cols = r.columns;
  const set = new Set(cols);
  // Ids are unique: while they ascend (as exporters write them) that is already proven; the first one that does not
  // switches to a set of every id so far.
  let lastId = 0;
  let seen: Set<number> | null = null;
  const ids: number[] = [];
  return (line, n, end) => {
    const o = parseLine(name, line, n);
    if (!sameKeys(o, cols, set)) refuse(EXCHANGE.line(name, n, EXCHANGE.lineColumns(cols.join(', '))));
    const id = o.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) refuse(EXCHANGE.line(name, n, EXCHANGE.lineId));
    const cs = o.change_seq;
    if (typeof cs !== 'number' || !Number.isSafeInteger(cs) || cs > r.to || (r.full ? cs < 0 : cs <= r.from))
      refuse(EXCHANGE.line(name, n, EXCHANGE.lineSeq(r.full ? 0 : r.from, r.to)));
    if (seen === null && id <= lastId) seen = new Set(ids);
    if (seen === null) {
      lastId = id;
      ids.push(id);
    } else {
      if (seen.has(id)) refuse(EXCHANGE.line(name, n, EXCHANGE.lineDuplicate(id)));
      seen.add(id);
    }
    const del = o.deleted_at;
    if (del !== undefined && del !== null && typeof del !== 'string')
      refuse(EXCHANGE.line(name, n, EXCHANGE.lineDeletedAt));
    kept?.push(end, id, cs, del);
  };
}

function tombstoneCheck(
  name: string,
  r: Extract<LineRules, { kind: 'tombstones' }>,
  out: PackageTombstone[],
): LineCheck {
  const tset = new Set<string>(TOMB_COLUMNS);
  const seen = new Set<number>();
  return (line, n) => {
    const o = parseLine(name, line, n);
    if (!sameKeys(o, TOMB_COLUMNS, tset)) refuse(EXCHANGE.line(name, n, EXCHANGE.lineColumns(TOMB_COLUMNS.join(', '))));
    const tid = o.tombstone_id;
    if (typeof tid !== 'number' || !Number.isSafeInteger(tid) || tid <= r.from || tid > r.to || seen.has(tid))
      refuse(EXCHANGE.line(name, n, EXCHANGE.lineTombId(r.from, r.to)));
    seen.add(tid);
    if (typeof o.table !== 'string' || !isExchangeTable(o.table))
      refuse(EXCHANGE.line(name, n, EXCHANGE.lineTable(String(o.table).slice(0, 40))));
    if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id) || o.id <= 0)
      refuse(EXCHANGE.line(name, n, EXCHANGE.lineId));
    if (typeof o.change_seq !== 'number' || !Number.isSafeInteger(o.change_seq) || typeof o.deleted_at !== 'string')
      refuse(EXCHANGE.line(name, n, EXCHANGE.lineNotObject));
    out.push({ table: o.table, id: o.id, changeSeq: o.change_seq, deletedAt: o.deleted_at });
  };
}

// ------------------------------------------------------------------------------------------------ readers

/** Inflates a file that fits in memory in one call; size, hash, then lines (first bad line wins), final newline, count. */
async function readWhole(
  zip: yauzl.ZipFile,
  e: yauzl.Entry,
  input: VerifyFileInput,
  check: LineCheck,
): Promise<{ data: Buffer; n: number }> {
  const { name, expected } = input;
  let data: Buffer;
  try {
    const parts: Buffer[] = [];
    let got = 0;
    for await (const c of await openStream(zip, e, false)) {
      got += (c as Buffer).length;
      if (got > e.compressedSize) refuse(EXCHANGE.fileRead(name));
      parts.push(c as Buffer);
    }
    const raw = Buffer.concat(parts);
    if (e.compressionMethod === 0) data = raw;
    else if (e.compressionMethod === 8)
      // Never inflate more than the manifest's size (+1 to tell "too long" from "exact").
      data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, expected.size + 1) });
    else refuse(EXCHANGE.fileRead(name));
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof RangeError) refuse(EXCHANGE.fileSize(name, expected.size, expected.size + 1));
    throw new AppError('VALIDATION', EXCHANGE.fileRead(name)).withCause(err);
  }
  if (data.length !== expected.size) refuse(EXCHANGE.fileSize(name, expected.size, data.length));
  if (crypto.createHash('sha256').update(data).digest('hex') !== expected.sha256) refuse(EXCHANGE.fileHash(name));
  let n = 0;
  let start = 0;
  for (;;) {
    const end = data.indexOf(10, start);
    if (end < 0) break;
    check(data.toString('utf8', start, end), ++n, end);
    start = end + 1;
  }
  if (start < data.length) refuse(EXCHANGE.noFinalNewline(name));
  if (n !== expected.rows) refuse(EXCHANGE.rowCount(name, expected.rows, n));
  return { data, n };
}

/**
 * Streams a file too large for one piece. Lines are checked as they arrive, but a line's error is reported only once
 * the whole file matched its size and hash: a tampered file is reported as tampered, a well-formed one names the line.
 */
async function readStreamed(
  zip: yauzl.ZipFile,
  e: yauzl.Entry,
  input: VerifyFileInput,
  check: LineCheck,
): Promise<{ data: Buffer | null; n: number }> {
  const { name, expected } = input;
  const hash = crypto.createHash('sha256');
  const chunks: Buffer[] | null = input.keep ? [] : null;
  let size = 0;
  let carry = Buffer.alloc(0);
  let n = 0;
  let lineError: AppError | null = null;
  let s: NodeJS.ReadableStream;
  try {
    s = await openStream(zip, e);
  } catch (err) {
    throw new AppError('VALIDATION', EXCHANGE.fileRead(name)).withCause(err);
  }
  try {
    for await (const c of s) {
      const chunk = c as Buffer;
      const base = size - carry.length;
      size += chunk.length;
      if (size > expected.size) refuse(EXCHANGE.fileSize(name, expected.size, size));
      hash.update(chunk);
      chunks?.push(chunk);
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (;;) {
        const end = buf.indexOf(10, start);
        if (end < 0) break;
        n++;
        if (!lineError) {
          try {
            check(buf.toString('utf8', start, end), n, base + end);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            lineError = err;
          }
        }
        start = end + 1;
      }
      carry = Buffer.from(buf.subarray(start));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', EXCHANGE.fileRead(name)).withCause(err);
  }
  if (size !== expected.size) refuse(EXCHANGE.fileSize(name, expected.size, size));
  if (hash.digest('hex') !== expected.sha256) refuse(EXCHANGE.fileHash(name));
  if (lineError) throw lineError;
  if (carry.length > 0) refuse(EXCHANGE.noFinalNewline(name));
  if (n !== expected.rows) refuse(EXCHANGE.rowCount(name, expected.rows, n));
  return { data: chunks ? Buffer.concat(chunks) : null, n };
}

/** A buffer that owns its whole ArrayBuffer (so it can be handed to another thread without touching others). */
function owned(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.buffer.byteLength === b.length ? b : new Uint8Array(b);
}

export async function verifyFile(
  input: VerifyFileInput,
): Promise<{ value: VerifyFileOutput; transfer: ArrayBuffer[] }> {
  const { name, expected } = input;
  const zip = await openZip(input.zip);
  try {
    const e = await findEntry(zip, name);
    if (!e || e.relativeOffsetOfLocalHeader !== input.offset) refuse(EXCHANGE.changedSinceVerified);
    if (e.uncompressedSize !== expected.size)
      refuse(EXCHANGE.fileDeclaredSize(name, expected.size, e.uncompressedSize));
    if (expected.size > MAX_FILE_BYTES) refuse(EXCHANGE.fileDeclaredSize(name, expected.size, e.uncompressedSize));
    const read = expected.size <= input.wholeLimit ? readWhole : readStreamed;
    if (input.rules.kind === 'tombstones') {
      const tombstones: PackageTombstone[] = [];
      const r = await read(zip, e, input, tombstoneCheck(name, input.rules, tombstones));
      return { value: { kind: 'tombstones', rows: r.n, tombstones: input.keep ? tombstones : [] }, transfer: [] };
    }
    const kept = input.keep ? new Kept() : null;
    const r = await read(zip, e, input, tableCheck(name, input.rules, kept));
    if (!kept || !r.data) return { value: { kind: 'table', rows: r.n, kept: null }, transfer: [] };
    const data = owned(r.data);
    const rows: FileRows = {
      data,
      ends: kept.ends.slice(0, kept.n),
      ids: kept.ids.slice(0, kept.n),
      seqs: kept.seqs.slice(0, kept.n),
      delIdx: kept.delIdx,
      delVal: kept.delVal,
    };
    return {
      value: { kind: 'table', rows: r.n, kept: rows },
      transfer: [data.buffer, rows.ends.buffer, rows.ids.buffer, rows.seqs.buffer] as ArrayBuffer[],
    };
  } finally {
    zip.close();
  }
}

/** Line i of kept rows, as bytes (no copy). */
export function lineBytes(rows: FileRows, i: number): Uint8Array {
  const start = i === 0 ? 0 : rows.ends[i - 1]! + 1;
  return rows.data.subarray(start, rows.ends[i]);
}

/** Kept lines as JSON array texts of about `max` bytes each (a run of lines is contiguous in the file). */
export function* jsonArrayTexts(rows: FileRows, max = 1 << 20): Generator<string> {
  const buf = Buffer.from(rows.data.buffer, rows.data.byteOffset, rows.data.byteLength);
  let first = 0;
  while (first < rows.ends.length) {
    const start = first === 0 ? 0 : rows.ends[first - 1]! + 1;
    let last = first;
    while (last + 1 < rows.ends.length && rows.ends[last + 1]! - start < max) last++;
    yield `[${buf.toString('utf8', start, rows.ends[last]).replaceAll('\n', ',')}]`;
    first = last + 1;
  }
}
