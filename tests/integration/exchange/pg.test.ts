// The district merge on PostgreSQL: a throwaway PostgreSQL 15 cluster of our own (initdb + pg_ctl, loopback, a free
// port, a temp folder; as the postgres user when we are root), the same schema and verification as on SQLite, one
// transaction per merge, and a refused package leaving every table exactly as it was.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Core } from '../../../src/core/api';
import { openDatabase, type StreetGridDb } from '../../../src/core/db/connection';
import { mergePackages, registerKey } from '../../../src/core/exchange';
import { openDistrictPg } from '../../../src/core/exchange/district-pg';
import { ROOT } from '../../helpers';
import { exportTo, merge, pubkeyText, register, rezip } from './support';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const HAVE_PG = fs.existsSync(path.join(BIN, 'initdb')) && fs.existsSync(path.join(BIN, 'pg_ctl'));
if (!HAVE_PG)
  console.warn(`[exchange/pg] PostgreSQL server binaries not found in ${BIN}: the PostgreSQL merge test is skipped.`);

const isRoot = process.getuid?.() === 0;
let dir = '';
let dataDir = '';
let url = '';
const dbs: StreetGridDb[] = [];

function asPg(cmd: string, args: string[]): string {
  const full = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(full[0] as string, full[1] as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

beforeAll(async () => {
  if (!HAVE_PG) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-pg-'));
  dataDir = path.join(dir, 'data');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
  }
  asPg(path.join(BIN, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'sg', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  asPg(path.join(BIN, 'pg_ctl'), [
    '-D',
    dataDir,
    '-o',
    `-k ${dir} -p ${port} -h 127.0.0.1 -c fsync=off`,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
  ]);
  url = `postgres://sg@127.0.0.1:${port}/postgres`;
}, 120_000);

afterAll(() => {
  for (const d of dbs) d.close();
  if (!HAVE_PG || !dir) return;
  try {
    asPg(path.join(BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function street(code: string, members: number): StreetGridDb {
  const db = openDatabase({ file: path.join(dir, `${code}.db`) });
  dbs.push(db);
  const core: Core = { db, mode: 'cli' };
  call(core, 'street.setup', { streetCode: code });
  call(core, 'demo.seed', { members });
  return db;
}

/** Every row of every table of the district schema, as one comparable value. */
async function dump(): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (
      await c.query("select tablename from pg_tables where schemaname = 'public' order by tablename")
    ).rows.map((r: { tablename: string }) => r.tablename);
    const out: unknown[] = [];
    for (const t of tables) out.push(t, (await c.query(`select * from ${t} order by 1, 2`)).rows);
    return JSON.stringify(out);
  } finally {
    await c.end();
  }
}

describe.skipIf(!HAVE_PG)('district merge on PostgreSQL', () => {
  it('registers, verifies and merges like SQLite; a refused package changes nothing; the CLI takes --pg', async () => {
    const a = street('110101001', 150);
    const b = street('110101002', 80);
    const pa = (await exportTo(a, path.join(dir, 'out'))).batch.filePath;
    const pb = (await exportTo(b, path.join(dir, 'out'))).batch.filePath;

    const store = await openDistrictPg(url, { create: true });
    try {
      await registerKey(store, pubkeyText(a));
      await registerKey(store, pubkeyText(b));
      const out = await mergePackages(store, [pa, pb]);
      expect(out.map((o) => o.status)).toEqual(['applied', 'applied']);
    } finally {
      await store.close();
    }
    // The same packages on SQLite give the same totals.
    const sqliteFile = path.join(dir, 'district.db');
    await register(sqliteFile, a);
    await register(sqliteFile, b);
    await merge(sqliteFile, [pa, pb]);
    const { openDistrictSqlite } = await import('../../../src/core/exchange');
    const s1 = openDistrictSqlite(sqliteFile, { create: false });
    const sqliteSummary = await s1.summary();
    await s1.close();
    const s2 = await openDistrictPg(url, { create: false });
    try {
      const pgSummary = await s2.summary();
      expect(pgSummary.map((s) => [s.streetCode, s.lastSeq, s.totals])).toEqual(
        sqliteSummary.map((s) => [s.streetCode, s.lastSeq, s.totals]),
      );
      expect(pgSummary[0]!.totals.members).toBeGreaterThan(0);
    } finally {
      await s2.close();
    }

    // An incremental package with a change and a hard delete.
    const core: Core = { db: a, mode: 'cli' };
    const m = a.sqlite.prepare('select id from member order by id limit 1').pluck().get() as number;
    call(core, 'members.update', { id: m, name: '库里改名' });
    const part = a.sqlite.prepare('select id from activity_participant order by id limit 1').pluck().get() as number;
    call(core, 'activities.removeParticipant', { id: part });
    const pa2 = (await exportTo(a, path.join(dir, 'out'))).batch.filePath;

    // Refused packages: tampered, and a gap (seq 3 without 2) — nothing changes in PostgreSQL.
    call(core, 'members.update', { id: m, name: '第三批' });
    const pa3 = (await exportTo(a, path.join(dir, 'out'))).batch.filePath;
    const tampered = await rezip(pa2, path.join(dir, 'tampered.zip'), { manifest: (x) => void (x.seq = 7) });
    const before = await dump();
    const s3 = await openDistrictPg(url, { create: false });
    try {
      await expect(mergePackages(s3, [tampered])).rejects.toThrow(/签名验证失败/);
      await expect(mergePackages(s3, [pa3])).rejects.toThrow(/缺少第 2 批/);
      await expect(mergePackages(s3, [pa2, tampered])).rejects.toThrow(/未写入任何数据/);
    } finally {
      await s3.close();
    }
    expect(await dump()).toBe(before);

    // The CLI with --pg: merge in order, then status.
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
    const r = cli('district', 'merge', '--pg', url, pa3, pa2);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('东华门街道 第 2 批');
    expect(r.stdout).toContain('东华门街道 第 3 批');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const row = (await c.query("select data from d_member where street_code = '110101001' and id = $1", [m]))
        .rows[0] as { data: string };
      expect((JSON.parse(row.data) as { name: string }).name).toBe('第三批');
      const gone = await c.query(
        "select count(*)::int as n from d_activity_participant where street_code = '110101001' and id = $1",
        [part],
      );
      expect((gone.rows[0] as { n: number }).n).toBe(0);
    } finally {
      await c.end();
    }
    const st = cli('district', 'status', '--pg', url, '--json');
    expect(st.status).toBe(0);
    const list = JSON.parse(st.stdout) as { streetCode: string; lastSeq: number }[];
    expect(list.map((s) => [s.streetCode, s.lastSeq])).toEqual([
      ['110101001', 3],
      ['110101002', 1],
    ]);
  });
});
