// 统计表 as a printable document: A4 landscape, 小标宋 title, the street, the period (with its dates) and the date the
// table was made (2026年11月23日), the table with its header repeated on every page and a totals row, the
// definitions under it, the maker/checker/seal line and page numbers "第 1 页 共 2 页".
import type { DocumentT, FileOutT, StatTableKind, StatTableT } from '../../shared/contract';
import { STATS_UI } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { statTable } from '../services/stat-tables';
import { dateZh, documentShell, escapeHtml, FONT_STACKS } from './html';
import { PDF_MIME, safeFileName } from './pdf';
import { getPdfRenderer } from './pdf-port';

const T = STATS_UI.doc;

const CSS = `
@page { @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: ${FONT_STACKS.fangsong};
  font-size: 10pt; } }
.doc-title { margin-bottom: 3mm; }
.st-meta { display: flex; justify-content: space-between; font-size: 12pt; margin: 0 0 2mm; gap: 6mm; }
.st-meta .k { font-family: ${FONT_STACKS.hei}; }
table.st { width: 100%; border-collapse: collapse; border: 1.5pt solid #000; font-size: 11pt; }
table.st thead { display: table-header-group; }
table.st tr { break-inside: avoid; }
table.st th, table.st td { border: 0.75pt solid #000; padding: 1mm 1.4mm; line-height: 1.3; vertical-align: middle; }
table.st th { font-family: ${FONT_STACKS.hei}; font-weight: normal; font-size: 10pt; text-align: center; }
table.st td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.st td.c { text-align: center; }
table.st td.l { white-space: nowrap; }
table.st tr.total td { font-family: ${FONT_STACKS.hei}; }
table.st td.empty { text-align: center; padding: 6mm; }
table.st.wide { font-size: 9.5pt; }
table.st.wide th { font-size: 9pt; padding: 1mm 0.6mm; }
table.st.wide td { padding: 1mm 0.8mm; }
.st-notes { font-size: 10.5pt; margin: 2mm 0 0; line-height: 1.5; }
.st-sign { display: flex; justify-content: space-between; margin: 8mm 0 0; font-size: 12pt; break-inside: avoid; }
.st-sign span { min-width: 25%; }`;

/** A cell as printed: counts as integers, hours with up to two decimals, shares as percentages; empty for none. */
export function formatStatCell(v: number | null, format: StatTableT['columns'][number]['format']): string {
  if (v === null) return '—';
  if (format === 'ratio') return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
  if (format === 'hours') return String(Math.round(v * 100) / 100);
  return String(v);
}

export function renderStatTable(t: StatTableT): DocumentT {
  const wide = t.columns.length > 9;
  const head = `<tr><th>${escapeHtml(T.seq)}</th><th>${escapeHtml(t.rowHeader)}</th>${t.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const rows = t.rows
    .map(
      (r, i) =>
        `<tr><td class="c">${i + 1}</td><td class="l">${escapeHtml(r.label)}</td>${r.values
          .map((v, j) => `<td class="n">${escapeHtml(formatStatCell(v, t.columns[j]!.format))}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const total = `<tr class="total"><td class="c" colspan="2">${escapeHtml(STATS_UI.tables.total)}</td>${t.totals
    .map((v, j) => `<td class="n">${escapeHtml(formatStatCell(v, t.columns[j]!.format))}</td>`)
    .join('')}</tr>`;
  const period =
    t.kind === 'members' ? t.periodLabel : STATS_UI.tables.periodLine(t.periodLabel, dateZh(t.from), dateZh(t.to));
  const body = `
<h1 class="doc-title">${escapeHtml(t.title)}</h1>
<div class="st-meta">
  <span><span class="k">${escapeHtml(T.street)}</span>${escapeHtml(t.streetName)}${
    t.communityName ? `&emsp;<span class="k">${escapeHtml(T.community)}</span>${escapeHtml(t.communityName)}` : ''
  }</span>
  <span><span class="k">${escapeHtml(T.period)}</span>${escapeHtml(period)}</span>
  <span><span class="k">${escapeHtml(T.made)}</span>${escapeHtml(dateZh(t.today))}</span>
</div>
<table class="st${wide ? ' wide' : ''}">
  <thead>${head}</thead>
  <tbody>
${rows || `<tr><td class="empty" colspan="${t.columns.length + 2}">${escapeHtml(T.noRows)}</td></tr>`}
  ${total}
  </tbody>
</table>
<p class="st-notes">${escapeHtml(T.notes)}${t.notes.map(escapeHtml).join('')}</p>
<div class="st-sign"><span>${escapeHtml(T.maker)}</span><span>${escapeHtml(T.checker)}</span><span>${escapeHtml(
    T.seal,
  )}</span><span>${escapeHtml(T.made)}${escapeHtml(dateZh(t.today))}</span></div>`;
  return {
    title: `${t.title}（${t.communityName ?? t.streetName} ${t.periodLabel}）`,
    html: documentShell({
      title: `${t.title}（${t.communityName ?? t.streetName} ${t.periodLabel}）`,
      paper: 'A4',
      landscape: true,
      margin: '15mm 15mm 18mm 15mm',
      body,
      extraCss: CSS,
    }),
  };
}

type TableInput = { kind: StatTableKind; period: string; communityId?: number | undefined };

export function statTableDocument(db: StreetGridDb, i: TableInput): DocumentT {
  return renderStatTable(statTable(db, i));
}

/** <表名>-<社区或街道>-<期间>.pdf */
export async function statTablePdf(db: StreetGridDb, i: TableInput): Promise<FileOutT> {
  const t = statTable(db, i);
  const pdf = await getPdfRenderer().render(renderStatTable(t).html, { paper: 'A4', landscape: true });
  return {
    fileName: safeFileName(`${t.title}-${t.communityName ?? t.streetName}-${t.period}.pdf`),
    mimeType: PDF_MIME,
    base64: pdf.toString('base64'),
  };
}
