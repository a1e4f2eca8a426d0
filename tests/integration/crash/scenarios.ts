// The crash scenarios, used by crash.test.ts (import, demo seeding) and backup-merge.test.ts (backup, district
// merge). Crash safety: the PC is switched off in the middle of work. A child process runs a large Excel import
// (several batches of thousands of members, each one all-or-nothing and each preceded by its 导入前 backup), the demo
// seeding (one long runAction), a series of backups or a district merge, and is killed with SIGKILL at random points;
// after every kill the DB must reopen, pass integrity_check and foreign_key_check, and hold either all of a batch or
// none of it — never a half-written one — and every file the backups folder counts as a backup must be complete.
//
// `npm test` runs a quick sample (10 kills); `npm run test:stress` (SG_STRESS=1) runs 50 kills with bigger batches.
// The random kill points come from a printed seed; repeat a run with SG_CRASH_SEED=<seed>.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, expect } from 'vitest';
import { call } from '../../../src/core/api';
import { listBackups } from '../../../src/core/backup';
import { openDatabase } from '../../../src/core/db/connection';
import { MEMBER_HEADERS, memberRecord, nthId } from '../../fixtures/excel';
import {
  describeReport,
  logicalHash,
  markerAt,
  reopenAndCheck,
  STRESS,
  tableCounts,
  withDb,
  type CrashScenario,
  type ScenarioReport,
} from './harness';

export const SEED = Number(process.env.SG_CRASH_SEED ?? Date.now() % 1_000_000_000);
const BATCHES = STRESS ? 3 : 2;
const BATCH_ROWS = STRESS ? 10_000 : 5_000;
const SEED_MEMBERS = STRESS ? 3_000 : 1_500;
// 50 kills in the stress run across the scenarios; a quick sample in npm test.
const BACKUP_MEMBERS = STRESS ? 12_000 : 3_000;
const MERGE_MEMBERS = STRESS ? 6_000 : 1_000;
const KILLS = STRESS ? { import: 20, seed: 10, backup: 10, merge: 10 } : { import: 3, seed: 3, backup: 2, merge: 2 };

export const reports: ScenarioReport[] = [];
afterAll(() => {
  console.log(`[crash] seed ${SEED} (repeat with SG_CRASH_SEED=${SEED})`);
  for (const r of reports) console.log(describeReport(r));
});

/** A street DB as the app leaves it after `streetgrid init`, closed and checkpointed. */
function initTemplate(template: string): void {
  const db = openDatabase({ file: template });
  call({ db, mode: 'cli' }, 'street.setup', { streetCode: '110101001' });
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** rows [from, from + n) of the fixture generator as an .xlsx written with the streaming writer. */
async function memberBatch(file: string, from: number, n: number): Promise<void> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = wb.addWorksheet('党员');
  ws.addRow([...MEMBER_HEADERS]).commit();
  for (let i = from; i < from + n; i++) {
    const r = memberRecord(i);
    ws.addRow(MEMBER_HEADERS.map((h) => r[h] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
  await ended;
  fs.writeFileSync(file, Buffer.concat(chunks));
}

function idHash(ids: string[]): string {
  return crypto
    .createHash('sha256')
    .update([...ids].sort().join('\n'))
    .digest('hex');
}

/** Members imports, batch after batch: after a kill the DB holds exactly the first j batches, for some j. */
export function importScenario(): CrashScenario {
  const files: string[] = [];
  // prefixHash[j] = hash of the ID numbers of batches 0..j-1
  const prefixHash: string[] = [];
  let baseSeq = 0;
  let baseAudit = 0;
  return {
    name: `import ${BATCHES}×${BATCH_ROWS.toLocaleString('en')} members`,
    kills: KILLS.import,
    async setup(dir, template) {
      initTemplate(template);
      withDb(template, (db) => {
        baseSeq = db.prepare("select value from counters where name = 'change'").pluck().get() as number;
        baseAudit = db.prepare('select count(*) from audit').pluck().get() as number;
      });
      const ids: string[] = [];
      prefixHash.push(idHash([]));
      for (let b = 0; b < BATCHES; b++) {
        const file = path.join(dir, `members-${b}.xlsx`);
        await memberBatch(file, b * BATCH_ROWS, BATCH_ROWS);
        files.push(file);
        for (let i = b * BATCH_ROWS; i < (b + 1) * BATCH_ROWS; i++) ids.push(nthId(i).id);
        prefixHash.push(idHash(ids));
      }
    },
    args: (db) => {
      fs.rmSync(path.join(path.dirname(db), 'backups'), { recursive: true, force: true });
      return ['import', db, ...files];
    },
    killPoint(rnd, cal) {
      // Mostly inside a write transaction of a random batch (from its start to a bit past its commit), sometimes
      // anywhere in the run (module loading, parsing the workbook, between batches).
      if (rnd() < 0.75) {
        const b = Math.floor(rnd() * BATCHES);
        const write = markerAt(cal, `committed ${b}`) - markerAt(cal, `write ${b}`);
        return { after: `write ${b}`, delayMs: rnd() * write * 1.2 };
      }
      return { after: null, delayMs: rnd() * cal.ms };
    },
    check(file) {
      const integrity = reopenAndCheck(file);
      expect(integrity).toEqual({ integrity: 'ok', foreignKeys: 0 });
      return withDb(file, (db) => {
        const ids = db.prepare('select id_number from member').pluck().all() as string[];
        const j = ids.length / BATCH_ROWS;
        expect(Number.isInteger(j), `${ids.length} members: not a whole number of batches of ${BATCH_ROWS}`).toBe(true);
        expect(idHash(ids), `the ${ids.length} members are not exactly the first ${j} batches`).toBe(prefixHash[j]);
        // one audit row and one change-sequence number per committed batch, none for a rolled-back one
        const imports = db.prepare("select count(*) from audit where action = 'import'").pluck().get() as number;
        expect(imports).toBe(j);
        expect(db.prepare('select count(*) from audit').pluck().get()).toBe(baseAudit + j);
        expect(db.prepare("select value from counters where name = 'change'").pluck().get()).toBe(baseSeq + j);
        const seqs = db.prepare('select count(distinct change_seq) from member').pluck().get() as number;
        expect(seqs).toBe(j);
        // the 导入前 backups the killed run managed to finish are complete; a half-written one is not listed
        for (const b of listBackups(path.join(path.dirname(file), 'backups')))
          expect(b.integrityOk, `listed backup ${b.path}: ${String(b.problem)}`).toBe(true);
        return j === 0 ? 'none' : j === BATCHES ? 'all' : `first ${j} of ${BATCHES} batches`;
      });
    },
  };
}

/** demo.seed as one transaction: after a kill the DB is exactly the template or holds the whole demo street. */
export function seedScenario(): CrashScenario {
  let before = '';
  let full: Record<string, number> = {};
  return {
    name: `demo seed ${SEED_MEMBERS.toLocaleString('en')} members (one runAction)`,
    kills: KILLS.seed,
    setup(_dir, template) {
      initTemplate(template);
      before = withDb(template, logicalHash);
      return Promise.resolve();
    },
    args: (db) => ['seed', db, String(SEED_MEMBERS)],
    killPoint(rnd, cal) {
      const write = markerAt(cal, 'committed 0') - markerAt(cal, 'write 0');
      return rnd() < 0.85
        ? { after: 'write 0', delayMs: rnd() * write * 1.15 }
        : { after: null, delayMs: rnd() * cal.ms };
    },
    check(file, run) {
      expect(reopenAndCheck(file)).toEqual({ integrity: 'ok', foreignKeys: 0 });
      return withDb(file, (db) => {
        const counts = tableCounts(db);
        if (counts.member === 0) {
          expect(logicalHash(db), 'no members, but the DB differs from before the seeding').toBe(before);
          return 'none';
        }
        if (run.markers.length > 0 && !run.killed) full = counts; // the calibration run defines "all"
        expect(counts).toEqual(full);
        expect(counts.member).toBe(SEED_MEMBERS);
        return 'all';
      });
    },
  };
}

/**
 * Backups of a 12,000-member street killed mid-way: the DB stays exactly as it was, and every file the backups folder
 * lists as a backup is complete (integrity_check ok, every member there) — a half-written copy is never counted.
 */
export function backupScenario(): CrashScenario {
  let before = '';
  let members = 0;
  let backupsDir = '';
  const BACKUPS = 3;
  return {
    name: `backup of a ${BACKUP_MEMBERS.toLocaleString('en')}-member street (${BACKUPS} in a row)`,
    kills: KILLS.backup,
    setup(dir, template) {
      const db = openDatabase({ file: template });
      const core = { db, mode: 'cli' as const };
      call(core, 'street.setup', { streetCode: '110101001' });
      call(core, 'demo.seed', { members: BACKUP_MEMBERS });
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      before = withDb(template, logicalHash);
      members = withDb(template, (d) => d.prepare('select count(*) from member').pluck().get() as number);
      backupsDir = path.join(dir, 'backups');
      return Promise.resolve();
    },
    args: (db) => {
      fs.rmSync(backupsDir, { recursive: true, force: true }); // each run starts with an empty backups folder
      return ['backup', db, String(BACKUPS)];
    },
    killPoint(rnd, cal) {
      const b = Math.floor(rnd() * BACKUPS);
      const write = markerAt(cal, `committed ${b}`) - markerAt(cal, `write ${b}`);
      return { after: `write ${b}`, delayMs: rnd() * write * 1.1 };
    },
    check(file, run) {
      expect(reopenAndCheck(file)).toEqual({ integrity: 'ok', foreignKeys: 0 });
      expect(withDb(file, logicalHash), 'the DB changed while being backed up').toBe(before);
      const listed = listBackups(backupsDir);
      for (const b of listed) {
        // a killed backup leaves at most a temp file: nothing under a backup's name that is not whole
        expect(b.integrityOk, `${b.path}: ${String(b.problem)}`).toBe(true);
        const ok = withDb(b.path, (d) => ({
          integrity: String(d.pragma('integrity_check', { simple: true })),
          members: d.prepare('select count(*) from member').pluck().get(),
        }));
        expect(ok, `listed backup ${b.path} is not a complete copy`).toEqual({ integrity: 'ok', members });
      }
      const done = run.markers.filter((m) => m.name.startsWith('committed')).length;
      expect(listed.length, 'a completed backup is missing from the list').toBeGreaterThanOrEqual(done);
      return listed.length === BACKUPS ? 'all' : `${listed.length} of ${BACKUPS} backups complete`;
    },
  };
}

/**
 * The district merge (src/core/exchange) killed mid-way: the district store is as before (logically identical) or
 * holds the whole package — one transaction — and opens again through the app's own district open.
 */
export function mergeScenario(): CrashScenario {
  let before = '';
  let full: Record<string, number> | null = null;
  const packages: string[] = [];
  return {
    name: `district merge of a ${MERGE_MEMBERS.toLocaleString('en')}-member street package`,
    kills: KILLS.merge,
    async setup(dir, template) {
      const { exportPackage, publicKeyOf, registerKey, withDistrict } = await import('../../../src/core/exchange');
      const street = openDatabase({ file: path.join(dir, 'street.db') });
      const core = { db: street, mode: 'cli' as const };
      call(core, 'street.setup', { streetCode: '110101001' });
      call(core, 'demo.seed', { members: MERGE_MEMBERS });
      const out = path.join(dir, 'packages');
      fs.mkdirSync(out, { recursive: true });
      const { built } = await exportPackage(street, '本机用户', { full: true, identified: false, outDir: out });
      packages.push(built.filePath);
      const pubkey = JSON.stringify(publicKeyOf(street, '本机用户'));
      street.close();
      await withDistrict(template, true, async (store) => {
        await registerKey(store, pubkey);
      });
      const t = new Database(template);
      t.pragma('wal_checkpoint(TRUNCATE)');
      t.pragma('journal_mode = DELETE');
      t.close();
      before = withDb(template, logicalHash);
    },
    args: (db) => ['merge', db, ...packages],
    killPoint(rnd, cal) {
      // mostly inside the write transaction (after every package was verified), sometimes during verification
      if (rnd() < 0.7) {
        const write = markerAt(cal, 'committed 0') - markerAt(cal, 'verified 0');
        return { after: 'verified 0', delayMs: rnd() * write * 1.2 };
      }
      return { after: 'write 0', delayMs: rnd() * (markerAt(cal, 'verified 0') - markerAt(cal, 'write 0')) };
    },
    check(file, run) {
      const db = new Database(file); // read-write: recovers a hot journal / WAL as the app would
      let integrity: string;
      try {
        integrity = String(db.pragma('integrity_check', { simple: true }));
        expect((db.pragma('foreign_key_check') as unknown[]).length).toBe(0);
      } finally {
        db.close();
      }
      expect(integrity).toBe('ok');
      return withDb(file, (d) => {
        if (logicalHash(d) === before) return 'none';
        const counts = tableCounts(d);
        if (!run.killed && full === null) full = counts; // the calibration run defines "all"
        expect(counts, 'the district store holds part of a package').toEqual(full);
        return 'all';
      });
    },
  };
}
