// The exchange's worker threads (pool.ts): packages built by several workers are the same as built inline, open
// with Info-ZIP, come from one snapshot while the app keeps writing; a merge that checks the next packages while it
// writes still refuses a bad one in the middle and writes nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preparePackage, verifyPackageFile } from '../../../src/core/exchange';
import { makeId } from '../../fixtures/excel';
import { ok, tempDir } from '../../helpers';
import { OPERATOR, demoStreet, exportTo, mergeRefused, pubkeyText, register, rezip, sha, unzip } from './support';

const saved = process.env.STREETGRID_WORKERS;
afterEach(() => {
  if (saved === undefined) delete process.env.STREETGRID_WORKERS;
  else process.env.STREETGRID_WORKERS = saved;
});

function tables(m: { tables: { name: string; rows: number; size: number; sha256: string }[] }) {
  return m.tables.map((t) => [t.name, t.rows, t.size, t.sha256]);
}

describe('exchange workers', () => {
  it('two workers write exactly the files one thread writes; Info-ZIP reads the package', async () => {
    const core = demoStreet('110101001', 400);
    const dir = tempDir('sg-xw-');
    process.env.STREETGRID_WORKERS = '0';
    fs.mkdirSync(path.join(dir, 'a'));
    const inline = await preparePackage(core.db, OPERATOR, {
      full: true,
      identified: false,
      outDir: path.join(dir, 'a'),
    });
    process.env.STREETGRID_WORKERS = '2';
    const pooled = await exportTo(core.db, path.join(dir, 'b'));
    const m = pooled.built.manifest;
    expect(tables(m)).toEqual(tables(inline.manifest));
    expect(m.tombstones.sha256).toBe(inline.manifest.tombstones.sha256);
    expect(m.tables.find((t) => t.name === 'member')!.rows).toBeGreaterThanOrEqual(400);

    // Info-ZIP's own test of every entry's CRC-32, and the same bytes as yauzl reads.
    const test = execFileSync('unzip', ['-t', pooled.batch.filePath], { encoding: 'utf8' });
    expect(test).toContain('No errors detected');
    const listed = execFileSync('unzip', ['-Z1', pooled.batch.filePath], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual([...m.tables.map((t) => t.file), 'tombstones.ndjson', 'manifest.json', 'manifest.sig']);
    const member = execFileSync('unzip', ['-p', pooled.batch.filePath, 'data/member.ndjson']);
    expect(member.equals((await unzip(pooled.batch.filePath)).find(([n]) => n === 'data/member.ndjson')![1])).toBe(
      true,
    );

    const v = await verifyPackageFile(pooled.batch.filePath, pubkeyText(core.db));
    expect(v.signatureChecked).toBe(true);
  });

  it('all groups read one snapshot while the app keeps writing', async () => {
    process.env.STREETGRID_WORKERS = '3';
    const core = demoStreet('110101002', 600);
    const dir = tempDir('sg-xw-snap-');
    const community = core.db.sqlite.prepare('select id from community order by id limit 1').pluck().get() as number;
    let n = 0;
    let during = 0;
    let building = true;
    // The app's own thread is free while the workers build: write a member and a grid every few milliseconds.
    const failures: unknown[] = [];
    const writer = setInterval(() => {
      try {
        w();
      } catch (e) {
        failures.push(e);
      }
    }, 2);
    const w = () => {
      n++;
      if (building) during++;
      ok(core, 'grids.create', { communityId: community, code: `T${n}`, name: `并发网格${n}` });
      ok(core, 'members.create', {
        name: `并发党员${n}`,
        idNumber: makeId('1980-01-01', 500 + n),
        communityId: community,
        category: 'retired',
      });
    };
    let built;
    try {
      built = await preparePackage(core.db, OPERATOR, { full: true, identified: false, outDir: dir });
    } finally {
      building = false;
      clearInterval(writer);
    }
    // The app's writes went on during the build, none of them refused or kept waiting until they failed.
    expect(during).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    const to = built.manifest.change_range.to;
    // Only inserts happened meanwhile: the package holds exactly the rows with change_seq ≤ its end, in every table.
    const files = new Map(await unzip(built.filePath));
    for (const t of built.manifest.tables) {
      const lines = files.get(t.file)!.toString('utf8').split('\n').filter(Boolean);
      const ids = lines.map((l) => (JSON.parse(l) as { id: number }).id).sort((a, b) => a - b);
      const expected = core.db.sqlite
        .prepare(`select id from "${t.name}" where change_seq <= ? order by id`)
        .pluck()
        .all(to) as number[];
      expect({ table: t.name, ids }).toEqual({ table: t.name, ids: expected });
      expect(t.rows).toBe(expected.length);
    }
    // And the plan recorded with it counts the same rows.
    for (const c of built.plan.counts) expect(c.rows).toBe(built.manifest.tables.find((t) => t.name === c.table)!.rows);
  });

  it('a tampered package between two good ones: named, and nothing merged', async () => {
    process.env.STREETGRID_WORKERS = '2';
    const dir = tempDir('sg-xw-merge-');
    const streets = ['110101001', '110101002', '110101003'].map((code) => demoStreet(code, 120));
    const pkgs = [];
    for (const [i, s] of streets.entries()) pkgs.push((await exportTo(s.db, path.join(dir, `p${i}`))).batch.filePath);
    const district = path.join(dir, 'district.db');
    for (const s of streets) await register(district, s.db);
    const before = sha(district);
    const bad = await rezip(pkgs[1]!, path.join(dir, 'bad.zip'), {
      entries: (e) =>
        e.map(([name, b]) => [
          name,
          name === 'data/activity_participant.ndjson' ? Buffer.from(b.toString().replace('"hours":', '"hours";')) : b,
        ]),
      resign: streets[1]!.db,
    });
    const msg = await mergeRefused(district, [pkgs[0]!, bad, pkgs[2]!]);
    expect(msg).toContain('bad.zip');
    expect(msg).toContain('data/activity_participant.ndjson');
    expect(msg).not.toContain(path.basename(pkgs[0]!));
    expect(msg).toContain('本次合并未写入任何数据');
    expect(sha(district)).toBe(before);
  });
});
