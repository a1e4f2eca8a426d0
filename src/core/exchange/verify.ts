// Reading a package: every check of docs/package-format.md, in order, before anyone may write a row. The zip is read
// with yauzl (central directory first, names validated, declared sizes compared with the signed manifest before a
// byte is inflated, actual sizes and SHA-256 checked while streaming); every line is parsed and checked.
import crypto from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { knownMigrations } from '../db/connection';
import { verifySignature } from './keys';
import {
  FORMAT_VERSION,
  MANIFEST_FILE,
  MANIFEST_MAX_BYTES,
  Manifest,
  ManifestHead,
  PACKAGE_FORMAT,
  SIGNATURE_FILE,
  SIGNATURE_MAX_BYTES,
  contentHash,
  type ManifestT,
} from './manifest';
import { isExchangeTable, type ExchangeTable } from './tables';

export interface PackageTombstone {
  table: ExchangeTable;
  id: number;
  changeSeq: number;
  deletedAt: string;
}

export interface VerifiedPackage {
  file: string;
  manifest: ManifestT;
  /** SHA-256 of the .zip file. */
  sha256: string;
  signatureChecked: boolean;
  /**
   * Each table's lines exactly as in the package (the district stores them as is): one line per element, or (read
   * again after a full verification) runs of lines joined by newlines.
   */
  rows: Map<ExchangeTable, string[]>;
  tombstones: PackageTombstone[];
}

/** The public key to check the signature with, or null to skip the signature (package verify without --pubkey). */
export type KeyResolver = (m: ManifestT) => { publicKey: string; keyId: string } | null;

export interface ReadOptions {
  resolveKey: KeyResolver;
  /** Keep the rows (district merge); verify alone only checks them. */
  keepRows?: boolean;
  /**
   * The zip's SHA-256 from an earlier full verification of the same file: the lines are then not parsed again (sizes,
   * hashes and counts still are), and a file that changed since is refused.
   */
  verifiedSha256?: string;
  /** After the signature check: return 'stop' to skip the data files (a replayed package). */
  afterSignature?: (m: ManifestT) => 'stop' | 'continue';
}

const MAX_ENTRIES = 100;
const MAX_FILE_BYTES = 1.5 * 1024 * 1024 * 1024;

function refuse(message: string): never {
  throw new AppError('VALIDATION', message);
}

function openZip(file: string): Promise<yauzl.ZipFile> {
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

function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      if (list.length > MAX_ENTRIES) {
        reject(new AppError('VALIDATION', EXCHANGE.zipTooManyEntries(zip.entryCount)));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', (e) => reject(new AppError('VALIDATION', EXCHANGE.notZip).withCause(e)));
    zip.readEntry();
  });
}

const SAFE_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

export function entryNameProblem(name: string): string | null {
  if (name.endsWith('/')) return EXCHANGE.zipEntryDirectory(name);
  if (!SAFE_NAME.test(name) || name.split('/').some((s) => s === '..' || s === '.'))
    return EXCHANGE.zipEntryBadName(printable(name));
  return null;
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}

function stream(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(e, (err, s) => {
      if (err || !s) reject(err ?? new Error('no stream'));
      else resolve(s);
    });
  });
}

async function readSmall(zip: yauzl.ZipFile, e: yauzl.Entry, name: string, max: number): Promise<Buffer> {
  if (e.uncompressedSize > max)
    refuse(name === MANIFEST_FILE ? EXCHANGE.manifestTooLarge : EXCHANGE.signatureBadFormat);
  const chunks: Buffer[] = [];
  try {
    const s = await stream(zip, e);
    for await (const c of s) chunks.push(c as Buffer);
  } catch (err) {
    throw new AppError('VALIDATION', EXCHANGE.fileRead(name)).withCause(err);
  }
  return Buffer.concat(chunks);
}

/** Data files up to this size are inflated in one call (no stream hops, no decoder); larger ones are streamed. */
let WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/** Tests: force the streaming reader (0) or restore the default (undefined). */
export function setWholeFileLimit(bytes?: number): void {
  WHOLE_FILE_BYTES = bytes ?? 256 * 1024 * 1024;
}
/** Runs of lines handed to `onChunk` are about this long. */
const RUN_CHARS = 1 << 20;

function rawStream(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(e, { decompress: false }, (err, s) => {
      if (err || !s) reject(err ?? new Error('no stream'));
      else resolve(s);
    });
  });
}

/** readLines for a file that fits in memory: the same checks, in the same order, with the same messages. */
async function readWhole(
  zip: yauzl.ZipFile,
  e: yauzl.Entry,
  name: string,
  expected: { size: number; sha256: string; rows: number },
  onLine: (line: string, n: number) => void,
  trusted: boolean,
  onChunk?: (text: string) => void,
): Promise<void> {
  let data: Buffer;
  try {
    const parts: Buffer[] = [];
    let got = 0;
    for await (const c of await rawStream(zip, e)) {
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
  if (!trusted && crypto.createHash('sha256').update(data).digest('hex') !== expected.sha256)
    refuse(EXCHANGE.fileHash(name));
  const text = data.toString('utf8');
  if (text.length > 0 && !text.endsWith('\n')) {
    // Report a bad line before the missing newline, as the streaming reader does.
    if (!trusted) {
      const lines = text.split('\n');
      lines.pop();
      lines.forEach((l, i) => onLine(l, i + 1));
    }
    refuse(EXCHANGE.noFinalNewline(name));
  }
  let n = 0;
  if (trusted) {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', Math.min(text.length - 1, start + RUN_CHARS));
      if (end < 0) end = text.length - 1;
      const run = text.slice(start, end);
      for (let i = run.indexOf('\n'); i >= 0; i = run.indexOf('\n', i + 1)) n++;
      n++;
      onChunk?.(run);
      start = end + 1;
    }
  } else {
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      onLine(text.slice(start, end), ++n);
      start = end + 1;
    }
  }
  if (n !== expected.rows) refuse(EXCHANGE.rowCount(name, expected.rows, n));
}

/**
 * Streams one data file: size and hash against the manifest, every line parsed and checked by `onLine`
 * (1-based line numbers in messages).
 */
async function readLines(
  zip: yauzl.ZipFile,
  e: yauzl.Entry,
  name: string,
  expected: { size: number; sha256: string; rows: number },
  onLine: (line: string, n: number) => void,
  /**
   * The whole zip's SHA-256 already matched a full verification: skip the per-file hash and the per-line work, and
   * hand over whole runs of complete lines instead (`onChunk`: lines joined by newlines, without the last one).
   */
  trusted = false,
  onChunk?: (text: string) => void,
): Promise<void> {
  if (e.uncompressedSize !== expected.size) refuse(EXCHANGE.fileDeclaredSize(name, expected.size, e.uncompressedSize));
  if (expected.size > MAX_FILE_BYTES) refuse(EXCHANGE.fileDeclaredSize(name, expected.size, e.uncompressedSize));
  if (expected.size <= WHOLE_FILE_BYTES) return readWhole(zip, e, name, expected, onLine, trusted, onChunk);
  const hash = crypto.createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let size = 0;
  let rest = '';
  let n = 0;
  let s: NodeJS.ReadableStream;
  try {
    s = await stream(zip, e);
  } catch (err) {
    throw new AppError('VALIDATION', EXCHANGE.fileRead(name)).withCause(err);
  }
  // Lines are checked as they stream, but a line's error is reported only once the whole file matched its size and
  // hash: a tampered file is reported as tampered, a well-formed package with a bad line names the line.
  let lineError: AppError | null = null;
  const take = (line: string) => {
    n++;
    if (lineError) return;
    try {
      onLine(line, n);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      lineError = err;
    }
  };
  try {
    for await (const c of s) {
      const buf = c as Buffer;
      size += buf.length;
      if (size > expected.size) refuse(EXCHANGE.fileSize(name, expected.size, size));
      if (!trusted) hash.update(buf);
      const text = rest + decoder.write(buf);
      if (trusted) {
        const cut = text.lastIndexOf('\n');
        if (cut < 0) {
          rest = text;
          continue;
        }
        const run = text.slice(0, cut);
        for (let i = run.indexOf('\n'); i >= 0; i = run.indexOf('\n', i + 1)) n++;
        n++;
        onChunk?.(run);
        rest = text.slice(cut + 1);
        continue;
      }
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) take(p);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', EXCHANGE.fileRead(name)).withCause(err);
  }
  rest += decoder.end();
  if (size !== expected.size) refuse(EXCHANGE.fileSize(name, expected.size, size));
  if (!trusted && hash.digest('hex') !== expected.sha256) refuse(EXCHANGE.fileHash(name));
  if (lineError) throw lineError;
  if (rest !== '') refuse(EXCHANGE.noFinalNewline(name));
  if (n !== expected.rows) refuse(EXCHANGE.rowCount(name, expected.rows, n));
}

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

/** Reads and verifies a package. Throws an AppError with the precise Chinese reason on the first failure. */
export async function readPackage(file: string, opts: ReadOptions): Promise<VerifiedPackage> {
  const zipSha = await sha256File(file);
  if (opts.verifiedSha256 !== undefined && opts.verifiedSha256 !== zipSha) refuse(EXCHANGE.changedSinceVerified);
  const trusted = opts.verifiedSha256 !== undefined;
  const zip = await openZip(file);
  try {
    const list = await entries(zip);
    const byName = new Map<string, yauzl.Entry>();
    for (const e of list) {
      const name = e.fileNameRaw.toString('utf8');
      const problem = entryNameProblem(name);
      if (problem) refuse(problem);
      if (byName.has(name)) refuse(EXCHANGE.zipEntryDuplicate(name));
      if (e.isEncrypted()) refuse(EXCHANGE.zipEncrypted(name));
      byName.set(name, e);
    }
    const me = byName.get(MANIFEST_FILE);
    if (!me) refuse(EXCHANGE.manifestMissing);
    const se = byName.get(SIGNATURE_FILE);
    if (!se) refuse(EXCHANGE.signatureMissing);
    const mBytes = await readSmall(zip, me, MANIFEST_FILE, MANIFEST_MAX_BYTES);
    const sigText = (await readSmall(zip, se, SIGNATURE_FILE, SIGNATURE_MAX_BYTES)).toString('ascii').trim();
    let raw: unknown;
    try {
      raw = JSON.parse(mBytes.toString('utf8'));
    } catch {
      refuse(EXCHANGE.manifestNotJson);
    }
    const head = ManifestHead.safeParse(raw);
    if (!head.success || head.data.format !== PACKAGE_FORMAT) refuse(EXCHANGE.notExchangePackage);
    if (head.data.format_version > FORMAT_VERSION)
      refuse(EXCHANGE.formatNewer(head.data.format_version, FORMAT_VERSION));
    if (head.data.format_version < FORMAT_VERSION) refuse(EXCHANGE.formatOlder(head.data.format_version));
    const parsed = Manifest.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      refuse(EXCHANGE.manifestInvalid(`${i?.path.join('.') ?? ''} ${i?.message ?? ''}`.trim()));
    }
    const m = parsed.data;
    const supported = knownMigrations().length;
    if (m.schema_version > supported) refuse(EXCHANGE.schemaNewer(m.schema_version, supported));

    // Signature, against the key registered for the street (or given on the command line).
    const key = opts.resolveKey(m);
    let signatureChecked = false;
    if (key) {
      if (key.keyId !== m.key_id) refuse(EXCHANGE.keyIdMismatch(m.key_id, key.keyId));
      if (!/^[A-Za-z0-9+/]{86}==$/.test(sigText)) refuse(EXCHANGE.signatureBadFormat);
      if (!verifySignature(key.publicKey, mBytes, Buffer.from(sigText, 'base64'))) refuse(EXCHANGE.signatureInvalid);
      signatureChecked = true;
    }
    const result: VerifiedPackage = {
      file,
      manifest: m,
      sha256: zipSha,
      signatureChecked,
      rows: new Map(),
      tombstones: [],
    };
    if (opts.afterSignature?.(m) === 'stop') return result;

    // Exactly the files the manifest lists.
    const expected = [MANIFEST_FILE, SIGNATURE_FILE, ...m.tables.map((t) => t.file), m.tombstones.file];
    for (const name of expected) if (!byName.has(name)) refuse(EXCHANGE.fileMissing(name));
    const expectedSet = new Set(expected);
    for (const name of byName.keys()) if (!expectedSet.has(name)) refuse(EXCHANGE.fileExtra(name));
    const { content_hash: _h, ...body } = m;
    if (contentHash(body) !== m.content_hash) refuse(EXCHANGE.contentHash);

    const { from, to } = m.change_range;
    for (const t of m.tables) {
      const cols = t.columns;
      const set = new Set(cols);
      const rows: string[] = [];
      const seen = new Set<number>();
      await readLines(
        zip,
        byName.get(t.file)!,
        t.file,
        t,
        (line, n) => {
          if (opts.keepRows) rows.push(line);
          const o = parseLine(t.file, line, n);
          if (!sameKeys(o, cols, set)) refuse(EXCHANGE.line(t.file, n, EXCHANGE.lineColumns(cols.join(', '))));
          const id = o.id;
          if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
            refuse(EXCHANGE.line(t.file, n, EXCHANGE.lineId));
          const cs = o.change_seq;
          if (typeof cs !== 'number' || !Number.isSafeInteger(cs) || cs > to || (m.full ? cs < 0 : cs <= from))
            refuse(EXCHANGE.line(t.file, n, EXCHANGE.lineSeq(m.full ? 0 : from, to)));
          if (seen.has(id)) refuse(EXCHANGE.line(t.file, n, EXCHANGE.lineDuplicate(id)));
          seen.add(id);
          const del = o.deleted_at;
          if (del !== undefined && del !== null && typeof del !== 'string')
            refuse(EXCHANGE.line(t.file, n, EXCHANGE.lineDeletedAt));
        },
        trusted,
        (run) => {
          if (opts.keepRows) rows.push(run);
        },
      );
      result.rows.set(t.name, rows);
    }
    const tf = m.tombstones.file;
    const tset = new Set<string>(TOMB_COLUMNS);
    const tr = m.tombstone_range;
    const seenT = new Set<number>();
    await readLines(zip, byName.get(tf)!, tf, m.tombstones, (line, n) => {
      const o = parseLine(tf, line, n);
      if (!sameKeys(o, TOMB_COLUMNS, tset)) refuse(EXCHANGE.line(tf, n, EXCHANGE.lineColumns(TOMB_COLUMNS.join(', '))));
      const tid = o.tombstone_id;
      if (typeof tid !== 'number' || !Number.isSafeInteger(tid) || tid <= tr.from || tid > tr.to || seenT.has(tid))
        refuse(EXCHANGE.line(tf, n, EXCHANGE.lineTombId(tr.from, tr.to)));
      seenT.add(tid);
      if (typeof o.table !== 'string' || !isExchangeTable(o.table))
        refuse(EXCHANGE.line(tf, n, EXCHANGE.lineTable(String(o.table).slice(0, 40))));
      if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id) || o.id <= 0)
        refuse(EXCHANGE.line(tf, n, EXCHANGE.lineId));
      if (typeof o.change_seq !== 'number' || !Number.isSafeInteger(o.change_seq) || typeof o.deleted_at !== 'string')
        refuse(EXCHANGE.line(tf, n, EXCHANGE.lineNotObject));
      if (opts.keepRows)
        result.tombstones.push({ table: o.table, id: o.id, changeSeq: o.change_seq, deletedAt: o.deleted_at });
    });
    return result;
  } finally {
    zip.close();
  }
}

async function sha256File(file: string): Promise<string> {
  const fs = await import('node:fs');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('NOT_FOUND', EXCHANGE.packageFileMissing(file));
  const h = crypto.createHash('sha256');
  for await (const c of fs.createReadStream(file)) h.update(c as Buffer);
  return h.digest('hex');
}
