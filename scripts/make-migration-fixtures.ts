// Builds tests/fixtures/migrations/: one small StreetGrid DB per released schema version (user_version 1…N, i.e.
// after migrations 0000…N−1), with realistic data, plus manifest.json (row counts and sample rows per table) that
// tests/integration/core/migrations-fixtures.test.ts checks after upgrading each file to the current schema.
//
//   npx tsx scripts/make-migration-fixtures.ts              builds the released versions that have no fixture yet
//   npx tsx scripts/make-migration-fixtures.ts --only 5     (re)builds one version
//   npx tsx scripts/make-migration-fixtures.ts --through 4  (re)builds versions 1…4
//
// "Released" = the migrations listed in tests/fixtures/migration-hashes.json. Fixtures are frozen like the migrations
// themselves: a new release adds its file, the old ones stay as they are.
//
// How a version-N file is made, deterministically: a demo street (fixed seed, fixed dates) is seeded at the current
// schema; a fresh file gets the first N migrations only (through openDatabase with a folder holding just those);
// every table that exists at version N is filled from the demo street (the columns both have); timestamps are set to
// fixed values and the file is VACUUMed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { call } from '../src/core/api';
import { runAction } from '../src/core/db/action';
import { openDatabase } from '../src/core/db/connection';
import { seedDemo } from '../src/core/demo/seed';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'tests/fixtures/migrations');
const MEMBERS = 60;
const FIXED_TIME = '2026-06-30T08:00:00.000Z';
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

const { values } = parseArgs({ options: { only: { type: 'string' }, through: { type: 'string' } }, strict: true });

interface Journal {
  entries: { idx: number; tag: string }[];
}

export interface FixtureManifest {
  version: number;
  migrations: string[];
  file: string;
  counts: Record<string, number>;
  /** Up to three rows per table (first, middle, last by rowid), every column, keyed by rowid. */
  samples: Record<string, { rowid: number; row: Record<string, unknown> }[]>;
}

const released = Object.keys(
  JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/migration-hashes.json'), 'utf8')) as Record<
    string,
    string
  >,
).sort();
const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle/meta/_journal.json'), 'utf8')) as Journal;
for (const [i, name] of released.entries()) {
  if (journal.entries[i]?.tag !== name.replace(/\.sql$/, ''))
    throw new Error(`released migration ${name} is not entry ${i} of drizzle/meta/_journal.json`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-fixtures-'));
try {
  // The source: a demo street at the current schema, with fixed dates.
  const sourceFile = path.join(tmp, 'source.db');
  const source = openDatabase({ file: sourceFile });
  call({ db: source, mode: 'cli' }, 'street.setup', { streetCode: '110101001' });
  runAction(source, '本机用户', (ctx) => seedDemo(ctx, { members: MEMBERS }));
  source.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  source.close();

  const manifests: FixtureManifest[] = [];
  const manifestFile = path.join(OUT, 'manifest.json');
  const existing = fs.existsSync(manifestFile)
    ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as FixtureManifest[])
    : [];
  fs.mkdirSync(OUT, { recursive: true });

  for (let version = 1; version <= released.length; version++) {
    const wanted = values.only
      ? Number(values.only) === version
      : values.through
        ? version <= Number(values.through)
        : !fs.existsSync(path.join(OUT, `streetgrid-v${version}.db`));
    if (!wanted) {
      const keep = existing.find((m) => m.version === version);
      if (keep) manifests.push(keep);
      continue;
    }
    // a migrations folder with the first `version` migrations only
    const folder = path.join(tmp, `drizzle-v${version}`);
    fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
    for (const name of released.slice(0, version))
      fs.copyFileSync(path.join(ROOT, 'drizzle', name), path.join(folder, name));
    fs.writeFileSync(
      path.join(folder, 'meta/_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, version) }, null, 2),
    );

    const name = `streetgrid-v${version}.db`;
    const file = path.join(OUT, name);
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    const db = openDatabase({ file, migrationsFolder: folder });
    if (db.schemaVersion !== version) throw new Error(`v${version}: opened at ${db.schemaVersion}`);
    const s = db.sqlite;
    s.pragma('foreign_keys = OFF');
    s.prepare('attach database ? as src').run(sourceFile);
    const tables = (
      s
        .prepare("select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .pluck()
        .all() as string[]
    ).filter((t) => t !== '__drizzle_migrations');
    s.transaction(() => {
      for (const t of tables) {
        const mine = (s.prepare(`select name from pragma_table_info(?, 'main')`).pluck().all(t) as string[]) ?? [];
        const theirs = new Set(s.prepare(`select name from pragma_table_info(?, 'src')`).pluck().all(t) as string[]);
        const cols = mine.filter((c) => theirs.has(c)).map((c) => `"${c}"`);
        if (cols.length === 0) continue;
        s.exec(`delete from main."${t}"`);
        s.exec(`insert into main."${t}" (${cols.join(', ')}) select ${cols.join(', ')} from src."${t}"`);
        // every timestamp (created_at, updated_at, at, printed_at…, and inside JSON such as audit before/after) to
        // one fixed instant, so that the same inputs give the same bytes
        for (const c of mine) {
          const rows = s
            .prepare(`select rowid as id, "${c}" as v from main."${t}" where typeof("${c}") = 'text' and "${c}" glob ?`)
            .all('*[0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*') as { id: number; v: string }[];
          const upd = s.prepare(`update main."${t}" set "${c}" = ? where rowid = ?`);
          for (const r of rows) upd.run(r.v.replace(ISO_TIME, FIXED_TIME), r.id);
        }
      }
    })();
    s.exec('detach database src');
    const fk = s.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw new Error(`v${version}: foreign key violations ${JSON.stringify(fk.slice(0, 3))}`);
    // small files: 1 KiB pages (the schema has ~100 indexes, each at least one page), rebuilt compactly
    s.pragma('journal_mode = DELETE');
    s.pragma('page_size = 1024');
    s.exec('vacuum');

    const counts: Record<string, number> = {};
    const samples: FixtureManifest['samples'] = {};
    for (const t of tables) {
      counts[t] = s.prepare(`select count(*) from "${t}"`).pluck().get() as number;
      const ids = s.prepare(`select rowid from "${t}" order by rowid`).pluck().all() as number[];
      const pick = [...new Set([ids[0], ids[Math.floor(ids.length / 2)], ids[ids.length - 1]])].filter(
        (x): x is number => x !== undefined,
      );
      samples[t] = pick.map((rowid) => ({
        rowid,
        row: s.prepare(`select * from "${t}" where rowid = ?`).get(rowid) as Record<string, unknown>,
      }));
    }
    db.close();
    for (const x of ['-wal', '-shm']) fs.rmSync(file + x, { force: true });
    manifests.push({ version, migrations: released.slice(0, version), file: name, counts, samples });
    console.log(
      `${name}: ${released[version - 1]} — ${tables.length} tables, ${counts.member ?? 0} members, ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`,
    );
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifests, null, 2) + '\n');
  // in the repository's JSON style, so that the format check passes
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--write', manifestFile], {
    stdio: 'ignore',
  });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
