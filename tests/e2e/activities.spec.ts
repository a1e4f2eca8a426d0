// Service work as a new user meets it (issue 4, "Done means"): on a street with the demo data, record an activity
// for 30 members from a sign-in sheet (type a name, Enter — timed), see the core refuse 30 hours on the row that has
// them, fix it as an exception and save; open the 参加社区活动情况统计表 and export it to Excel; evaluate a
// community's reported 在职党员 and save; batch-print the 在职党员活动情况反馈表 of one unit and check the PDF.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { ROOT, startBrowserMode, tempDataDir, type BrowserMode } from '../harness/browser-mode';

const CLI = path.join(ROOT, 'bin', 'streetgrid.mjs');

function cli(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

function query<T>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function one(dbFile: string, sql: string, ...params: unknown[]): number {
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

/** The browser's calendar (Asia/Shanghai in playwright.config.ts): the half-year the screens open on. */
function currentHalf(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .formatToParts(new Date())
    .reduce<Record<string, string>>((o, p) => ({ ...o, [p.type]: p.value }), {});
  return `${parts.year}H${Number(parts.month) <= 6 ? 1 : 2}`;
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

test('sign-in sheet for 30 members → 统计表 and Excel → evaluations → 反馈表 batch PDF for one unit', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // The document preview is a sandboxed iframe without scripts (see registry.spec.ts).
    if (m.type() === 'error' && !/^Blocked script execution in 'about:srcdoc'/.test(m.text()))
      consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  // 30 members whose names are unique in the register: typing the name and Enter must add exactly that member.
  const members = query<{ id: number; name: string }>(
    app.dbFile,
    `select min(id) as id, name from member where status = 'active' and deleted_at is null
     group by name having count(*) = 1 order by min(id) limit 30`,
  );
  expect(members).toHaveLength(30);
  const activitiesBefore = one(app.dbFile, 'select count(*) from activity where deleted_at is null');

  await page.goto(app.url);
  await page.getByRole('link', { name: '服务活动' }).first().click();
  await expect(page.getByText(`共 ${activitiesBefore} 次活动`)).toBeVisible();
  await page.getByRole('link', { name: '新增活动' }).click();

  // 1. The activity itself.
  await page.getByRole('textbox', { name: '活动名称' }).fill('社区环境清洁日');
  await page.getByRole('combobox', { name: '社区', exact: true }).click();
  await page.getByRole('option', { name: '多福巷社区', exact: true }).click();
  await page.getByRole('combobox', { name: '类别', exact: true }).click();
  await page.getByRole('option', { name: '环境卫生', exact: true }).click();
  await page.getByRole('textbox', { name: '活动地点' }).fill('多福巷社区党群服务中心');
  await page.locator('input[type=time]').first().fill('09:00');
  await page.locator('input[type=time]').nth(1).fill('11:30');

  // 2. The sign-in sheet: 统一时长 2.5, then 30 names, each typed and entered; the focus never leaves the box.
  await page.getByRole('textbox', { name: '统一时长（小时）' }).fill('2.5');
  const box = page.getByRole('combobox', { name: '按签到表逐个添加党员' });
  const started = Date.now();
  await box.click();
  for (const m of members) {
    await box.fill(m.name);
    await box.press('Enter');
    await expect(box).toHaveValue('');
  }
  await expect(page.getByText('参与党员 30 名，共 75 小时')).toBeVisible();
  const seconds = (Date.now() - started) / 1000;
  console.log(`sign-in sheet: 30 members entered in ${seconds.toFixed(1)} s`);
  await expect(box).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('sign-in-sheet.png'), fullPage: true });

  // 3. An exception typed wrongly (30 hours) is refused by the core on that row; nothing is written.
  const special = members[4]!;
  const hours = page.getByRole('textbox', { name: `「${special.name}」的服务时长` });
  await hours.fill('30');
  await page.getByRole('button', { name: '保存活动' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '不超过 24 小时' })).toBeVisible();
  expect(one(app.dbFile, 'select count(*) from activity where deleted_at is null')).toBe(activitiesBefore);
  await hours.fill('4');
  await page.getByRole('textbox', { name: `「${special.name}」的角色` }).fill('召集人');
  await page.getByRole('button', { name: '保存活动' }).click();
  await expect(page.getByText('已登记服务活动「社区环境清洁日」，参与者 30 名')).toBeVisible();
  const activityId = one(app.dbFile, "select id from activity where title = '社区环境清洁日' and deleted_at is null");
  expect(activityId).toBeGreaterThan(0);
  const rows = query<{ memberId: number; hours: number; role: string | null }>(
    app.dbFile,
    'select member_id as memberId, hours, role from activity_participant where activity_id = ?',
    activityId,
  );
  expect(rows.map((r) => r.memberId).sort((a, b) => a - b)).toEqual(members.map((m) => m.id).sort((a, b) => a - b));
  for (const r of rows) {
    if (r.memberId === special.id) expect(r).toMatchObject({ hours: 4, role: '召集人' });
    else expect(r).toMatchObject({ hours: 2.5, role: null });
  }
  await page.screenshot({ path: testInfo.outputPath('activity-saved.png') });

  // 4. The 统计表 of 多福巷社区: on screen, then to Excel.
  await page.getByRole('link', { name: '活动统计表' }).click();
  await page.getByRole('combobox', { name: '社区', exact: true }).click();
  await page.getByRole('option', { name: '多福巷社区', exact: true }).click();
  await page.getByText('半年', { exact: true }).click();
  const table = page.getByRole('table', { name: '参加社区活动情况统计表' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '合计' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('participation.png') });
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/^参加社区活动情况统计表-多福巷社区-.+\.xlsx$/);
  const xlsxFile = testInfo.outputPath('participation.xlsx');
  await xlsx.saveAs(xlsxFile);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxFile);
  const sheetText = wb.worksheets
    .flatMap((ws) => ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.map((c) => String(c ?? '')) : [])))
    .join('|');
  expect(sheetText).toContain('参加社区活动情况统计表');
  expect(sheetText).toContain('服务时长（小时）');

  // 5. Evaluations of 多福巷社区 for the current half-year: all 合格, one 优秀 with a comment, one 保存.
  const period = currentHalf();
  await page.getByRole('link', { name: '评价与反馈表' }).click();
  await page.getByRole('combobox', { name: '社区', exact: true }).click();
  await page.getByRole('option', { name: '多福巷社区', exact: true }).click();
  const evalTable = page.getByRole('table', { name: '在职党员半年评价' });
  await expect(evalTable).toBeVisible();
  const n = (await evalTable.locator('tbody tr').count()) as number;
  expect(n).toBeGreaterThan(1);
  await page.getByRole('button', { name: '全部设为合格' }).click();
  const firstName = (await evalTable.locator('tbody tr').first().locator('td').nth(1).innerText()).trim();
  await page.getByRole('combobox', { name: `「${firstName}」的评价等次` }).selectOption('excellent');
  await page.getByRole('textbox', { name: `「${firstName}」的评价意见` }).fill('积极参加社区服务，表现突出');
  await page.getByRole('button', { name: '保存评价' }).click();
  await expect(page.getByText(`已保存 ${n} 名党员的评价`)).toBeVisible();
  await expect(page.getByText('全部党员均已评价')).toBeVisible();
  const communityId = one(app.dbFile, "select id from community where name = '多福巷社区'");
  expect(
    one(
      app.dbFile,
      'select count(*) from member_evaluation where community_id = ? and period = ?',
      communityId,
      period,
    ),
  ).toBe(n);
  expect(
    one(
      app.dbFile,
      "select count(*) from member_evaluation where community_id = ? and period = ? and grade = 'excellent'",
      communityId,
      period,
    ),
  ).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('evaluations.png') });

  // 6. Batch print for one unit: a PDF with a cover and the unit's forms; no full ID number in it.
  await page.getByRole('combobox', { name: '送达单位', exact: true }).click();
  // The unit with the most forms (a cover page plus at least one form each).
  const options = page.getByRole('option', { name: /（\d+ 份）$/ }).filter({ hasNotText: '全部单位' });
  const labels = (await options.allInnerTexts()).map((t) => t.trim());
  const counts = labels.map((t) => Number(/（(\d+) 份）$/.exec(t)?.[1] ?? 0));
  const best = counts.indexOf(Math.max(...counts));
  const option = options.nth(best);
  const label = labels[best]!;
  const forms = counts[best]!;
  expect(forms).toBeGreaterThan(0);
  await option.click();
  const pdfDownload = page.waitForEvent('download');
  const batchStarted = Date.now();
  await page.getByRole('button', { name: '生成 PDF' }).click();
  const pdf = await pdfDownload;
  console.log(`batch 反馈表: ${forms} forms for ${label} in ${((Date.now() - batchStarted) / 1000).toFixed(1)} s`);
  expect(pdf.suggestedFilename()).toMatch(/^反馈表-.+\.pdf$/);
  const pdfFile = testInfo.outputPath('feedback.pdf');
  await pdf.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeGreaterThanOrEqual(forms + 1);
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  expect(text).toContain('在职党员活动情况反馈表');
  expect(text).not.toMatch(/\d{17}[\dX]/);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdfFile, testInfo.outputPath('feedback')]);

  expect(consoleErrors).toEqual([]);
});
