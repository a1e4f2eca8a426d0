// `streetgrid package export|verify|pubkey|history|reexport` (the street side) and
// `streetgrid district register|merge|status` (the district side, SQLite file or PostgreSQL).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type StreetGridDb } from '../core/db/connection';
import {
  SUMMARY_KEYS,
  exportPackage,
  fingerprintOf,
  listBatches,
  mergePackages,
  openDistrictSqlite,
  publicKeyOf,
  reexportBatch,
  registerKey,
  verifyPackageFile,
  type DistrictStore,
} from '../core/exchange';
import { backupBefore } from '../core/backup';
import { SqliteDistrictStore } from '../core/exchange/district';
import { getSettings } from '../core/services/settings';
import { AppError } from '../shared/errors';
import { CLI, EXCHANGE } from '../shared/messages';

function out(s: string): void {
  process.stdout.write(s + '\n');
}

function openStreet(file: string | undefined, usageError: (m: string) => Error): StreetGridDb {
  if (!file) throw usageError(CLI.missingOption('db'));
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(file)));
  return openDatabase({ file });
}

function label(t: string): string {
  return EXCHANGE.tableLabels[t] ?? t;
}

async function packageExport(args: string[], usageError: (m: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      out: { type: 'string' },
      full: { type: 'boolean' },
      identified: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.out) throw usageError(CLI.missingOption('out'));
  const db = openStreet(values.db, usageError);
  try {
    const { batch, built } = await exportPackage(db, getSettings(db).operatorName, {
      full: !!values.full,
      identified: !!values.identified,
      outDir: values.out,
    });
    if (values.json) {
      out(JSON.stringify({ ...batch, manifest: built.manifest }, null, 2));
      return 0;
    }
    if (built.plan.first && !values.full) out(EXCHANGE.firstExportFull);
    out(EXCHANGE.cli.exportDone(batch.filePath));
    out(EXCHANGE.cli.exportLine(batch.seq, batch.baseSeq, batch.full, !batch.identified));
    out(EXCHANGE.cli.rangeLine(batch.changeFrom, batch.changeTo));
    for (const t of built.manifest.tables) {
      const c = batch.counts[t.name];
      if (c && (c.rows > 0 || c.tombstones > 0)) out(EXCHANGE.cli.countsLine(label(t.name), c.rows, c.tombstones));
    }
    out(EXCHANGE.cli.hashLine(batch.contentHash));
    out(EXCHANGE.cli.packageHashLine(batch.packageSha256));
    if (batch.identified) out(EXCHANGE.cli.identifiedWarning);
    return 0;
  } finally {
    db.close();
  }
}

async function packageVerify(args: string[], usageError: (m: string) => Error): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { pubkey: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw usageError(EXCHANGE.cli.verifyUsage);
  let pub: string | undefined;
  if (values.pubkey) {
    if (!fs.existsSync(values.pubkey)) throw new AppError('NOT_FOUND', EXCHANGE.packageFileMissing(values.pubkey));
    pub = fs.readFileSync(values.pubkey, 'utf8');
  }
  let pkg;
  try {
    pkg = await verifyPackageFile(file, pub);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, EXCHANGE.refused(path.basename(file)) + e.message);
    throw e;
  }
  const m = pkg.manifest;
  if (values.json) {
    out(JSON.stringify({ ok: true, signatureChecked: pkg.signatureChecked, sha256: pkg.sha256, manifest: m }, null, 2));
    return 0;
  }
  out(EXCHANGE.cli.manifestHead(`${m.street.district_name}${m.street.name}`, m.street.code));
  out(EXCHANGE.cli.packageIdLine(m.package_id));
  out(EXCHANGE.cli.createdLine(m.created_at));
  out(EXCHANGE.cli.formatLine(m.format_version, m.schema_version));
  out(EXCHANGE.cli.exportLine(m.seq, m.base_seq, m.full, m.deidentified));
  out(EXCHANGE.cli.rangeLine(m.change_range.from, m.change_range.to));
  const tombs = new Map<string, number>();
  for (const t of m.tables) if (t.rows > 0) out(EXCHANGE.cli.countsLine(label(t.name), t.rows, 0));
  if (m.tombstones.rows > 0) out(EXCHANGE.cli.tombstonesLine(m.tombstones.rows));
  void tombs;
  out(EXCHANGE.cli.hashLine(m.content_hash));
  out(EXCHANGE.cli.packageHashLine(pkg.sha256));
  out(pkg.signatureChecked ? EXCHANGE.cli.verifySigOk(fingerprintOf(m.key_id)) : EXCHANGE.cli.verifyNoKey);
  out(EXCHANGE.cli.verifyOk);
  return 0;
}

function packagePubkey(args: string[], usageError: (m: string) => Error): number {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' } }, strict: true });
  if (!values.out) throw usageError(CLI.missingOption('out'));
  const db = openStreet(values.db, usageError);
  try {
    const f = publicKeyOf(db, getSettings(db).operatorName);
    let target = path.resolve(values.out);
    if (fs.existsSync(target) && fs.statSync(target).isDirectory())
      target = path.join(target, pubkeyFileName(f.street_code));
    fs.writeFileSync(target, JSON.stringify(f, null, 2) + '\n');
    out(EXCHANGE.cli.pubkeyWritten(target));
    out(EXCHANGE.cli.fingerprint(f.fingerprint));
    return 0;
  } finally {
    db.close();
  }
}

export const pubkeyFileName = (streetCode: string): string => `streetgrid-${streetCode}.pub.json`;

function packageHistory(args: string[], usageError: (m: string) => Error): number {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const db = openStreet(values.db, usageError);
  try {
    const list = listBatches(db);
    if (values.json) out(JSON.stringify(list, null, 2));
    else if (list.length === 0) out(EXCHANGE.cli.noBatches);
    else
      for (const b of list)
        out(
          EXCHANGE.cli.batchLine(
            b.id,
            b.seq,
            b.baseSeq,
            b.full,
            !b.identified,
            b.changeFrom,
            b.changeTo,
            b.rowCount,
            b.tombstoneCount,
            b.contentHash.slice(0, 16),
            b.createdAt,
          ),
        );
    return 0;
  } finally {
    db.close();
  }
}

async function packageReexport(args: string[], usageError: (m: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, batch: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.out) throw usageError(CLI.missingOption('out'));
  if (!values.batch || !/^\d+$/.test(values.batch)) throw usageError(CLI.missingOption('batch'));
  const db = openStreet(values.db, usageError);
  try {
    const r = await reexportBatch(db, getSettings(db).operatorName, Number(values.batch), values.out);
    out(EXCHANGE.cli.exportDone(r.filePath));
    out(EXCHANGE.cli.hashLine(r.batch.contentHash));
    out(EXCHANGE.cli.packageHashLine(r.packageSha256));
    return 0;
  } finally {
    db.close();
  }
}

export async function cmdPackage(args: string[], usageError: (m: string) => Error): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'export':
      return packageExport(rest, usageError);
    case 'verify':
      return packageVerify(rest, usageError);
    case 'pubkey':
      return packagePubkey(rest, usageError);
    case 'history':
      return packageHistory(rest, usageError);
    case 'reexport':
      return packageReexport(rest, usageError);
    default:
      throw usageError(EXCHANGE.cli.what(String(sub ?? '')));
  }
}

async function openStore(
  values: { db?: string; pg?: string },
  create: boolean,
  usageError: (m: string) => Error,
): Promise<DistrictStore> {
  if (values.db && values.pg) throw usageError(EXCHANGE.cli.dbOrPg);
  if (values.pg) {
    const { openDistrictPg } = await import('../core/exchange/district-pg');
    return openDistrictPg(values.pg, { create });
  }
  if (!values.db) throw usageError(EXCHANGE.cli.dbOrPg);
  return openDistrictSqlite(values.db, { create });
}

async function districtRegister(args: string[], usageError: (m: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      pg: { type: 'string' },
      pubkey: { type: 'string' },
      fingerprint: { type: 'string' },
      replace: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.pubkey) throw usageError(CLI.missingOption('pubkey'));
  if (!fs.existsSync(values.pubkey)) throw new AppError('NOT_FOUND', EXCHANGE.packageFileMissing(values.pubkey));
  const text = fs.readFileSync(values.pubkey, 'utf8');
  const store = await openStore(values, true, usageError);
  try {
    const r = await registerKey(store, text, {
      ...(values.fingerprint ? { fingerprint: values.fingerprint } : {}),
      replace: !!values.replace,
    });
    out(
      r.status === 'unchanged'
        ? EXCHANGE.cli.alreadyRegistered(r.streetName, r.streetCode, r.fingerprint)
        : EXCHANGE.cli.registered(r.streetName, r.streetCode, r.fingerprint),
    );
    return 0;
  } finally {
    await store.close();
  }
}

async function districtMerge(args: string[], usageError: (m: string) => Error): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, pg: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw usageError(EXCHANGE.cli.mergeUsage);
  const store = await openStore(values, false, usageError);
  try {
    const outcomes = await mergePackages(store, positionals, {
      // A SQLite district file is backed up (backups/<file name>/) after verification, before the write; PostgreSQL
      // is backed up by its own tools (pg_dump), not by StreetGrid.
      beforeWrite: async () => {
        if (store instanceof SqliteDistrictStore) await backupBefore(store.db, 'merge');
      },
    });
    for (const o of outcomes) out(o.message);
    out(EXCHANGE.cli.mergedTotal(outcomes.filter((o) => o.status === 'applied').length));
    return 0;
  } finally {
    await store.close();
  }
}

async function districtStatus(args: string[], usageError: (m: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, pg: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const store = await openStore(values, false, usageError);
  try {
    const list = await store.summary();
    if (values.json) {
      out(JSON.stringify(list, null, 2));
      return 0;
    }
    out(EXCHANGE.cli.statusHead(SUMMARY_KEYS.map((k) => EXCHANGE.summaryLabels[k]).join('  ')));
    for (const s of list)
      out(
        EXCHANGE.cli.statusLine(
          s.streetCode,
          s.streetName,
          s.lastSeq,
          SUMMARY_KEYS.map((k) => String(s.totals[k])).join('  '),
        ),
      );
    const sum = SUMMARY_KEYS.map((k) => String(list.reduce((a, s) => a + s.totals[k], 0))).join('  ');
    out(EXCHANGE.cli.statusTotal(list.length, sum));
    return 0;
  } finally {
    await store.close();
  }
}

export async function cmdDistrict(args: string[], usageError: (m: string) => Error): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'register':
      return districtRegister(rest, usageError);
    case 'merge':
      return districtMerge(rest, usageError);
    case 'status':
      return districtStatus(rest, usageError);
    default:
      throw usageError(EXCHANGE.cli.what(String(sub ?? '')));
  }
}
