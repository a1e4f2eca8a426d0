// Shared pieces of every printable document: escaping, the page box, and the print font stacks from ARCHITECTURE.md.
// A document is one self-contained HTML string: no scripts, no external resources (its CSP forbids both), fonts
// from the system. The same HTML goes to Electron's printToPDF / print dialog and to Chromium in the CLI/tests.
import { formatDateZh } from '../../shared/validators';

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Escapes, then keeps the text's own line breaks (a multi-line 服务意向, a label split on purpose). */
export function escapeLines(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>');
}

/** 2026-11-20 → 2026年11月20日; empty for a missing date. */
export function dateZh(iso: string | null | undefined): string {
  return iso ? formatDateZh(iso) : '';
}

/**
 * The bold weight of Noto/Source Han Serif under one name, used for 小标宋 only when no real 小标宋 is
 * installed: 小标宋 is a single heavy face, so asking for `bold` instead would fake-embolden the real font.
 */
const TITLE_FALLBACK_FACE = 'SG XiaoBiaoSong Fallback';

export const FONT_STACKS = {
  fangsong: '"FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif',
  song: `"FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "${TITLE_FALLBACK_FACE}", "STSong", "SimSun", "宋体", "Noto Serif CJK SC", serif`,
  hei: '"SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif',
  kai: '"KaiTi", "楷体_GB2312", "楷体", "STKaiti", "Noto Serif CJK SC", serif',
} as const;

const FONT_FACES = `@font-face {
  font-family: "${TITLE_FALLBACK_FACE}";
  src: local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Source Han Serif SC Bold"),
    local("SourceHanSerifSC-Bold"), local("Source Han Serif CN Bold"), local("SourceHanSerifCN-Bold");
}`;

/** Page margins (top right bottom left) per paper when a document does not give its own. */
const DEFAULT_MARGINS = { A4: '20mm 18mm 18mm 18mm', A5: '11mm 10mm 10mm 10mm' } as const;

export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function documentShell(opts: {
  title: string;
  paper: 'A4' | 'A5';
  body: string;
  extraCss?: string;
  landscape?: boolean;
  /** CSS margin of the @page box, e.g. GB/T 9704's '37mm 26mm 35mm 28mm'. */
  margin?: string;
}): string {
  const a4 = opts.paper === 'A4';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<title>${escapeHtml(opts.title)}</title>
<style>
${FONT_FACES}
@page { size: ${opts.paper}${opts.landscape ? ' landscape' : ''}; margin: ${opts.margin ?? DEFAULT_MARGINS[opts.paper]}; }
html, body { margin: 0; padding: 0; color: #000; background: #fff; }
body { font-family: ${FONT_STACKS.fangsong}; font-size: ${a4 ? '14pt' : '10.5pt'}; line-height: 1.5;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.doc-title { font-family: ${FONT_STACKS.song}; font-weight: normal; text-align: center; font-size: ${a4 ? '22pt' : '16pt'};
  line-height: 1.3; margin: 0 0 ${a4 ? '6mm' : '4mm'}; letter-spacing: 0.08em; }
.doc-meta { display: flex; justify-content: space-between; align-items: baseline; margin: 0 0 ${a4 ? '2mm' : '1.5mm'}; }
.doc-note { margin: ${a4 ? '3mm' : '2mm'} 0 0; font-size: 0.8em; line-height: 1.6; }
${opts.extraCss ?? ''}
</style></head><body>
${opts.body}
</body></html>`;
}
