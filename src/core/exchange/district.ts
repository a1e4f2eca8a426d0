// The district side (区级汇总): a store (SQLite file here, PostgreSQL in district-pg.ts) with the same schema, key
// registration, and the merge — every package fully verified (signature, files, lines, sequence) before anything is
// written, then all of them applied in one transaction. A refused merge leaves the district DB byte-identical.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { nativeOptions, openRaw, readHeader, SQLITE_HEADER } from '../db/sqlite-file';
import { DISTRICT_APPLICATION_ID, DISTRICT_SCHEMA_VERSION, districtDdl, districtTable } from './district-schema';
import { fingerprint, normalizeFingerprint, parsePublicKeyFile, type PublicKeyFileT } from './keys';
import type { ManifestT } from './manifest';
import { EXCHANGE_TABLES, type ExchangeTable } from './tables';
import { readPackage, type VerifiedPackage } from './verify';

export interface StreetReg {
  streetCode: string;
  streetName: string;
  districtCode: string;
  districtName: string;
  keyId: string;
  publicKey: string;
  registeredAt: string;
  lastSeq: number;
  lastPackageId: string | null;
  lastAppliedAt: string | null;
}

export interface StreetSummary {
  streetCode: string;
  streetName: string;
  keyId: string;
  fingerprint: string;
  lastSeq: number;
  lastAppliedAt: string | null;
  totals: Record<SummaryKey, number>;
}

export const SUMMARY_KEYS = [
  'communities',
  'grids',
  'units',
  'members',
  'activities',
  'participations',
  'meetings',
  'decisions',
] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

export interface AppliedPackageRow {
  packageId: string;
  streetCode: string;
  seq: number;
  baseSeq: number;
  full: boolean;
  deidentified: boolean;
  createdAt: string;
  appliedAt: string;
  rowCount: number;
  tombstoneCount: number;
  fileName: string;
}

/** What the merge needs from a district database; the SQLite and PostgreSQL stores implement it. */
export interface DistrictStore {
  readonly label: string;
  districtCode(): Promise<string | null>;
  registry(): Promise<StreetReg[]>;
  appliedIds(): Promise<Set<string>>;
  register(reg: PublicKeyFileT, replace: boolean, now: string): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  applyPackage(pkg: VerifiedPackage, now: string): Promise<void>;
  summary(): Promise<StreetSummary[]>;
  packages(): Promise<AppliedPackageRow[]>;
  close(): Promise<void>;
}

function regFromRow(r: Record<string, unknown>): StreetReg {
  return {
    streetCode: String(r.street_code),
    streetName: String(r.street_name),
    districtCode: String(r.district_code),
    districtName: String(r.district_name),
    keyId: String(r.key_id),
    publicKey: String(r.public_key),
    registeredAt: String(r.registered_at),
    lastSeq: Number(r.last_seq),
    lastPackageId: r.last_package_id == null ? null : String(r.last_package_id),
    lastAppliedAt: r.last_applied_at == null ? null : String(r.last_applied_at),
  };
}

export function packageRowFrom(r: Record<string, unknown>): AppliedPackageRow {
  return {
    packageId: String(r.package_id),
    streetCode: String(r.street_code),
    seq: Number(r.seq),
    baseSeq: Number(r.base_seq),
    full: Number(r.full_export) === 1,
    deidentified: Number(r.deidentified) === 1,
    createdAt: String(r.created_at),
    appliedAt: String(r.applied_at),
    rowCount: Number(r.row_count),
    tombstoneCount: Number(r.tombstone_count),
    fileName: String(r.file_name),
  };
}

/** The per-street totals of the merged dashboard, as SQL (jsonStatus: the dialect's JSON access to data.status). */
export function summarySql(jsonStatus: string): string {
  const live = (t: ExchangeTable, extra = '') =>
    `(select count(*) from ${districtTable(t)} x where x.street_code = r.street_code and x.deleted_at is null${extra})`;
  return `select r.street_code, r.street_name, r.key_id, r.last_seq, r.last_applied_at,
    ${live('community')} as communities,
    ${live('grid')} as grids,
    ${live('unit')} as units,
    ${live('member', ` and ${jsonStatus} = 'active'`)} as members,
    ${live('activity')} as activities,
    (select count(*) from ${districtTable('activity_participant')} x where x.street_code = r.street_code) as participations,
    ${live('meeting')} as meetings,
    (select count(*) from ${districtTable('decision')} x where x.street_code = r.street_code) as decisions
    from street_registry r order by r.street_code`;
}

export function summaryFrom(r: Record<string, unknown>): StreetSummary {
  const totals = {} as Record<SummaryKey, number>;
  for (const k of SUMMARY_KEYS) totals[k] = Number(r[k]);
  return {
    streetCode: String(r.street_code),
    streetName: String(r.street_name),
    keyId: String(r.key_id),
    fingerprint: fingerprint(String(r.key_id)),
    lastSeq: Number(r.last_seq),
    lastAppliedAt: r.last_applied_at == null ? null : String(r.last_applied_at),
    totals,
  };
}

// ---------------------------------------------------------------------------------------------------- SQLite store

const YIELD_ROWS = 20_000;
const ROWS_PER_INSERT = 64;
/** How much package data (uncompressed) a merge reads ahead of what it is writing. */
const READ_AHEAD_BYTES = 256 * 1024 * 1024;
const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Opens a district SQLite file. An existing file is inspected read-only first and refused untouched unless it is a
 * district DB; a missing file is created only when `create` is set.
 */
export function openDistrictSqlite(file: string, opts: { create: boolean }): SqliteDistrictStore {
  const abs = path.resolve(file);
  const exists = fs.existsSync(abs) && fs.statSync(abs).size > 0;
  if (!exists && !opts.create) throw new AppError('NOT_FOUND', EXCHANGE.districtMissing(abs));
  if (exists) {
    if (readHeader(abs) !== SQLITE_HEADER) throw new AppError('DB_REFUSED', EXCHANGE.districtNotDistrictDb(abs));
    const probe = openRaw(abs, true);
    try {
      const appId = probe.pragma('application_id', { simple: true }) as number;
      if (appId !== DISTRICT_APPLICATION_ID) throw new AppError('DB_REFUSED', EXCHANGE.districtNotDistrictDb(abs));
      const v = probe.pragma('user_version', { simple: true }) as number;
      if (v > DISTRICT_SCHEMA_VERSION) throw new AppError('DB_REFUSED', EXCHANGE.districtNewer(abs));
    } finally {
      probe.close();
    }
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const db = new Database(abs, nativeOptions());
  // Rows are JSON lines of a few hundred bytes: 16 KiB pages hold them with far less B-tree work than the default 4 KiB
  // (a merge of 20 streets writes ~7M rows). Only a new file can take it; an existing one keeps its page size.
  if (!exists) db.pragma('page_size = 16384');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  // A merge writes hundreds of megabytes in one transaction: a larger page cache keeps it from spilling early.
  db.pragma('cache_size = -131072');
  if (!exists) {
    db.transaction(() => {
      for (const s of districtDdl()) db.prepare(s).run();
      db.prepare("insert into district_meta (key, value) values ('format', 'streetgrid-district')").run();
      db.prepare('insert into district_meta (key, value) values (?, ?)').run('created_at', new Date().toISOString());
    })();
    db.pragma(`application_id = ${DISTRICT_APPLICATION_ID}`);
    db.pragma(`user_version = ${DISTRICT_SCHEMA_VERSION}`);
  }
  return new SqliteDistrictStore(db, abs);
}

export class SqliteDistrictStore implements DistrictStore {
  constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {}
  get label(): string {
    return this.file;
  }
  districtCode(): Promise<string | null> {
    const v = this.db.prepare("select value from district_meta where key = 'district_code'").pluck().get();
    return Promise.resolve(v == null ? null : String(v));
  }
  registry(): Promise<StreetReg[]> {
    const rows = this.db.prepare('select * from street_registry order by street_code').all() as Record<
      string,
      unknown
    >[];
    return Promise.resolve(rows.map(regFromRow));
  }
  appliedIds(): Promise<Set<string>> {
    return Promise.resolve(
      new Set(this.db.prepare('select package_id from applied_package').pluck().all() as string[]),
    );
  }
  register(reg: PublicKeyFileT, replace: boolean, now: string): Promise<void> {
    this.db.transaction(() => registerRows(this.db, reg, replace, now))();
    return Promise.resolve();
  }
  begin(): Promise<void> {
    this.db.prepare('begin immediate').run();
    return Promise.resolve();
  }
  commit(): Promise<void> {
    this.db.prepare('commit').run();
    return Promise.resolve();
  }
  rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.prepare('rollback').run();
    return Promise.resolve();
  }
  async applyPackage(pkg: VerifiedPackage, now: string): Promise<void> {
    const m = pkg.manifest;
    const code = m.street.code;
    for (const t of EXCHANGE_TABLES) {
      const rows = pkg.rows.get(t);
      if (!rows || rows.ids.length === 0) continue;
      // Each verified line goes in as its own bytes (bound as a blob, stored as text): no JSON parsed here, the key
      // fields come from the verification. Many rows per statement: one call from JS per 64 rows.
      const sql = (n: number) =>
        `insert into ${districtTable(t)} (street_code, id, change_seq, deleted_at, package_seq, data)
         values ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, cast(? as text))').join(', ')}
         on conflict (street_code, id) do update set change_seq = excluded.change_seq, deleted_at = excluded.deleted_at,
           package_seq = excluded.package_seq, data = excluded.data`;
      const many = this.db.prepare(sql(ROWS_PER_INSERT));
      const one = this.db.prepare(sql(1));
      const data = Buffer.from(rows.data.buffer, rows.data.byteOffset, rows.data.byteLength);
      const deleted = new Map(rows.delIdx.map((i, k) => [i, rows.delVal[k]!]));
      const n = rows.ids.length;
      const args: unknown[] = new Array<unknown>(6 * ROWS_PER_INSERT);
      let start = 0;
      const put = (k: number, i: number) => {
        const end = rows.ends[i]!;
        args[6 * k] = code;
        args[6 * k + 1] = rows.ids[i];
        args[6 * k + 2] = rows.seqs[i];
        args[6 * k + 3] = deleted.get(i) ?? null;
        args[6 * k + 4] = m.seq;
        args[6 * k + 5] = data.subarray(start, end);
        start = end + 1;
      };
      let i = 0;
      for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
        for (let k = 0; k < ROWS_PER_INSERT; k++) put(k, i + k);
        many.run(args);
        // Let the event loop hand the workers their next files (they are checking the next packages meanwhile).
        if (i % YIELD_ROWS < ROWS_PER_INSERT) await yieldTurn();
      }
      for (; i < n; i++) {
        put(0, i);
        one.run(args.slice(0, 6));
      }
    }
    const dels = new Map<ExchangeTable, Database.Statement>();
    for (const tb of pkg.tombstones) {
      let st = dels.get(tb.table);
      if (!st) {
        st = this.db.prepare(`delete from ${districtTable(tb.table)} where street_code = ? and id = ?`);
        dels.set(tb.table, st);
      }
      st.run(code, tb.id);
    }
    const a = appliedRow(pkg, now);
    this.db
      .prepare(
        `insert into applied_package (package_id, street_code, seq, base_seq, full_export, deidentified, created_at,
          applied_at, change_from, change_to, row_count, tombstone_count, content_hash, package_sha256, file_name)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...a);
    this.db
      .prepare(
        `update street_registry set last_seq = ?, last_change = ?, last_tombstone = ?, last_package_id = ?,
          last_applied_at = ? where street_code = ?`,
      )
      .run(m.seq, m.change_range.to, m.tombstone_range.to, m.package_id, now, code);
  }
  summary(): Promise<StreetSummary[]> {
    const rows = this.db.prepare(summarySql("json_extract(x.data, '$.status')")).all() as Record<string, unknown>[];
    return Promise.resolve(rows.map(summaryFrom));
  }
  packages(): Promise<AppliedPackageRow[]> {
    const rows = this.db.prepare('select * from applied_package order by applied_at desc, street_code, seq desc').all();
    return Promise.resolve((rows as Record<string, unknown>[]).map(packageRowFrom));
  }
  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

export function appliedRow(pkg: VerifiedPackage, now: string): (string | number)[] {
  const m = pkg.manifest;
  return [
    m.package_id,
    m.street.code,
    m.seq,
    m.base_seq,
    m.full ? 1 : 0,
    m.deidentified ? 1 : 0,
    m.created_at,
    now,
    m.change_range.from,
    m.change_range.to,
    m.tables.reduce((a, t) => a + t.rows, 0),
    m.tombstones.rows,
    m.content_hash,
    pkg.sha256,
    path.basename(pkg.file),
  ];
}

function registerRows(db: Database.Database, reg: PublicKeyFileT, replace: boolean, now: string): void {
  const existing = db.prepare('select key_id from street_registry where street_code = ?').pluck().get(reg.street_code);
  if (existing === undefined) {
    db.prepare(
      `insert into street_registry (street_code, street_name, district_code, district_name, key_id, public_key,
        registered_at) values (?, ?, ?, ?, ?, ?, ?)`,
    ).run(reg.street_code, reg.street_name, reg.district_code, reg.district_name, reg.key_id, reg.public_key, now);
  } else if (existing !== reg.key_id && replace) {
    for (const t of EXCHANGE_TABLES)
      db.prepare(`delete from ${districtTable(t)} where street_code = ?`).run(reg.street_code);
    db.prepare(
      `update street_registry set street_name = ?, key_id = ?, public_key = ?, registered_at = ?, last_seq = 0,
        last_change = 0, last_tombstone = 0, last_package_id = null, last_applied_at = null where street_code = ?`,
    ).run(reg.street_name, reg.key_id, reg.public_key, now, reg.street_code);
  }
  db.prepare("insert into district_meta (key, value) values ('district_code', ?) on conflict (key) do nothing").run(
    reg.district_code,
  );
}

// ---------------------------------------------------------------------------------------------------- operations

export interface RegisterResult {
  streetCode: string;
  streetName: string;
  keyId: string;
  fingerprint: string;
  status: 'registered' | 'unchanged' | 'replaced';
}

/** Registers a street's public key file (optionally checking the fingerprint read over the phone). */
export async function registerKey(
  store: DistrictStore,
  pubkeyText: string,
  opts: { fingerprint?: string; replace?: boolean } = {},
): Promise<RegisterResult> {
  const reg = parsePublicKeyFile(pubkeyText);
  const fp = fingerprint(reg.key_id);
  if (opts.fingerprint && normalizeFingerprint(opts.fingerprint) !== reg.key_id)
    throw new AppError('VALIDATION', EXCHANGE.pubkeyFingerprintMismatch(opts.fingerprint, fp), {
      field: 'fingerprint',
    });
  const district = await store.districtCode();
  if (district && district !== reg.district_code)
    throw new AppError(
      'VALIDATION',
      EXCHANGE.districtOtherDistrict(`${reg.street_name}（${reg.street_code}）`, district),
    );
  const existing = (await store.registry()).find((r) => r.streetCode === reg.street_code);
  if (existing && existing.keyId !== reg.key_id && !opts.replace)
    throw new AppError('CONFLICT', EXCHANGE.pubkeyAlreadyRegistered(reg.street_code, fingerprint(existing.keyId)));
  const status = !existing ? 'registered' : existing.keyId === reg.key_id ? 'unchanged' : 'replaced';
  if (status !== 'unchanged' || !district) await store.register(reg, !!opts.replace, new Date().toISOString());
  return { streetCode: reg.street_code, streetName: reg.street_name, keyId: reg.key_id, fingerprint: fp, status };
}

export interface MergeOutcome {
  file: string;
  packageId: string;
  streetCode: string;
  streetName: string;
  seq: number;
  baseSeq: number;
  full: boolean;
  status: 'applied' | 'replayed';
  rows: number;
  tombstones: number;
  message: string;
}

export interface MergeOptions {
  /**
   * Called once every package's manifest, signature and sequence passed, before the first write (the pre-merge backup
   * goes here); the data files are checked after it, inside the merge's transaction.
   */
  beforeWrite?: () => Promise<void>;
  onProgress?: (done: number, total: number, file: string) => void;
}

function refusedError(file: string, e: unknown): AppError {
  const reason = e instanceof AppError ? e.message : String(e);
  const err = new AppError('VALIDATION', EXCHANGE.refused(path.basename(file)) + reason);
  return e instanceof AppError ? err : err.withCause(e);
}

/**
 * Verifies every package (nothing written), checks each street's sequence, then applies all of them in one
 * transaction. Any refusal: an AppError naming each refused package and its reason; the store is untouched.
 */
export async function mergePackages(
  store: DistrictStore,
  files: string[],
  opts: MergeOptions = {},
): Promise<MergeOutcome[]> {
  const registry = new Map((await store.registry()).map((r) => [r.streetCode, r]));
  const applied = await store.appliedIds();
  const resolveKey = (m: ManifestT) => {
    const reg = registry.get(m.street.code);
    if (!reg) throw new AppError('VALIDATION', EXCHANGE.streetNotRegistered(m.street.code, m.street.name));
    return { publicKey: reg.publicKey, keyId: reg.keyId };
  };
  // Pass 1: every package's manifest, signature and list of files (the data files are read in pass 2).
  const problems: string[] = [];
  const checked: { file: string; manifest: ManifestT; sha256: string; replay: boolean }[] = [];
  const seenIds = new Set<string>();
  for (const file of files) {
    try {
      const pkg = await readPackage(file, {
        resolveKey,
        headOnly: true,
        afterSignature: (m) => (applied.has(m.package_id) ? 'stop' : 'continue'),
      });
      const m = pkg.manifest;
      if (seenIds.has(m.package_id)) throw new AppError('VALIDATION', EXCHANGE.duplicateInBatch(path.basename(file)));
      seenIds.add(m.package_id);
      checked.push({ file, manifest: m, sha256: pkg.sha256, replay: applied.has(m.package_id) });
    } catch (e) {
      problems.push(refusedError(file, e).message);
    }
  }
  // Sequence: per street in seq order, each package strictly after the last applied and based on it.
  const order = [...checked].sort((a, b) =>
    a.manifest.street.code === b.manifest.street.code
      ? a.manifest.seq - b.manifest.seq
      : a.manifest.street.code < b.manifest.street.code
        ? -1
        : 1,
  );
  const last = new Map([...registry.values()].map((r) => [r.streetCode, r.lastSeq]));
  for (const c of order) {
    if (c.replay) continue;
    const m = c.manifest;
    const l = last.get(m.street.code) ?? 0;
    try {
      if (m.seq <= l) throw new AppError('VALIDATION', EXCHANGE.seqNotAfter(m.seq, l));
      if (!m.full && m.base_seq < l) throw new AppError('VALIDATION', EXCHANGE.seqOverlap(m.base_seq, l));
      if (!m.full && m.base_seq > l) {
        const gap = m.base_seq - l;
        const missing =
          Array.from({ length: Math.min(gap, 20) }, (_, i) => l + 1 + i).join('、') + (gap > 20 ? '…' : '');
        throw new AppError('VALIDATION', EXCHANGE.seqGap(missing, m.base_seq, l));
      }
      last.set(m.street.code, m.seq);
    } catch (e) {
      problems.push(refusedError(c.file, e).message);
    }
  }
  if (problems.length > 0) throw new AppError('VALIDATION', [...problems, EXCHANGE.mergeNothingWritten].join('\n'));

  const outcomes: MergeOutcome[] = order.map((c) => {
    const m = c.manifest;
    const rows = m.tables.reduce((a, t) => a + t.rows, 0);
    return {
      file: c.file,
      packageId: m.package_id,
      streetCode: m.street.code,
      streetName: m.street.name,
      seq: m.seq,
      baseSeq: m.base_seq,
      full: m.full,
      status: c.replay ? 'replayed' : 'applied',
      rows: c.replay ? 0 : rows,
      tombstones: c.replay ? 0 : m.tombstones.rows,
      message: c.replay
        ? EXCHANGE.replayed(path.basename(c.file), m.seq, m.street.name)
        : EXCHANGE.cli.mergedOne(path.basename(c.file), m.street.name, m.seq, rows, m.tombstones.rows),
    };
  });
  const toApply = order.filter((c) => !c.replay);
  if (toApply.length === 0) return outcomes;

  await opts.beforeWrite?.();
  // Pass 2, in one transaction: each package is read again in full — every data file checked line by line on the
  // workers (the file must be the one pass 1 read) — and only then applied; the next package is being checked while
  // this one is written. A refused package: the others are still checked (to name every refusal), nothing is
  // committed.
  const now = new Date().toISOString();
  const reads: (Promise<VerifiedPackage | AppError> | undefined)[] = [];
  const start = (i: number) => {
    const c = toApply[i]!;
    reads[i] = readPackage(c.file, { resolveKey, keepRows: true, expectSha256: c.sha256 }).then(
      (pkg) =>
        pkg.manifest.package_id === c.manifest.package_id
          ? pkg
          : refusedError(c.file, new AppError('VALIDATION', EXCHANGE.changedSinceVerified)),
      (e: unknown) => refusedError(c.file, e),
    );
  };
  const sizeOf = (cs: typeof toApply) => cs.reduce((a, c) => a + c.manifest.tables.reduce((b, t) => b + t.size, 0), 0);
  const refused: string[] = [];
  await store.begin();
  try {
    let next = 0;
    for (let i = 0; i < toApply.length; i++) {
      // Read ahead while this one is written: always the next package, more while the data being read or waiting
      // (from this one on) stays under READ_AHEAD_BYTES.
      next = Math.max(next, i);
      while (next < toApply.length && (next <= i + 1 || sizeOf(toApply.slice(i, next + 1)) <= READ_AHEAD_BYTES))
        start(next++);
      const r = await reads[i]!;
      reads[i] = undefined;
      if (r instanceof AppError) refused.push(r.message);
      else if (refused.length === 0) {
        await store.applyPackage(r, now);
        opts.onProgress?.(i + 1, toApply.length, toApply[i]!.file);
      }
    }
    if (refused.length > 0) throw new AppError('VALIDATION', [...refused, EXCHANGE.mergeNothingWritten].join('\n'));
    await store.commit();
  } catch (e) {
    await Promise.allSettled(reads.filter((r) => r !== undefined));
    await store.rollback();
    throw e;
  }
  return outcomes;
}
