// The street side: de-identification, identified export with its audit row, export history, re-export with the same
// content hash (and bytes), a consistent snapshot while the app keeps writing, and the preview's counts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../../src/core/db/action';
import { listBatches, preparePackage, previewExport, reexportBatch } from '../../../src/core/exchange';
import { commitPackage } from '../../../src/core/exchange';
import { readKey } from '../../../src/core/exchange/keys';
import { ok, tempDir } from '../../helpers';
import { OPERATOR, demoStreet, exportTo, sha, unzip } from './support';

async function lines(file: string, name: string): Promise<Record<string, unknown>[]> {
  const e = (await unzip(file)).find(([n]) => n === name)!;
  return e[1]
    .toString('utf8')
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('street export', () => {
  it('is de-identified by default: keyed hash + masked ID number, masked phones; the key pair is made once', async () => {
    const core = demoStreet('110101001', 60);
    const dir = tempDir();
    const { batch } = await exportTo(core.db, dir);
    const key = readKey(core.db)!;
    const members = await lines(batch.filePath, 'data/member.ndjson');
    const real = core.db.sqlite.prepare('select id, id_number, phone from member order by id').all() as {
      id: number;
      id_number: string;
      phone: string | null;
    }[];
    expect(members).toHaveLength(real.length);
    for (const [i, m] of members.entries()) {
      const r = real[i]!;
      expect(m.id_number).toBe(`${r.id_number.slice(0, 6)}********${r.id_number.slice(-4)}`);
      const h = crypto.createHmac('sha256', Buffer.from(key.hashSecret, 'base64')).update(r.id_number).digest('hex');
      expect(m.id_hash).toBe(h);
      if (r.phone) expect(m.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const whole = fs.readFileSync(batch.filePath);
    expect(whole.includes(Buffer.from(key.hashSecret))).toBe(false);
    // No full ID number anywhere in the package (stored data files are deflated: look inside).
    const all = (await unzip(batch.filePath)).map(([, b]) => b.toString('utf8')).join('\n');
    for (const r of real) expect(all.includes(r.id_number)).toBe(false);
    const units = await lines(batch.filePath, 'data/unit.ndjson');
    for (const u of units) if (u.contact_phone) expect(String(u.contact_phone)).toContain('****');
    // A second export keeps the same key and the same hash of the same person.
    await exportTo(core.db, dir, { full: true });
    expect(readKey(core.db)!.keyId).toBe(key.keyId);
    expect(core.db.sqlite.prepare('select count(*) from exchange_key').pluck().get()).toBe(1);
  });

  it('identified export only on purpose, with its own audit row in 操作日志', async () => {
    const core = demoStreet('110101001', 20);
    const { batch } = await exportTo(core.db, tempDir(), { identified: true });
    expect(batch.identified).toBe(true);
    const members = await lines(batch.filePath, 'data/member.ndjson');
    const first = core.db.sqlite.prepare('select id_number from member order by id limit 1').pluck().get();
    expect(members[0]!.id_number).toBe(first);
    const summaries = ok(core, 'audit.list', { limit: 20 }).rows.map((r) => r.summary);
    expect(summaries.some((s) => s.includes('含完整身份证号和手机号'))).toBe(true);
    expect(summaries.some((s) => s.includes('生成数据交换签名密钥'))).toBe(true);
  });

  it('export history: seq, range, counts, hashes; re-export of the latest batch gives the same content and bytes', async () => {
    const core = demoStreet('110101001', 40);
    const dir = tempDir();
    const first = await exportTo(core.db, dir);
    const id = core.db.sqlite.prepare('select id from member order by id limit 1').pluck().get() as number;
    ok(core, 'members.update', { id, name: '历史测试' });
    const second = await exportTo(core.db, dir);
    const list = listBatches(core.db);
    expect(list.map((b) => [b.seq, b.baseSeq, b.full])).toEqual([
      [2, 1, false],
      [1, 0, true],
    ]);
    expect(list[0]!.changeFrom).toBe(first.batch.changeTo);
    expect(list[0]!.counts.member).toEqual({ rows: 1, tombstones: 0 });
    expect(list[0]!.packageSha256).toBe(sha(second.batch.filePath));

    const again = tempDir();
    const r = await reexportBatch(core.db, OPERATOR, second.batch.id, again);
    expect(r.sameBytes).toBe(true);
    expect(sha(r.filePath)).toBe(second.batch.packageSha256);
    // Only the latest batch, and only while nothing changed since.
    await expect(reexportBatch(core.db, OPERATOR, first.batch.id, again)).rejects.toThrow(/只能重新导出最近一批/);
    ok(core, 'members.update', { id, name: '又改了' });
    await expect(reexportBatch(core.db, OPERATOR, second.batch.id, again)).rejects.toThrow(/数据已有变更/);
  });

  it('an incremental export with no earlier batch is full; the preview counts are what gets written', async () => {
    const core = demoStreet('110101001', 30);
    const p = previewExport(core.db, { full: false });
    expect(p.first).toBe(true);
    expect(p.full).toBe(true);
    const { batch } = await exportTo(core.db, tempDir());
    for (const c of p.counts) expect(batch.counts[c.table]).toEqual({ rows: c.rows, tombstones: c.tombstones });
    const p2 = previewExport(core.db, { full: false });
    expect(p2.totalRows).toBe(0);
    expect(p2.seq).toBe(2);
    expect(p2.baseSeq).toBe(1);
  });

  it('is built from one snapshot: writes made while it is being built are not in it, and come next time', async () => {
    const core = demoStreet('110101001', 30);
    const dir = tempDir();
    let wrote = false;
    const built = await preparePackage(core.db, OPERATOR, {
      full: true,
      identified: false,
      outDir: dir,
      onProgress: (pr) => {
        if (pr.phase === 'rows' && pr.table === 'member' && !wrote) {
          wrote = true;
          ok(core, 'communities.create', { code: '110101001999', name: '快照测试社区', kind: 'community' });
        }
      },
    });
    expect(wrote).toBe(true);
    const communities = (await lines(built.filePath, 'data/community.ndjson')).map((c) => c.name);
    expect(communities).not.toContain('快照测试社区');
    const n = core.db.sqlite.prepare("select count(*) from community where name = '快照测试社区'").pluck().get();
    expect(n).toBe(1);
    commitPackage(core.db, OPERATOR, built);
    const next = await exportTo(core.db, dir);
    expect(next.batch.counts.community!.rows).toBe(1);
  });

  it('a concurrent export makes the slower one fail and leaves no file behind', async () => {
    const core = demoStreet('110101001', 10);
    const dir = tempDir();
    const slow = await preparePackage(core.db, OPERATOR, { full: true, identified: false, outDir: dir });
    await exportTo(core.db, tempDir(), { full: true });
    expect(() => commitPackage(core.db, OPERATOR, slow)).toThrow(/另有交换包完成导出/);
    expect(fs.existsSync(slow.filePath)).toBe(false);
    expect(listBatches(core.db)).toHaveLength(1);
  });

  it('tombstones come from triggers on every exported table, also for cascaded deletes', () => {
    const core = demoStreet('110101001', 30);
    const agreement = core.db.sqlite
      .prepare('select agreement_id as id, count(*) as n from commitment group by agreement_id limit 1')
      .get() as { id: number; n: number };
    runAction(core.db, OPERATOR, (ctx) => {
      ctx.seq();
      ctx.db.sqlite.prepare('delete from agreement where id = ?').run(agreement.id);
    });
    const t = core.db.sqlite.prepare('select table_name as t, count(*) as n from tombstone group by table_name').all();
    expect(t).toEqual(
      expect.arrayContaining([
        { t: 'agreement', n: 1 },
        { t: 'commitment', n: agreement.n },
      ]),
    );
    void path;
  });
});
