// electron-builder cannot run here (it downloads Electron), but its own schema validator can check our config.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers';

const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  const yaml = require('js-yaml') as { load: (s: string) => Record<string, unknown> };
  const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));

  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, l: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('targets Windows NSIS x64 and Linux deb + AppImage on x64 and arm64, shipping migrations and divisions', () => {
    expect(config.productName).toBe('街道网格通');
    expect(config.appId).toBeTruthy();
    expect(JSON.stringify(config.win)).toContain('"nsis"');
    const linux = (config.linux as { target: { target: string; arch: string[] }[] }).target;
    for (const t of ['deb', 'AppImage']) {
      expect(linux.find((x) => x.target === t)?.arch.sort()).toEqual(['arm64', 'x64']);
    }
    const extra = JSON.stringify(config.extraResources);
    expect(extra).toContain('"from":"drizzle"');
    expect(extra).toContain('"from":"resources"');
  });
});
