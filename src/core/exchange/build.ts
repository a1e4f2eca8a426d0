// The street side: what the next package would contain (preview), building it from one consistent snapshot, and
// recording it as a 上报批次. Building never writes to the street DB; recording is its own one-transaction action.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import yazl from 'yazl';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { maskIdNumber, maskPhone } from '../../shared/validators';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { idHasher, readKey, sign, type StreetKey } from './keys';
import {
  FORMAT_VERSION,
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  SIGNATURE_FILE,
  contentHash,
  manifestBytes,
  type ManifestT,
} from './manifest';
import { EXCHANGE_TABLES, PHONE_COLUMNS, TOMBSTONE_FILE, dataFileName, type ExchangeTable } from './tables';

/** Deflate level of data files: 1 keeps export of a 1M-row street well inside its time budget. */
const DEFLATE_LEVEL = 1;
const FLUSH_BYTES = 1 << 20;
/** Rows per SQL batch (and between progress reports / event-loop turns). */
const BATCH_ROWS = 20_000;

export interface BatchRow {
  id: number;
  packageId: string;
  seq: number;
  baseSeq: number;
  full: boolean;
  identified: boolean;
  changeFrom: number;
  changeTo: number;
  tombstoneFrom: number;
  tombstoneTo: number;
  packageCreatedAt: string;
  keyId: string;
  rowCount: number;
  tombstoneCount: number;
  counts: Record<string, { rows: number; tombstones: number }>;
  contentHash: string;
  packageSha256: string;
  packageSize: number;
  fileName: string;
  filePath: string;
  createdAt: string;
}

const BATCH_COLUMNS = `id, package_id as packageId, seq, base_seq as baseSeq, full, identified, change_from as changeFrom,
  change_to as changeTo, tombstone_from as tombstoneFrom, tombstone_to as tombstoneTo,
  package_created_at as packageCreatedAt, key_id as keyId, row_count as rowCount, tombstone_count as tombstoneCount,
  counts, content_hash as contentHash, package_sha256 as packageSha256, package_size as packageSize,
  file_name as fileName, file_path as filePath, created_at as createdAt`;

function toBatch(r: Record<string, unknown>): BatchRow {
  return {
    ...(r as unknown as BatchRow),
    full: r.full === 1,
    identified: r.identified === 1,
    counts: JSON.parse(String(r.counts)) as BatchRow['counts'],
  };
}

export function listBatches(db: StreetGridDb): BatchRow[] {
  return (db.sqlite.prepare(`select ${BATCH_COLUMNS} from export_batch order by seq desc`).all() as never[]).map(
    toBatch,
  );
}

export function getBatch(db: StreetGridDb, id: number): BatchRow {
  const r = db.sqlite.prepare(`select ${BATCH_COLUMNS} from export_batch where id = ?`).get(id) as
    Record<string, unknown> | undefined;
  if (!r) throw new AppError('NOT_FOUND', EXCHANGE.batchNotFound(id));
  return toBatch(r);
}

function lastBatch(sqlite: Database.Database): BatchRow | null {
  const r = sqlite.prepare(`select ${BATCH_COLUMNS} from export_batch order by seq desc limit 1`).get() as
    Record<string, unknown> | undefined;
  return r ? toBatch(r) : null;
}

interface StreetRowLite {
  code: string;
  name: string;
  district_code: string;
  district_name: string;
}

function streetOf(sqlite: Database.Database): StreetRowLite {
  const s = sqlite.prepare('select code, name, district_code, district_name from street limit 1').get() as
    StreetRowLite | undefined;
  if (!s) throw new AppError('NOT_INITIALIZED', EXCHANGE.notInitialized);
  return s;
}

export interface ExportPlan {
  seq: number;
  baseSeq: number;
  full: boolean;
  /** True when there is no earlier batch (the export is full whatever was asked). */
  first: boolean;
  changeFrom: number;
  changeTo: number;
  tombstoneFrom: number;
  tombstoneTo: number;
  counts: { table: ExchangeTable; label: string; rows: number; tombstones: number }[];
  totalRows: number;
  totalTombstones: number;
}

function plan(sqlite: Database.Database, wantFull: boolean): ExportPlan {
  const last = lastBatch(sqlite);
  const full = wantFull || !last;
  const changeTo = (sqlite.prepare("select value from counters where name = 'change'").pluck().get() as number) ?? 0;
  const tombstoneTo = (sqlite.prepare('select coalesce(max(id), 0) from tombstone').pluck().get() as number) ?? 0;
  const changeFrom = full ? 0 : last!.changeTo;
  const tombstoneFrom = full ? 0 : last!.tombstoneTo;
  const tombs = new Map(
    (
      sqlite
        .prepare('select table_name as t, count(*) as n from tombstone where id > ? and id <= ? group by table_name')
        .all(tombstoneFrom, tombstoneTo) as { t: string; n: number }[]
    ).map((r) => [r.t, r.n]),
  );
  const counts = EXCHANGE_TABLES.map((t) => {
    const rows = full
      ? (sqlite.prepare(`select count(*) from "${t}"`).pluck().get() as number)
      : (sqlite
          .prepare(`select count(*) from "${t}" where change_seq > ? and change_seq <= ?`)
          .pluck()
          .get(changeFrom, changeTo) as number);
    return { table: t, label: EXCHANGE.tableLabels[t] ?? t, rows, tombstones: tombs.get(t) ?? 0 };
  });
  return {
    seq: (last?.seq ?? 0) + 1,
    baseSeq: full ? 0 : last!.seq,
    full,
    first: !last,
    changeFrom,
    changeTo,
    tombstoneFrom,
    tombstoneTo,
    counts,
    totalRows: counts.reduce((a, c) => a + c.rows, 0),
    totalTombstones: counts.reduce((a, c) => a + c.tombstones, 0),
  };
}

/** What the next package would contain (counts shown before anything is written). */
export function previewExport(db: StreetGridDb, opts: { full: boolean }): ExportPlan {
  streetOf(db.sqlite);
  return db.sqlite.transaction(() => plan(db.sqlite, opts.full))();
}

export interface ExportProgress {
  phase: 'snapshot' | 'rows' | 'zip' | 'done';
  table?: string;
  done: number;
  total: number;
}

export interface BuildOptions {
  full: boolean;
  identified: boolean;
  outDir: string;
  onProgress?: (p: ExportProgress) => void;
  /** Rebuild this (latest) batch exactly: same seq, ranges, package id and creation time. */
  reexport?: BatchRow;
}

export interface BuiltPackage {
  manifest: ManifestT;
  plan: ExportPlan;
  filePath: string;
  fileName: string;
  packageSha256: string;
  packageSize: number;
  /** The last batch seq the build was based on (checked again when the batch is recorded). */
  lastSeqSeen: number;
}

function openSnapshot(file: string): Database.Database {
  const binding = process.env.STREETGRID_NATIVE_BINDING;
  const snap = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  snap.pragma('busy_timeout = 5000');
  return snap;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export function packageFileName(streetCode: string, seq: number, createdAt: string): string {
  return `streetgrid-${streetCode}-seq${String(seq).padStart(4, '0')}-${createdAt.slice(0, 10).replace(/-/g, '')}.zip`;
}

/**
 * The zip being written: entries are streamed into yazl as they are produced (deflate runs in libuv's thread pool
 * while SQLite keeps reading), hashed on the way; the zip itself is hashed as it goes to disk.
 */
class ZipOut {
  private zip = new yazl.ZipFile();
  private out: fs.WriteStream;
  private hash = crypto.createHash('sha256');
  private size = 0;
  private finished: Promise<void>;
  constructor(
    readonly target: string,
    private readonly mtime: Date,
  ) {
    this.out = fs.createWriteStream(target);
    this.finished = new Promise((resolve, reject) => {
      this.zip.outputStream.on('data', (c: Buffer) => {
        this.hash.update(c);
        this.size += c.length;
      });
      this.zip.outputStream.on('error', reject);
      this.out.on('error', reject);
      this.out.on('close', () => resolve());
    });
    // Keep a write error from surfacing as an unhandled rejection before close() is awaited.
    this.finished.catch(() => undefined);
    this.zip.outputStream.pipe(this.out);
  }
  entry(name: string): EntryWriter {
    const pass = new PassThrough({ highWaterMark: 4 * FLUSH_BYTES });
    this.zip.addReadStream(pass, name, { mtime: this.mtime, mode: 0o100644, compressionLevel: DEFLATE_LEVEL });
    return new EntryWriter(pass);
  }
  buffer(name: string, buf: Buffer): void {
    this.zip.addBuffer(buf, name, { mtime: this.mtime, mode: 0o100644, compressionLevel: 0 });
  }
  async close(): Promise<{ sha256: string; size: number }> {
    this.zip.end();
    await this.finished;
    return { sha256: this.hash.digest('hex'), size: this.size };
  }
  abort(): void {
    this.out.destroy();
    fs.rmSync(this.target, { force: true });
  }
}

class EntryWriter {
  private parts: string[] = [];
  private pending = 0;
  private hash = crypto.createHash('sha256');
  size = 0;
  rows = 0;
  constructor(private readonly pass: PassThrough) {}
  /** One line (without its newline). Returns a promise only when the zip needs time to catch up. */
  line(s: string): Promise<void> | undefined {
    this.parts.push(s, '\n');
    this.pending += s.length + 1;
    this.rows++;
    return this.pending >= FLUSH_BYTES ? this.flush() : undefined;
  }
  /** Many lines at once, already joined with newlines (n lines, without the last newline). */
  lines(text: string, n: number): Promise<void> | undefined {
    this.parts.push(text, '\n');
    this.pending += text.length + 1;
    this.rows += n;
    return this.pending >= FLUSH_BYTES ? this.flush() : undefined;
  }
  private flush(): Promise<void> | undefined {
    if (this.parts.length === 0) return undefined;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.hash.update(buf);
    this.size += buf.length;
    if (this.pass.write(buf)) return undefined;
    return new Promise((resolve) => this.pass.once('drain', () => resolve()));
  }
  async close(): Promise<{ sha256: string; size: number; rows: number }> {
    await this.flush();
    this.pass.end();
    return { sha256: this.hash.digest('hex'), size: this.size, rows: this.rows };
  }
}

/**
 * Builds a signed package from one read transaction on a separate read-only connection (WAL: a consistent
 * snapshot while the app keeps working) and writes it to outDir. Writes nothing to the street DB.
 */
export async function buildPackage(db: StreetGridDb, opts: BuildOptions): Promise<BuiltPackage> {
  const key: StreetKey | null = readKey(db);
  if (!key) throw new AppError('NOT_FOUND', EXCHANGE.noKeyYet);
  const outDir = path.resolve(opts.outDir);
  if (!fs.existsSync(outDir) || !fs.statSync(outDir).isDirectory())
    throw new AppError('VALIDATION', EXCHANGE.outDirMissing(outDir), { field: 'outDir' });
  try {
    fs.accessSync(outDir, fs.constants.W_OK);
  } catch {
    throw new AppError('VALIDATION', EXCHANGE.outDirNotWritable(outDir), { field: 'outDir' });
  }
  const progress = opts.onProgress ?? (() => undefined);
  progress({ phase: 'snapshot', done: 0, total: 0 });

  const snap = openSnapshot(db.file);
  let zip: ZipOut | null = null;
  let filePath = '';
  try {
    snap.prepare('begin').run();
    const street = streetOf(snap);
    const last = lastBatch(snap);
    let p: ExportPlan;
    let packageId: string;
    let createdAt: string;
    let identified: boolean;
    if (opts.reexport) {
      const b = opts.reexport;
      if (!last || last.seq !== b.seq) throw new AppError('CONFLICT', EXCHANGE.reexportOnlyLatest(last?.seq ?? 0));
      const laterRows = EXCHANGE_TABLES.some(
        (t) => snap.prepare(`select 1 from "${t}" where change_seq > ? limit 1`).get(b.changeTo) !== undefined,
      );
      const laterTombs = snap.prepare('select 1 from tombstone where id > ? limit 1').get(b.tombstoneTo) !== undefined;
      if (laterRows || laterTombs) throw new AppError('CONFLICT', EXCHANGE.reexportChanged(b.seq));
      p = {
        seq: b.seq,
        baseSeq: b.baseSeq,
        full: b.full,
        first: b.baseSeq === 0 && b.seq === 1,
        changeFrom: b.changeFrom,
        changeTo: b.changeTo,
        tombstoneFrom: b.tombstoneFrom,
        tombstoneTo: b.tombstoneTo,
        counts: EXCHANGE_TABLES.map((t) => ({
          table: t,
          label: EXCHANGE.tableLabels[t] ?? t,
          rows: b.counts[t]?.rows ?? 0,
          tombstones: b.counts[t]?.tombstones ?? 0,
        })),
        totalRows: b.rowCount,
        totalTombstones: b.tombstoneCount,
      };
      packageId = b.packageId;
      createdAt = b.packageCreatedAt;
      identified = b.identified;
    } else {
      p = plan(snap, opts.full);
      packageId = crypto.randomUUID();
      createdAt = new Date().toISOString();
      identified = opts.identified;
    }
    const hashId = idHasher(key.hashSecret);
    const total = p.totalRows + p.totalTombstones;
    let done = 0;
    const tables: ManifestT['tables'] = [];
    const fileName = packageFileName(street.code, p.seq, createdAt);
    filePath = path.join(outDir, fileName);
    zip = new ZipOut(`${filePath}.partial`, new Date(createdAt));
    const out = zip;
    for (const t of EXCHANGE_TABLES) {
      const where = p.full ? '' : ' and change_seq > ? and change_seq <= ?';
      const params = p.full ? [] : [p.changeFrom, p.changeTo];
      const columns = snap
        .prepare(`select * from "${t}" limit 0`)
        .columns()
        .map((c) => c.name);
      const phones = identified ? [] : (PHONE_COLUMNS[t] ?? []).filter((c) => columns.includes(c));
      const w = out.entry(dataFileName(t));
      if (t !== 'member' && phones.length === 0 && columns.length <= 60) {
        // SQLite writes the JSON lines itself (json_object, keys in column order), a batch of ids at a time joined
        // in id order: no row objects in JS at all.
        const json = `json_object(${columns.map((c) => `'${c}', "${c}"`).join(', ')})`;
        const batch = snap.prepare(
          `select group_concat(j, char(10)) as text, max(id) as last, count(*) as n
             from (select id, ${json} as j from "${t}" where id > ?${where} order by id limit ${BATCH_ROWS})`,
        );
        let after = 0;
        for (;;) {
          const r = batch.get(after, ...params) as { text: string | null; last: number | null; n: number };
          if (r.n === 0 || r.text === null || r.last === null) break;
          await w.lines(r.text, r.n);
          after = r.last;
          done += r.n;
          progress({ phase: 'rows', table: t, done, total });
          await tick();
          if (r.n < BATCH_ROWS) break;
        }
      } else {
        if (t === 'member') columns.push('id_hash');
        const iter = snap
          .prepare(`select * from "${t}" where 1${where} order by id`)
          .iterate(...params) as IterableIterator<Record<string, unknown>>;
        let n = 0;
        for (const row of iter) {
          if (t === 'member') {
            const idn = String(row.id_number);
            row.id_hash = hashId(idn);
            if (!identified) row.id_number = maskIdNumber(idn);
          }
          for (const c of phones) if (typeof row[c] === 'string') row[c] = maskPhone(row[c]);
          const wait = w.line(JSON.stringify(row));
          if (wait) await wait;
          if (++n % BATCH_ROWS === 0) {
            progress({ phase: 'rows', table: t, done: done + n, total });
            await tick();
          }
        }
        done += n;
      }
      const r = await w.close();
      tables.push({ name: t, file: dataFileName(t), columns, rows: r.rows, size: r.size, sha256: r.sha256 });
      progress({ phase: 'rows', table: t, done, total });
    }
    const tw = out.entry(TOMBSTONE_FILE);
    const tombIter = snap
      .prepare(
        'select id as tombstone_id, table_name as "table", row_id as id, change_seq, deleted_at from tombstone where id > ? and id <= ? order by id',
      )
      .iterate(p.tombstoneFrom, p.tombstoneTo) as IterableIterator<Record<string, unknown>>;
    for (const row of tombIter) {
      const wait = tw.line(JSON.stringify(row));
      if (wait) await wait;
    }
    const tomb = await tw.close();
    snap.prepare('commit').run();

    const body: Omit<ManifestT, 'content_hash'> = {
      format: PACKAGE_FORMAT,
      format_version: FORMAT_VERSION,
      package_id: packageId,
      street: {
        code: street.code,
        name: street.name,
        district_code: street.district_code,
        district_name: street.district_name,
      },
      schema_version: db.schemaVersion,
      created_at: createdAt,
      seq: p.seq,
      base_seq: p.baseSeq,
      full: p.full,
      change_range: { from: p.changeFrom, to: p.changeTo },
      tombstone_range: { from: p.tombstoneFrom, to: p.tombstoneTo },
      deidentified: !identified,
      key_id: key.keyId,
      tables,
      tombstones: { file: TOMBSTONE_FILE, rows: tomb.rows, size: tomb.size, sha256: tomb.sha256 },
    };
    const manifest: ManifestT = { ...body, content_hash: contentHash(body) };
    if (opts.reexport && manifest.content_hash !== opts.reexport.contentHash)
      throw new AppError('CONFLICT', EXCHANGE.reexportMismatch);
    const mBytes = manifestBytes(manifest);
    const sig = Buffer.from(sign(key.privateKey, mBytes).toString('base64') + '\n', 'ascii');

    progress({ phase: 'zip', done: total, total });
    out.buffer(MANIFEST_FILE, mBytes);
    out.buffer(SIGNATURE_FILE, sig);
    const { sha256, size } = await out.close();
    zip = null;
    fs.renameSync(`${filePath}.partial`, filePath);
    progress({ phase: 'done', done: total, total });
    return {
      manifest,
      plan: p,
      filePath,
      fileName,
      packageSha256: sha256,
      packageSize: size,
      lastSeqSeen: last?.seq ?? 0,
    };
  } finally {
    if (snap.inTransaction) snap.prepare('rollback').run();
    snap.close();
    if (zip) (zip as ZipOut).abort();
  }
}

/** Records a built package as a 上报批次 (one transaction with its audit rows). */
export function recordBatch(ctx: ActionCtx, built: BuiltPackage): BatchRow {
  const m = built.manifest;
  const last = lastBatch(ctx.db.sqlite);
  if ((last?.seq ?? 0) !== built.lastSeqSeen) throw new AppError('CONFLICT', EXCHANGE.concurrentExport);
  const counts: BatchRow['counts'] = {};
  for (const c of built.plan.counts) counts[c.table] = { rows: c.rows, tombstones: c.tombstones };
  const rows = m.tables.reduce((a, t) => a + t.rows, 0);
  const r = ctx.db.sqlite
    .prepare(
      `insert into export_batch (created_at, updated_at, change_seq, package_id, seq, base_seq, full, identified,
        change_from, change_to, tombstone_from, tombstone_to, package_created_at, key_id, row_count, tombstone_count,
        counts, content_hash, package_sha256, package_size, file_name, file_path)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      ctx.now,
      ctx.now,
      ctx.seq(),
      m.package_id,
      m.seq,
      m.base_seq,
      m.full ? 1 : 0,
      m.deidentified ? 0 : 1,
      m.change_range.from,
      m.change_range.to,
      m.tombstone_range.from,
      m.tombstone_range.to,
      m.created_at,
      m.key_id,
      rows,
      m.tombstones.rows,
      JSON.stringify(counts),
      m.content_hash,
      built.packageSha256,
      built.packageSize,
      built.fileName,
      built.filePath,
    );
  const id = Number(r.lastInsertRowid);
  ctx.audit({
    action: 'export',
    entity: 'export_batch',
    entityId: id,
    summary: EXCHANGE.auditExport(m.seq, m.full, rows, m.tombstones.rows),
    after: { packageId: m.package_id, seq: m.seq, baseSeq: m.base_seq, contentHash: m.content_hash },
  });
  if (!m.deidentified)
    ctx.audit({
      action: 'export_identified',
      entity: 'export_batch',
      entityId: id,
      summary: EXCHANGE.auditExportIdentified(m.seq),
      after: { packageId: m.package_id, file: built.filePath },
    });
  return getBatch(ctx.db, id);
}
