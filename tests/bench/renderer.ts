// Bench helpers that need Chromium: the renderer's member list in browser mode (first paint of the page, and frame
// times while scrolling the virtualized list), and the 会议纪要 PDF of one meeting.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserType, Page } from 'playwright-core';
import type { StreetGridDb } from '../../src/core/db/connection';
import { getPdfRenderer } from '../../src/core/documents/pdf-port';
import { prepareExport, renderMinutesDoc } from '../../src/core/services/minutes';

export interface Sample {
  median: number;
  p95: number;
}

function pct(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] as number;
}
export function sample(values: number[]): Sample {
  const s = [...values].sort((a, b) => a - b);
  return { median: pct(s, 0.5), p95: pct(s, 0.95) };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = (await import('playwright-core')) as { chromium: BrowserType };
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

// ------------------------------------------------------------------------------------------------ minutes PDF

export interface MinutesResult {
  meetingId: number;
  cold: number;
  core: Sample;
  raw: Sample;
  bytes: number;
}

/**
 * minutes.export's rendering step for one meeting (load the meeting, lay out the 纪要 HTML, Chromium → PDF), warm,
 * against the raw baseline: the same HTML handed straight to the same PDF engine.
 */
export async function minutesPdfBench(db: StreetGridDb, runs: number): Promise<MinutesResult> {
  const meetingId = db.sqlite
    .prepare(
      `select m.id from meeting m left join decision d on d.meeting_id = m.id where m.deleted_at is null
       group by m.id order by count(d.id) desc, m.id limit 1`,
    )
    .pluck()
    .get() as number;
  const input = { meetingId, format: 'pdf' as const };
  let t = performance.now();
  const first = await prepareExport(db, input);
  const cold = performance.now() - t;
  const html = renderMinutesDoc(db, { meetingId }).html;
  const core: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await prepareExport(db, input);
    core.push(performance.now() - t);
    t = performance.now();
    await getPdfRenderer().render(html, { paper: 'A4' });
    raw.push(performance.now() - t);
  }
  return {
    meetingId,
    cold,
    core: sample(core),
    raw: sample(raw),
    bytes: Buffer.from(first.file.base64, 'base64').length,
  };
}

// ------------------------------------------------------------------------------------------------ renderer

export interface RendererResult {
  members: number;
  firstPaint: Sample;
  fcp: Sample;
  staticPaint: Sample;
  frames: Sample;
  idleFrames: Sample;
  framesOver25: number;
  frameCount: number;
  rowsSeen: number;
  scrolledTo: number;
}

interface Served {
  url: string;
  origin: string;
  stop: () => void;
}

/** `streetgrid serve --db <copy> --port 0`, as a user's browser mode runs; resolves with the token URL. */
function serve(root: string, dbFile: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/streetgrid.mjs'), 'serve', '--db', dbFile, '--port', '0'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${out}`)), 120_000);
    const onData = (c: Buffer) => {
      out += c.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=[\w-]+/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[0], origin: m[1], stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

// Run in the page as plain source text: tsx/esbuild would wrap named functions of a callback in a __name() helper
// that does not exist in the page.
const SCROLL_SCRIPT = `(async () => {
  const el = document.querySelector('.sg-vt-scroller');
  const frames = (n) => new Promise((resolve) => {
    const out = [];
    let last = 0;
    const tick = (t) => {
      if (last) out.push(t - last);
      last = t;
      if (out.length < n) requestAnimationFrame(tick); else resolve(out);
    };
    requestAnimationFrame(tick);
  });
  const idle = await frames(60);
  const total = el.scrollHeight - el.clientHeight;
  const step = total / 240;
  const seen = new Set();
  const deltas = [];
  await new Promise((resolve) => {
    let last = 0;
    const tick = (t) => {
      if (last) deltas.push(t - last);
      last = t;
      el.scrollTop = Math.min(total, el.scrollTop + step);
      for (const r of Array.from(el.querySelectorAll('.sg-vt-row')).slice(0, 3)) seen.add(r.innerText.slice(0, 12));
      if (el.scrollTop < total - 1 && deltas.length < 600) requestAnimationFrame(tick); else resolve();
    };
    requestAnimationFrame(tick);
  });
  return { idle, deltas, seen: seen.size, scrolledTo: el.scrollTop, total };
})()`;

/** Waits until the member list shows real rows (not placeholders) and is no longer busy; returns performance.now(). */
async function listReady(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const grid = document.querySelector('.sg-vt-scroller');
      const rows = document.querySelectorAll('.sg-vt-row');
      if (!grid || grid.getAttribute('aria-busy') === 'true' || rows.length < 10) return false;
      const text = (rows[0] as HTMLElement).innerText.trim();
      return text.length > 2 ? performance.now() : false;
    },
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * The member list of a `members`-member street in browser mode (the built renderer, served by `streetgrid serve`):
 *  - first paint: a full page load of #/members until its first rows are on screen, over `runs` loads (warm cache);
 *    baseline: the same number of rows as a static HTML table in the same browser (what painting them costs at all);
 *  - scroll: the list scrolled from top to bottom with the wheel in ~4 s, frame intervals from requestAnimationFrame;
 *    baseline: the same page's idle frame interval (the display's own rate: 60 fps ⇒ 16.7 ms).
 */
export async function rendererBench(
  root: string,
  dbFile: string,
  members: number,
  runs: number,
): Promise<RendererResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-ui-'));
  const copy = path.join(dir, 'streetgrid.db');
  fs.copyFileSync(dbFile, copy);
  const server = await serve(root, copy);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.url); // exchanges the token for the session cookie
    await page.goto(`${server.origin}/#/members`);
    await listReady(page);

    const firstPaint: number[] = [];
    const fcp: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${server.origin}/?load=${i}#/members`, { waitUntil: 'commit' });
      firstPaint.push(await listReady(page));
      const f = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      );
      if (Number.isFinite(f)) fcp.push(f);
    }

    // scrolling: the list moved at every frame, top to bottom in ~240 frames; frame intervals measured in the page
    const scroll = (await page.evaluate(SCROLL_SCRIPT)) as {
      idle: number[];
      deltas: number[];
      seen: number;
      scrolledTo: number;
      total: number;
    };

    // baseline: the first page of rows as a static table (no app, no data fetching)
    const rowsHtml = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.sg-vt-row'))
        .slice(0, 30)
        .map(
          (r) => `<tr><td>${(r as HTMLElement).innerText.replace(/</g, '&lt;').replace(/\n/g, '</td><td>')}</td></tr>`,
        )
        .join(''),
    );
    const staticPage = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body><table>${rowsHtml}</table>
      <script>requestAnimationFrame(() => { window.__painted = performance.now(); });</script></body></html>`;
    const staticPaint: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(staticPage)}`);
      staticPaint.push(
        (await (
          await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted ?? false)
        ).jsonValue()) as number,
      );
    }
    await context.close();
    return {
      members,
      firstPaint: sample(firstPaint),
      fcp: sample(fcp.length ? fcp : [Number.NaN]),
      staticPaint: sample(staticPaint),
      frames: sample(scroll.deltas),
      idleFrames: sample(scroll.idle),
      framesOver25: scroll.deltas.filter((d) => d > 25).length,
      frameCount: scroll.deltas.length,
      rowsSeen: scroll.seen,
      scrolledTo: scroll.scrolledTo / Math.max(1, scroll.total),
    };
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
