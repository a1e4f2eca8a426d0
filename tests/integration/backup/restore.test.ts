import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { callAsync, invokeAsync } from '../../../src/core/api';
import { backupToBackupsFolder, listBackups } from '../../../src/core/backup';
import { backupDirFor } from '../../../src/core/paths';
import { fails, ok, snapshot, tempDir, track } from '../../helpers';
import { corrupt, count, seededCore } from './support';

describe('restore in the running core', () => {
  it('shows what a backup holds, backs up the current DB, swaps the file and reopens on the restored data', async () => {
    const core = seededCore(30);
    const membersThen = count(core, 'member');
    const backup = await callAsync(core, 'backup.create', {});
    // Change data after the backup.
    const ids = core.db.sqlite
      .prepare('select id from member where deleted_at is null limit 5')
      .pluck()
      .all() as number[];
    for (const id of ids) {
      const env = await invokeAsync(core, 'members.delete', { id });
      if (!env.ok)
        core.db.sqlite.prepare('update member set deleted_at = ? where id = ?').run('2026-01-01T00:00:00Z', id);
    }
    ok(core, 'settings.update', { operatorName: '王芳' });
    expect(count(core, 'member')).toBe(membersThen - 5);

    const preview = ok(core, 'backup.inspect', { name: backup.name! });
    expect(preview.restorable).toBe(true);
    expect(preview.refusal).toBeNull();
    expect(preview.counts.members).toBe(membersThen);
    expect(preview.street?.name).toBe('东华门街道');
    expect(preview.schemaVersion).toBe(core.db.schemaVersion);

    const oldDb = core.db;
    const r = await callAsync(core, 'backup.restore', { name: backup.name!, confirm: true });
    expect(core.db).not.toBe(oldDb);
    expect(oldDb.sqlite.open).toBe(false);
    expect(count(core, 'member')).toBe(membersThen);
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    // The state just before the restore is kept as a 恢复前 backup, with the deletions in it.
    expect(r.preRestoreBackup?.reason).toBe('restore');
    expect(r.preRestoreBackup?.counts.members).toBe(membersThen - 5);
    expect(fs.existsSync(r.preRestoreBackup!.path)).toBe(true);
    // Writes go on working on the new connection, and the log says what happened (operator of the restored data).
    ok(core, 'settings.update', { operatorName: '李娜' });
    const log = ok(core, 'audit.search', { entity: 'backup' });
    expect(log.rows.some((x) => x.action === 'restore_backup' && x.summary.includes(backup.name!))).toBe(true);
    // …and the restore can itself be undone from the 恢复前 backup.
    await callAsync(core, 'backup.restore', { name: r.preRestoreBackup!.name!, confirm: true });
    expect(count(core, 'member')).toBe(membersThen - 5);
    track(core.db);
  });

  it('restores from any file by path (a USB stick), including one in WAL mode with data still in its -wal', async () => {
    const core = seededCore(10);
    const usb = tempDir('sg-usb-');
    const onStick = await callAsync(core, 'backup.toFolder', { folder: usb });
    // A copy of a live DB file in WAL mode, its last write still in the -wal.
    const live = path.join(usb, 'live-copy.db');
    fs.copyFileSync(onStick.path, live);
    const w = new Database(live);
    w.pragma('journal_mode = WAL');
    w.pragma('wal_autocheckpoint = 0');
    w.prepare(
      "insert into settings (key, value, updated_at) values ('operatorName', '\"张伟\"', 'x') on conflict(key) do update set value = excluded.value",
    ).run();
    // Keep the -wal: copy the files while the writer is still open.
    fs.copyFileSync(live, path.join(usb, 'wal.db'));
    fs.copyFileSync(`${live}-wal`, path.join(usb, 'wal.db-wal'));
    w.close();
    await callAsync(core, 'backup.restore', { path: path.join(usb, 'wal.db'), confirm: true });
    expect(ok(core, 'settings.get', {}).operatorName).toBe('张伟');
    track(core.db);
  });

  it('refuses, in Chinese and with nothing changed: not SQLite, another app, damaged, another street, newer schema', async () => {
    const core = seededCore(10);
    const dir = tempDir('sg-bad-');
    const good = await backupToBackupsFolder(core.db, 'manual');

    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, '这不是数据库'.repeat(100));
    const foreign = path.join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('create table customers (id integer primary key)');
    f.close();
    const damaged = path.join(dir, 'damaged.db');
    fs.copyFileSync(good.path, damaged);
    corrupt(damaged, 4096 * 3, 4096 * 4);
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good.path, newer);
    const n = new Database(newer);
    n.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('future', 4102444800000);
    n.close();
    const other = seededCore(3, '110101002');
    const otherFile = (await backupToBackupsFolder(other.db, 'manual')).path;

    const cases: [string, RegExp][] = [
      [text, /不是有效的数据库文件/],
      [foreign, /不是街道网格通的数据库备份/],
      [damaged, /已损坏/],
      [newer, /来自更新版本的街道网格通/],
      [otherFile, /与本机数据库的街道「东华门街道（110101001）」不同/],
      [path.join(dir, 'missing.db'), /找不到备份文件/],
    ];
    const before = snapshot(core.db);
    const backupsBefore = listBackups(backupDirFor(core.db.file)).length;
    for (const [file, message] of cases) {
      if (fs.existsSync(file)) {
        const preview = ok(core, 'backup.inspect', { path: file });
        expect(preview.restorable, file).toBe(false);
        expect(preview.refusal).toMatch(message);
      }
      const env = await invokeAsync(core, 'backup.restore', { path: file, confirm: true });
      expect(env.ok, file).toBe(false);
      if (!env.ok) expect(env.error.message).toMatch(message);
    }
    expect(snapshot(core.db)).toEqual(before);
    expect(listBackups(backupDirFor(core.db.file))).toHaveLength(backupsBefore);
    // No staged temp files are left beside the DB.
    expect(fs.readdirSync(path.dirname(core.db.file)).filter((x) => x.includes('.restore-'))).toEqual([]);
  });

  it('the input: confirm is required, names cannot leave the backups folder, paths must be absolute', () => {
    const core = seededCore(0);
    expect(fails(core, 'backup.restore', { name: 'streetgrid-20260101-000000-daily.db' }).code).toBe('VALIDATION');
    expect(fails(core, 'backup.inspect', { name: '../streetgrid.db' }).code).toBe('VALIDATION');
    expect(fails(core, 'backup.inspect', { path: 'relative/file.db' }).message).toMatch(/请填写完整路径/);
    expect(fails(core, 'backup.inspect', {}).message).toMatch(/请填写备份文件/);
  });
});
