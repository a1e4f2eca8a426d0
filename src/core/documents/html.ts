// Shared pieces of every printable document: escaping, page size, and the print font stacks from ARCHITECTURE.md.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export const FONT_STACKS = {
  fangsong: '"FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif',
  song: '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "STSong", "SimSun", "宋体", "Noto Serif CJK SC", serif',
  hei: '"SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif',
  kai: '"KaiTi", "楷体_GB2312", "楷体", "STKaiti", "Noto Serif CJK SC", serif',
} as const;

export function documentShell(opts: { title: string; paper: 'A4' | 'A5'; body: string; extraCss?: string }): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(opts.title)}</title>
<style>
@page { size: ${opts.paper}; margin: ${opts.paper === 'A4' ? '20mm 18mm' : '12mm 10mm'}; }
html, body { margin: 0; padding: 0; color: #000; background: #fff; }
body { font-family: ${FONT_STACKS.fangsong}; font-size: ${opts.paper === 'A4' ? '14pt' : '11pt'}; }
.doc-title { font-family: ${FONT_STACKS.song}; font-weight: normal; text-align: center; font-size: ${opts.paper === 'A4' ? '22pt' : '17pt'}; margin: 0 0 4mm; letter-spacing: 1pt; }
.doc-meta { display: flex; justify-content: space-between; margin: 0 0 2mm; font-size: 0.85em; }
table.card { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.card th, table.card td { border: 1px solid #000; padding: 2.2mm 2mm; vertical-align: middle; word-break: break-all; }
table.card th { font-family: ${FONT_STACKS.hei}; font-weight: normal; width: 16%; text-align: center; font-size: 0.9em; }
table.card tr.tall td { height: ${opts.paper === 'A4' ? '22mm' : '14mm'}; vertical-align: top; }
table.card tr.sign td { height: ${opts.paper === 'A4' ? '30mm' : '18mm'}; position: relative; }
.sign-line { position: absolute; right: 6mm; bottom: 3mm; }
.doc-note { font-size: 0.75em; margin-top: 3mm; }
${opts.extraCss ?? ''}
</style></head><body>
${opts.body}
</body></html>`;
}
