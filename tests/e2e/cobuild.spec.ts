// 共建协议 / 服务岗位 / 志愿服务队 as a new user meets them (issue 4, "Done means"), on a street with the demo data:
// create an agreement with commitments and mark one done (checked in the database), open the 协议书 preview and save
// it as a real PDF; set up a post, claim it (推荐党员 and 登记认领), approve one claim and see the over-claim refused
// with its Chinese message; create a volunteer team and add several members at once, found by pinyin initials.
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

/** A read-only look at the database the app is writing. */
function query<T>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function isoDay(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Picks an option in a Mantine Select found by its label (searchable ones are typed into first). */
async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string, type?: string) {
  const box = scope.getByRole('combobox', { name: new RegExp(`^${label}`) });
  await box.click();
  if (type !== undefined) await box.fill(type);
  await page.getByRole('option', { name: option, exact: true }).click();
}

let app: BrowserMode;
let started = false;
let dataDir: string;
let consoleErrors: string[];

test.beforeEach(async ({ page }) => {
  dataDir = tempDataDir();
  const db = path.join(dataDir, 'streetgrid.db');
  cli('init', '--db', db, '--street', '110101001');
  cli('seed', '--db', db, '--demo', '--members', '300', '--seed', '7');
  consoleErrors = [];
  app = await startBrowserMode(dataDir);
  started = true;
  page.on('console', (m) => {
    // The document preview is a sandboxed iframe without scripts (see registry.spec.ts).
    if (m.type() === 'error' && !/^Blocked script execution in 'about:srcdoc'/.test(m.text()))
      consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

test.afterEach(async () => {
  if (started) await app.stop();
  started = false;
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(consoleErrors).toEqual([]);
});

test('共建协议: create with commitments, mark one done, print preview and 保存为 PDF', async ({ page }, testInfo) => {
  const year = new Date().getFullYear();
  // A unit without an agreement with 多福巷社区 this year (the demo data has some).
  const [unit] = query<{ id: number; name: string }>(
    app.dbFile,
    `select u.id, u.name from unit u where u.deleted_at is null and not exists (
       select 1 from agreement a join community c on c.id = a.community_id
       where a.unit_id = u.id and a.year = ? and c.name = '多福巷社区' and a.deleted_at is null)
     order by u.id limit 1`,
    year,
  );
  expect(unit).toBeDefined();

  await page.goto(app.url);
  await page.getByRole('link', { name: '共建协议' }).click();
  await expect(page.getByRole('heading', { name: '共建协议' })).toBeVisible();
  await page.getByRole('button', { name: '新增共建协议' }).click();
  const dialog = page.getByRole('dialog', { name: '新增共建协议' });
  await pick(page, dialog, '驻区单位（乙方）', unit!.name, unit!.name);
  await pick(page, dialog, '社区（甲方）', '多福巷社区');
  await dialog.getByRole('checkbox', { name: '联党建' }).check();
  await dialog.getByRole('checkbox', { name: '联卫生' }).check();
  await dialog.getByRole('textbox', { name: '甲方代表' }).fill('王书记');

  // Saving without content in a row that has a date points at that row.
  await dialog.getByLabel(/^完成时限 第 1 项/).fill(isoDay(-20));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('不能为空')).toBeVisible();

  await dialog.getByRole('textbox', { name: /^承诺内容.*第 1 项/ }).fill('每季度开放会议室供社区使用');
  await pick(page, dialog, `领域 第 1 项`, '联党建');
  await dialog.getByRole('textbox', { name: /^承诺内容.*第 2 项/ }).fill('组织职工参加社区环境整治');
  await pick(page, dialog, `领域 第 2 项`, '联卫生');
  await dialog.getByLabel(/^完成时限 第 2 项/).fill(isoDay(60));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  // The agreement's page: two commitments, the first one overdue.
  await expect(page.getByRole('heading', { name: new RegExp(`${year}年度多福巷社区与.*共驻共建协议`) })).toBeVisible();
  const commitments = page.getByRole('table', { name: '承诺事项' });
  await expect(commitments.getByRole('row')).toHaveCount(3);
  const first = commitments.getByRole('row').filter({ hasText: '每季度开放会议室供社区使用' });
  await expect(first.getByText('已逾期')).toBeVisible();
  await expect(page.getByText('逾期 1 项')).toBeVisible();

  const [agreement] = query<{ id: number }>(
    app.dbFile,
    `select a.id from agreement a join community c on c.id = a.community_id
     where a.unit_id = ? and a.year = ? and c.name = '多福巷社区' and a.deleted_at is null`,
    unit!.id,
    year,
  );
  expect(agreement).toBeDefined();
  expect(
    query<{ n: number }>(app.dbFile, 'select count(*) as n from commitment where agreement_id = ?', agreement!.id)[0]!
      .n,
  ).toBe(2);

  // 标记完成 with evidence.
  await first.getByRole('button', { name: '标记完成' }).click();
  const done = page.getByRole('dialog', { name: '标记为已完成' });
  await done.getByRole('textbox', { name: '完成佐证' }).fill('已开放会议室 3 次，见签到表');
  await expect(done.getByLabel('佐证日期')).toHaveValue(isoDay(0));
  await done.getByRole('button', { name: '确认完成' }).click();
  await expect(done).toBeHidden();
  await expect(first.getByText('已完成')).toBeVisible();
  await expect(first.getByText('已逾期')).toHaveCount(0);
  await expect(page.getByText('逾期 1 项')).toHaveCount(0);
  const rows = query<{ content: string; status: string; evidence_note: string | null; evidence_date: string | null }>(
    app.dbFile,
    'select content, status, evidence_note, evidence_date from commitment where agreement_id = ? order by sort_order',
    agreement!.id,
  );
  expect(rows).toEqual([
    {
      content: '每季度开放会议室供社区使用',
      status: 'done',
      evidence_note: '已开放会议室 3 次，见签到表',
      evidence_date: isoDay(0),
    },
    { content: '组织职工参加社区环境整治', status: 'pending', evidence_note: null, evidence_date: null },
  ]);

  // The 协议书: preview, then 保存为 PDF.
  await page.getByRole('button', { name: '打印协议书' }).click();
  const preview = page.getByRole('dialog').filter({ has: page.locator('iframe') });
  const frame = preview.frameLocator('iframe');
  await expect(frame.getByText('每季度开放会议室供社区使用')).toBeVisible();
  await expect(frame.getByText(unit!.name).first()).toBeVisible();
  const downloading = page.waitForEvent('download');
  await preview.getByRole('button', { name: '保存为 PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = testInfo.outputPath('agreement.pdf');
  await download.saveAs(pdf);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('每季度开放会议室供社区使用');
  expect(text).toContain(unit!.name.replace(/\s+/g, ''));
});

test('服务岗位: set up a post, claim it, approve one claim, over-claiming refused', async ({ page }) => {
  // A skill some member of 多福巷社区 has, so that 推荐党员 has someone to suggest.
  const skilled = query<{ skills: string }>(
    app.dbFile,
    `select m.skills from member m join community c on c.id = m.community_id
     where c.name = '多福巷社区' and m.status = 'active' and m.deleted_at is null and m.skills != '[]'
     order by m.id limit 1`,
  );
  const skill = (JSON.parse(skilled[0]!.skills) as string[])[0]!;

  await page.goto(app.url);
  await page.getByRole('link', { name: '服务岗位' }).click();
  await page.getByRole('button', { name: '新增服务岗位' }).click();
  const dialog = page.getByRole('dialog', { name: '新增服务岗位' });
  await pick(page, dialog, '设岗社区', '多福巷社区');
  await dialog.getByRole('textbox', { name: /^岗位名称/ }).fill('楼门政策宣讲员');
  await pick(page, dialog, '岗位类别', '组织建设');
  await dialog.getByRole('textbox', { name: /^定员人数/ }).fill('1');
  const skills = dialog.getByLabel('所需专业特长');
  await skills.fill(skill);
  await skills.press('Enter');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: /楼门政策宣讲员/ })).toBeVisible();
  const postId = query<{ id: number }>(app.dbFile, "select id from service_post where name = '楼门政策宣讲员'")[0]!.id;

  // 推荐党员: one click claims for the first suggested member.
  const suggestions = page.getByRole('region', { name: '推荐党员' });
  const firstSuggested = suggestions.getByRole('listitem').first();
  await expect(firstSuggested).toBeVisible();
  const suggestedName = (await firstSuggested.getAttribute('aria-label'))!;
  await firstSuggested.getByRole('button', { name: '认领' }).click();
  const pendingTable = page.getByRole('table', { name: '待审核' });
  await expect(pendingTable.getByRole('row', { name: new RegExp(suggestedName) })).toBeVisible();
  await expect(suggestions.getByRole('listitem', { name: suggestedName, exact: true })).toHaveCount(0);

  // 登记认领 for a member found by name.
  const [other] = query<{ name: string }>(
    app.dbFile,
    `select m.name from member m where m.status = 'active' and m.deleted_at is null and m.name != ?
       and (select count(*) from member x where x.name = m.name) = 1 order by m.id limit 1`,
    suggestedName,
  );
  await page.getByRole('button', { name: '登记认领', exact: true }).click();
  const claim = page.getByRole('dialog', { name: /^登记认领/ });
  await claim.getByRole('combobox', { name: /^认领党员/ }).fill(other!.name);
  await page.getByRole('option', { name: new RegExp(`^${other!.name}（`) }).click();
  await claim.getByRole('button', { name: '登记认领', exact: true }).click();
  await expect(claim).toBeHidden();
  await expect(pendingTable.getByRole('row')).toHaveCount(3);

  // Approve the first: the post (定员 1) is full.
  await pendingTable
    .getByRole('row', { name: new RegExp(suggestedName) })
    .getByRole('button', { name: '通过', exact: true })
    .click();
  await expect(page.getByRole('table', { name: '在岗（已通过）' }).getByText(suggestedName)).toBeVisible();
  await expect(page.getByText('已满员').first()).toBeVisible();

  // Approving the second is refused, with the reason on screen.
  await pendingTable
    .getByRole('row', { name: new RegExp(other!.name) })
    .getByRole('button', { name: '通过', exact: true })
    .click();
  const refusal = page.getByRole('alert').filter({ hasText: '超额认领已拒绝' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('该岗位定员 1 人，已通过 1 人');
  expect(
    query<{ status: string; n: number }>(
      app.dbFile,
      'select status, count(*) as n from post_claim where post_id = ? group by status order by status',
      postId,
    ),
  ).toEqual([
    { status: 'approved', n: 1 },
    { status: 'pending', n: 1 },
  ]);
});

test('志愿服务队: create a team with a leader and add members found by pinyin initials', async ({ page }) => {
  // Two members whose pinyin initials are unique, and a leader.
  const picks = query<{ id: number; name: string; initials: string }>(
    app.dbFile,
    `select min(id) as id, name, name_initials as initials from member
     where status = 'active' and deleted_at is null group by name_initials having count(*) = 1 order by 1 limit 3`,
  );
  expect(picks).toHaveLength(3);
  const [leader, a, b] = picks as [(typeof picks)[0], (typeof picks)[0], (typeof picks)[0]];

  await page.goto(app.url);
  await page.getByRole('link', { name: '志愿服务队' }).click();
  await page.getByRole('button', { name: '新增志愿服务队' }).click();
  const dialog = page.getByRole('dialog', { name: '新增志愿服务队' });
  await dialog.getByRole('textbox', { name: /^服务队名称/ }).fill('多福巷社区楼门守望志愿服务队');
  await dialog.getByRole('textbox', { name: '服务主题' }).fill('邻里守望');
  await pick(page, dialog, '所属', '多福巷社区');
  await dialog.getByRole('combobox', { name: /^队长/ }).fill(leader.initials);
  await page.getByRole('option', { name: new RegExp(`^${leader.name}（`) }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: '多福巷社区楼门守望志愿服务队' })).toBeVisible();
  const members = page.getByRole('table', { name: '队员' });
  await expect(members.getByRole('row')).toHaveCount(2);
  await expect(members.getByText('队长')).toBeVisible();

  // 添加队员: two searches, two ticks, one save.
  await page.getByRole('button', { name: '添加队员' }).click();
  const add = page.getByRole('dialog', { name: /^添加队员/ });
  const search = add.getByRole('textbox', { name: '搜索党员' });
  await search.fill(a.initials);
  await add.getByRole('checkbox', { name: new RegExp(`^${a.name}（`) }).check();
  await search.fill(b.initials);
  await add.getByRole('checkbox', { name: new RegExp(`^${b.name}（`) }).check();
  // The leader is already in the team: shown, not selectable.
  await search.fill(leader.initials);
  await expect(add.getByRole('checkbox', { name: new RegExp(`^${leader.name}（`) })).toBeDisabled();
  await expect(add.getByRole('list', { name: '已选 2 名' }).getByRole('listitem')).toHaveCount(2);
  await add.getByRole('button', { name: '加入 2 名队员' }).click();
  await expect(add).toBeHidden();
  await expect(members.getByRole('row')).toHaveCount(4);
  await expect(page.getByText('队员 3 名')).toBeVisible();

  const teamId = query<{ id: number }>(
    app.dbFile,
    "select id from volunteer_team where name = '多福巷社区楼门守望志愿服务队' and deleted_at is null",
  )[0]!.id;
  const inDb = query<{ member_id: number }>(
    app.dbFile,
    'select member_id from team_member where team_id = ? order by member_id',
    teamId,
  ).map((r) => r.member_id);
  expect(inDb).toEqual([leader.id, a.id, b.id].sort((x, y) => x - y));
});
