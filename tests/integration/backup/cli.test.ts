import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../helpers';
import { tinyTmpfs, umount } from './support';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

function seededDb(members = '40'): string {
  const db = path.join(tempDir('sg-cli-'), 'streetgrid.db');
  expect(cli('init', '--db', db, '--street', '110101001').code).toBe(0);
  expect(cli('seed', '--db', db, '--demo', '--members', members).code).toBe(0);
  return db;
}

function memberCount(db: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('select count(*) from member where deleted_at is null').pluck().get() as number;
  } finally {
    d.close();
  }
}

describe('streetgrid backup / restore', () => {
  it('backup --out FILE, --out FOLDER, --list; restore --from FILE brings the data back', () => {
    const db = seededDb();
    const members = memberCount(db);
    const usb = tempDir('sg-usb-');
    const out = path.join(usb, '街道备份.db');
    const b = cli('backup', '--db', db, '--out', out);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('完整性检查通过');
    expect(fs.existsSync(out)).toBe(true);
    const toDir = cli('backup', '--db', db, '--out', usb, '--json');
    expect(toDir.code).toBe(0);
    const j = JSON.parse(toDir.stdout) as { path: string; counts: { members: number }; integrityOk: boolean };
    expect(path.dirname(j.path)).toBe(usb);
    expect(j.counts.members).toBe(members);
    expect(j.integrityOk).toBe(true);

    // Change the data, then restore from the USB file.
    const w = new Database(db);
    w.prepare("update member set deleted_at = '2026-01-01T00:00:00Z'").run();
    w.close();
    expect(memberCount(db)).toBe(0);
    const r = cli('restore', '--db', db, '--from', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/备份内容：东华门街道/);
    expect(r.stdout).toMatch(/恢复前的数据库已备份在/);
    expect(memberCount(db)).toBe(members);

    const list = cli('backup', '--db', db, '--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/恢复前/);
    const lj = JSON.parse(cli('backup', '--db', db, '--list', '--json').stdout) as { reason: string }[];
    expect(lj.map((x) => x.reason)).toContain('restore');
  });

  it('restore refuses a damaged or foreign file with a Chinese message, exit 1, DB untouched', () => {
    const db = seededDb('0');
    const text = path.join(tempDir(), 'x.db');
    fs.writeFileSync(text, 'hello');
    const before = sha(db);
    const r = cli('restore', '--db', db, '--from', text);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/不是有效的数据库文件/);
    expect(sha(db)).toBe(before);
    expect(cli('restore', '--db', db).code).toBe(2);
  });

  it('a destination whose parent is a file (read-only) → Chinese message, exit 1, DB untouched', () => {
    const db = seededDb('0');
    const before = sha(db);
    const blocker = path.join(tempDir(), 'file');
    fs.writeFileSync(blocker, 'x');
    const r = cli('backup', '--db', db, '--out', path.join(blocker, 'b.db'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/备份失败：无法写入/);
    expect(sha(db)).toBe(before);
  });

  it('disk full (1 MB tmpfs) → Chinese message, exit 1, no partial file, DB untouched', () => {
    const mnt = tinyTmpfs(1024);
    if (!mnt) return;
    try {
      const db = seededDb('1500');
      expect(fs.statSync(db).size).toBeGreaterThan(1024 * 1024);
      const before = sha(db);
      const r = cli('backup', '--db', db, '--out', path.join(mnt, 'b.db'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/空间不足|写入.*出错/);
      expect(fs.readdirSync(mnt)).toEqual([]);
      expect(sha(db)).toBe(before);
    } finally {
      umount(mnt);
    }
  });
});
