// The district package's budgets (ARCHITECTURE.md): export and verify of the 100k-member / ~1M-participation street
// ≤ 5 s each, and a merge of 20 street-size packages (20k members each) ≤ 30 s. Called by tests/bench/run.ts.
// The cached 100k DB is copied to a temp folder first (never written); the 20 street packages are built once from
// 20k-member demo streets of one district and cached in .bench-cache/exchange/ (keyed by the inputs' hash).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { call, type Core } from '../../src/core/api';
import { openDatabase } from '../../src/core/db/connection';
import { listStreets } from '../../src/core/divisions';
import {
  exportPackage,
  mergePackages,
  openDistrictSqlite,
  publicKeyOf,
  registerKey,
  verifyPackageFile,
} from '../../src/core/exchange';
import { districtDdl } from '../../src/core/exchange/district-schema';
import { FORMAT_VERSION } from '../../src/core/exchange/manifest';
import { EXCHANGE_TABLES } from '../../src/core/exchange/tables';
import { readPackage, type VerifiedPackage } from '../../src/core/exchange/verify';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = path.join(ROOT, '.bench-cache', 'exchange');
const OPERATOR = 'bench';
const STREETS = 20;
const STREET_MEMBERS = 20_000;
const DISTRICT = '110105';

interface BenchRow {
  op: string;
  medianMs: number;
  budgetMs: number;
  baselineMs: number | null;
  note?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** Copies a (possibly WAL-mode) SQLite file consistently with the backup API; the source is opened read-only. */
async function copyDb(src: string, dst: string): Promise<void> {
  const db = new Database(src, { readonly: true, fileMustExist: true });
  try {
    await db.backup(dst);
  } finally {
    db.close();
  }
}

/** What the cached packages depend on: the migrations, the demo generator and the package format. */
function cacheKey(): string {
  const h = crypto.createHash('sha256');
  h.update(`${STREETS}:${STREET_MEMBERS}:${DISTRICT}:${FORMAT_VERSION}`);
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'drizzle')).map((f) => path.join('drizzle', f)),
    ...fs.readdirSync(path.join(ROOT, 'src/core/demo')).map((f) => path.join('src/core/demo', f)),
    'src/core/exchange/manifest.ts',
    'src/core/exchange/tables.ts',
  ].sort();
  for (const f of files) {
    const p = path.join(ROOT, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
  return h.digest('hex').slice(0, 16);
}

/** 20 demo streets of one district, each exported once (full, de-identified), with their public keys. */
async function streetPackages(log: (s: string) => void): Promise<{ packages: string[]; keys: string[] }> {
  const dir = path.join(CACHE, cacheKey());
  const done = path.join(dir, 'done.json');
  if (fs.existsSync(done)) {
    const d = JSON.parse(fs.readFileSync(done, 'utf8')) as { packages: string[]; keys: string[] };
    return { packages: d.packages.map((f) => path.join(dir, f)), keys: d.keys.map((f) => path.join(dir, f)) };
  }
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const codes = listStreets(DISTRICT)
    .slice(0, STREETS)
    .map((s) => s.code);
  const packages: string[] = [];
  const keys: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-streets-'));
  try {
    for (const [i, code] of codes.entries()) {
      const db = openDatabase({ file: path.join(work, `${code}.db`) });
      try {
        const core: Core = { db, mode: 'cli' };
        call(core, 'street.setup', { streetCode: code });
        call(core, 'demo.seed', { members: STREET_MEMBERS });
        const { batch } = await exportPackage(db, OPERATOR, { full: true, identified: false, outDir: dir });
        packages.push(batch.filePath);
        const k = path.join(dir, `${code}.pub.json`);
        fs.writeFileSync(k, JSON.stringify(publicKeyOf(db, OPERATOR)));
        keys.push(k);
        log(
          `  built street package ${i + 1}/${codes.length}: ${path.basename(batch.filePath)} (${batch.rowCount} rows)`,
        );
      } finally {
        db.close();
        fs.rmSync(path.join(work, `${code}.db`), { force: true });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  fs.writeFileSync(
    done,
    JSON.stringify({ packages: packages.map((f) => path.basename(f)), keys: keys.map((f) => path.basename(f)) }),
  );
  return { packages, keys };
}

export async function exchangeBench(file: string, log: (s: string) => void): Promise<BenchRow[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-exchange-'));
  const rows: BenchRow[] = [];
  try {
    // ---- export + verify of the 100k street
    const copy = path.join(tmp, 'street.db');
    await copyDb(file, copy);
    const db = openDatabase({ file: copy, backupDir: path.join(tmp, 'backups') });
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    let pkg = '';
    let rowsOut = 0;
    const exportMs: number[] = [];
    try {
      publicKeyOf(db, OPERATOR); // the key pair is made once, not timed
      // Baseline: the same rows read and serialised with raw better-sqlite3 (no hashing, masking, zip or signature).
      const raw = await time(() => {
        let n = 0;
        for (const t of EXCHANGE_TABLES)
          for (const r of db.sqlite.prepare(`select * from "${t}" order by id`).iterate())
            n += JSON.stringify(r).length;
        return n;
      });
      for (let i = 0; i < 3; i++) {
        const r = await time(() => exportPackage(db, OPERATOR, { full: true, identified: false, outDir: out }));
        exportMs.push(r.ms);
        if (pkg) fs.rmSync(pkg, { force: true });
        pkg = r.value.batch.filePath;
        rowsOut = r.value.batch.rowCount;
      }
      const pub = JSON.stringify(publicKeyOf(db, OPERATOR));
      log(
        `  export (full, de-identified): ${rowsOut.toLocaleString('en')} rows, ${(fs.statSync(pkg).size / 2 ** 20).toFixed(1)} MiB`,
      );
      rows.push({
        op: 'package export (100k members, full)',
        medianMs: median(exportMs),
        budgetMs: 5000,
        baselineMs: raw.ms,
        note: `${rowsOut.toLocaleString('en')} rows; baseline = raw select + JSON.stringify`,
      });
      const verifyMs: number[] = [];
      for (let i = 0; i < 3; i++) verifyMs.push((await time(() => verifyPackageFile(pkg, pub))).ms);
      rows.push({
        op: 'package verify (100k members)',
        medianMs: median(verifyMs),
        budgetMs: 5000,
        baselineMs: null,
        note: 'signature, sizes, SHA-256 and every line parsed',
      });
    } finally {
      db.close();
    }

    // ---- merge of 20 street-size packages into a new district DB
    const { packages, keys } = await streetPackages(log);
    const mergeMs: number[] = [];
    let merged = 0;
    for (let i = 0; i < 3; i++) {
      const dfile = path.join(tmp, `district-${i}.db`);
      const store = openDistrictSqlite(dfile, { create: true });
      try {
        for (const k of keys) await registerKey(store, fs.readFileSync(k, 'utf8'));
        const r = await time(() => mergePackages(store, packages));
        mergeMs.push(r.ms);
        merged = r.value.reduce((a, o) => a + o.rows, 0);
      } finally {
        await store.close();
        fs.rmSync(dfile, { force: true });
      }
    }
    // Baseline: the same rows inserted by raw better-sqlite3 in one transaction into a default SQLite file (lines and
    // key fields read from verified packages first, not timed): what merging costs without verification.
    const bfile = path.join(tmp, 'baseline.db');
    const bdb = new Database(bfile);
    for (const s of districtDdl()) bdb.prepare(s).run();
    let rawMs = 0;
    bdb.prepare('begin').run();
    for (const p of packages) {
      // One package in memory at a time; only the inserts are timed.
      const pk: VerifiedPackage = await readPackage(p, { resolveKey: () => null, keepRows: true });
      const lines = [...pk.rows].map(([tb, rows]) => {
        const text = Buffer.from(rows.data.buffer, rows.data.byteOffset, rows.data.byteLength).toString('utf8');
        const del = new Map(rows.delIdx.map((i, k) => [i, rows.delVal[k]!]));
        return { tb, list: rows.ids.length === 0 ? [] : text.slice(0, -1).split('\n'), rows, del };
      });
      const t = await time(() => {
        for (const { tb, list, rows, del } of lines) {
          const st = bdb.prepare(
            `insert into d_${tb} (street_code, id, change_seq, deleted_at, package_seq, data) values (?, ?, ?, ?, ?, ?)`,
          );
          const code = pk.manifest.street.code;
          for (let i = 0; i < list.length; i++)
            st.run(code, rows.ids[i], rows.seqs[i], del.get(i) ?? null, pk.manifest.seq, list[i]);
        }
      });
      rawMs += t.ms;
    }
    rawMs += (await time(() => bdb.prepare('commit').run())).ms;
    const raw = { ms: rawMs };
    bdb.close();
    log(`  merge: ${packages.length} packages, ${merged.toLocaleString('en')} rows`);
    rows.push({
      op: `district merge (${packages.length} streets × ${STREET_MEMBERS / 1000}k members)`,
      medianMs: median(mergeMs),
      budgetMs: 30_000,
      baselineMs: raw.ms,
      note: `${merged.toLocaleString('en')} rows; baseline = raw inserts of the same rows, no verification`,
    });
    return rows;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
