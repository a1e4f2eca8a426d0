// Starts StreetGrid in browser mode exactly as a user's `npm start` falls back to it (the CLI's `serve`), on a
// temporary data folder, and hands back the URL with the per-run token.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export interface BrowserMode {
  url: string;
  origin: string;
  dataDir: string;
  dbFile: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Spawns `cmd args…` and waits for the token URL it prints. */
export async function startAndWaitForUrl(
  cmd: string,
  args: string[],
  dataDir: string,
  timeoutMs = 120_000,
): Promise<BrowserMode> {
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, STREETGRID_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing a URL:\n${out}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    dbFile: path.join(dataDir, 'streetgrid.db'),
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
          else child.kill('SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sg-e2e-'));
}

/** `streetgrid serve --db <tmp>/streetgrid.db --port 0`. */
export function startBrowserMode(dataDir = tempDataDir()): Promise<BrowserMode> {
  return startAndWaitForUrl(
    process.execPath,
    [path.join(ROOT, 'bin', 'streetgrid.mjs'), 'serve', '--db', path.join(dataDir, 'streetgrid.db'), '--port', '0'],
    dataDir,
  );
}
