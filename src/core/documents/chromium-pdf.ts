// The Chromium adapter of the PDF port (CLI and tests): Debian's /usr/bin/chromium driven by playwright-core.
// One browser is launched on the first document and reused; each document gets its own page in one shared
// context with scripts off and every network request refused (a document is self-contained HTML, system fonts).
import type { Browser, BrowserContext, BrowserType, Page } from 'playwright-core';
import type { PdfRenderer } from './pdf-port';

// playwright-core is a development dependency: the packaged app renders through Electron instead. The specifier
// is kept out of the bundler's sight so the Electron main bundle never tries to include it.
const PLAYWRIGHT = 'playwright-core';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

interface Session {
  browser: Browser;
  /** One context for all documents: scripts off, offline, every request but the document itself aborted. */
  context: BrowserContext;
  /** Documents rendered so far. */
  rendered: number;
  /** A blank page opened ahead of the next document when documents come in series (opening one costs 0.1–0.3 s). */
  spare: Promise<Page> | null;
}

let session: Promise<Session> | null = null;

async function launch(): Promise<Session> {
  const { chromium } = (await import(/* @vite-ignore */ PLAYWRIGHT)) as { chromium: BrowserType };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) =>
      isAllowedDocumentUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
    return { browser, context, rendered: 0, spare: null };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

function getSession(): Promise<Session> {
  if (!session) {
    const p = launch();
    session = p;
    // A failed launch, or a browser that crashed or was closed, is relaunched on the next document.
    p.then(
      (s) =>
        s.browser.on('disconnected', () => {
          if (session === p) session = null;
        }),
      () => {
        if (session === p) session = null;
      },
    );
  }
  return session;
}

function nextPage(s: Session): Promise<Page> {
  const page = s.spare ?? s.context.newPage();
  s.spare = null;
  return page;
}

function openSpare(s: Session): void {
  if (s.spare || s.rendered < 2 || !s.browser.isConnected()) return;
  const page = s.context.newPage();
  page.catch(() => undefined); // the browser may be closed first; whoever takes the page sees the error
  s.spare = page;
}

/** Only the document itself (about:blank + inline data: URLs) may load; everything else is aborted. */
export function isAllowedDocumentUrl(url: string): boolean {
  return url.startsWith('data:') || url.startsWith('about:');
}

export const chromiumPdfRenderer: PdfRenderer = {
  async render(html, opts) {
    const s = await getSession();
    const page = await nextPage(s);
    s.rendered += 1;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      // The page size comes from the document's own @page rule; `format` is the fallback for HTML without one.
      return await page.pdf({
        format: opts.paper,
        landscape: opts.landscape ?? false,
        preferCSSPageSize: true,
        printBackground: true,
      });
    } finally {
      await page.close();
      openSpare(s);
    }
  },

  async close() {
    const p = session;
    session = null;
    if (!p) return;
    const s = await p.catch(() => null);
    await s?.browser.close();
  },
};

// On an abrupt exit playwright-core itself kills the browsers it launched (its 'exit'/signal handlers);
// closePdfRenderer() in ./pdf-port closes it gracefully (the CLI before exiting, tests in afterAll).
