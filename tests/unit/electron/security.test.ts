// The Electron binary cannot run here, so these tests check the settings and guards from the exact functions
// electron/main.ts uses to create the window, its session and the IPC handler.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { handleInvoke } from '../../../electron/ipc';
import {
  CSP,
  hardenContents,
  hardenSession,
  isAllowedNavigation,
  isTrustedSender,
  mainWindowOptions,
  windowOpenHandler,
} from '../../../electron/security';
import { coreFor, openTemp, ROOT } from '../../helpers';

describe('window webPreferences', () => {
  it('follow the Electron security checklist', () => {
    const wp = mainWindowOptions('/app/preload/index.cjs', '街道网格通').webPreferences!;
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(wp.preload).toBe('/app/preload/index.cjs');
  });

  it('main.ts creates its window from these options and applies the guards to every WebContents', () => {
    const main = fs.readFileSync(path.join(ROOT, 'electron/main.ts'), 'utf8');
    expect(main).toMatch(/new BrowserWindow\(mainWindowOptions\(/);
    expect(main).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => hardenContents\(contents\)\)/);
    expect(main).toMatch(/hardenSession\(session\.defaultSession\)/);
    expect(main).toMatch(/registerIpc\(ipcMain,/);
    expect(main).not.toMatch(/file:\/\/|loadFile\(/);
    expect(main).toMatch(/loadURL\(`\$\{APP_SCHEME\}:\/\/\$\{APP_HOST\}\/index\.html`\)/);
  });
});

describe('CSP', () => {
  it('is strict: self only, no eval, no remote content', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).not.toMatch(/https?:/);
    expect(CSP).toContain("object-src 'none'");
  });
  it('is also in the renderer page itself', () => {
    const html = fs.readFileSync(path.join(ROOT, 'src/renderer/index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe('navigation and window-open guards', () => {
  it('allow only app://streetgrid', () => {
    expect(isAllowedNavigation('app://streetgrid/index.html#/communities')).toBe(true);
    for (const url of [
      'https://example.com',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });

  it('hardenContents prevents foreign navigation, webviews and window.open', () => {
    const contents = new EventEmitter() as EventEmitter & {
      setWindowOpenHandler: (h: unknown) => void;
      handler?: unknown;
    };
    contents.setWindowOpenHandler = (h) => {
      contents.handler = h;
    };
    hardenContents(contents as never);
    const ev = () => {
      const e = { prevented: false, preventDefault: () => (e.prevented = true) };
      return e;
    };
    const foreign = ev();
    contents.emit('will-navigate', foreign, 'https://evil.example/');
    expect(foreign.prevented).toBe(true);
    const own = ev();
    contents.emit('will-navigate', own, 'app://streetgrid/index.html');
    expect(own.prevented).toBe(false);
    const redirect = ev();
    contents.emit('will-redirect', redirect, 'http://127.0.0.1:9999/');
    expect(redirect.prevented).toBe(true);
    const webview = ev();
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
    expect((contents.handler as () => unknown)()).toEqual({ action: 'deny' });
  });

  it('hardenSession denies every permission and stamps the CSP on responses', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (h: never) => (request = h),
      setPermissionCheckHandler: (h: never) => (check = h),
      webRequest: { onHeadersReceived: (h: never) => (headers = h) },
    } as never);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal']) {
      let granted: boolean | undefined;
      request!(null, p, (ok) => (granted = ok));
      expect(granted, p).toBe(false);
    }
    expect(check!()).toBe(false);
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    headers!({ responseHeaders: { 'x-a': ['1'] } }, (r) => (out = r as typeof out));
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([CSP]);
  });
});

describe('IPC sender check', () => {
  it('serves only the main window’s own top frame', async () => {
    const core = coreFor(openTemp());
    const mainFrame = { url: 'app://streetgrid/index.html' };
    const call = { method: 'app.status', input: {} };
    expect(await handleInvoke(core, () => mainFrame as never, { senderFrame: mainFrame as never }, call)).toMatchObject(
      {
        ok: true,
      },
    );
    const iframe = { url: 'app://streetgrid/index.html' };
    expect(await handleInvoke(core, () => mainFrame as never, { senderFrame: iframe as never }, call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const navigated = { url: 'https://evil.example/' };
    expect(isTrustedSender(navigated as never, navigated as never)).toBe(false);
    expect(await handleInvoke(core, () => null, { senderFrame: null }, call)).toMatchObject({ ok: false });
    expect(
      await handleInvoke(core, () => mainFrame as never, { senderFrame: mainFrame as never }, 'garbage'),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});

// ---- every window the app opens ----
// electron/print.ts imports BrowserWindow at run time; the binary cannot run here, so a stand-in is enough to load the
// option builders (windows are never constructed in these tests).
vi.mock('electron', () => ({ BrowserWindow: class {} }));

/** Every .ts file under electron/, recursively. */
function electronSources(): { file: string; text: string }[] {
  const dir = path.join(ROOT, 'electron');
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `electron/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

const SECURE_PREFS = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};

describe('every window the app opens', () => {
  // The option builders windows are created from, with sample arguments. A window created any other way (inline
  // options, a new builder not listed here) fails the source scan below.
  const builders: Record<string, () => Promise<BrowserWindowConstructorOptions[]>> = {
    mainWindowOptions: () => Promise.resolve([mainWindowOptions('/app/preload/index.cjs', '街道网格通')]),
    documentWindowOptions: async () => {
      const { documentWindowOptions } = await import('../../../electron/print');
      return [documentWindowOptions(), documentWindowOptions({ show: true, title: '会议纪要', parent: {} as never })];
    },
  };

  it('are all created from a listed option builder (source scan of electron/**/*.ts)', () => {
    const creations: { file: string; builder: string | null; code: string }[] = [];
    for (const { file, text } of electronSources()) {
      for (const m of text.matchAll(/new\s+(BrowserWindow|BrowserView|WebContentsView)\s*\(([^)]*\)?)/g)) {
        const builder = /^\s*(\w+)\(/.exec(m[2] ?? '')?.[1] ?? null;
        creations.push({ file, builder, code: m[0] });
      }
    }
    // the main window and the document (print / PDF / preview) window at least
    expect(creations.map((c) => c.builder)).toEqual(
      expect.arrayContaining(['mainWindowOptions', 'documentWindowOptions']),
    );
    for (const c of creations) {
      expect(c.code, `${c.file}: ${c.code} — create windows from a secure option builder listed in this test`).toMatch(
        /^new\s+BrowserWindow/,
      );
      expect(Object.keys(builders), `${c.file}: ${c.code}`).toContain(c.builder);
    }
  });

  it('each builder gives the checklist webPreferences; the document window also has no preload and no scripts', async () => {
    for (const [name, build] of Object.entries(builders)) {
      for (const opts of await build()) {
        const wp = opts.webPreferences;
        expect(wp, name).toMatchObject(SECURE_PREFS);
        if (name === 'documentWindowOptions') {
          expect(wp?.preload, name).toBeUndefined();
          expect(wp?.javascript, name).toBe(false);
          expect(wp?.devTools, name).toBe(false);
        }
      }
    }
  });

  it('no source turns a protection off, and every WebContents (any window) gets the navigation/window-open guards', () => {
    const weakening = [
      /nodeIntegration\w*\s*:\s*true/,
      /contextIsolation\s*:\s*false/,
      /sandbox\s*:\s*false/,
      /webSecurity\s*:\s*false/,
      /allowRunningInsecureContent\s*:\s*true/,
      /webviewTag\s*:\s*true/,
      /enableRemoteModule/,
      /@electron\/remote/,
      /experimentalFeatures\s*:\s*true/,
      /disable-web-security|--no-sandbox|appendSwitch\(\s*['"]no-sandbox/,
    ];
    for (const { file, text } of electronSources()) {
      for (const re of weakening) expect(text, `${file} matches ${re}`).not.toMatch(re);
      // webPreferences are only spelled out by the builders in security.ts and print.ts
      if (!['electron/security.ts', 'electron/print.ts'].includes(file))
        expect(text, `${file} builds its own webPreferences`).not.toMatch(/webPreferences\s*:/);
    }
    const main = fs.readFileSync(path.join(ROOT, 'electron/main.ts'), 'utf8');
    // app-wide: every WebContents ever created, whatever window it belongs to, is hardened
    expect(main).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => hardenContents\(contents\)\)/);
    // and the document window hardens its own contents right after creating it, before loading anything
    const print = fs.readFileSync(path.join(ROOT, 'electron/print.ts'), 'utf8');
    expect(print).toMatch(/new BrowserWindow\(documentWindowOptions\(opts\)\);\s*hardenContents\(win\.webContents\);/);
  });

  it('the document window loads only its own data: URL (no app://, no http, no file://)', async () => {
    const { documentUrl } = await import('../../../electron/print');
    const url = documentUrl('<!doctype html><p>会议纪要</p>');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(isAllowedNavigation(url)).toBe(false); // so it cannot navigate anywhere either
  });
});
