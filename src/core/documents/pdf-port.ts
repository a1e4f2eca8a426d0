// The PDF port: printable HTML in, PDF bytes out. Two adapters implement it — Chromium through playwright-core
// (./chromium-pdf.ts; the CLI and the tests) and Electron's printToPDF (electron/print.ts; the app, which calls
// setPdfRenderer at start-up). The core only ever talks to this interface and never imports `electron`.
import type * as ChromiumPdf from './chromium-pdf';

export type Paper = 'A4' | 'A5';

export interface PdfRenderOptions {
  paper: Paper;
  landscape?: boolean;
}

export interface PdfRenderer {
  render(html: string, opts: PdfRenderOptions): Promise<Buffer>;
  /** Frees what the adapter holds (a browser process); optional. */
  close?(): Promise<void>;
}

type ChromiumModule = typeof ChromiumPdf;

let current: PdfRenderer | null = null;
let chromiumModule: Promise<ChromiumModule> | null = null;

// The Chromium adapter is loaded only when nobody installed another renderer, so the Electron build never loads
// playwright-core (a development dependency).
function loadChromium(): Promise<ChromiumModule> {
  chromiumModule ??= import('./chromium-pdf');
  return chromiumModule;
}

const lazyChromium: PdfRenderer = {
  async render(html, opts) {
    const m = await loadChromium();
    return m.chromiumPdfRenderer.render(html, opts);
  },
  async close() {
    if (!chromiumModule) return;
    const m = await chromiumModule;
    await m.chromiumPdfRenderer.close?.();
  },
};

/** Installs the renderer every later document uses (Electron does this once, after the DB opens). */
export function setPdfRenderer(r: PdfRenderer | null): void {
  current = r;
}

/** The installed renderer, or the default Chromium adapter (launched lazily on the first document). */
export function getPdfRenderer(): PdfRenderer {
  return current ?? lazyChromium;
}

/** Closes the default Chromium browser if it was started (CLI before exit, tests in afterAll). Idempotent. */
export async function closePdfRenderer(): Promise<void> {
  await lazyChromium.close?.();
  if (current && current !== lazyChromium) await current.close?.();
}
