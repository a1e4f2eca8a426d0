// Coordination meetings as a new user meets them (issue 5, "Done means"): on a street with the demo registry but no
// meetings yet, create the default bodies, record a quarter's meetings for two communities (one of them skips the
// last quarter), see the compliance grid flag the missed quarter, enter a meeting with a deadline before the meeting
// date (the message lands on that decision, nothing is written), fix and save it, follow a decision to 已落实 on the
// board, then open the 会议纪要 and save it as PDF (a real %PDF-) and export it as Word (a real .docx zip).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, startBrowserMode, tempDataDir, type BrowserMode } from '../harness/browser-mode';

const CLI = path.join(ROOT, 'bin', 'streetgrid.mjs');

function cli(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

function one<T>(dbFile: string, sql: string, ...params: unknown[]): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
}

const count = (dbFile: string, sql: string, ...params: unknown[]) => one<number>(dbFile, sql, ...params) ?? 0;

/** The demo seed records a year of meetings; this test starts without any (bodies included). */
function clearMeetings(dbFile: string): void {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.exec(`BEGIN;
      DELETE FROM decision_note; DELETE FROM decision; DELETE FROM agenda_item; DELETE FROM meeting_attendee;
      DELETE FROM meeting_minutes; DELETE FROM meeting; DELETE FROM meeting_body_member; DELETE FROM meeting_body;
      COMMIT;`);
  } finally {
    db.close();
  }
}

// Last year's third and fourth quarters: both over, whatever today is.
const YEAR = new Date().getFullYear() - 1;
const A = '多福巷社区';
const B = '银闸社区';

let app: BrowserMode;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = tempDataDir();
  const db = path.join(dataDir, 'streetgrid.db');
  cli('init', '--db', db, '--street', '110101001');
  cli('seed', '--db', db, '--demo', '--members', '300', '--seed', '7');
  clearMeetings(db);
  app = await startBrowserMode(dataDir);
});

test.afterEach(async () => {
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function pickBody(page: Page, community: string) {
  await page.getByRole('combobox', { name: '会议机构', exact: true }).click();
  await page.getByRole('option', { name: `${community}共驻共建协调议事小组` }).click();
}

/** A short meeting: body, date, one named attendee; saved. Returns the meeting id. */
async function quickMeeting(page: Page, community: string, date: string): Promise<number> {
  await page.goto(`${app.url}#/meetings/new`);
  await pickBody(page, community);
  await page.getByLabel('会议日期').fill(date);
  const person = page.getByRole('textbox', { name: '添加其他人员' });
  await person.fill('周建国');
  await person.press('Enter');
  await page.getByRole('button', { name: '保存会议' }).click();
  await expect(page).toHaveURL(/#\/meetings\/\d+$/);
  return Number(/meetings\/(\d+)$/.exec(page.url())![1]);
}

test('default bodies → a quarter of meetings → compliance flags the miss → bad deadline refused → decision closed → minutes PDF and Word', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Blocked script execution in 'about:srcdoc'/.test(m.text()))
      consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const db = app.dbFile;
  const communities = count(db, 'SELECT count(*) FROM community');
  const member = one<string>(
    db,
    "SELECT m.name FROM member m JOIN community c ON c.id = m.community_id WHERE c.name = ? AND m.status = 'active' ORDER BY m.id LIMIT 1",
    A,
  );

  // 1. 一键建立各社区协调议事小组: the street's 协调会 and one 协调议事小组 per community.
  await page.goto(app.url);
  await page.getByRole('link', { name: '协调议事会议' }).click();
  await expect(page.getByText('还没有会议机构。请先在「会议机构」中建立')).toBeVisible();
  await page.getByRole('tab', { name: '会议机构' }).click();
  await page.getByRole('button', { name: '一键建立各社区协调议事小组' }).first().click();
  await expect(page.getByText(`已新建 ${communities + 1} 个会议机构。`)).toBeVisible();
  expect(count(db, 'SELECT count(*) FROM meeting_body WHERE deleted_at IS NULL')).toBe(communities + 1);
  await expect(page.getByRole('cell', { name: `${A}共驻共建协调议事小组 共驻共建协调议事小组` })).toBeVisible();

  // 2. A meeting of A in Q3 with attendees, an agenda item and a decision whose deadline is before the meeting.
  await page.getByRole('link', { name: '新建会议' }).click();
  await expect(page.getByRole('heading', { name: '新建会议' })).toBeVisible();
  await pickBody(page, A);
  await page.getByLabel('会议日期').fill(`${YEAR}-08-20`);
  await page.getByLabel('地点').fill('社区议事协商室');
  await page.getByLabel('主持人').fill('郭美玲');
  const search = page.getByRole('combobox', { name: '添加党员' });
  await search.fill(member);
  await expect(page.getByRole('option', { name: new RegExp(member) }).first()).toBeVisible();
  await search.press('Enter');
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  const person = page.getByRole('textbox', { name: '添加其他人员' });
  await person.fill('王小明');
  await person.press('Enter');
  await person.fill('李秀英');
  await person.press('Enter');
  const attendees = page.getByRole('table', { name: '参会人员' });
  await expect(attendees.getByRole('row')).toHaveCount(4);
  await attendees
    .locator('label', { hasText: /^请假$/ })
    .nth(2)
    .click();
  await page.getByLabel('李秀英的请假事由').fill('出差');
  await expect(page.getByText('出席 2 人，列席 0 人，请假 1 人')).toBeVisible();

  await page.getByRole('button', { name: '添加议题' }).click();
  await page.getByRole('textbox', { name: '议题', exact: true }).fill('研究老旧小区停车难问题');
  await page.getByRole('textbox', { name: '讨论情况' }).fill('与会单位同意错时开放内部停车场。');
  await page.getByRole('button', { name: '添加议定事项' }).click();
  const decision = page.getByRole('group', { name: '第 1 项' });
  await decision.getByLabel('事项内容').fill('驻区单位夜间错时开放停车位');
  await decision.getByLabel('责任人 / 其他责任方').fill('社区居委会');
  await decision.getByLabel('完成时限').fill(`${YEAR}-08-01`);
  await page.getByRole('button', { name: '保存会议' }).click();
  await expect(decision.getByText('完成时限不能早于会议日期')).toBeVisible();
  await expect(page).toHaveURL(/#\/meetings\/new/);
  expect(count(db, 'SELECT count(*) FROM meeting')).toBe(0);

  await decision.getByLabel('完成时限').fill(`${YEAR}-09-30`);
  await expect(decision.getByText('完成时限不能早于会议日期')).toHaveCount(0);
  await page.getByRole('button', { name: '保存会议' }).click();
  await expect(page).toHaveURL(/#\/meetings\/\d+$/);
  const firstId = Number(/meetings\/(\d+)$/.exec(page.url())![1]);
  expect(count(db, 'SELECT count(*) FROM meeting')).toBe(1);
  expect(count(db, 'SELECT count(*) FROM meeting_attendee WHERE meeting_id = ?', firstId)).toBe(3);
  expect(
    one<string>(db, "SELECT reason FROM meeting_attendee WHERE meeting_id = ? AND attendance = 'leave'", firstId),
  ).toBe('出差');
  expect(
    count(db, 'SELECT count(*) FROM decision WHERE meeting_id = ? AND deadline = ?', firstId, `${YEAR}-09-30`),
  ).toBe(1);

  // 3. The rest of the half year: A meets again in Q4, B only in Q3.
  await quickMeeting(page, A, `${YEAR}-11-12`);
  const bQ3 = await quickMeeting(page, B, `${YEAR}-09-05`);
  expect(count(db, 'SELECT count(*) FROM meeting')).toBe(3);

  // 4. The compliance grid of that year: B's fourth quarter is missed, A met both.
  await page.goto(`${app.url}#/meetings?tab=compliance&year=${YEAR}`);
  const grid = page.getByRole('table', { name: '季度达标情况' });
  await expect(grid.getByRole('link', { name: `${A}第三季度：已召开` })).toBeVisible();
  await expect(grid.getByRole('link', { name: `${A}第四季度：已召开` })).toBeVisible();
  await expect(grid.getByLabel(`${B}第四季度：未召开`)).toBeVisible();
  await expect(grid.getByRole('row').filter({ hasText: B }).getByText('缺 3 个季度')).toBeVisible();
  await grid.getByRole('link', { name: `${B}第三季度：已召开` }).click();
  await expect(page).toHaveURL(new RegExp(`#/meetings/${bQ3}$`));

  // 5. Follow the decision to 已落实 on the board.
  await page.getByRole('link', { name: '议定事项' }).click();
  await page.getByRole('tab', { name: '已逾期' }).click();
  const row = page.getByRole('row').filter({ hasText: '驻区单位夜间错时开放停车位' });
  await expect(row.getByText('已逾期')).toBeVisible();
  await row.getByRole('button', { name: /跟踪/ }).click();
  const drawer = page.getByRole('dialog', { name: '跟踪落实' });
  await expect(drawer.getByText('还没有跟踪记录')).toBeVisible();
  await drawer.locator('label', { hasText: /^已落实$/ }).click();
  await drawer.getByLabel('落实情况').fill('已与驻区单位签订错时停车协议，40个车位开放');
  await drawer.getByRole('button', { name: '记录跟踪情况' }).click();
  await expect(page.getByText('已落实，事项关闭')).toBeVisible();
  expect(one<string>(db, 'SELECT status FROM decision WHERE meeting_id = ?', firstId)).toBe('done');
  expect(count(db, 'SELECT count(*) FROM decision_note')).toBe(1);
  await page.getByRole('tab', { name: '已落实' }).click();
  await expect(page.getByRole('row').filter({ hasText: '驻区单位夜间错时开放停车位' })).toBeVisible();

  // 6. The minutes: preview, save as PDF, export Word; both are kept as printed versions.
  await page.goto(`${app.url}#/meetings/${firstId}`);
  await page.getByRole('link', { name: '会议纪要' }).click();
  await expect(page.getByRole('heading', { name: '会议纪要', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '标题', exact: true })).toHaveValue(
    `${A}共驻共建协调议事小组会议纪要`,
  );
  await page.getByRole('button', { name: '预览' }).click();
  const preview = page.getByRole('dialog');
  await expect(preview.frameLocator('iframe').getByText('研究老旧小区停车难问题').first()).toBeVisible();

  const pdfDownload = page.waitForEvent('download');
  await preview.getByRole('button', { name: '保存为 PDF' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfFile = path.join(dataDir, 'minutes.pdf');
  await pdf.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  const docxDownload = page.waitForEvent('download');
  await preview.getByRole('button', { name: '导出 Word' }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  const docxFile = path.join(dataDir, 'minutes.docx');
  await docx.saveAs(docxFile);
  const bytes = fs.readFileSync(docxFile);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);

  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(page.getByRole('table', { name: '印发版本' }).getByRole('row')).toHaveCount(2);
  expect(
    count(db, 'SELECT count(*) FROM meeting_minutes WHERE meeting_id = ? AND printed_at IS NOT NULL', firstId),
  ).toBe(2);

  expect(consoleErrors).toEqual([]);
});
