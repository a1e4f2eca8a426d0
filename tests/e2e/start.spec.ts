// `npm start` on a machine without the Electron binary (like this one): it must notice, say so in Chinese and
// English, and open browser mode whose page shows the first-run wizard.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, startAndWaitForUrl, tempDataDir } from '../harness/browser-mode';

test('npm start falls back to browser mode when Electron is missing', async ({ page }) => {
  test.skip(
    fs.existsSync(path.join(ROOT, 'node_modules', 'electron', 'path.txt')),
    'an Electron binary is installed here, so npm start would open the real window',
  );
  const dataDir = tempDataDir();
  const app = await startAndWaitForUrl(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], dataDir);
  try {
    const out = app.output();
    expect(out).toContain('改用浏览器模式启动');
    expect(out).toContain('starting in browser mode');
    expect(out).toContain('请在浏览器中打开');
    expect(out).toContain('Open this URL in your browser');
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: '首次使用：设置本街道' })).toBeVisible();
    // The token went into an HttpOnly cookie and out of the address bar.
    expect(page.url()).not.toContain('token=');
    // Without the token nothing is served.
    const other = await page.context().browser()!.newContext();
    const anon = await other.newPage();
    const res = await anon.goto(new URL(app.url).origin + '/');
    expect(res?.status()).toBe(401);
    await other.close();
    // The DB went into the data folder the harness set.
    expect(fs.existsSync(path.join(dataDir, 'streetgrid.db'))).toBe(true);
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
