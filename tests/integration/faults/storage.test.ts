// Disk full and read-only media, for real: the DB (or the backup folder, or the export target) lives on a tiny tmpfs
// mounted for the test, filled up with a filler file, or seen through a read-only bind mount — the way a full
// office PC or a write-protected USB stick behaves. Every operation must fail with a Chinese message and leave the
// DB exactly as it was: same bytes on disk (sha256 of the file) and same rows.
//
// Mounting needs root (tests run as root here and in CI). Without it these tests are skipped and say so loudly.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, invokeAsync, type Core } from '../../../src/core/api';
import { openDatabase, type StreetGridDb } from '../../../src/core/db/connection';
import { AppError } from '../../../src/shared/errors';
import { ERR } from '../../../src/shared/messages';
import { largeMemberWorkbook, memberRecord, MEMBER_HEADERS, workbook } from '../../fixtures/excel';
import { ROOT } from '../../helpers';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-faults-'));
const mounts: string[] = [];

function mount(args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

/** A fresh tmpfs of `size` at a new folder; null when mounting is not allowed here. */
function tmpfs(name: string, size: string): string | null {
  const dir = path.join(base, name);
  fs.mkdirSync(dir, { recursive: true });
  try {
    mount(['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir]);
  } catch {
    return null;
  }
  mounts.push(dir);
  return dir;
}

/**
 * A read-only view of `dir`: a bind mount remounted ro (writes fail with EROFS, even for root). Without the right to
 * mount, a non-root user gets the folder itself made read-only with chmod (EACCES) — the same refusal for the app.
 */
function readOnlyView(dir: string, name: string): string {
  if (!canMount) {
    fs.chmodSync(dir, 0o555);
    chmodded.push(dir);
    return dir;
  }
  const view = path.join(base, name);
  fs.mkdirSync(view, { recursive: true });
  mount(['--bind', dir, view]);
  mounts.push(view);
  mount(['-o', 'remount,ro,bind', view]);
  return view;
}

/** A folder for a test: its own tmpfs when mounting is allowed, else a plain folder. */
function area(name: string, size: string): string {
  if (canMount) return tmpfs(name, size) as string;
  const dir = path.join(base, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Fills the file system of `dir` up to `leaveBytes` of free space. */
function fill(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, 'filler.bin');
  const st = fs.statfsSync(dir);
  const free = Number(st.bavail) * Number(st.bsize);
  const size = Math.max(0, free - leaveBytes);
  const fd = fs.openSync(filler, 'w');
  try {
    const chunk = Buffer.alloc(1 << 16, 0x5a);
    let written = 0;
    while (written < size) {
      const n = Math.min(chunk.length, size - written);
      try {
        written += fs.writeSync(fd, chunk, 0, n);
      } catch {
        break; // full already
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

const chmodded: string[] = [];
const canMount = (() => {
  const probe = tmpfs('probe', '64k');
  if (!probe) {
    console.warn(
      process.getuid?.() === 0
        ? '[faults] SKIPPED: mounting a tmpfs was refused even as root — disk-full and read-only behaviour NOT tested in this run.'
        : '[faults] mounting a tmpfs was refused (not root): disk-full tests and backups to a full medium SKIPPED; read-only media are simulated with chmod 0555 folders instead of read-only mounts.',
    );
    return false;
  }
  return true;
})();
// read-only media: real read-only mounts as root; chmod'ed folders otherwise (root ignores chmod, so not then)
const canReadOnly = canMount || process.getuid?.() !== 0;

afterAll(() => {
  for (const d of chmodded) fs.chmodSync(d, 0o755);
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  fs.rmSync(base, { recursive: true, force: true });
});

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * sha256 of a DB file without the two header counters SQLite bumps on every commit (file change counter, bytes
 * 24–27, and version-valid-for, 92–95): opening a DB through openDatabase commits its pragmas, so a CLI run that
 * opens and then fails leaves these two numbers changed and every other byte as it was.
 */
function contentHash(file: string): string {
  const b = fs.readFileSync(file);
  b.fill(0, 24, 28);
  b.fill(0, 92, 96);
  return crypto.createHash('sha256').update(b).digest('hex');
}

function rowCounts(db: StreetGridDb): string {
  const tables = db.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  return tables.map((t) => `${t}=${String(db.sqlite.prepare(`select count(*) from "${t}"`).pluck().get())}`).join(' ');
}

/** A street DB at `file`, checkpointed so that the main file holds everything (its hash is the DB's state). */
function street(file: string): Core {
  const db = openDatabase({ file });
  const core: Core = { db, mode: 'cli' };
  call(core, 'street.setup', { streetCode: '110101001' });
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return core;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CHINESE_FULL = /空间不足/;
const CHINESE_RO = /只读|没有写入权限|写保护/;

describe.skipIf(!canMount)('disk full', () => {
  let xlsx: Buffer;
  beforeAll(async () => {
    xlsx = await largeMemberWorkbook(5_000);
  });

  // Two places an import can hit the full disk: the 导入前 backup it takes first (no room even for that), or the write
  // transaction itself (room for the backup, not for the WAL of 5,000 new members: SQLITE_FULL mid-transaction).
  it.each([
    ['the backup before it', 96 * 1024, /备份/],
    ['its write transaction', 1_400 * 1024, new RegExp(`^${ERR.diskFull}$`)],
  ])(
    'an Excel import that runs out of disk in %s fails in Chinese, leaves the DB byte-identical, and works once there is room',
    async (_where, leave, message) => {
      const disk = tmpfs(`full-import-${leave}`, '24m') as string;
      const file = path.join(disk, 'streetgrid.db');
      const core = street(file);
      const filler = fill(disk, leave);
      const beforeHash = sha256(file);
      const beforeRows = rowCounts(core.db);

      const r = await invokeAsync(core, 'excel.import', { kind: 'members', base64: xlsx.toString('base64') });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.message).toMatch(CHINESE_FULL);
      expect(r.error.message).toMatch(message);
      expect(r.error.code).not.toBe('INTERNAL');
      expect(rowCounts(core.db)).toBe(beforeRows);
      expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      core.db.close();
      expect(sha256(file), 'the DB file changed on a failed import').toBe(beforeHash);

      // room again: the same import goes through on the same DB
      fs.rmSync(filler);
      const again: Core = { db: openDatabase({ file }), mode: 'cli' };
      try {
        const ok = await invokeAsync(again, 'excel.import', { kind: 'members', base64: xlsx.toString('base64') });
        expect(ok, JSON.stringify(ok).slice(0, 300)).toMatchObject({ ok: true, data: { ok: true, inserted: 5_000 } });
      } finally {
        again.db.close();
      }
    },
  );

  it('single writes on a full disk are refused in Chinese and nothing is half-written', async () => {
    const disk = tmpfs('full-write', '2m') as string;
    const file = path.join(disk, 'streetgrid.db');
    const core = street(file);
    fill(disk, 0);
    const beforeRows = rowCounts(core.db);
    const rec = memberRecord(1);
    // Fill the remaining pages of the WAL with small writes until SQLite reports the disk full.
    let last: Awaited<ReturnType<typeof invokeAsync>> | null = null;
    for (let i = 0; i < 2_000; i++) {
      last = await invokeAsync(core, 'settings.update', { operatorName: `值班员${i}` });
      if (!last.ok) break;
    }
    expect(last?.ok).toBe(false);
    if (!last || last.ok) return;
    expect(last.error.message).toMatch(CHINESE_FULL);
    expect(last.error.message).toBe(ERR.diskFull);
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // nothing half-written: the rows are those of the last successful action
    expect(
      rowCounts(core.db)
        .split(' ')
        .find((x) => x.startsWith('member=')),
    ).toBe(beforeRows.split(' ').find((x) => x.startsWith('member=')));
    expect(rec.姓名).toBeTruthy();
    core.db.close();
  });

  it('streetgrid import on a full disk exits 1 with a Chinese message; the DB file is unchanged', async () => {
    const disk = tmpfs('full-cli', '24m') as string;
    const file = path.join(disk, 'streetgrid.db');
    street(file).db.close();
    const input = path.join(base, 'members-cli.xlsx');
    fs.writeFileSync(input, xlsx);
    fill(disk, 96 * 1024);
    const before = contentHash(file);
    const r = cli('import', '--db', file, '--kind', 'members', input);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(CHINESE_FULL);
    expect(contentHash(file)).toBe(before);
    const db = openDatabase({ file });
    expect(db.sqlite.prepare('select count(*) from member').pluck().get()).toBe(0);
    db.close();
  });

  it('streetgrid export to a full disk exits 1 with a Chinese message', async () => {
    const db = path.join(base, 'export-src.db');
    const core = street(db);
    const rows = Array.from({ length: 300 }, (_, i) => memberRecord(i));
    const r0 = await invokeAsync(core, 'excel.import', {
      kind: 'members',
      base64: (await workbook(MEMBER_HEADERS, rows)).toString('base64'),
    });
    expect(r0.ok).toBe(true);
    core.db.close();
    const disk = tmpfs('full-export', '64k') as string;
    fill(disk, 0);
    const r = cli('export', '--db', db, '--kind', 'members', path.join(disk, '党员.xlsx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(CHINESE_FULL);
  });
});

describe.skipIf(!canReadOnly)('read-only location', () => {
  it('opening a DB on a read-only medium is refused in Chinese (no crash, file untouched)', () => {
    const disk = area('ro-open', '4m');
    const file = path.join(disk, 'streetgrid.db');
    street(file).db.close();
    const before = sha256(file);
    const view = readOnlyView(disk, 'ro-open-view');
    let err: unknown;
    try {
      openDatabase({ file: path.join(view, 'streetgrid.db') }).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(CHINESE_RO);
    expect((err as AppError).code).toBe('STORAGE');
    expect(sha256(file)).toBe(before);
  });

  it('streetgrid import against a DB on a read-only medium exits 1 in Chinese; the DB is unchanged', async () => {
    const disk = area('ro-cli', '4m');
    const file = path.join(disk, 'streetgrid.db');
    street(file).db.close();
    const before = sha256(file);
    const view = readOnlyView(disk, 'ro-cli-view');
    const input = path.join(base, 'members-ro.xlsx');
    fs.writeFileSync(input, await workbook(MEMBER_HEADERS, [memberRecord(7)]));
    const r = cli('import', '--db', path.join(view, 'streetgrid.db'), '--kind', 'members', input);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(CHINESE_RO);
    expect(r.stderr).not.toMatch(/SqliteError|at .*\.ts:\d+/);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(disk).sort()).toEqual(['streetgrid.db']);
  });

  it('streetgrid export into a read-only folder exits 1 in Chinese', () => {
    const db = path.join(base, 'export-ro-src.db');
    street(db).db.close();
    const disk = area('ro-export', '1m');
    const view = readOnlyView(disk, 'ro-export-view');
    const r = cli('export', '--db', db, '--kind', 'communities', path.join(view, '社区.xlsx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(CHINESE_RO);
    expect(fs.readdirSync(disk)).toEqual([]);
  });
});

// ---- backups onto a full or read-only medium (src/core/backup) ----
describe.skipIf(!canMount)('backups to a full or read-only medium', () => {
  it('a manual backup to a full USB stick fails in Chinese, leaves no file there and the DB unchanged', async () => {
    const { backupToFolder } = await import('../../../src/core/backup');
    const file = path.join(base, 'backup-src.db');
    const core = street(file);
    const rows = Array.from({ length: 2000 }, (_, i) => memberRecord(i));
    await invokeAsync(core, 'excel.import', {
      kind: 'members',
      base64: (await workbook(MEMBER_HEADERS, rows)).toString('base64'),
    });
    core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const beforeRows = rowCounts(core.db);
    const beforeHash = sha256(file);
    const usb = tmpfs('usb-full', '512k') as string;
    let err: unknown;
    try {
      await backupToFolder(core.db, usb);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(CHINESE_FULL);
    expect(fs.readdirSync(usb), 'a half-written backup was left on the stick').toEqual([]);
    expect(rowCounts(core.db)).toBe(beforeRows);
    core.db.close();
    expect(sha256(file)).toBe(beforeHash);
  });

  it('a district package exported to a full USB stick fails in Chinese, leaves nothing there, records no batch', async () => {
    const file = path.join(base, 'package-src.db');
    const core = street(file);
    call(core, 'demo.seed', { members: 1500 });
    const batches = () => core.db.sqlite.prepare('select count(*) from export_batch').pluck().get();
    const usb = tmpfs('usb-package', '256k') as string;
    // The data files are deflated by the exchange workers: the full disk is met there, or when the zip is assembled.
    const r = await invokeAsync(core, 'package.export', { full: true, identified: false, outDir: usb });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('STORAGE');
      expect(r.error.message).toMatch(CHINESE_FULL);
    }
    expect(fs.readdirSync(usb), 'a half-written package or scratch file was left on the stick').toEqual([]);
    expect(batches()).toBe(0);
    core.db.close();
  });

  it('a manual backup to a write-protected USB stick fails in Chinese and writes nothing', async () => {
    const { backupToFolder } = await import('../../../src/core/backup');
    const file = path.join(base, 'backup-ro-src.db');
    const core = street(file);
    const usb = tmpfs('usb-ro', '8m') as string;
    const view = readOnlyView(usb, 'usb-ro-view');
    let err: unknown;
    try {
      await backupToFolder(core.db, view);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(CHINESE_RO);
    expect(fs.readdirSync(usb)).toEqual([]);
    core.db.close();
  });
});
