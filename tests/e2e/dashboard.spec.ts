// The dashboard as a new user meets it (issue 6, "Done means"): on the demo street, the 首页 figures equal
// `streetgrid stats --json` (itself checked against raw SQL in tests/integration/service/stats.test.ts), a bar opens
// the matching member list whose count is the bar's value, a chart's table exports to Excel and re-opens with the
// same numbers, and narrowing to one community narrows every figure.
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { cli, demoStreet, type DemoStreet } from '../harness/demo-street';
import type { StatsDashboardT } from '../../src/shared/contract';

const fmt = (n: number) => n.toLocaleString('zh-CN');

let street: DemoStreet;

test.beforeEach(async () => {
  street = await demoStreet({ members: 400 });
});

test.afterEach(async () => {
  await street.close();
});

test('dashboard figures match the records, bars open their lists, tables export to Excel', async ({
  page,
}, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const app = street.app;
  const d = JSON.parse(cli('stats', '--db', app.dbFile, '--json')) as StatsDashboardT;
  const first = d.communities[0]!;

  // 1. The figures at the top are the records' figures.
  await page.goto(app.url);
  const stat = (label: string) =>
    page.locator('.mantine-Paper-root').filter({ has: page.getByText(label, { exact: true }) });
  await expect(stat('在册党员').first()).toContainText(fmt(d.members.total));
  await expect(stat('服务活动').first()).toContainText(fmt(d.activities.total));
  await expect(stat('报到在职党员').first()).toContainText(
    `已报到 ${d.members.employedReporting.reported} / 在职 ${d.members.employedReporting.employed}`,
  );
  await expect(stat('议定事项未落实').first()).toContainText(fmt(d.decisions.open));
  const members = page.locator('[data-chart="members"]');
  await expect(members.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
  await members.screenshot({ path: testInfo.outputPath('members-chart.png') });

  // 2. The first community's 在职党员 bar opens that community's 在职党员, as many as the bar says.
  await members.locator('.recharts-bar-rectangles').first().locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(new RegExp(`#/members\\?community=${first.id}&category=employed$`));
  await expect(page.getByText(`共 ${fmt(d.members.byCommunityCategory[first.code]!.在职党员)} 名`)).toBeVisible();

  // 3. Back on the dashboard, the same chart as a table, exported to Excel: the workbook holds the same numbers.
  await page.goBack();
  await members.getByText('表格', { exact: true }).click();
  const row = members.getByRole('row').filter({ hasText: first.name });
  const cats = d.members.byCommunityCategory[first.code]!;
  await expect(row).toContainText(String(cats.在职党员));
  const downloading = page.waitForEvent('download');
  await members.getByRole('button', { name: '导出 Excel' }).click();
  const file = testInfo.outputPath('members.xlsx');
  await (await downloading).saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect(String(ws.getCell('A1').value)).toContain('在册党员分布');
  expect(String(ws.getCell('A1').value)).toContain('东华门街道');
  const rows = ws.getSheetValues().filter(Array.isArray) as unknown[][];
  const excelRow = rows.find((r) => r[1] === first.name)!;
  expect(excelRow.slice(2, 6)).toEqual([
    cats.在职党员,
    cats.离退休党员,
    cats.流动党员,
    cats.在职党员 + cats.离退休党员 + cats.流动党员,
  ]);
  const totalRow = rows.find((r) => r[1] === '合计')!;
  expect(totalRow[5]).toBe(d.members.total);

  // 4. An activity bar opens that month's activities of that category.
  const acts = page.locator('[data-chart="activities"]');
  await acts.locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/#\/activities\?month=\d{4}-\d{2}&category=\w+/);
  await page.goBack();

  // 5. One community: every figure narrows to it.
  await page.getByRole('combobox', { name: '范围' }).click();
  await page.getByRole('option', { name: first.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`community=${first.id}`));
  const one = JSON.parse(cli('stats', '--db', app.dbFile, '--community', first.code, '--json')) as StatsDashboardT;
  await expect(stat('在册党员').first()).toContainText(fmt(one.members.total));
  await expect(stat('服务活动').first()).toContainText(fmt(one.activities.total));
  await page.screenshot({ path: testInfo.outputPath('dashboard-one-community.png'), fullPage: true });
  expect(errors).toEqual([]);
});
