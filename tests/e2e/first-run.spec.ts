import { expect, test } from './fixtures';

test('first run: pick 北京市 → 市辖区 → 东城区 → 东华门街道, see its communities, edit 阵地 and find it persisted', async ({
  app,
  page,
}, testInfo) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '首次使用：设置本街道' })).toBeVisible();

  const pick = async (label: string, option: string) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  await pick('省（自治区、直辖市）', '北京市');
  await pick('市（地区、州、盟）', '市辖区');
  await pick('区 / 县', '东城区');
  await pick('街道 / 乡镇', '东华门街道');

  // The preview lists the official 村(居)委会 with their codes.
  await expect(page.getByText('110101001', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('多福巷社区居委会').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('wizard.png'), fullPage: true });
  await page.getByRole('button', { name: '确认并建立本街道' }).click();

  // The app shell with the street, then the community list.
  await expect(page.getByText('东华门街道').first()).toBeVisible();
  await page.getByRole('link', { name: '社区' }).first().click();
  await expect(page.getByRole('link', { name: '多福巷社区', exact: true })).toBeVisible();
  await expect(page.getByText('110101001001')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('communities.png'), fullPage: true });

  await page.getByRole('link', { name: '多福巷社区', exact: true }).click();
  await expect(page.getByText('多福巷社区居委会').first()).toBeVisible();
  await page.getByRole('tab', { name: '阵地' }).click();
  const area = page.getByRole('textbox', { name: '阵地面积（平方米）' });
  await area.fill('320');
  await page.getByRole('combobox', { name: '阵地产权' }).click();
  await page.getByRole('option', { name: '自有', exact: true }).click();
  await page.getByRole('tabpanel').getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存').first()).toBeVisible();

  await page.reload();
  await page.getByRole('tab', { name: '阵地' }).click();
  await expect(page.getByRole('textbox', { name: '阵地面积（平方米）' })).toHaveValue('320');
  await expect(page.getByRole('combobox', { name: '阵地产权' })).toHaveValue('自有');
  // 320 m² ≥ the default 300 m²: 有处议事 is met.
  await page.screenshot({ path: testInfo.outputPath('community-detail.png'), fullPage: true });

  expect(consoleErrors).toEqual([]);
});
