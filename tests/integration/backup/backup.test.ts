import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { callAsync, invokeAsync } from '../../../src/core/api';
import {
  backupBefore,
  backupToBackupsFolder,
  keptBy,
  listBackups,
  rotate,
  startDailyBackups,
  type FolderReason,
} from '../../../src/core/backup';
import { readManifest } from '../../../src/core/backup/inspect';
import { backupDirFor } from '../../../src/core/paths';
import { memberRecord, MEMBER_HEADERS, workbook } from '../../fixtures/excel';
import { fails, ok, snapshot, tempDir } from '../../helpers';
import { corrupt, count, seededCore, tinyTmpfs, umount } from './support';

describe('taking a backup', () => {
  it('backup.create: the online backup API, verified, self-contained, listed with what it holds, audited', async () => {
    const core = seededCore();
    const info = await callAsync(core, 'backup.create', {});
    const dir = backupDirFor(core.db.file);
    expect(path.dirname(info.path)).toBe(dir);
    expect(info.name).toMatch(/^streetgrid-\d{8}-\d{6}-manual\.db$/);
    expect(info.reason).toBe('manual');
    expect(info.integrityOk).toBe(true);
    expect(info.street).toEqual({ code: '110101001', name: '东华门街道' });
    expect(info.counts.members).toBe(count(core, 'member'));
    expect(info.counts.communities).toBe(count(core, 'community'));
    expect(info.counts.activities).toBe(count(core, 'activity'));
    expect(info.counts.meetings).toBe(count(core, 'meeting'));
    expect(info.schemaVersion).toBe(core.db.schemaVersion);
    // The copy is one file in rollback-journal mode, passes integrity_check and holds the same rows.
    expect(fs.existsSync(`${info.path}-wal`)).toBe(false);
    const copy = new Database(info.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('select count(*) from member').pluck().get()).toBe(
      core.db.sqlite.prepare('select count(*) from member').pluck().get(),
    );
    copy.close();
    // The manifest beside it lets the list show it without opening the DB.
    expect(readManifest(info.path)).toMatchObject({ reason: 'manual', integrityOk: true, counts: info.counts });
    const list = ok(core, 'backup.list', {});
    expect(list.dir).toBe(dir);
    expect(list.rows.map((r) => r.name)).toEqual([info.name]);
    expect(list.current.counts).toEqual(info.counts);
    expect(list.rotation).toEqual({ keepDaily: 7, keepWeekly: 4, keepMonthly: 12 });
    // …and the 操作日志 has it.
    const log = ok(core, 'audit.search', { entity: 'backup' });
    expect(log.rows[0]).toMatchObject({ action: 'backup', entity: 'backup' });
    expect(log.rows[0]!.summary).toContain(info.name!);
  });

  it('reports the audit table as changed, so the 操作日志 refreshes', async () => {
    const core = seededCore(5);
    const env = await invokeAsync(core, 'backup.create', {});
    expect(env.ok && env.changed).toEqual(['audit']);
  });

  it('backs up while the DB keeps being written by the same connection (the copy is consistent)', async () => {
    const core = seededCore(300);
    const p = backupToBackupsFolder(core.db, 'manual');
    ok(core, 'settings.update', { operatorName: '李娜' });
    const info = await p;
    const copy = new Database(info.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('backup.toFolder writes a dated file into a chosen folder (a USB stick) and never into a missing one', async () => {
    const core = seededCore(5);
    const usb = tempDir('sg-usb-');
    const info = await callAsync(core, 'backup.toFolder', { folder: usb });
    expect(path.dirname(info.path)).toBe(usb);
    expect(info.name).toBeNull();
    expect(fs.existsSync(info.path)).toBe(true);
    const again = await callAsync(core, 'backup.toFolder', { folder: usb });
    expect(again.path).not.toBe(info.path);

    const missing = await invokeAsync(core, 'backup.toFolder', { folder: path.join(usb, '没有这个文件夹') });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/不存在，请先插入U盘/);
    const relative = await invokeAsync(core, 'backup.toFolder', { folder: 'backups' });
    expect(!relative.ok && relative.error.message).toMatch(/请填写完整路径/);
  });

  it('a read-only destination (its parent is a file) fails with a Chinese message; the DB is untouched', async () => {
    const core = seededCore(5);
    const before = snapshot(core.db);
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, 'x');
    const env = await invokeAsync(core, 'backup.toFolder', { folder: path.join(blocker, 'sub') });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toMatch(/[\u4e00-\u9fa5]/);
    // The backups folder itself blocked by a file: the automatic backup fails the same way.
    const dir = backupDirFor(core.db.file);
    fs.writeFileSync(dir, 'not a folder');
    await expect(backupToBackupsFolder(core.db, 'manual')).rejects.toThrow(/无法写入|没有任何改动/);
    expect(snapshot(core.db)).toEqual(before);
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a full disk (1 MB tmpfs) fails with a Chinese message, leaves no partial file and the DB untouched', async () => {
    const mnt = tinyTmpfs(1024);
    if (!mnt) return;
    try {
      const core = seededCore(1500);
      expect(fs.statSync(core.db.file).size).toBeGreaterThan(1024 * 1024);
      const before = snapshot(core.db);
      const env = await invokeAsync(core, 'backup.toFolder', { folder: mnt });
      expect(env.ok).toBe(false);
      if (!env.ok) expect(env.error.message).toMatch(/空间不足|写入.*出错/);
      expect(fs.readdirSync(mnt)).toEqual([]);
      expect(snapshot(core.db)).toEqual(before);
      expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      umount(mnt);
    }
  });

  it('backupBefore(db, "merge") is what the district merge calls; its failure is a Chinese "nothing changed"', async () => {
    const core = seededCore(5);
    const b = await backupBefore(core.db, 'merge');
    expect(b.reason).toBe('merge');
    expect(b.name).toMatch(/-merge\.db$/);
    fs.rmSync(backupDirFor(core.db.file), { recursive: true });
    fs.writeFileSync(backupDirFor(core.db.file), 'x');
    await expect(backupBefore(core.db, 'merge')).rejects.toThrow(/合并前的自动备份没有成功，因此没有做任何改动/);
  });
});

describe('backupBefore for another kind of StreetGrid file (the district DB of issue 7)', () => {
  it('copies a better-sqlite3 connection with its own application id into backups/<file name>/, apart from the street list', async () => {
    const core = seededCore(0);
    const file = path.join(path.dirname(core.db.file), 'district.db');
    const d = new Database(file);
    d.pragma('journal_mode = WAL');
    d.pragma(`application_id = ${0x53474454}`);
    d.exec(
      "create table district_meta (key text primary key, value text); insert into district_meta values ('district_code', '110101');",
    );
    const b = await backupBefore(d, 'merge');
    expect(path.dirname(b.path)).toBe(path.join(backupDirFor(file), 'district'));
    const copy = new Database(b.path, { readonly: true });
    expect(copy.pragma('application_id', { simple: true })).toBe(0x53474454);
    expect(copy.prepare('select value from district_meta').pluck().get()).toBe('110101');
    copy.close();
    d.close();
    expect(listBackups(backupDirFor(core.db.file))).toEqual([]);
    // A file with no application id at all is not ours to back up.
    const plain = path.join(path.dirname(core.db.file), 'plain.db');
    const p = new Database(plain);
    p.exec('create table t (x)');
    p.close();
    await expect(backupBefore(plain, 'merge')).rejects.toThrow(/合并前的自动备份没有成功/);
  });
});

describe('backup before an Excel import', () => {
  it('every import that will write is preceded by a verified 导入前 backup of the data before it', async () => {
    const core = seededCore(5);
    const members = count(core, 'member');
    const file = await workbook(MEMBER_HEADERS, [memberRecord(9001), memberRecord(9002)]);
    const r = await callAsync(core, 'excel.import', { kind: 'members', base64: file.toString('base64') });
    expect(r.ok).toBe(true);
    const rows = listBackups(backupDirFor(core.db.file)).filter((b) => b.reason === 'import');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.counts.members).toBe(members);
    expect(count(core, 'member')).toBe(members + 2);
  });

  it('a rejected file takes no backup; a backup that cannot be written stops the import with nothing written', async () => {
    const core = seededCore(5);
    const bad = await workbook(MEMBER_HEADERS, [memberRecord(1, '不存在的社区')]);
    const r = await callAsync(core, 'excel.import', { kind: 'members', base64: bad.toString('base64') });
    expect(r.ok).toBe(false);
    expect(fs.existsSync(backupDirFor(core.db.file))).toBe(false);

    fs.writeFileSync(backupDirFor(core.db.file), 'blocks the backups folder');
    const before = snapshot(core.db);
    const good = await workbook(MEMBER_HEADERS, [memberRecord(9003)]);
    const env = await invokeAsync(core, 'excel.import', { kind: 'members', base64: good.toString('base64') });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toMatch(/^导入前的自动备份没有成功，因此没有做任何改动/);
    expect(snapshot(core.db)).toEqual(before);
  });
});

describe('rotation', () => {
  const at = (iso: string) => new Date(iso);
  const entry = (name: string, reason: FolderReason, iso: string) => ({ name, reason, at: at(iso) });

  it('keeps the newest per day (7), per ISO week (4), per month (12); events 10 each; manual and 升级前 always', () => {
    const entries = [];
    // 120 days of one startup + one daily backup a day.
    for (let d = 0; d < 120; d++) {
      const day = new Date(Date.UTC(2026, 10, 22, 12) - d * 86400000);
      entries.push(entry(`s${d}`, 'startup', day.toISOString()));
      entries.push(entry(`d${d}`, 'daily', new Date(day.getTime() + 3600000).toISOString()));
    }
    for (let i = 0; i < 15; i++)
      entries.push(entry(`imp${i}`, 'import', new Date(Date.UTC(2026, 10, 1, i)).toISOString()));
    entries.push(entry('man-old', 'manual', '2025-01-01T00:00:00Z'));
    entries.push(entry('mig-old', 'migrate', '2025-01-01T00:00:00Z'));
    const keep = keptBy(entries, { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 });
    // The last 7 days: their newest (the daily one).
    for (let d = 0; d < 7; d++) expect(keep.has(`d${d}`)).toBe(true);
    expect(keep.has('s0')).toBe(false);
    const scheduled = [...keep].filter((n) => /^[sd]\d/.test(n));
    // 7 days + up to 4 weeks + up to 12 months (overlapping); 120 days span 4–5 months.
    expect(scheduled.length).toBeGreaterThanOrEqual(7 + 2);
    expect(scheduled.length).toBeLessThanOrEqual(7 + 4 + 5);
    expect([...keep].filter((n) => n.startsWith('imp'))).toHaveLength(10);
    expect(keep.has('imp14')).toBe(true);
    expect(keep.has('imp0')).toBe(false);
    expect(keep.has('man-old') && keep.has('mig-old')).toBe(true);
  });

  it('0 days still keeps the newest scheduled backup', () => {
    const keep = keptBy([entry('a', 'daily', '2026-01-01T00:00:00Z'), entry('b', 'daily', '2026-01-02T00:00:00Z')], {
      keepDaily: 0,
      keepWeekly: 0,
      keepMonthly: 0,
    });
    expect([...keep]).toEqual(['b']);
  });

  it('deletes the files (and manifests) the rule drops, never unknown files; the setting lives in settings', async () => {
    const core = seededCore(3);
    const dir = backupDirFor(core.db.file);
    const first = await backupToBackupsFolder(core.db, 'daily');
    // Fake older daily backups: real copies under older names.
    for (let d = 1; d <= 5; d++) {
      const stampDay = new Date(Date.now() - d * 86400000)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\..+$/, '')
        .replace('T', '-');
      fs.copyFileSync(first.path, path.join(dir, `streetgrid-${stampDay}-daily.db`));
    }
    fs.writeFileSync(path.join(dir, '我的笔记.txt'), '别删我');
    expect(ok(core, 'backup.setRotation', { keepDaily: 2, keepWeekly: 0, keepMonthly: 0 })).toEqual({
      keepDaily: 2,
      keepWeekly: 0,
      keepMonthly: 0,
    });
    expect(ok(core, 'settings.get', {}).backupKeepDaily).toBe(2);
    await backupToBackupsFolder(core.db, 'daily'); // rotation runs after each backup
    const left = fs.readdirSync(dir).filter((n) => n.endsWith('.db'));
    expect(left).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, '我的笔记.txt'))).toBe(true);
    // No manifest is left without its backup.
    for (const j of fs.readdirSync(dir).filter((n) => n.endsWith('.json')))
      expect(fs.existsSync(path.join(dir, j.replace(/\.json$/, '')))).toBe(true);
    expect(rotate(dir, { keepDaily: 2, keepWeekly: 0, keepMonthly: 0 })).toEqual([]);
  });

  it('refuses a negative or huge number with a Chinese message', () => {
    const core = seededCore(0);
    const env = fails(core, 'backup.setRotation', { keepDaily: -1, keepWeekly: 4, keepMonthly: 12 });
    expect(env.message).toMatch(/保留份数应在 0 到 365 之间/);
  });
});

describe('the daily backup while running', () => {
  it('takes a 每日 backup when the newest scheduled one is older than a day, and only then', async () => {
    const core = seededCore(3);
    const taken: string[] = [];
    const stop = startDailyBackups(() => core.db, {
      checkEveryMs: 20,
      maxAgeMs: 60_000,
      onBackup: (i) => taken.push(i.name!),
    });
    try {
      await new Promise((r) => setTimeout(r, 400));
      expect(taken).toHaveLength(1);
      expect(taken[0]).toMatch(/-daily\.db$/);
    } finally {
      stop();
    }
  });
});

describe('the listing', () => {
  it('shows a pre-migration backup (db/connection.ts) in the same list, and a damaged backup as damaged', async () => {
    const core = seededCore(3);
    const dir = backupDirFor(core.db.file);
    const good = await backupToBackupsFolder(core.db, 'manual');
    const legacy = path.join(dir, 'streetgrid-20260101-080000-before-migrate-v3.db');
    fs.copyFileSync(good.path, legacy);
    const broken = path.join(dir, 'streetgrid-20260102-080000-daily.db');
    fs.copyFileSync(good.path, broken);
    corrupt(broken, 4096 * 2, 4096 * 3);
    const rows = listBackups(dir);
    const mig = rows.find((r) => r.path === legacy)!;
    expect(mig.reason).toBe('migrate');
    expect(mig.integrityOk).toBe(true);
    expect(mig.createdAt).toBe('2026-01-01T08:00:00.000Z');
    const bad = rows.find((r) => r.path === broken)!;
    expect(bad.integrityOk).toBe(false);
    expect(bad.problem).toMatch(/已损坏/);
  });
});
