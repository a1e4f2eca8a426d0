// 统计 and 目标考评 as a new user meets them (issue 6): on the demo street, open 统计, read the 党员分类 table (its
// total is the 在册 count in the DB), click a number through to the member list it counts, switch to 服务活动 and
// click a category through to the activity list, export the table to Excel (re-opened: same numbers as raw SQL),
// preview it for printing; then open 目标考评, change a weight in 考评设置 (stored normalised; no enabled indicator is
// refused in Chinese; 恢复默认), and preview 全部打印 (one page per community). Screenshots in the output folder.
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { one, demoStreet, type DemoStreet } from '../harness/demo-street';

const YEAR = new Date().getFullYear();

let street: DemoStreet;
let app: DemoStreet['app'];
let db: string;

test.beforeEach(async () => {
  street = await demoStreet({ members: 300 });
  app = street.app;
  db = street.dbFile;
});

test.afterEach(async () => {
  await street.close();
});

test('统计表: read, click through, export to Excel, print; 目标考评: change a weight and print all', async ({
  page,
}, testInfo) => {
  const consoleErrors: string[] = [];
  // Playwright's own probes into the sandboxed preview frame are refused by its sandbox (no allow-scripts): not ours.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Blocked script execution in 'about:srcdoc'/.test(m.text()))
      consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  await page.goto(app.url);
  await page.getByRole('navigation').getByRole('link', { name: '统计', exact: true }).click();
  await expect(page.getByRole('heading', { name: '统计表' })).toBeVisible();
  const members = page.getByRole('table', { name: '党员分类统计表' });
  await expect(members).toBeVisible();
  const active = one<number>(db, "SELECT count(*) FROM member WHERE deleted_at IS NULL AND status = 'active'");
  const totalRow = members.locator('tfoot tr');
  await expect(totalRow.locator('td').last()).toHaveText(active.toLocaleString('zh-CN'));
  await shot('01-members-table');

  // A number leads to the members it counts: 多福巷社区's 在职党员.
  const dfx = one<number>(db, "SELECT id FROM community WHERE name = '多福巷社区'");
  const employed = one<number>(
    db,
    "SELECT count(*) FROM member WHERE deleted_at IS NULL AND status = 'active' AND category = 'employed' AND community_id = ?",
    dfx,
  );
  const dfxRow = members.getByRole('row').filter({ hasText: '多福巷社区' });
  await dfxRow.locator('td').nth(2).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/members\\?community=${dfx}&category=employed`));
  await expect(page.getByText(new RegExp(`共\\s*${employed}\\s*名`)).first()).toBeVisible();
  await page.goBack();

  // 服务活动 for the year: the street-wide row, a category number → the activity list with the same filters.
  await page.getByRole('radiogroup', { name: '统计表' }).getByText('服务活动', { exact: true }).click();
  const acts = page.getByRole('table', { name: '服务活动分类统计表' });
  await expect(acts).toBeVisible();
  await expect(acts.getByRole('row').filter({ hasText: '街道（全街道范围）' })).toBeVisible();
  const yearActs = one<number>(
    db,
    'SELECT count(*) FROM activity WHERE deleted_at IS NULL AND date BETWEEN ? AND ?',
    `${YEAR}-01-01`,
    `${YEAR}-12-31`,
  );
  const headers = await acts.locator('thead th').allTextContents();
  const totalCol = headers.indexOf('活动场次合计');
  await expect(acts.locator('tfoot td').nth(totalCol - 1)).toHaveText(yearActs.toLocaleString('zh-CN'));
  const culture = headers.indexOf('文体');
  const cultureLink = acts
    .getByRole('row')
    .filter({ hasText: '多福巷社区' })
    .locator('td')
    .nth(culture)
    .getByRole('link');
  await cultureLink.click();
  await expect(page).toHaveURL(new RegExp(`#/activities\\?community=${dfx}&category=culture&from=${YEAR}-01-01`));
  await page.goBack();
  await expect(acts).toBeVisible();
  await shot('02-activities-table');

  // Excel: the same numbers as raw SQL.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`服务活动分类统计表-全街道-${YEAR}.xlsx`);
  const xlsx = testInfo.outputPath('acts.xlsx');
  await file.saveAs(xlsx);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.worksheets[0]!;
  expect(ws.getCell('A1').value).toBe('服务活动分类统计表');
  const header = (ws.getRow(3).values as unknown[]).slice(1);
  const col = header.indexOf('活动场次合计') + 1;
  let last = 4;
  while (ws.getRow(last).getCell(1).value !== '合计') last++;
  expect(ws.getRow(last).getCell(col).value).toBe(yearActs);

  // Print preview of the table.
  await page.getByRole('button', { name: '打印 / 保存为 PDF' }).click();
  const preview = page.getByRole('dialog');
  await expect(preview.frameLocator('iframe').getByText('服务活动分类统计表')).toBeVisible();
  await expect(
    preview
      .frameLocator('iframe')
      .getByText(/制表日期/)
      .first(),
  ).toBeVisible();
  await shot('03-table-print-preview');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  // 目标考评: ranked table, the definitions next to the scores.
  await page.getByRole('navigation').getByRole('link', { name: '目标考评' }).click();
  const card = page.getByRole('table', { name: `${YEAR}年度社区目标考评` });
  await expect(card).toBeVisible();
  await expect(card.getByRole('row')).toHaveCount(1 + 10);
  await expect(page.getByText('指标定义', { exact: true })).toBeVisible();
  await shot('04-scorecard');

  // 考评设置: a negative weight is refused, then 联络网络覆盖 weighs 0 and 共建承诺完成 40 of 100.
  await page.getByRole('button', { name: '考评设置' }).click();
  const drawer = page.getByRole('dialog');
  // Nothing enabled is refused in Chinese and nothing is stored; 恢复默认 brings every indicator back.
  for (const box of await drawer.getByRole('checkbox').all()) await box.uncheck();
  await drawer.getByRole('button', { name: '保存设置' }).click();
  await expect(drawer.getByText('至少要启用一项考评指标')).toBeVisible();
  expect(one<number>(db, "SELECT count(*) FROM settings WHERE key = 'scoreEnabled'")).toBe(0);
  await drawer.getByRole('button', { name: '恢复默认' }).click();
  await expect(drawer.getByRole('checkbox', { checked: true })).toHaveCount(6);
  await drawer.getByRole('textbox', { name: '联络网络覆盖权重' }).fill('0');
  for (const name of ['在职党员参与权重', '议事会议召开权重', '服务岗位认领权重', '“三有”达标权重'])
    await drawer.getByRole('textbox', { name }).fill('15');
  await drawer.getByRole('textbox', { name: '共建承诺完成权重' }).fill('40');
  await expect(drawer.getByText('占 40%')).toBeVisible();
  await shot('05-scorecard-settings');
  await drawer.getByRole('button', { name: '保存设置' }).click();
  await expect(drawer).toBeHidden();
  const stored = JSON.parse(one<string>(db, "SELECT value FROM settings WHERE key = 'scoreWeights'")) as Record<
    string,
    number
  >;
  expect(stored.networkCoverage).toBe(0);
  expect(stored.commitmentsDone).toBeCloseTo(0.4, 5);
  await expect(card.locator('thead')).toContainText('权重 40.0%');
  await expect(card.locator('thead')).toContainText('权重 0.0%');

  // 全部打印: one page per community.
  await page.getByRole('button', { name: '全部打印' }).click();
  const sheets = page.getByRole('dialog');
  await expect(sheets.frameLocator('iframe').getByText(`${YEAR}年度社区目标考评表`).first()).toBeVisible();
  await expect(sheets.frameLocator('iframe').locator('section.sc-page')).toHaveCount(10);
  await shot('06-scorecard-print-all');

  expect(consoleErrors).toEqual([]);
});
