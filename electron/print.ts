// Printing in the app: the HTML documents from src/core/documents shown in a locked-down window — turned into a
// PDF (the Electron adapter of the core's PDF port), sent to the system print dialog, or previewed read-only.
// The document window has no preload, no Node, no scripts, and loads nothing but the document's own data: URL.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { PdfRenderer } from '../src/core/documents/pdf-port';
import { hardenContents, webPreferences } from './security';

/** The window a document is rendered in: the app's hardened webPreferences minus the preload, scripts off. */
export function documentWindowOptions(
  opts: { show?: boolean; parent?: BrowserWindow; title?: string } = {},
): BrowserWindowConstructorOptions {
  const { preload: _preload, ...prefs } = webPreferences('');
  return {
    width: 900,
    height: 1100,
    show: opts.show ?? false,
    ...(opts.parent ? { parent: opts.parent } : {}),
    ...(opts.title ? { title: opts.title } : {}),
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: { ...prefs, javascript: false, devTools: false },
  };
}

export function documentUrl(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

async function openDocument(
  html: string,
  opts: Parameters<typeof documentWindowOptions>[0] = {},
): Promise<BrowserWindow> {
  const win = new BrowserWindow(documentWindowOptions(opts));
  hardenContents(win.webContents);
  try {
    await win.loadURL(documentUrl(html));
    return win;
  } catch (e) {
    win.destroy();
    throw e;
  }
}

export const electronPdfRenderer: PdfRenderer = {
  async render(html, opts) {
    const win = await openDocument(html);
    try {
      return await win.webContents.printToPDF({
        pageSize: opts.paper,
        landscape: opts.landscape ?? false,
        printBackground: true,
        preferCSSPageSize: true,
      });
    } finally {
      win.destroy();
    }
  },
};

/** Sends a document to the system print dialog; resolves false when the user cancels or printing fails. */
export async function printHtml(html: string): Promise<boolean> {
  const win = await openDocument(html);
  return new Promise<boolean>((resolve) => {
    win.webContents.print({ silent: false, printBackground: true }, (success) => {
      win.destroy();
      resolve(success);
    });
  });
}

/** Shows a document read-only in a visible child window of `parent` (closing it is all the user can do). */
export async function previewHtml(html: string, title: string, parent?: BrowserWindow): Promise<BrowserWindow> {
  const win = await openDocument(html, { show: false, title, ...(parent ? { parent } : {}) });
  win.show();
  return win;
}
