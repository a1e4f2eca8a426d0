// 数据上报 and 区级汇总 as a new user meets them (issue 7): the export dialog shows what will be written, refuses an
// identified export until it is confirmed, writes the package and copies it to a "USB" folder; the public key is
// downloaded with its phone fingerprint; then, as the district, a district DB is created, two streets' keys
// registered, both packages merged (the merged table sums the two streets), and a truncated package refused with
// the table unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { ROOT, startBrowserMode, tempDataDir, type BrowserMode } from '../harness/browser-mode';

const CLI = path.join(ROOT, 'bin', 'streetgrid.mjs');
const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

function count(dbFile: string, sql: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

let app: BrowserMode;
let dataDir: string;
let bZip: string;
let bPub: string;

test.beforeEach(async () => {
  dataDir = tempDataDir();
  const db = path.join(dataDir, 'streetgrid.db');
  cli('init', '--db', db, '--street', '110101001');
  cli('seed', '--db', db, '--demo', '--members', '300', '--seed', '7');
  // Street B: another street of the same district, exported with the CLI.
  const b = path.join(dataDir, 'b', 'street-b.db');
  fs.mkdirSync(path.join(dataDir, 'b', 'out'), { recursive: true });
  cli('init', '--db', b, '--street', '110101002');
  cli('seed', '--db', b, '--demo', '--members', '120', '--seed', '3');
  cli('package', 'export', '--db', b, '--out', path.join(dataDir, 'b', 'out'));
  cli('package', 'pubkey', '--db', b, '--out', path.join(dataDir, 'b'));
  bZip = path.join(dataDir, 'b', 'out', fs.readdirSync(path.join(dataDir, 'b', 'out'))[0]!);
  bPub = path.join(dataDir, 'b', 'streetgrid-110101002.pub.json');
  app = await startBrowserMode(dataDir);
});

test.afterEach(async () => {
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('export dialog → package + USB copy → public key → district: register, merge two streets, refuse a bad package', async ({
  page,
}, testInfo) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const db = app.dbFile;
  const members = count(db, 'SELECT count(*) FROM member');

  // 1. 数据上报: nothing exported yet.
  await page.goto(app.url);
  await page.getByRole('link', { name: '数据上报' }).click();
  await expect(page.getByText('还没有导出过数据交换包。')).toBeVisible();
  await expect(page.getByTestId('fingerprint')).toHaveText('尚未生成（首次导出时生成）');

  // 2. The dialog: counts before writing; identified needs the confirmation.
  await page.getByRole('button', { name: '导出交换包…' }).click();
  const dialog = page.getByRole('dialog', { name: '导出数据交换包' });
  await expect(dialog.getByText('将导出第 1 批（全量）')).toBeVisible();
  await expect(dialog.getByText('这是第一次导出，将导出全量数据。')).toBeVisible();
  const memberRow = dialog.getByRole('row', { name: /^党员 \d/ });
  await expect(memberRow).toContainText(String(members));
  await dialog.getByLabel('含完整身份证号和手机号').check();
  await expect(dialog.getByText('完整的身份证号和手机号将离开本机。此操作会记入操作日志。')).toBeVisible();
  await expect(dialog.getByRole('button', { name: '导出', exact: true })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('export-dialog-identified.png') });
  await dialog.getByLabel('脱敏（默认）', { exact: false }).check();
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  await expect(page.getByRole('dialog', { name: '导出完成' })).toBeVisible();
  const done = page.getByRole('dialog', { name: '导出完成' });
  const aZip = (await done.getByTestId('exported-path').innerText()).trim();
  expect(fs.existsSync(aZip)).toBe(true);
  expect(aZip.startsWith(path.join(dataDir, 'exchange'))).toBe(true);
  expect(count(db, 'SELECT count(*) FROM export_batch')).toBe(1);
  expect(count(db, "SELECT count(*) FROM audit WHERE action = 'export_identified'")).toBe(0);

  // 3. Copy to a "USB stick" folder.
  const usb = path.join(dataDir, 'usb');
  fs.mkdirSync(usb);
  await done.getByLabel('复制到 U 盘等文件夹').fill(usb);
  await done.getByRole('button', { name: '复制' }).click();
  await expect(done.getByText(`已复制到：${path.join(usb, path.basename(aZip))}`)).toBeVisible();
  expect(fs.readFileSync(path.join(usb, path.basename(aZip))).equals(fs.readFileSync(aZip))).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('export-done.png') });
  await done.getByRole('button', { name: '关闭' }).click();

  // 4. The history and the public key with its fingerprint.
  const history = page.getByRole('table', { name: '上报批次' });
  await expect(history.getByText('第 1 批（接第 0 批）')).toBeVisible();
  await expect(history.getByText('全量')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出公钥' }).click();
  const d = await download;
  const aPub = path.join(dataDir, 'a.pub.json');
  await d.saveAs(aPub);
  const fp = (JSON.parse(fs.readFileSync(aPub, 'utf8')) as { fingerprint: string }).fingerprint;
  await expect(page.getByTestId('fingerprint')).toHaveText(fp);
  await page.screenshot({ path: testInfo.outputPath('exchange-history.png'), fullPage: true });

  // 5. 区级汇总: a new district DB, both keys registered (A with the phone fingerprint), both packages merged.
  await page.getByRole('link', { name: '区级汇总' }).click();
  const district = path.join(dataDir, 'district', 'district.db');
  await page.getByLabel('区级汇总数据库文件').fill(district);
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByText('还没有登记街道。')).toBeVisible();
  await page.getByLabel('公钥文件（.pub.json）路径').fill(aPub);
  await page.getByLabel('电话核对的指纹', { exact: false }).fill(fp.toLowerCase());
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText(`已登记街道 东华门街道（110101001）的公钥，指纹 ${fp}`)).toBeVisible();
  await page.getByLabel('公钥文件（.pub.json）路径').fill(bPub);
  await page.getByLabel('电话核对的指纹', { exact: false }).fill('');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('已登记街道 景山街道（110101002）的公钥', { exact: false })).toBeVisible();

  await page.getByLabel('交换包文件路径（每行一个）').fill(`${path.join(usb, path.basename(aZip))}\n${bZip}`);
  await page.getByRole('button', { name: '验证并合并' }).click();
  await expect(page.getByTestId('merge-result')).toContainText('合并完成：2 个交换包。');
  const table = page.getByRole('table', { name: '各街道汇总' });
  const aActive = count(db, "SELECT count(*) FROM member WHERE deleted_at IS NULL AND status = 'active'");
  const bActive = count(
    path.join(dataDir, 'b', 'street-b.db'),
    "SELECT count(*) FROM member WHERE deleted_at IS NULL AND status = 'active'",
  );
  await expect(table.getByRole('row', { name: /东华门街道/ })).toContainText(String(aActive));
  await expect(table.getByRole('row', { name: /景山街道/ })).toContainText(String(bActive));
  await expect(page.getByTestId('district-total')).toContainText(String(aActive + bActive));
  await page.screenshot({ path: testInfo.outputPath('district-merged.png'), fullPage: true });

  // 6. A truncated package is refused; the district file stays as it was.
  const bad = path.join(dataDir, 'bad.zip');
  fs.writeFileSync(bad, fs.readFileSync(aZip).subarray(0, 1000));
  const before = fs.readFileSync(district);
  await page.getByLabel('交换包文件路径（每行一个）').fill(bad);
  await page.getByRole('button', { name: '验证并合并' }).click();
  await expect(page.getByTestId('merge-error')).toContainText(
    '交换包 bad.zip 被拒绝：文件不完整或不是有效的 zip 交换包',
  );
  await expect(page.getByTestId('merge-error')).toContainText('本次合并未写入任何数据');
  expect(fs.readFileSync(district).equals(before)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('district-refused.png'), fullPage: true });
  // The street DB was not touched by the district work.
  expect(count(db, 'SELECT count(*) FROM export_batch')).toBe(1);
  expect(consoleErrors).toEqual([]);
});
