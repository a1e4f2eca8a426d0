// 备份与恢复 as the office meets it (issue 8): back up now → the list shows it → change data (delete a member) →
// restore that backup with its preview → the member is back, the running app on the restored data without a
// restart; the restore and the backup appear in the 操作日志. Then a DB damaged on disk: browser mode serves the
// Chinese recovery page listing the good backups, 恢复 brings the data back, and the damaged file is kept aside.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { ROOT, startBrowserMode, tempDataDir, type BrowserMode } from '../harness/browser-mode';

const CLI = path.join(ROOT, 'bin', 'streetgrid.mjs');

function cli(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

function memberCount(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select count(*) from member where deleted_at is null').pluck().get() as number;
  } finally {
    db.close();
  }
}

let app: BrowserMode | null = null;
let dataDir: string;

test.beforeEach(() => {
  dataDir = tempDataDir();
  const db = path.join(dataDir, 'streetgrid.db');
  cli('init', '--db', db, '--street', '110101001');
  cli('seed', '--db', db, '--demo', '--members', '60', '--seed', '3');
});

test.afterEach(async () => {
  await app?.stop();
  app = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('backup now → listed → delete a member → restore with preview → the member is back; all in the 操作日志', async ({
  page,
}, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  app = await startBrowserMode(dataDir);
  const db = app.dbFile;
  const members = memberCount(db);

  await page.goto(app.url);
  await page.getByRole('link', { name: '备份与恢复' }).click();
  await expect(page.getByRole('heading', { name: '备份与恢复' })).toBeVisible();
  // The 启动 backup of this start is already there.
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  await expect(page.getByTestId('backup-row').first()).toContainText('启动');

  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/^已备份：streetgrid-/)).toBeVisible();
  await expect(page.getByTestId('backup-row')).toHaveCount(2);
  const manual = page.getByTestId('backup-row').filter({ hasText: '手动' });
  await expect(manual).toContainText(`党员 ${members} 人`);
  await expect(manual).toContainText('完好');
  await expect(manual).toContainText('东华门街道');
  await page.screenshot({ path: testInfo.outputPath('backup-list.png'), fullPage: true });

  // 备份到文件夹…: a missing folder is refused in Chinese; an existing one (the "USB stick") gets a dated file.
  await page.getByRole('button', { name: '备份到文件夹…' }).click();
  const folderDialog = page.getByRole('dialog', { name: '备份到文件夹' });
  const usb = path.join(dataDir, 'U盘');
  await folderDialog.getByLabel('目标文件夹（完整路径）').fill(usb);
  await folderDialog.getByRole('button', { name: '立即备份' }).click();
  await expect(folderDialog.getByText(/不存在，请先插入U盘或新建该文件夹/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('to-folder-error.png') });
  fs.mkdirSync(usb);
  await folderDialog.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/^已备份到：/)).toBeVisible();
  expect(fs.readdirSync(usb).filter((n) => /^streetgrid-\d{8}-\d{6}-manual\.db$/.test(n))).toHaveLength(1);
  // The list only shows the backups folder: still the two.
  await expect(page.getByTestId('backup-row')).toHaveCount(2);

  // Change data: delete a member in the running app (directly through the API the UI uses).
  const victim = await page.evaluate(async () => {
    const post = (method: string, input: unknown) =>
      fetch('./invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method, input }),
      }).then((r) => r.json() as Promise<{ ok: boolean; data: { rows: { id: number; name: string }[] } }>);
    const list = await post('members.list', { limit: 200 });
    const m = list.data.rows.find(Boolean)!;
    const del = await post('members.delete', { id: m.id });
    return { ...m, deleted: del.ok };
  });
  expect(victim.deleted).toBe(true);
  expect(memberCount(db)).toBe(members - 1);

  // Restore the manual backup: the preview shows what it holds next to the current data.
  await page.reload();
  await manual.getByRole('button', { name: '恢复' }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  const preview = dialog.getByTestId('backup-preview');
  await expect(preview).toContainText('东华门街道（110101001）');
  await expect(preview).toContainText('手动');
  await expect(preview.getByRole('row', { name: new RegExp(`党员 ${members} ${members - 1}`) })).toBeVisible();
  await expect(dialog).toContainText('恢复前会先自动备份当前数据库');
  await page.screenshot({ path: testInfo.outputPath('restore-preview.png') });
  await dialog.getByRole('button', { name: '确认恢复' }).click();
  await expect(page.getByText(/^已恢复到 /)).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(memberCount(db)).toBe(members);
  // The list now also holds the 恢复前 backup, and the app shows the restored member without a restart.
  await expect(page.getByTestId('backup-row').filter({ hasText: '恢复前' })).toHaveCount(1);
  await page.goto(`${app.url}#/members`);
  await page.getByPlaceholder(/姓名/).first().fill(victim.name);
  await expect(page.getByText(victim.name).first()).toBeVisible();

  // A file that is not a backup, given by path: refused in Chinese, the 确认恢复 button stays disabled.
  await page.goto(`${app.url}#/backup`);
  await page.getByRole('button', { name: '从备份恢复…' }).click();
  const pathDialog = page.getByRole('dialog', { name: '从备份恢复' });
  const notes = path.join(dataDir, 'notes.db');
  fs.writeFileSync(notes, '这不是备份');
  await pathDialog.getByLabel('备份文件（完整路径）').fill(notes);
  await pathDialog.getByRole('button', { name: '查看内容' }).click();
  await expect(pathDialog.getByText(/不是有效的数据库文件/).first()).toBeVisible();
  await expect(pathDialog.getByRole('button', { name: '确认恢复' })).toBeDisabled();
  await pathDialog.getByRole('button', { name: '取消' }).click();

  // 操作日志: the backup and the restore are there; filter by object 备份.
  await page.getByRole('link', { name: '操作日志' }).click();
  await page.getByRole('combobox', { name: '对象' }).click();
  await page.getByRole('option', { name: /^备份（/ }).click();
  await expect(page.getByRole('cell', { name: /^从备份恢复：streetgrid-.*-manual\.db/ })).toBeVisible();
  // The log lives in the DB: the rows written after the backup (its own 手动备份 row included) went back with the
  // data, and are kept in the 恢复前 backup.
  await expect(page.getByRole('cell', { name: /^手动备份：streetgrid-/ })).toHaveCount(0);
  await page
    .getByRole('row', { name: /从备份恢复/ })
    .getByRole('button', { name: '展开' })
    .click();
  await expect(page.getByText('恢复前的备份', { exact: true })).toBeVisible();
  await expect(page.getByText(`社区 10 个 · 党员 ${members} 人`, { exact: false })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('audit-backup.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出到 Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(errors).toEqual([]);
});

test('a DB damaged on disk: the recovery page lists the good backups; 恢复 brings the data back', async ({
  page,
}, testInfo) => {
  const db = path.join(dataDir, 'streetgrid.db');
  const members = memberCount(db);
  // A daily backup in the backups folder, then the DB damaged (pages overwritten).
  app = await startBrowserMode(dataDir); // takes the 启动 backup
  await app.stop();
  const fd = fs.openSync(db, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, 0);
  fs.closeSync(fd);

  app = await startBrowserMode(dataDir);
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '数据库已损坏' })).toBeVisible();
  await expect(page.getByText('损坏的文件会被改名保存在原文件夹')).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('启动');
  await expect(rows.first()).toContainText(`党员 ${members} 人`);
  await page.screenshot({ path: testInfo.outputPath('recovery-page.png'), fullPage: true });
  await rows.first().getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText(/^已从 .* 的备份恢复/)).toBeVisible();
  // The meta refresh opens the app on the recovered data.
  await expect(page.getByRole('link', { name: '备份与恢复' })).toBeVisible({ timeout: 20_000 });
  expect(memberCount(db)).toBe(members);
  expect(fs.readdirSync(dataDir).some((n) => /^streetgrid\.db\.damaged-\d{8}-\d{6}$/.test(n))).toBe(true);
  await page.getByRole('link', { name: '操作日志' }).click();
  await expect(page.getByText(/数据库损坏，已从备份恢复/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('after-recovery.png') });
});
