// The registry as a new user meets it (issue 3, "Done means"): on a street with the demo data, import a members
// sheet with errors (the problem list names row and column; the database is unchanged), fix it and import it, find
// an imported member by pinyin initials, put them into the liaison network and move them to another group, do a 报到
// and save the 登记卡 as PDF — which is rendered with pdftoppm and checked for the name and the masked ID.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { ROOT, startBrowserMode, tempDataDir, type BrowserMode } from '../harness/browser-mode';
import { makeId } from '../fixtures/excel';

const CLI = path.join(ROOT, 'bin', 'streetgrid.mjs');

function cli(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The members template from the CLI, with `rows` written under its header (values in template column order). */
async function membersSheet(dir: string, name: string, rows: (string | null)[][]): Promise<string> {
  const template = path.join(dir, 'template.xlsx');
  if (!fs.existsSync(template)) cli('template', '--kind', 'members', template);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets.find((w) => w.name !== '填写说明');
  if (!ws) throw new Error('template without a data sheet');
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header).toEqual([
    '姓名',
    '性别',
    '出生日期',
    '民族',
    '身份证号',
    '手机号',
    '类别',
    '所在社区',
    '所在网格',
    '工作单位',
    '专业特长',
    '报到日期',
    '备注',
  ]);
  rows.forEach((r, i) => {
    ws.getRow(i + 2).values = r.map((v) => v ?? undefined);
  });
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

function count(dbFile: string, sql: string, ...params: unknown[]): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (
      (db
        .prepare(sql)
        .pluck()
        .get(...params) as number) ?? 0
    );
  } finally {
    db.close();
  }
}

let app: BrowserMode;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = tempDataDir();
  const db = path.join(dataDir, 'streetgrid.db');
  cli('init', '--db', db, '--street', '110101001');
  cli('seed', '--db', db, '--demo', '--members', '300', '--seed', '7');
  app = await startBrowserMode(dataDir);
});

test.afterEach(async () => {
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('import with errors → fix → import; find by pinyin initials; assign and reassign in the network; 报到 and 登记卡 PDF', async ({
  page,
}, testInfo) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // The document preview is a sandboxed iframe without scripts; Playwright's trace snapshotter tries to run its
    // own script in every frame and Chromium reports the refusal. That refusal is the sandbox working.
    if (m.type() === 'error' && !/^Blocked script execution in 'about:srcdoc'/.test(m.text()))
      consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  const zhao = makeId('1986-03-14', 123); // odd sequence: 男
  const qian = makeId('1979-11-02', 246); // even: 女
  const badId = zhao.slice(0, 17) + (zhao.endsWith('0') ? '1' : '0');
  const good = [
    [
      '欧阳明轩',
      null,
      null,
      '汉族',
      zhao,
      '13812345678',
      '在职党员',
      '多福巷社区',
      null,
      '北京饭店有限公司',
      '法律咨询',
      null,
      null,
    ],
    ['钱雨婷', null, null, '汉族', qian, '13987654321', '离退休党员', '多福巷社区', null, null, null, null, null],
  ];
  const bad = [
    ['欧阳明轩', null, null, '汉族', badId, '13812345678', '在职党员', '多福巷社区', null, null, null, null, null],
    ['钱雨婷', null, null, '汉族', qian, '1398765', '离退休党员', '不存在社区', null, null, null, null, null],
  ];
  const badFile = await membersSheet(dataDir, '党员-有错.xlsx', bad);
  const goodFile = await membersSheet(dataDir, '党员.xlsx', good);
  const before = count(app.dbFile, 'SELECT count(*) FROM member');
  expect(before).toBe(300);
  const active = count(app.dbFile, "SELECT count(*) FROM member WHERE status = 'active'");

  await page.goto(app.url);
  await page.getByRole('link', { name: '党员' }).first().click();
  await expect(page.getByText(`共 ${active} 名`)).toBeVisible();

  // 1. A sheet with errors: every problem by row and column, nothing written.
  await page.getByRole('button', { name: '导入 Excel' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(badFile);
  await dialog.getByRole('button', { name: '开始导入' }).click();
  await expect(dialog.getByText('未导入任何数据')).toBeVisible();
  const problems = dialog.getByRole('table', { name: '导入问题清单' });
  const problemRow = (row: string, column: string) =>
    problems
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: row, exact: true }) })
      .filter({ hasText: column });
  await expect(problemRow('2', '身份证号')).toContainText('校验码');
  await expect(problemRow('3', '手机号')).toBeVisible();
  await expect(problemRow('3', '所在社区')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('import-problems.png') });
  expect(count(app.dbFile, 'SELECT count(*) FROM member')).toBe(before);

  // 2. The corrected sheet goes in whole.
  await dialog.locator('input[type=file]').setInputFiles(goodFile);
  await dialog.getByRole('button', { name: /开始导入|重新导入/ }).click();
  await expect(dialog).toContainText('新增 2');
  await page.screenshot({ path: testInfo.outputPath('import-ok.png') });
  expect(count(app.dbFile, 'SELECT count(*) FROM member')).toBe(before + 2);
  await page.keyboard.press('Escape');
  await expect(page.getByText(`共 ${active + 2} 名`)).toBeVisible();

  // 3. Pinyin initials find the imported member; the drawer shows the masked ID.
  await page.getByRole('textbox', { name: '搜索党员' }).fill('oymx');
  const row = page.locator('.sg-vt-row', { hasText: '欧阳明轩' });
  await expect(row).toBeVisible();
  await row.click();
  const drawer = page.getByRole('dialog', { name: '党员「欧阳明轩」' });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(`${zhao.slice(0, 6)}********${zhao.slice(14)}`);
  await expect(drawer).not.toContainText(zhao);
  await page.screenshot({ path: testInfo.outputPath('member-drawer.png') });
  await page.keyboard.press('Escape');

  // 4. The network tree: 编入 a group, then move to another group in one action.
  await page.getByRole('link', { name: '联络网络' }).first().click();
  await page.getByRole('combobox', { name: '社区' }).click();
  await page.getByRole('option', { name: '多福巷社区', exact: true }).click();
  await page.getByRole('textbox', { name: '按姓名或拼音首字母搜索' }).fill('oymx');
  // The search is debounced: let the list settle on the one match before opening its menu.
  await expect(page.getByText('找到 1 名')).toBeVisible();
  await page.getByRole('button', { name: '把「欧阳明轩」编入联络小组' }).click();
  await page.getByRole('menuitem').first().click();
  await expect(page.getByText(/已将「欧阳明轩」编入「/)).toBeVisible();
  const memberId = count(app.dbFile, "SELECT id FROM member WHERE name = '欧阳明轩'");
  const firstGroup = count(
    app.dbFile,
    'SELECT group_id FROM liaison_assignment WHERE member_id = ? AND end_date IS NULL',
    memberId,
  );
  expect(firstGroup).toBeGreaterThan(0);
  await page.getByRole('button', { name: '联络员「欧阳明轩」：调到其他小组或解除' }).click();
  await page.getByRole('menuitem').first().click();
  await expect(page.getByText(/已将「欧阳明轩」调到「/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('network.png') });
  expect(
    count(app.dbFile, 'SELECT count(*) FROM liaison_assignment WHERE member_id = ? AND end_date IS NULL', memberId),
  ).toBe(1);
  const secondGroup = count(
    app.dbFile,
    'SELECT group_id FROM liaison_assignment WHERE member_id = ? AND end_date IS NULL',
    memberId,
  );
  expect(secondGroup).not.toBe(firstGroup);

  // 5. 报到 and the 登记卡 as PDF.
  await page.getByRole('link', { name: '党员' }).first().click();
  await page.getByRole('textbox', { name: '搜索党员' }).fill('oymx');
  await page.locator('.sg-vt-row', { hasText: '欧阳明轩' }).click();
  await drawer.getByRole('button', { name: '报到', exact: true }).click();
  const report = page.getByRole('dialog', { name: '在职党员报到：欧阳明轩' });
  await report.getByRole('textbox', { name: '服务意向' }).fill('为居民提供法律咨询');
  await report.getByRole('checkbox', { name: '已收到组织推荐信' }).check();
  await report.getByRole('button', { name: '确认报到' }).click();
  await expect(page.getByText(/「欧阳明轩」已报到，登记卡编号/)).toBeVisible();
  const preview = page.getByRole('dialog', { name: /^在职党员到社区报到登记卡-欧阳明轩-/ });
  await expect(preview.locator('iframe')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('card-preview.png') });
  const downloading = page.waitForEvent('download');
  await preview.getByRole('button', { name: '保存为 PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^登记卡-欧阳明轩-.+\.pdf$/);
  const pdf = testInfo.outputPath('card.pdf');
  await download.saveAs(pdf);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('欧阳明轩');
  expect(text).toContain(`${zhao.slice(0, 6)}********${zhao.slice(14)}`);
  expect(text).not.toContain(zhao);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, testInfo.outputPath('card')]);
  expect(fs.statSync(testInfo.outputPath('card.png')).size).toBeGreaterThan(5_000);
  expect(count(app.dbFile, 'SELECT count(*) FROM member_report WHERE member_id = ?', memberId)).toBe(1);

  expect(consoleErrors).toEqual([]);
});
