// 会议纪要 (issue 5): generated from a meeting record made through the contract, drafts and frozen printed versions,
// the GB/T 9704 layout checked on the PDF Chromium renders (page size, margins, 28 characters × 22 lines, centred
// title, page numbers outside, no missing glyphs), the .docx's XML, and the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { callAsync, type Core } from '../../../src/core/api';
import { closePdfRenderer } from '../../../src/core/documents/pdf-port';
import { LINE_PT, PITCH_PT } from '../../../src/core/documents/minutes';
import { ok, ROOT, streetCore, tempDir } from '../../helpers';

afterAll(async () => {
  await closePdfRenderer();
});

const MM = 72 / 25.4;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Only full-width characters, so every full line holds exactly 28 of them. */
const LONG_SENTENCES = [
  '会议认为，今年以来辖区各驻区单位认真落实共驻共建工作要求，积极参与社区服务和治理，取得了明显成效。',
  '各成员单位要进一步提高认识，把共驻共建工作摆上重要位置，主要负责同志亲自过问，分管同志具体抓落实。',
  '要坚持资源共享、优势互补、共同发展的原则，推动场地、设施和人才向社区开放，为居民群众办实事解难题。',
  '要健全完善联席会议、结对共建、双向服务和考核评价等工作机制，确保各项工作有人管事、有钱办事、有处议事。',
];
const LONG_DISCUSSION = Array.from({ length: 4 }, (_, i) =>
  Array.from({ length: 4 }, (_, j) => LONG_SENTENCES[(i + j) % 4]).join(''),
).join('\n');

function longMeeting(core: Core) {
  const communityId = ok(core, 'communities.list', {})[0]!.id;
  const unitId = ok(core, 'units.create', { name: '东城区税务局', type: 'organ' }).id;
  const body = ok(core, 'meetingBodies.create', {
    name: '多福巷社区共驻共建协调议事小组',
    kind: 'cobuild',
    communityId,
  });
  const meeting = ok(core, 'meetings.create', {
    bodyId: body.id,
    date: '2026-11-22',
    startTime: '09:00',
    endTime: '11:30',
    place: '多福巷社区党群服务中心二楼会议室',
    chairName: '王建国',
    recorderName: '李晓梅',
    attendees: [
      ...['王建国', '李晓梅', '张志强', '刘洪涛', '陈静怡', '杨国庆', '赵卫东', '黄丽华', '周建平', '吴秀兰'].map(
        (personName) => ({ personName, attendance: 'present' as const }),
      ),
      { personName: '孙立新', unitId, attendance: 'present' as const },
      { personName: '马红梅', attendance: 'observer' as const },
      { personName: '朱明', attendance: 'leave' as const, reason: '出差' },
    ],
    agendaItems: [
      { title: '通报第四季度共驻共建工作情况', discussion: LONG_DISCUSSION },
      { title: '研究辖区停车难问题', discussion: LONG_SENTENCES.slice(0, 2).join('\n') },
    ],
    decisions: [
      { content: '开放东城区税务局停车场夜间停车位', responsibleUnitId: unitId, deadline: '2026-12-31' },
      { content: '组织党员志愿者开展助老服务', responsibleName: '李晓梅', deadline: '2027-01-15' },
    ],
  });
  return { meetingId: meeting.id, communityId };
}

function writeTemp(name: string, base64: string): string {
  const file = path.join(tempDir('sg-minutes-'), name);
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

interface BBoxLine {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The text lines of every page with their boxes (pt, origin top left), from `pdftotext -bbox-layout`. */
function bboxLines(file: string): { pages: { width: number; height: number }[]; lines: BBoxLine[] } {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' });
  const pages: { width: number; height: number }[] = [];
  const lines: BBoxLine[] = [];
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const pageM of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    pages.push({ width: Number(pageM[1]), height: Number(pageM[2]) });
    for (const lineM of pageM[3]!.matchAll(
      /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g,
    )) {
      const words = [...lineM[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]!));
      lines.push({
        page: pages.length,
        text: words.join(' '),
        xMin: Number(lineM[1]),
        yMin: Number(lineM[2]),
        xMax: Number(lineM[3]),
        yMax: Number(lineM[4]),
      });
    }
  }
  return { pages, lines };
}

/** Lines at the same height merged (pdftotext may split one printed line in two). */
function rows(lines: BBoxLine[]): BBoxLine[] {
  const out: BBoxLine[] = [];
  for (const l of [...lines].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.yMin - l.yMin) < 2) {
      last.text += l.text;
      last.xMin = Math.min(last.xMin, l.xMin);
      last.xMax = Math.max(last.xMax, l.xMax);
    } else out.push({ ...l });
  }
  return out;
}

/**
 * The inked area of one page in mm (pdftoppm, 300 dpi grey): top, left and right of all ink above the page number,
 * the bottom of the last text line, and the top of the page number (the last ink on the page).
 */
function inkBox(file: string, page: number) {
  const stem = path.join(path.dirname(file), `ink-${page}`);
  execFileSync('pdftoppm', ['-gray', '-r', '300', '-f', String(page), '-l', String(page), '-singlefile', file, stem]);
  const data = fs.readFileSync(`${stem}.pgm`);
  const head = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(data.subarray(0, 40).toString('latin1'))!;
  const [w, h] = [Number(head[1]), Number(head[2])];
  const px = data.subarray(head[0].length);
  const mm = (p: number) => (p * 25.4) / 300;
  const inkRows: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++)
      if (px[y * w + x]! < 128) {
        inkRows.push(y);
        break;
      }
  }
  // The page number is the ink after the last gap of more than 5 mm.
  let split = inkRows.length;
  for (let i = inkRows.length - 1; i > 0; i--)
    if (mm(inkRows[i]! - inkRows[i - 1]!) > 5) {
      split = i;
      break;
    }
  const textRows = inkRows.slice(0, split);
  let left = w;
  let right = 0;
  for (const y of textRows)
    for (let x = 0; x < w; x++)
      if (px[y * w + x]! < 128) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  return {
    top: mm(textRows[0]!),
    left: mm(left),
    right: mm(right),
    lastTextBottom: mm(textRows[textRows.length - 1]!),
    pageNumberTop: mm(inkRows[split]!),
  };
}

const chars = (s: string) => [...s.replace(/\s+/g, '')].length;

describe('会议纪要 content and versions', () => {
  it('generates the minutes from the meeting record', () => {
    const core = streetCore('110101001');
    const { meetingId } = longMeeting(core);
    const c = ok(core, 'minutes.generate', { meetingId });
    expect(c.title).toBe('多福巷社区共驻共建协调议事小组会议纪要');
    expect(c.date).toBe('2026-11-22');
    expect(c.issuer).toBe('多福巷社区');
    expect(c.intro[0]).toContain('2026年11月22日（星期日）上午9:00');
    expect(c.intro[0]).toContain('在多福巷社区党群服务中心二楼会议室召开会议');
    expect(c.intro[0]).toContain('会议由王建国主持，李晓梅记录');
    expect(c.intro[0]).toContain('通报第四季度共驻共建工作情况和研究辖区停车难问题共2项议题');
    expect(c.sections.map((s) => s.heading)).toEqual([
      '通报第四季度共驻共建工作情况',
      '研究辖区停车难问题',
      '议定事项',
    ]);
    expect(c.sections[0]!.paragraphs).toHaveLength(4);
    expect(c.sections[2]!.paragraphs).toEqual([
      '（一）开放东城区税务局停车场夜间停车位。责任单位：东城区税务局；完成时限：2026年12月31日前。',
      '（二）组织党员志愿者开展助老服务。责任人：李晓梅；完成时限：2027年1月15日前。',
    ]);
    expect(c.present).toHaveLength(11);
    expect(c.present).toContain('孙立新（东城区税务局）');
    expect(c.observers).toEqual(['马红梅']);
    expect(c.leave).toEqual(['朱明（出差）']);

    const html = ok(core, 'minutes.render', { meetingId }).html;
    for (const s of [
      '一、通报第四季度',
      '二、研究辖区停车难问题',
      '三、议定事项',
      '出席：',
      '列席：',
      '请假：',
      '朱明（出差）',
    ])
      expect(html, s).toContain(s);
    expect(html).toContain('size: A4;');
    // 37 / 35 mm less / plus the 2.28 mm the glyphs sit below their line box top (see GLYPH_OFFSET_MM).
    expect(html).toContain('margin: 34.72mm 26mm 37.28mm 28mm;');
    expect(html).not.toMatch(/<script|https?:\/\//i);
  });

  it('saves the draft as one unprinted version, freezes what is exported, and later edits leave it alone', async () => {
    const core = streetCore('110101001');
    const { meetingId } = longMeeting(core);
    const fresh = ok(core, 'minutes.get', { meetingId });
    expect(fresh.draftVersionId).toBeNull();
    expect(fresh.versions).toEqual([]);

    const edited = { ...fresh.draft, intro: ['第一稿。'] };
    const v1 = ok(core, 'minutes.saveDraft', { meetingId, content: edited });
    expect(v1.version).toBe(1);
    const v1b = ok(core, 'minutes.saveDraft', { meetingId, content: { ...edited, intro: ['第二稿。'] } });
    expect(v1b.id).toBe(v1.id);
    let state = ok(core, 'minutes.get', { meetingId });
    expect(state.draftVersionId).toBe(v1.id);
    expect(state.draft.intro).toEqual(['第二稿。']);
    expect(state.versions).toHaveLength(1);

    const out = await callAsync(core, 'minutes.export', { meetingId, format: 'pdf' });
    expect(out.fileName).toBe('会议纪要-多福巷社区共驻共建协调议事小组-2026-11-22.pdf');
    expect(out.mimeType).toBe('application/pdf');
    state = ok(core, 'minutes.get', { meetingId });
    const printed = state.versions.find((v) => v.id === out.versionId)!;
    expect(printed.version).toBe(2);
    expect(printed.format).toBe('pdf');
    expect(printed.printedAt).not.toBeNull();
    // After a print the draft continues from what was printed; saving it makes a new version.
    expect(state.draftVersionId).toBeNull();
    const v3 = ok(core, 'minutes.saveDraft', { meetingId, content: { ...state.draft, intro: ['第三稿。'] } });
    expect(v3.version).toBe(3);
    const frozen = ok(core, 'minutes.render', { meetingId, versionId: out.versionId }).html;
    expect(frozen).toContain('第二稿。');
    expect(frozen).not.toContain('第三稿。');
    const audit = core.db.sqlite
      .prepare("select action, summary from audit where entity = 'meeting_minutes' order by id")
      .all() as { action: string; summary: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'print', 'create']);
    expect(audit[2]!.summary).toContain('打印会议纪要');

    const again = await callAsync(core, 'minutes.versionFile', { versionId: out.versionId, format: 'pdf' });
    expect(execFileSync('pdftotext', [writeTemp('again.pdf', again.base64), '-'], { encoding: 'utf8' })).toContain(
      '第二稿。',
    );
    expect(ok(core, 'minutes.get', { meetingId }).versions).toHaveLength(3);
    const marked = ok(core, 'minutes.markPrinted', { meetingId, content: state.draft });
    expect([marked.version, marked.format]).toEqual([4, 'print']);
  });
});

describe('会议纪要 PDF in the GB/T 9704 layout', () => {
  it('A4, margins, 28 characters × 22 lines, centred title, page numbers outside, no missing glyphs', async () => {
    const core = streetCore('110101001');
    const { meetingId } = longMeeting(core);
    await callAsync(core, 'minutes.export', { meetingId, format: 'pdf' }); // the browser is warm from here on
    const t0 = performance.now();
    const f = await callAsync(core, 'minutes.export', { meetingId, format: 'pdf' });
    const ms = performance.now() - t0;
    const file = writeTemp('minutes.pdf', f.base64);
    if (process.env.SG_KEEP_PDF) fs.copyFileSync(file, process.env.SG_KEEP_PDF);
    console.log(`minutes PDF rendered in ${ms.toFixed(0)} ms`);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/.exec(info);
    expect(size, info).not.toBeNull();
    expect(Math.abs(Number(size![1]) - 210 * MM)).toBeLessThan(1);
    expect(Math.abs(Number(size![2]) - 297 * MM)).toBeLessThan(1);
    const { pages, lines } = bboxLines(file);
    expect(pages.length).toBeGreaterThanOrEqual(2);

    const isPageNo = (l: BBoxLine) => /^—\s*\d+\s*—$/.test(l.text.trim());
    const page1 = rows(lines.filter((l) => l.page === 1));
    const page2 = rows(lines.filter((l) => l.page === 2));
    const body1 = page1.filter((l) => !isPageNo(l));
    const body2 = page2.filter((l) => !isPageNo(l));

    // Title: the first line, centred on the 156 mm text block (28 + 78 mm from the left edge).
    const title = body1[0]!;
    expect(title.text).toBe('多福巷社区共驻共建协调议事小组会议纪要');
    expect(Math.abs((title.xMin + title.xMax) / 2 - (28 + 78) * MM)).toBeLessThan(1 * MM);
    // Ink (rendered at 300 dpi): the 天头 is 37 mm of white — the first line's characters start at 37 mm — the
    // binding edge 28 mm, and full lines end at the 156 mm block's right edge (184 mm).
    const ink = inkBox(file, 2);
    expect(Math.abs(ink.top - 37)).toBeLessThan(1.5);
    expect(Math.abs(ink.left - 28)).toBeLessThan(1);
    expect(Math.abs(ink.right - 184)).toBeLessThan(1);
    const ink1 = inkBox(file, 1);
    expect(Math.abs(ink1.top - 37)).toBeLessThan(1.5);

    // Left edge (binding side) at 28 mm: every line of page 2 that is not a paragraph's first line.
    const lefts = body2.map((l) => l.xMin / MM);
    expect(Math.min(...lefts)).toBeGreaterThan(27);
    expect(lefts.filter((x) => Math.abs(x - 28) < 1).length).toBeGreaterThan(15);
    // Page 2 is full of body text: exactly 22 lines on the 28.95pt grid, the last one inside the 225 mm block.
    expect(body2).toHaveLength(22);
    for (let i = 1; i < body2.length; i++)
      expect(Math.abs(body2[i]!.yMin - body2[i - 1]!.yMin - LINE_PT)).toBeLessThan(0.5);
    expect(ink.lastTextBottom).toBeLessThan(37 + 225);
    expect(ink.lastTextBottom).toBeGreaterThan(37 + 225 - 10.3);
    // 28 characters on a full line, never more; a full line spans the 156 mm width (28 × pitch).
    const counts = body2.map((l) => chars(l.text));
    expect(Math.max(...counts)).toBe(28);
    expect(counts.filter((n) => n === 28).length).toBeGreaterThan(10);
    const full = body2.find((l) => chars(l.text) === 28 && Math.abs(l.xMin - 28 * MM) < 1.5)!;
    expect(Math.abs(full.xMax - full.xMin - 28 * PITCH_PT)).toBeLessThan(1.5);
    expect(full.xMax).toBeLessThan((28 + 156) * MM + 1);

    // Page numbers: 「— 1 —」 right (one character in from the block's right edge) on page 1, 「— 2 —」 left on page 2,
    // 7 mm under the text block.
    const no1 = page1.find(isPageNo)!;
    const no2 = page2.find(isPageNo)!;
    expect(no1.text.replace(/\s+/g, '')).toBe('—1—');
    expect(no2.text.replace(/\s+/g, '')).toBe('—2—');
    expect(no1.xMin).toBeGreaterThan(150 * MM);
    expect(Math.abs(no1.xMax - (28 + 156) * MM + 14)).toBeLessThan(1.5 * MM);
    expect(Math.abs(no2.xMin - 28 * MM - 14)).toBeLessThan(1.5 * MM);
    expect(Math.abs(ink.pageNumberTop - (37 + 225 + 7))).toBeLessThan(1.5);

    // The text, and the attendance lines in their standard form.
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
    for (const s of [
      '一、通报第四季度共驻共建工作情况',
      '三、议定事项',
      '出席：王建国、李晓梅',
      '列席：马红梅',
      '请假：朱明（出差）',
    ])
      expect(text, s).toContain(s);
    // Hanging indent: continuation lines of 出席 start after the colon, 5 characters in.
    const all = rows(lines.filter((l) => l.page === pages.length));
    const present = all.findIndex((l) => l.text.startsWith('出席：'));
    expect(present).toBeGreaterThanOrEqual(0);
    expect(Math.abs(all[present]!.xMin - 28 * MM - 2 * PITCH_PT)).toBeLessThan(1);
    expect(Math.abs(all[present + 1]!.xMin - 28 * MM - 5 * PITCH_PT)).toBeLessThan(1);

    // Fonts: embedded with ToUnicode maps (Skia writes the CFF-based Noto CJK as Type 3), no U+FFFD in the text.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line, line).toMatch(/\syes\s+\S+\s+yes\s+\d+\s+\d+$/);
    expect(text).not.toContain('\uFFFD');
    // Rendered pixels: pdftoppm must succeed (the images are looked at by hand while developing).
    const png = path.join(path.dirname(file), 'page');
    const r = spawnSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '2', file, png]);
    expect(r.status).toBe(0);
  });
});

describe('会议纪要 fonts', () => {
  it('every character is drawn from a Noto CJK font that has it (no missing glyphs), each style its own face', async () => {
    const core = streetCore('110101001');
    const { meetingId } = longMeeting(core);
    const html = ok(core, 'minutes.render', { meetingId }).html;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.setContent(html, { waitUntil: 'load' });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      type Node = { nodeId: number; nodeType: number; nodeName: string; nodeValue: string; children?: Node[] };
      const drawn: { cls: string; text: string; fonts: string[] }[] = [];
      const walk = async (n: Node & { attributes?: string[] }): Promise<void> => {
        const text = (n.children ?? [])
          .filter((c) => c.nodeType === 3)
          .map((c) => c.nodeValue)
          .join('')
          .replace(/\s/g, '');
        if (n.nodeType === 1 && text && !['STYLE', 'TITLE'].includes(n.nodeName)) {
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: n.nodeId });
          const attrs = n.attributes ?? [];
          const cls = attrs[attrs.indexOf('class') + 1] ?? '';
          drawn.push({ cls, text, fonts: fonts.map((f) => f.postScriptName) });
        }
        for (const c of n.children ?? []) await walk(c);
      };
      await walk(root as Node);
      const facesOf = (cls: string) => [...new Set(drawn.filter((d) => d.cls === cls).flatMap((d) => d.fonts))];
      // 小标宋 → Noto Serif CJK SC Bold, 黑体 → Noto Sans CJK SC, 仿宋 → Noto Serif CJK SC; 楷体 has no Noto face.
      expect(facesOf('minutes-title')).toEqual(['NotoSerifCJKsc-Bold']);
      expect(facesOf('h1')).toEqual(['NotoSansCJKsc-Regular']);
      expect(facesOf('label')).toEqual(['NotoSansCJKsc-Regular']);
      expect(facesOf('para')).toEqual(['NotoSerifCJKsc-Regular']);
      const faces = [...new Set(drawn.flatMap((d) => d.fonts))].sort();
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
      // The page numbers (CSS generated content, not in the DOM): "— 0-9 —" in Noto Serif CJK SC.
      expect([...'—0123456789'].filter((ch) => !coverage.get('NotoSerifCJKsc-Regular')!(ch.codePointAt(0)!))).toEqual(
        [],
      );
    } finally {
      await browser.close();
    }
  });
});

describe('会议纪要 .docx', () => {
  it('holds the title, a body paragraph, the attendance lines, A4 and the GB/T 9704 margins', async () => {
    const core = streetCore('110101001');
    const { meetingId } = longMeeting(core);
    const f = await callAsync(core, 'minutes.export', { meetingId, format: 'docx' });
    expect(f.fileName).toBe('会议纪要-多福巷社区共驻共建协调议事小组-2026-11-22.docx');
    const zip = await JSZip.loadAsync(Buffer.from(f.base64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const s of [
      '多福巷社区共驻共建协调议事小组会议纪要',
      LONG_SENTENCES[0]!,
      '一、通报第四季度共驻共建工作情况',
      '出席：',
      '王建国、李晓梅',
      '列席：马红梅',
      '请假：朱明（出差）',
    ])
      expect(text, s).toContain(s);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toMatch(/<w:sz w:val="44"\/>/);
    expect(xml).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    // Footers: odd pages right, even pages left, both with a PAGE field.
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('<w:evenAndOddHeaders');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/footer\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    expect(footers.some((x) => x.includes('w:val="right"') && x.includes('PAGE'))).toBe(true);
    expect(footers.some((x) => x.includes('w:val="left"') && x.includes('PAGE'))).toBe(true);
  });
});

describe('streetgrid print minutes', () => {
  it('writes the PDF and the .docx and stores each as a printed version', () => {
    const core = streetCore('110101001');
    const { meetingId } = longMeeting(core);
    const dbFile = core.db.file;
    core.db.close();
    const dir = tempDir('sg-minutes-cli-');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
        encoding: 'utf8',
        cwd: ROOT,
        timeout: 60_000,
      });
    for (const out of ['纪要.pdf', '纪要.docx']) {
      const r = run(['print', 'minutes', '--db', dbFile, '--meeting', String(meetingId), '--out', path.join(dir, out)]);
      expect(r.stderr + r.stdout, out).toContain('已生成会议纪要');
      expect(r.status).toBe(0);
      expect(fs.statSync(path.join(dir, out)).size).toBeGreaterThan(1000);
    }
    expect(fs.readFileSync(path.join(dir, '纪要.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(path.join(dir, '纪要.docx')).subarray(0, 2).toString()).toBe('PK');
    const bad = run([
      'print',
      'minutes',
      '--db',
      dbFile,
      '--meeting',
      String(meetingId),
      '--out',
      path.join(dir, 'x.txt'),
    ]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('.pdf 或 .docx');
  });
});
