#!/usr/bin/env node
// `npm start`: build if the sources changed, then open the Electron app; where the Electron binary is not
// installed and cannot be downloaded (offline PCs, CI), open the same UI in browser mode on 127.0.0.1 instead.
//   npm start                 Electron if possible, else browser mode
//   npm start -- --browser    browser mode only (also: npm run dev:web)
//   npm start -- --db FILE    use another database file (browser mode and CLI; Electron uses its data folder)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { CLI } = await import('../src/shared/messages.ts');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passthrough = args.filter((a) => a !== '--browser');

const say = (text) => console.log(text);

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function build() {
  const stamp = path.join(root, 'out', '.build-stamp');
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    newestMtime(path.join(root, 'electron')),
    fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
  );
  if (
    fs.existsSync(stamp) &&
    fs.statSync(stamp).mtimeMs >= sources &&
    fs.existsSync(path.join(root, 'out/renderer/index.html'))
  )
    return;
  say(CLI.building);
  const bin = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    say(CLI.buildFailed);
    process.exit(r.status ?? 1);
  }
  fs.writeFileSync(stamp, new Date().toISOString());
}

/** The Electron binary, downloading it on first start where the internet allows; null if it cannot be had. */
function ensureElectron() {
  const dir = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(dir, 'package.json'))) return null;
  const installed = () => {
    try {
      const exe = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8');
      const full = path.join(dir, 'dist', exe);
      return fs.existsSync(full) ? full : null;
    } catch {
      return null;
    }
  };
  if (installed()) return installed();
  say(CLI.electronFetching);
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    cwd: dir,
    env,
    stdio: 'ignore',
    timeout: 15 * 60_000,
  });
  return r.status === 0 ? installed() : null;
}

/**
 * better-sqlite3 for Electron's ABI, kept in .electron-native/<electron version>/ beside the Node build that tests
 * and the CLI use, so neither has to be rebuilt back and forth.
 */
function ensureElectronNative() {
  const electronVersion = require('electron/package.json').version;
  const outDir = path.join(root, '.electron-native', electronVersion);
  const target = path.join(outDir, 'better_sqlite3.node');
  if (fs.existsSync(target)) return target;
  const work = path.join(root, '.electron-native', 'work');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), work, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  const common = { cwd: work, stdio: 'ignore', timeout: 15 * 60_000 };
  const prebuilt = spawnSync(
    process.execPath,
    [
      require.resolve('prebuild-install/bin.js'),
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
    ],
    common,
  );
  if (prebuilt.status !== 0) {
    const npmDir = path.dirname(path.dirname(process.env.npm_execpath ?? require.resolve('npm/package.json')));
    const gyp = path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const r = spawnSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      common,
    );
    if (r.status !== 0) return null;
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(built)) return null;
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(built, target);
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}

function run(cmd, cmdArgs, env) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const forward = (sig) => () => child.kill(sig);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

build();

let started = false;
if (!browserOnly) {
  const electron = ensureElectron();
  const native = electron ? ensureElectronNative() : null;
  if (electron && native) {
    run(electron, ['.', ...passthrough], { STREETGRID_NATIVE_BINDING: native });
    started = true;
  } else {
    say(CLI.electronMissing);
  }
}
if (!started) run(process.execPath, [path.join(root, 'bin', 'streetgrid.mjs'), 'serve', ...passthrough], {});
