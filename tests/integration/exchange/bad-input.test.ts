// Every bad package of issue 7 refused with a precise Chinese reason, and the district DB byte-identical after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Core } from '../../../src/core/api';
import { openDatabase, type StreetGridDb } from '../../../src/core/db/connection';
import { openDistrictSqlite, registerKey } from '../../../src/core/exchange';
import type { ManifestT } from '../../../src/core/exchange/manifest';
import { setWholeFileLimit } from '../../../src/core/exchange/verify';
import { exportTo, merge, mergeRefused, pubkeyText, register, rezip, sha, writeZip, unzip } from './support';

let dir: string;
const dbs: StreetGridDb[] = [];
let a: StreetGridDb;
let other: StreetGridDb;
let districtFile: string;
const pkg: Record<string, string> = {};

function street(code: string, members: number): StreetGridDb {
  const db = openDatabase({ file: path.join(dir, `${code}-${dbs.length}.db`) });
  dbs.push(db);
  const core: Core = { db, mode: 'cli' };
  call(core, 'street.setup', { streetCode: code });
  if (members > 0) call(core, 'demo.seed', { members });
  return db;
}

function touchMember(db: StreetGridDb, name: string): void {
  const core: Core = { db, mode: 'cli' };
  const id = db.sqlite.prepare('select id from member order by id limit 1').pluck().get() as number;
  call(core, 'members.update', { id, name });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bad-'));
  a = street('110101001', 150);
  pkg.a1 = (await exportTo(a, path.join(dir, 'out'))).batch.filePath;
  touchMember(a, '第二批');
  pkg.a2 = (await exportTo(a, path.join(dir, 'out'))).batch.filePath;
  touchMember(a, '第三批');
  pkg.a3 = (await exportTo(a, path.join(dir, 'out'))).batch.filePath;
  // Another installation claiming the same street (its own key), a street not registered, one of another district.
  other = street('110101001', 0);
  pkg.other = (await exportTo(other, path.join(dir, 'other'))).batch.filePath;
  const b = street('110101002', 0);
  pkg.b1 = (await exportTo(b, path.join(dir, 'b'))).batch.filePath;
  const c = street('110102001', 0);
  fs.writeFileSync(path.join(dir, 'c.pub.json'), pubkeyText(c));
  districtFile = path.join(dir, 'district.db');
  await register(districtFile, a);
  await merge(districtFile, [pkg.a1]);
}, 120_000);

afterAll(() => {
  for (const db of dbs) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const tmp = () => path.join(dir, `bad-${++n}.zip`);

/** The merge is refused with a message containing every `expected` part, and the district file is unchanged. */
async function refused(files: string[], ...expected: string[]): Promise<string> {
  const before = sha(districtFile);
  const msg = await mergeRefused(districtFile, files);
  for (const e of expected) expect(msg).toContain(e);
  expect(msg).toContain('未写入任何数据');
  expect(sha(districtFile)).toBe(before);
  expect(fs.existsSync(`${districtFile}-journal`)).toBe(false);
  return msg;
}

function manifestEdit(edit: (m: ManifestT) => void) {
  return { manifest: edit, resign: a };
}

describe('bad packages are refused and the district DB stays byte-identical', () => {
  it('tampered data file', async () => {
    const f = await rezip(pkg.a2!, tmp(), {
      entries: (e) =>
        e.map(([name, b]) => [
          name,
          name === 'data/member.ndjson' ? Buffer.from(b.toString().replace('第二批', '第二十')) : b,
        ]),
    });
    await refused([f], 'data/member.ndjson', 'SHA-256 与清单不符');
  });

  it('tampered manifest', async () => {
    const f = await rezip(pkg.a2!, tmp(), { manifest: (m) => void (m.tables[5]!.rows += 1) });
    await refused([f], '签名验证失败');
  });

  it('signature by another key (same street code, other installation)', async () => {
    await refused([pkg.other!], '签名密钥', '不一致');
  });

  it("wrong signature: another key's signature under the registered key id", async () => {
    const sig = (await unzip(pkg.other!)).find(([n2]) => n2 === 'manifest.sig')![1];
    const f = await rezip(pkg.a2!, tmp(), {
      entries: (e) => e.map(([n2, b]) => [n2, n2 === 'manifest.sig' ? sig : b]),
    });
    await refused([f], '签名验证失败');
    const g = await rezip(pkg.a2!, tmp(), {
      entries: (e) => e.map(([n2, b]) => [n2, n2 === 'manifest.sig' ? Buffer.from('not a signature') : b]),
    });
    await refused([g], 'manifest.sig 格式不正确');
  });

  it('truncated zip', async () => {
    const whole = fs.readFileSync(pkg.a2!);
    for (const len of [Math.floor(whole.length / 2), whole.length - 10, 0]) {
      const f = tmp();
      fs.writeFileSync(f, whole.subarray(0, len));
      await refused([f], '不完整或不是有效的 zip');
    }
  });

  it('zip with an extra file', async () => {
    const f = await rezip(pkg.a2!, tmp(), { entries: (e) => [...e, ['data/extra.ndjson', Buffer.from('{}\n')]] });
    await refused([f], '清单未列出的文件「data/extra.ndjson」');
  });

  it('zip with a missing file', async () => {
    const f = await rezip(pkg.a2!, tmp(), { entries: (e) => e.filter(([n2]) => n2 !== 'data/grid.ndjson') });
    await refused([f], '缺少清单中列出的文件「data/grid.ndjson」');
    const g = await rezip(pkg.a2!, tmp(), { entries: (e) => e.filter(([n2]) => n2 !== 'manifest.sig') });
    await refused([g], '缺少签名文件 manifest.sig');
  });

  it('path traversal and unsafe names inside the zip', async () => {
    for (const evil of ['../evil.txt', '/etc/passwd', 'data/../../x', 'C:\\win.ini', 'data\\..\\x']) {
      // yazl refuses such names: write a same-length safe name and patch the bytes (local header + central dir).
      const safe = 'Z'.repeat(Buffer.byteLength(evil));
      const f = tmp();
      await writeZip(f, [...(await unzip(pkg.a2!)), [safe, Buffer.from('x')]]);
      const buf = fs.readFileSync(f);
      const from = Buffer.from(safe);
      const to = Buffer.from(evil);
      let i = buf.indexOf(from);
      let hits = 0;
      while (i >= 0) {
        to.copy(buf, i);
        hits++;
        i = buf.indexOf(from, i + 1);
      }
      expect(hits).toBe(2);
      fs.writeFileSync(f, buf);
      await refused([f], '包内文件名不安全');
    }
  });

  it('duplicate names inside the zip', async () => {
    const e = await unzip(pkg.a2!);
    const f = tmp();
    await writeZip(f, [...e, e.find(([n2]) => n2 === 'data/member.ndjson')!]);
    await refused([f], '出现了不止一次');
  });

  it('replayed package: a no-op with a message', async () => {
    const before = sha(districtFile);
    const out = await merge(districtFile, [pkg.a1!]);
    expect(out[0]!.status).toBe('replayed');
    expect(out[0]!.message).toContain('此前已合并过');
    expect(sha(districtFile)).toBe(before);
  });

  it('skipped seq: refused naming the missing batch', async () => {
    await refused([pkg.a3!], '缺少第 2 批', '接在第 2 批之后', '已合并到第 1 批');
  });

  it('older seq than the last applied (a package rebuilt with a lower seq) is refused', async () => {
    const f = await rezip(
      pkg.a2!,
      tmp(),
      manifestEdit((m) => ((m.seq = 1), (m.base_seq = 0), (m.full = true))),
    );
    // A changed manifest with a recomputed content hash and a valid signature but full=true/base 0 and
    // change_range.from > 0 is itself inconsistent.
    const msg = await mergeRefused(districtFile, [f]);
    expect(msg).toMatch(/清单文件 manifest.json 内容不符合格式|不晚于/);
  });

  it('package from another street (not registered) and a key from another district', async () => {
    await refused([pkg.b1!], '景山街道（110101002）尚未在本区级汇总数据库中登记公钥');
    const store = openDistrictSqlite(districtFile, { create: false });
    const before = sha(districtFile);
    try {
      await expect(registerKey(store, fs.readFileSync(path.join(dir, 'c.pub.json'), 'utf8'))).rejects.toThrow(
        /不属于本区级汇总数据库所在的区县（110101）/,
      );
    } finally {
      await store.close();
    }
    expect(sha(districtFile)).toBe(before);
  });

  it('newer format version and newer schema version', async () => {
    const f = await rezip(
      pkg.a2!,
      tmp(),
      manifestEdit((m) => void (m.format_version = 2)),
    );
    await refused([f], '格式版本为 2，高于本程序支持的版本 1');
    const g = await rezip(
      pkg.a2!,
      tmp(),
      manifestEdit((m) => void (m.schema_version = 999)),
    );
    await refused([g], '结构版本 999');
  });

  describe('10k-row files with malformed lines (well signed: the line is named)', () => {
    async function withLines(edit: (lines: string[]) => void): Promise<string> {
      const m = JSON.parse((await unzip(pkg.a2!)).find(([n2]) => n2 === 'manifest.json')![1].toString()) as ManifestT;
      const to = m.change_range.to;
      const proto = JSON.parse(
        (await unzip(pkg.a2!))
          .find(([n2]) => n2 === 'data/member.ndjson')![1]
          .toString()
          .split('\n')[0]!,
      ) as Record<string, unknown>;
      const lines = Array.from({ length: 10_000 }, (_, i) =>
        JSON.stringify({ ...proto, id: 100_000 + i, change_seq: to }),
      );
      edit(lines);
      const body = Buffer.from(lines.map((l) => l + '\n').join(''));
      return rezip(pkg.a2!, tmp(), {
        entries: (e) => e.map(([n2, b]) => [n2, n2 === 'data/member.ndjson' ? body : b]),
        resign: a,
      });
    }
    it('not JSON', async () => {
      const f = await withLines((l) => (l[7776] = l[7776]!.slice(0, 40)));
      await refused([f], '文件「data/member.ndjson」第 7777 行：不是有效的 JSON');
    });
    it('wrong columns', async () => {
      const f = await withLines((l) => (l[4999] = JSON.stringify({ ...JSON.parse(l[4999]!), extra: 1 })));
      await refused([f], '第 5000 行：字段与清单不符');
    });
    it('an array instead of an object, an empty line', async () => {
      const f = await withLines((l) => (l[9999] = '[1,2,3]'));
      await refused([f], '第 10000 行：应为一个 JSON 对象');
      const g = await withLines((l) => (l[1] = ''));
      await refused([g], '第 2 行：空行');
    });
    it('duplicate id, bad id, change_seq out of range', async () => {
      const f = await withLines((l) => (l[8000] = l[10]!));
      await refused([f], '第 8001 行：编号 100010 重复出现');
      const g = await withLines((l) => (l[3] = JSON.stringify({ ...JSON.parse(l[3]!), id: -4 })));
      await refused([g], '第 4 行：编号（id）应为正整数');
      const h = await withLines((l) => (l[6] = JSON.stringify({ ...JSON.parse(l[6]!), change_seq: 1 })));
      await refused([h], '第 7 行：变更序号（change_seq）应在');
    });
  });

  it('zip bomb: declared sizes not matching the manifest are refused before inflating', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const f = await rezip(pkg.a2!, tmp(), {
      entries: (e) => e.map(([n2, b]) => [n2, n2 === 'data/grid.ndjson' ? zeros : b]),
      manifest: (m) => {
        const g = m.tables.find((t) => t.name === 'grid')!;
        g.size = 10;
      },
      resign: a,
    });
    expect(fs.statSync(f).size).toBeLessThan(2 * 1024 * 1024);
    await refused([f], '声明的解压大小');
  });

  it('one bad package in a batch: nothing of the good one is written either', async () => {
    const bad = await rezip(pkg.a3!, tmp(), { manifest: (m) => void (m.tables[0]!.rows += 1) });
    await refused([pkg.a2!, bad], '签名验证失败');
    // And the good one alone then goes through.
    const out = await merge(districtFile, [pkg.a2!]);
    expect(out[0]!.status).toBe('applied');
  });

  it('a package overlapping batches already merged (base before the last applied) is refused', async () => {
    // a2 is merged now (last = 2): a3 re-signed as if it followed batch 1.
    const f = await rezip(
      pkg.a3!,
      tmp(),
      manifestEdit((m) => void (m.base_seq = 1)),
    );
    await refused([f], '本包接在第 1 批之后，而该街道已合并到第 2 批：与已合并的批次重叠');
  });

  describe('the same checks on the streaming reader (files larger than fit in memory)', () => {
    beforeAll(() => setWholeFileLimit(0));
    afterAll(() => setWholeFileLimit());
    it('tampered data, a malformed line, a missing final newline, an over-long file', async () => {
      // (a2 was merged above: a3 is the next valid batch)
      const f = await rezip(pkg.a3!, tmp(), {
        entries: (e) =>
          e.map(([name, b]) => [
            name,
            name === 'data/member.ndjson' ? Buffer.from(b.toString().replace('第三批', '第三十')) : b,
          ]),
      });
      await refused([f], 'data/member.ndjson', 'SHA-256 与清单不符');
      const lines = (await unzip(pkg.a3!)).find(([n2]) => n2 === 'data/member.ndjson')![1].toString();
      const g = await rezip(pkg.a3!, tmp(), {
        entries: (e) => e.map(([n2, b]) => [n2, n2 === 'data/member.ndjson' ? Buffer.from(lines + '{oops\n') : b]),
        resign: a,
      });
      await refused([g], '第 2 行：不是有效的 JSON');
      const h = await rezip(pkg.a3!, tmp(), {
        entries: (e) => e.map(([n2, b]) => [n2, n2 === 'data/member.ndjson' ? Buffer.from(lines.trimEnd()) : b]),
        resign: a,
      });
      await refused([h], '最后一行不完整');
      const zeros = Buffer.alloc(8 * 1024 * 1024, 0x20);
      const k = await rezip(pkg.a3!, tmp(), {
        entries: (e) => e.map(([n2, b]) => [n2, n2 === 'data/grid.ndjson' ? zeros : b]),
        manifest: (m) => void (m.tables.find((t) => t.name === 'grid')!.size = 10),
        resign: a,
      });
      await refused([k], '声明的解压大小');
    });
  });
});
