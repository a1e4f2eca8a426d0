import fs from 'node:fs';
import { test as base } from '@playwright/test';
import { startBrowserMode, tempDataDir, type BrowserMode } from '../harness/browser-mode';

/** Each test gets its own data folder and its own browser-mode server. */
export const test = base.extend<{ app: BrowserMode }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = tempDataDir();
    const app = await startBrowserMode(dataDir);
    try {
      await use(app);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
