// The state of the street's exports as one snapshot sees it: the 上报批次 recorded so far, the street, and what the
// next package contains (its plan). Read by the preview (app connection) and by the export's groups (each in its
// own read transaction, all on the same snapshot — export-tables.ts).
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { EXCHANGE_TABLES, type ExchangeTable } from './tables';

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

export function lastBatch(sqlite: Database.Database): BatchRow | null {
  const r = sqlite.prepare(`select ${BATCH_COLUMNS} from export_batch order by seq desc limit 1`).get() as
    Record<string, unknown> | undefined;
  return r ? toBatch(r) : null;
}

export interface StreetRowLite {
  code: string;
  name: string;
  district_code: string;
  district_name: string;
}

export function streetOf(sqlite: Database.Database): StreetRowLite {
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

export function plan(sqlite: Database.Database, wantFull: boolean): ExportPlan {
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

/** The plan of re-exporting `b` (the latest batch) exactly; refused when it is not the latest or rows changed since. */
export function reexportPlan(sqlite: Database.Database, b: BatchRow): ExportPlan {
  const last = lastBatch(sqlite);
  if (!last || last.seq !== b.seq) throw new AppError('CONFLICT', EXCHANGE.reexportOnlyLatest(last?.seq ?? 0));
  const laterRows = EXCHANGE_TABLES.some(
    (t) => sqlite.prepare(`select 1 from "${t}" where change_seq > ? limit 1`).get(b.changeTo) !== undefined,
  );
  const laterTombs = sqlite.prepare('select 1 from tombstone where id > ? limit 1').get(b.tombstoneTo) !== undefined;
  if (laterRows || laterTombs) throw new AppError('CONFLICT', EXCHANGE.reexportChanged(b.seq));
  return {
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
}
