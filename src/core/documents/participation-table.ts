// 参加社区活动情况统计表: the community's table of its reported 在职党员 for a period (A4 landscape, header row repeated
// on every page, totals, signature/seal line, page numbers "第 1 页 共 2 页"). ID numbers are masked.
import type { DocumentT, FileOutT, ParticipationTableT } from '../../shared/contract';
import { ACTIVITY } from '../../shared/messages';
import { todayIso } from '../../shared/period';
import type { StreetGridDb } from '../db/connection';
import { participationTable } from '../services/participation';
import { dateZh, documentShell, escapeHtml, FONT_STACKS } from './html';
import { PDF_MIME, safeFileName } from './pdf';
import { getPdfRenderer } from './pdf-port';

const T = ACTIVITY.doc;

const CSS = `
@page { @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: ${FONT_STACKS.fangsong};
  font-size: 10pt; } }
.doc-title { margin-bottom: 3mm; }
.pt-meta { display: flex; justify-content: space-between; font-size: 12pt; margin: 0 0 2mm; }
.pt-meta .k { font-family: ${FONT_STACKS.hei}; }
table.pt { width: 100%; border-collapse: collapse; table-layout: fixed; border: 1.5pt solid #000; font-size: 12pt; }
table.pt thead { display: table-header-group; }
table.pt tr { break-inside: avoid; }
table.pt th, table.pt td { border: 0.75pt solid #000; padding: 1.2mm 1.6mm; line-height: 1.35; vertical-align: middle;
  overflow-wrap: anywhere; }
table.pt th { font-family: ${FONT_STACKS.hei}; font-weight: normal; font-size: 11pt; text-align: center; }
table.pt td.c { text-align: center; }
table.pt td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.pt td.id { font-size: 10.5pt; text-align: center; white-space: nowrap; }
table.pt td.d { text-align: center; white-space: nowrap; }
table.pt tr.total td { font-family: ${FONT_STACKS.hei}; }
table.pt td.empty { text-align: center; padding: 6mm; }
col.seq { width: 5%; } col.name { width: 8%; } col.id { width: 16%; } col.emp { width: 22%; }
col.rep { width: 14.5%; } col.act { width: 8.5%; } col.hrs { width: 9%; } col.posts { width: 17%; }
.pt-summary { font-size: 11pt; margin: 2mm 0 0; }
.pt-sign { display: flex; justify-content: space-between; margin: 8mm 0 0; font-size: 12pt; break-inside: avoid; }
.pt-sign span { min-width: 25%; }`;

function num(n: number): string {
  return String(n);
}

export function renderParticipationTable(t: ParticipationTableT, written: string = todayIso()): DocumentT {
  const rows = t.rows
    .map(
      (r, i) =>
        `<tr><td class="c">${i + 1}</td><td class="c">${escapeHtml(r.name)}</td><td class="id">${escapeHtml(
          r.idMasked,
        )}</td><td>${escapeHtml(r.employerName ?? '')}</td><td class="d">${escapeHtml(
          dateZh(r.reportDate),
        )}</td><td class="n">${num(r.activities)}</td><td class="n">${num(r.hours)}</td><td>${escapeHtml(
          r.posts.join('、'),
        )}</td></tr>`,
    )
    .join('\n');
  const body = `
<h1 class="doc-title">${escapeHtml(T.tableTitle)}</h1>
<div class="pt-meta">
  <span><span class="k">${escapeHtml(T.street)}</span>${escapeHtml(t.streetName)}&emsp;<span class="k">${escapeHtml(
    T.community,
  )}</span>${escapeHtml(t.communityName)}</span>
  <span><span class="k">${escapeHtml(T.period)}</span>${escapeHtml(
    T.periodRange(t.periodLabel, dateZh(t.from), dateZh(t.to)),
  )}</span>
</div>
<table class="pt">
  <colgroup><col class="seq"><col class="name"><col class="id"><col class="emp"><col class="rep"><col class="act"><col class="hrs"><col class="posts"></colgroup>
  <thead><tr><th>${escapeHtml(T.seq)}</th><th>${escapeHtml(T.name)}</th><th>${escapeHtml(
    ACTIVITY.doc.idNumber,
  )}</th><th>${escapeHtml(T.employer)}</th><th>${escapeHtml(T.reportDate)}</th><th>${escapeHtml(
    T.activities,
  )}</th><th>${escapeHtml(T.hours)}</th><th>${escapeHtml(T.posts)}</th></tr></thead>
  <tbody>
${rows || `<tr><td class="empty" colspan="8">${escapeHtml(T.noRows)}</td></tr>`}
  <tr class="total"><td class="c" colspan="2">${escapeHtml(T.total)}</td><td class="c">${escapeHtml(
    T.totalMembers(t.totals.members),
  )}</td><td></td><td></td><td class="n">${num(t.totals.activities)}</td><td class="n">${num(
    t.totals.hours,
  )}</td><td class="c">${escapeHtml(T.totalMembers(t.totals.withPosts))}</td></tr>
  </tbody>
</table>
<p class="pt-summary">${escapeHtml(T.activeMembers(t.totals.activeMembers, t.totals.members))}</p>
<div class="pt-sign"><span>${escapeHtml(T.filler)}</span><span>${escapeHtml(T.checker)}</span><span>${escapeHtml(
    T.sealCommunity,
  )}</span><span>${escapeHtml(T.written)}${escapeHtml(dateZh(written))}</span></div>`;
  return {
    title: `${T.tableTitle}-${t.communityName}-${t.period}`,
    html: documentShell({
      title: `${T.tableTitle}（${t.communityName} ${t.periodLabel}）`,
      paper: 'A4',
      landscape: true,
      margin: '15mm 15mm 18mm 15mm',
      body,
      extraCss: CSS,
    }),
  };
}

export function participationTableDocument(db: StreetGridDb, communityId: number, period: string): DocumentT {
  return renderParticipationTable(participationTable(db, communityId, period));
}

/** 参加社区活动情况统计表-<社区>-<期间>.pdf */
export async function participationTablePdf(db: StreetGridDb, communityId: number, period: string): Promise<FileOutT> {
  const t = participationTable(db, communityId, period);
  const doc = renderParticipationTable(t);
  const pdf = await getPdfRenderer().render(doc.html, { paper: 'A4', landscape: true });
  return {
    fileName: safeFileName(`${T.tableFileStem}-${t.communityName}-${t.period}.pdf`),
    mimeType: PDF_MIME,
    base64: pdf.toString('base64'),
  };
}
