// 在职党员到社区报到登记卡: HTML from a real member and report, PDF through real Chromium (the default adapter of the
// PDF port), checked with poppler (pdftotext/pdfinfo/pdffonts), fonts checked against fontconfig, and the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { callAsync, type Core } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import {
  closePdfRenderer,
  getPdfRenderer,
  setPdfRenderer,
  type PdfRenderer,
} from '../../../src/core/documents/pdf-port';
import { documentShell, FONT_STACKS } from '../../../src/core/documents/html';
import { AppError } from '../../../src/shared/errors';
import { coreFor, ok, ROOT, streetCore, tempDir } from '../../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FULL_ID = '11010519491231002X';
const MASKED_ID = '110105********002X';

afterAll(async () => {
  await closePdfRenderer();
});

function firstCommunity(core: Core): number {
  return ok(core, 'communities.list', {})[0]!.id;
}

function reportFor(
  core: Core,
  over: { member?: Record<string, unknown>; report?: Record<string, unknown> } = {},
): { reportId: number; cardNo: string } {
  const communityId = firstCommunity(core);
  const m = ok(core, 'members.create', {
    name: '张三',
    idNumber: FULL_ID,
    communityId,
    category: 'employed',
    phone: '13812345678',
    employerName: '东城区税务局',
    employerPartyOrg: '东城区税务局机关党委',
    skills: ['法律咨询'],
    ...over.member,
  } as never);
  const r = ok(core, 'reports.create', {
    memberId: m.id,
    communityId,
    reportDate: '2026-11-20',
    serviceIntent: '政策宣讲',
    skills: ['法律咨询'],
    letterReceived: true,
    letterDate: '2026-11-18',
    ...over.report,
  } as never);
  return { reportId: r.id, cardNo: r.cardNo };
}

async function cardPdf(core: Core, reportId: number, paper?: 'A4' | 'A5') {
  const f = await callAsync(core, 'documents.registrationCardPdf', paper ? { reportId, paper } : { reportId });
  const buf = Buffer.from(f.base64, 'base64');
  const file = path.join(tempDir('sg-pdf-'), 'card.pdf');
  fs.writeFileSync(file, buf);
  return { ...f, buf, file };
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfInfo(file: string): { pages: number; size: string } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const m = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, size: m ? `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}` : '' };
}

/** pdffonts rows: type, embedded, ToUnicode. */
function pdfFonts(file: string): { line: string; type: string; emb: boolean; uni: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // … emb sub uni object-id generation
    const [emb, , uni] = cols.slice(-5, -2);
    return {
      line,
      type: /Type 3|Type 1C|Type 1|CID Type 0C|CID TrueType|TrueType/.exec(line)?.[0] ?? '',
      emb: emb === 'yes',
      uni: uni === 'yes',
    };
  });
}

describe('registration card HTML', () => {
  it('prints every field, the street, dates in Chinese, and the masked ID only', () => {
    const core = streetCore('110101001');
    const { reportId, cardNo } = reportFor(core);
    const doc = ok(core, 'documents.registrationCard', { reportId });
    expect(doc.title).toBe(`在职党员到社区报到登记卡-张三-${cardNo}`);
    const html = doc.html;
    for (const s of [
      '在职党员到社区报到登记卡',
      cardNo,
      '东城区东华门街道',
      '张三',
      '女',
      '1949年12月31日',
      MASKED_ID,
      '138****5678',
      '多福巷社区',
      '东城区税务局',
      '东城区税务局机关党委',
      '2026年11月20日',
      '已收到（2026年11月18日收）',
      '法律咨询',
      '政策宣讲',
      '认领服务岗位',
      '（盖章）',
      '年　　月　　日',
      '注：',
    ]) {
      expect(html, s).toContain(s);
    }
    expect(html).not.toContain(FULL_ID);
    expect(html).not.toContain('13812345678');
    // A4 portrait, the print font stacks, self-contained: no scripts, no remote resources.
    expect(html).toContain('size: A4;');
    expect(html).toContain(FONT_STACKS.song);
    expect(html).toContain(FONT_STACKS.hei);
    expect(html).toContain(FONT_STACKS.fangsong);
    expect(html).toMatch(/http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/<script|https?:\/\//i);
  });

  it('A5 paper, 未收到 when no letter, and user text escaped', () => {
    const core = streetCore('110101001');
    const { reportId } = reportFor(core, {
      report: { letterReceived: false, letterDate: null, serviceIntent: '<b>助老</b> & "巡逻"' },
    });
    const html = ok(core, 'documents.registrationCard', { reportId, paper: 'A5' }).html;
    expect(html).toContain('size: A5;');
    expect(html).toContain('未收到');
    expect(html).not.toContain('已收到');
    expect(html).toContain('&lt;b&gt;助老&lt;/b&gt; &amp; &quot;巡逻&quot;');
    expect(html).not.toContain('<b>助老');
  });

  it('an unknown report is NOT_FOUND with a Chinese message', async () => {
    const core = streetCore('110101001');
    const err = await callAsync(core, 'documents.registrationCardPdf', { reportId: 9999 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: '找不到该报到记录。' });
    expect(() => ok(core, 'documents.registrationCard', { reportId: 9999 })).toThrow(/找不到该报到记录/);
  });
});

describe('registration card PDF (Chromium)', () => {
  it('A4: one A4 page with the card text, named 登记卡-姓名-编号.pdf', async () => {
    const core = streetCore('110101001');
    const { reportId, cardNo } = reportFor(core);
    const pdf = await cardPdf(core, reportId);
    expect(pdf.buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.fileName).toBe(`登记卡-张三-${cardNo}.pdf`);
    expect(pdf.mimeType).toBe('application/pdf');
    const text = pdfText(pdf.file);
    for (const s of [
      '在职党员到社区报到登记卡',
      '张三',
      MASKED_ID,
      '2026年11月20日',
      cardNo,
      '东城区东华门街道',
      '（盖章）',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain(FULL_ID);
    expect(pdfInfo(pdf.file)).toEqual({ pages: 1, size: '595x842' });
    // The CJK text is embedded (Chromium's Skia writes CFF-based Noto CJK as Type 3 fonts), with ToUnicode maps.
    const fonts = pdfFonts(pdf.file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.emb, f.line).toBe(true);
      expect(f.uni, f.line).toBe(true);
    }
  });

  it('A5: one A5 page', async () => {
    const core = streetCore('110101001');
    const { reportId, cardNo } = reportFor(core);
    const pdf = await cardPdf(core, reportId, 'A5');
    expect(pdfInfo(pdf.file)).toEqual({ pages: 1, size: '420x595' });
    const text = pdfText(pdf.file);
    expect(text).toContain('在职党员到社区报到登记卡');
    expect(text).toContain(MASKED_ID);
    expect(text).toContain(cardNo);
  });

  it('values at their maximum lengths still fit on one page, A4 and A5', async () => {
    const core = streetCore('110101001');
    const { reportId } = reportFor(core, {
      member: {
        employerName: '北京市东城区人民政府东华门街道办事处'.repeat(6).slice(0, 100),
        employerPartyOrg: '中共北京市东城区税务局机关委员会第三党支部'.repeat(5).slice(0, 100),
      },
      report: {
        serviceIntent: '政策宣讲、法律咨询、矛盾纠纷调解、助老服务、环境卫生整治、文明交通引导。'
          .repeat(6)
          .slice(0, 200),
        skills: Array.from({ length: 20 }, (_, i) => `专业特长第${i + 1}项`),
      },
    });
    for (const [paper, size] of [
      ['A4', '595x842'],
      ['A5', '420x595'],
    ] as const) {
      const pdf = await cardPdf(core, reportId, paper);
      expect(pdfInfo(pdf.file), paper).toEqual({ pages: 1, size });
      const text = pdfText(pdf.file).replace(/\s+/g, '');
      expect(text).toContain('专业特长第20项');
      expect(text).toContain('年月日');
    }
  });

  it('every character is drawn from a Noto CJK font that has it (no missing glyphs)', async () => {
    const core = streetCore('110101001');
    const { reportId } = reportFor(core);
    const html = ok(core, 'documents.registrationCard', { reportId }).html;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.setContent(html, { waitUntil: 'load' });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      type Node = { nodeId: number; nodeType: number; nodeName: string; nodeValue: string; children?: Node[] };
      // Each element's own text, and the platform fonts Chromium drew its subtree with.
      const drawn: { text: string; fonts: string[] }[] = [];
      const walk = async (n: Node): Promise<void> => {
        const text = (n.children ?? [])
          .filter((c) => c.nodeType === 3)
          .map((c) => c.nodeValue)
          .join('')
          .replace(/\s/g, '');
        if (n.nodeType === 1 && text && !['STYLE', 'TITLE'].includes(n.nodeName)) {
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: n.nodeId });
          drawn.push({ text, fonts: fonts.map((f) => f.postScriptName) });
        }
        for (const c of n.children ?? []) await walk(c);
      };
      await walk(root as Node);
      expect(drawn.map((d) => d.text).join('')).toContain(MASKED_ID);
      // 小标宋 → Noto Serif CJK SC Bold (title), 黑体 → Noto Sans CJK SC (labels), 仿宋 → Noto Serif CJK SC (values).
      const faces = [...new Set(drawn.flatMap((d) => d.fonts))].sort();
      expect(faces).toEqual(['NotoSansCJKsc-Regular', 'NotoSerifCJKsc-Bold', 'NotoSerifCJKsc-Regular']);
      // A character no font has would still be "drawn" (as the .notdef box) with one of them: check coverage.
      const coverage = new Map(
        faces.map((ps) => {
          const charset = execFileSync('fc-list', ['--format', '%{charset}\n', `:postscriptname=${ps}`], {
            encoding: 'utf8',
          })
            .trim()
            .split('\n')[0]!;
          const ranges = charset.split(' ').map((r) => r.split('-').map((h) => parseInt(h, 16)));
          return [ps, (cp: number) => ranges.some(([a, b]) => cp >= a! && cp <= (b ?? a!))] as const;
        }),
      );
      const missing = drawn.flatMap((d) =>
        [...d.text].filter((ch) => !d.fonts.some((ps) => coverage.get(ps)!(ch.codePointAt(0)!))),
      );
      expect(missing).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the Chromium adapter loads nothing from the network', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // No CSP here on purpose: the adapter itself must refuse the requests. (Chromium may still warm up a TCP
      // connection for an iframe's navigation, which is then aborted before any request is sent.)
      const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${base}/a.css">
        <style>@font-face { font-family: X; src: url(${base}/f.woff2); } body { font-family: X, serif; }</style></head>
        <body><img src="${base}/i.png"><iframe src="${base}/frame"></iframe>文字</body></html>`;
      const pdf = await getPdfRenderer().render(html, { paper: 'A4' });
      expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(hits).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('another renderer can be installed (what Electron does) and gets the card HTML and paper', async () => {
    const core = streetCore('110101001');
    const { reportId } = reportFor(core);
    const seen: { html: string; paper: string }[] = [];
    const fake: PdfRenderer = {
      render: (html, opts) => {
        seen.push({ html, paper: opts.paper });
        return Promise.resolve(Buffer.from('%PDF-1.7 fake'));
      },
    };
    setPdfRenderer(fake);
    try {
      const f = await callAsync(core, 'documents.registrationCardPdf', { reportId, paper: 'A5' });
      expect(Buffer.from(f.base64, 'base64').toString()).toBe('%PDF-1.7 fake');
      expect(seen).toHaveLength(1);
      expect(seen[0]!.paper).toBe('A5');
      expect(seen[0]!.html).toContain(MASKED_ID);
    } finally {
      setPdfRenderer(null);
    }
    expect(getPdfRenderer()).not.toBe(fake);
  });

  it('documentShell keeps its contract for other documents', () => {
    const html = documentShell({ title: '测试', paper: 'A4', body: '<p>正文</p>', landscape: true });
    expect(html).toContain('size: A4 landscape;');
    expect(html).toContain('<title>测试</title>');
  });
});

describe('streetgrid print card', () => {
  function cli(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
      encoding: 'utf8',
      cwd: ROOT,
      timeout: 60_000,
    });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  }

  it('writes the card PDF and exits (browser closed); an unknown report fails in Chinese and writes nothing', () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'streetgrid.db');
    expect(cli('init', '--db', dbFile, '--street', '110101001').code).toBe(0);
    const db = openDatabase({ file: dbFile });
    let card: { reportId: number; cardNo: string };
    try {
      card = reportFor(coreFor(db));
    } finally {
      db.close();
    }

    const out = path.join(dir, 'out', '登记卡.pdf');
    const r = cli('print', 'card', '--db', dbFile, '--report', String(card.reportId), '--paper', 'A5', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成登记卡');
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfInfo(out)).toEqual({ pages: 1, size: '420x595' });
    expect(pdfText(out)).toContain(MASKED_ID);

    // The printed 编号 works as well; A4 by default.
    const byNo = path.join(dir, 'by-no.pdf');
    const r2 = cli('print', 'card', '--db', dbFile, '--report', card.cardNo, '--out', byNo);
    expect(r2.code).toBe(0);
    expect(pdfInfo(byNo)).toEqual({ pages: 1, size: '595x842' });

    const missing = path.join(dir, 'missing.pdf');
    const bad = cli('print', 'card', '--db', dbFile, '--report', '9999', '--out', missing);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('找不到该报到记录');
    expect(fs.existsSync(missing)).toBe(false);

    const usage = cli('print', 'card', '--db', dbFile, '--report', String(card.reportId));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('缺少参数 --out');
  });
});
