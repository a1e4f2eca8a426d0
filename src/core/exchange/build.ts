// The street side: what the next package would contain (preview), building it from one consistent snapshot, and
// recording it as a 上报批次. Building never writes to the street DB; recording is its own one-transaction action.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { SYNC_SLOTS, SYNC_STOP, type ExportEvent, type WrittenEntry } from './export-tables';
import { readKey, sign, type StreetKey } from './keys';
import {
  FORMAT_VERSION,
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  SIGNATURE_FILE,
  contentHash,
  manifestBytes,
  type ManifestT,
} from './manifest';
import { getBatch, lastBatch, streetOf, type BatchRow, type ExportPlan } from './plan';
import { exchangePool } from './pool';
import { EXCHANGE_TABLES, TOMBSTONE_FILE, dataFileName, type ExchangeTable } from './tables';
import { ZipWriter, copyRange } from './zip-writer';

export { listBatches, getBatch, previewExport, type BatchRow, type ExportPlan } from './plan';

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

export function packageFileName(streetCode: string, seq: number, createdAt: string): string {
  return `streetgrid-${streetCode}-seq${String(seq).padStart(4, '0')}-${createdAt.slice(0, 10).replace(/-/g, '')}.zip`;
}

/**
 * The tables split into `n` groups of about equal work, biggest first (estimated from the highest id × columns: a
 * guess for balance only — what goes in is read in the snapshot); the tombstones go with the last group.
 */
function groupTables(sqlite: Database.Database, n: number): ExchangeTable[][] {
  const groups = Array.from({ length: Math.max(1, n) }, () => ({ tables: [] as ExchangeTable[], work: 0 }));
  const weighted = EXCHANGE_TABLES.map((t) => {
    const rows = (sqlite.prepare(`select coalesce(max(id), 0) from "${t}"`).pluck().get() as number) + 1;
    return { t, work: rows * sqlite.prepare(`select * from "${t}" limit 0`).columns().length };
  }).sort((a, b) => b.work - a.work);
  for (const w of weighted) {
    const g = groups.reduce((a, b) => (b.work < a.work ? b : a));
    g.tables.push(w.t);
    g.work += w.work;
  }
  return groups.filter((g) => g.tables.length > 0).map((g) => g.tables);
}

/**
 * Builds a signed package and writes it to outDir. Writes nothing to the street DB. The data files are written by
 * the exchange workers (pool.ts) in groups of tables, every group in its own read transaction on one shared snapshot
 * (export-tables.ts); this thread then puts them into the zip with the signed manifest.
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
  streetOf(db.sqlite);
  const progress = opts.onProgress ?? (() => undefined);
  progress({ phase: 'snapshot', done: 0, total: 0 });

  const pool = exchangePool();
  const groups = groupTables(db.sqlite, pool.inline ? 1 : pool.size);
  const tag = crypto.randomBytes(6).toString('hex');
  const scratch = groups.map((_, i) => path.join(outDir, `.streetgrid-export-${tag}-${i}.partial`));
  const state = groups.length > 1 ? new SharedArrayBuffer(SYNC_SLOTS * 4) : null;
  let zip: ZipWriter | null = null;
  try {
    let planned: Extract<ExportEvent, { type: 'plan' }> | null = null;
    let done = 0;
    let total = 0;
    // A group that fails (or whose worker dies) stops the others at once.
    const stopAll = () => {
      if (!state) return;
      const st = new Int32Array(state);
      Atomics.store(st, SYNC_STOP, 1);
      for (let i = 0; i < SYNC_SLOTS; i++) Atomics.notify(st, i);
    };
    const settled = await Promise.allSettled(
      pool
        .runGroup(
          groups.map((tables, i) => ({
            task: 'exportTables' as const,
            input: {
              db: db.file,
              tables,
              tombstones: i === groups.length - 1,
              want: opts.reexport ? { reexport: opts.reexport } : { full: opts.full },
              identified: opts.reexport ? opts.reexport.identified : opts.identified,
              hashSecret: key.hashSecret,
              out: scratch[i]!,
              sync: state ? { state, groups: groups.length, index: i } : null,
            },
            onEvent: (ev: ExportEvent) => {
              if (ev.type === 'plan') {
                planned = ev;
                total = ev.plan.totalRows + ev.plan.totalTombstones;
              } else {
                done += ev.n;
                progress({ phase: 'rows', table: ev.table, done, total });
              }
            },
          })),
        )
        .map((run) =>
          run.catch((e: unknown) => {
            stopAll();
            throw e;
          }),
        ),
    );
    // The first group's failure is the cause; the others were told to stop.
    const failed =
      settled.find((r) => r.status === 'rejected' && !isStopped(r.reason)) ??
      settled.find((r) => r.status === 'rejected');
    if (failed?.status === 'rejected') throw failed.reason;
    const head = planned as Extract<ExportEvent, { type: 'plan' }> | null;
    if (!head) throw new AppError('INTERNAL', EXCHANGE.workerFailed);
    const p = head.plan;
    const street = head.street;
    const identified = opts.reexport ? opts.reexport.identified : opts.identified;
    const packageId = opts.reexport ? opts.reexport.packageId : crypto.randomUUID();
    const createdAt = opts.reexport ? opts.reexport.packageCreatedAt : new Date().toISOString();

    const where = new Map<string, { entry: WrittenEntry; file: string }>();
    settled.forEach((r, i) => {
      if (r.status === 'fulfilled') for (const e of r.value) where.set(e.name, { entry: e, file: scratch[i]! });
    });
    const tables: ManifestT['tables'] = EXCHANGE_TABLES.map((t) => {
      const e = where.get(dataFileName(t))!.entry;
      return { name: t, file: e.name, columns: e.columns, rows: e.rows, size: e.size, sha256: e.sha256 };
    });
    const tomb = where.get(TOMBSTONE_FILE)!.entry;

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
    const fileName = packageFileName(street.code, p.seq, createdAt);
    const filePath = path.join(outDir, fileName);
    zip = new ZipWriter(`${filePath}.partial`, new Date(createdAt));
    const out = zip;
    const fds = new Map(scratch.map((f) => [f, fs.openSync(f, 'r')]));
    try {
      for (const name of [...tables.map((t) => t.file), TOMBSTONE_FILE]) {
        const { entry: e, file } = where.get(name)!;
        out.entry({ name, method: 8, crc32: e.crc32, size: e.size, compressedSize: e.compressedSize }, (w) =>
          copyRange(fds.get(file)!, e.offset, e.compressedSize, w),
        );
      }
    } finally {
      for (const fd of fds.values()) fs.closeSync(fd);
    }
    out.stored(MANIFEST_FILE, mBytes);
    out.stored(SIGNATURE_FILE, sig);
    const { sha256, size } = out.finish();
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
      lastSeqSeen: head.lastSeq,
    };
  } finally {
    if (zip) (zip as ZipWriter).abort();
    for (const f of scratch) fs.rmSync(f, { force: true });
  }
}

function isStopped(e: unknown): boolean {
  return e instanceof AppError && e.message === EXCHANGE.exportStopped;
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
