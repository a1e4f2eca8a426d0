// The document window of electron/print.ts, checked without the Electron binary: its options come from the exported
// builder, and a fake BrowserWindow records what the PDF, print and preview paths do with it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../../helpers';

const fake = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  class FakeContents {
    readonly events: string[] = [];
    openHandler: unknown = null;
    pdfOptions: unknown = null;
    printOptions: unknown = null;
    on(event: string) {
      this.events.push(event);
      return this;
    }
    setWindowOpenHandler(h: unknown) {
      this.openHandler = h;
    }
    printToPDF(opts: unknown) {
      this.pdfOptions = opts;
      return Promise.resolve(Buffer.from('%PDF-1.4 fake'));
    }
    print(opts: unknown, cb: (success: boolean) => void) {
      this.printOptions = opts;
      cb(true);
    }
  }
  class FakeWindow {
    readonly webContents = new FakeContents();
    url = '';
    shown = false;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { windows, FakeWindow };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeWindow }));

const { documentUrl, documentWindowOptions, electronPdfRenderer, previewHtml, printHtml } =
  await import('../../../electron/print');

const HTML = '<!doctype html><html lang="zh-CN"><body>在职党员到社区报到登记卡 #1 100%</body></html>';

beforeEach(() => {
  fake.windows.length = 0;
});

describe('document window options', () => {
  it('are sandboxed, isolated, without Node, scripts or preload', () => {
    const o = documentWindowOptions();
    const wp = o.webPreferences!;
    expect(wp).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      javascript: false,
    });
    expect('preload' in wp).toBe(false);
    expect(o.show).toBe(false);
  });

  it('a preview is a child window of the given parent', () => {
    const parent = {} as never;
    const o = documentWindowOptions({ show: true, parent, title: '登记卡' });
    expect(o.parent).toBe(parent);
    expect(o.show).toBe(true);
    expect(o.webPreferences?.javascript).toBe(false);
    expect(o.webPreferences?.preload).toBeUndefined();
  });
});

describe('electronPdfRenderer', () => {
  it('loads the document as a data: URL in a hidden hardened window, prints it to PDF and destroys the window', async () => {
    const pdf = await electronPdfRenderer.render(HTML, { paper: 'A5' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(fake.windows).toHaveLength(1);
    const w = fake.windows[0]!;
    expect(w.options).toEqual(documentWindowOptions());
    expect(w.url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(w.url.slice('data:text/html;charset=utf-8,'.length))).toBe(HTML);
    expect(w.webContents.pdfOptions).toEqual({
      pageSize: 'A5',
      landscape: false,
      printBackground: true,
      preferCSSPageSize: true,
    });
    expect(w.webContents.events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect']));
    expect(w.webContents.openHandler).not.toBeNull();
    expect(w.shown).toBe(false);
    expect(w.destroyed).toBe(true);
  });

  it('documentUrl round-trips any HTML', () => {
    expect(decodeURIComponent(documentUrl(HTML).split(',').slice(1).join(','))).toBe(HTML);
  });
});

describe('print and preview', () => {
  it('printHtml opens the system print dialog (not silent) and closes the window afterwards', async () => {
    expect(await printHtml(HTML)).toBe(true);
    const w = fake.windows[0]!;
    expect(w.webContents.printOptions).toMatchObject({ silent: false });
    expect(w.destroyed).toBe(true);
  });

  it('previewHtml shows a guarded, script-less child window', async () => {
    const parent = {} as never;
    const w = (await previewHtml(HTML, '预览', parent)) as unknown as InstanceType<typeof fake.FakeWindow>;
    expect(w.shown).toBe(true);
    expect(w.destroyed).toBe(false);
    expect(w.options.parent).toBe(parent);
    expect((w.options.webPreferences as Record<string, unknown>).javascript).toBe(false);
    expect(w.webContents.events).toContain('will-navigate');
  });
});

describe('wiring', () => {
  it('main.ts installs the Electron adapter once the DB is open', () => {
    const main = fs.readFileSync(path.join(ROOT, 'electron/main.ts'), 'utf8');
    const opened = main.indexOf('db = openDb()');
    const installed = main.indexOf('setPdfRenderer(electronPdfRenderer)');
    expect(opened).toBeGreaterThan(0);
    expect(installed).toBeGreaterThan(opened);
  });

  it('print.ts never loads files or remote URLs', () => {
    const src = fs.readFileSync(path.join(ROOT, 'electron/print.ts'), 'utf8');
    expect(src).not.toMatch(/loadFile\(|file:\/\/|https?:\/\//);
  });
});
