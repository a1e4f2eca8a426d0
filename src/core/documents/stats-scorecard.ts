// 社区目标考评表: one A4 page per community — the indicators with the raw figures behind each, the completion share,
// the weight and the weighted points, the score and the rank, the definitions, the street and the date. 全部打印 is
// the same page for every community, one per page, in rank order.
import type { DocumentT, FileOutT, ScorecardT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ERR, STATS_UI } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { scorecard } from '../services/scorecard';
import { dateZh, documentShell, escapeHtml, FONT_STACKS } from './html';
import { PDF_MIME, safeFileName } from './pdf';
import { getPdfRenderer } from './pdf-port';

const S = STATS_UI.scorecard;
const D = STATS_UI.doc;

const CSS = `
.sc-page { break-after: page; }
.sc-page:last-child { break-after: auto; }
.doc-title { margin-bottom: 3mm; }
.sc-meta { display: flex; justify-content: space-between; font-size: 12pt; margin: 0 0 3mm; }
.sc-meta .k { font-family: ${FONT_STACKS.hei}; }
table.sc { width: 100%; border-collapse: collapse; border: 1.5pt solid #000; font-size: 11pt; table-layout: fixed; }
table.sc th, table.sc td { border: 0.75pt solid #000; padding: 1.4mm 1.6mm; line-height: 1.35; vertical-align: middle; }
table.sc th { font-family: ${FONT_STACKS.hei}; font-weight: normal; font-size: 10.5pt; text-align: center; }
table.sc td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sc td.off { color: #555; }
table.sc tr.total td { font-family: ${FONT_STACKS.hei}; font-size: 12pt; }
col.ind { width: 17%; } col.raw { width: 37%; } col.val { width: 13%; } col.w { width: 11%; } col.pts { width: 11%; }
.sc-result { display: flex; justify-content: space-between; font-size: 14pt; margin: 4mm 0 3mm; }
.sc-result b { font-family: ${FONT_STACKS.hei}; font-weight: normal; }
.sc-defs { font-size: 10.5pt; line-height: 1.55; margin: 2mm 0 0; }
.sc-defs dt { font-family: ${FONT_STACKS.hei}; }
.sc-defs dd { margin: 0 0 1mm 2em; }
.sc-sign { display: flex; justify-content: space-between; margin: 8mm 0 0; font-size: 12pt; break-inside: avoid; }`;

const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

function page(card: ScorecardT, row: ScorecardT['rows'][number]): string {
  const lines = card.indicators
    .map((ind) => {
      const f = row.figures[ind.key];
      const off = !ind.enabled;
      return `<tr><td${off ? ' class="off"' : ''}>${escapeHtml(ind.label)}</td><td>${escapeHtml(f.detail)}</td><td class="n">${pct(
        f.value,
      )}</td><td class="n">${off ? escapeHtml(S.disabledNote) : pct(f.weight)}</td><td class="n">${
        off ? '—' : f.points.toFixed(2)
      }</td></tr>`;
    })
    .join('\n');
  const defs = card.indicators
    .filter((i) => i.enabled)
    .map((i) => `<dt>${escapeHtml(i.label)}</dt><dd>${escapeHtml(i.definition)}</dd>`)
    .join('');
  return `<section class="sc-page">
<h1 class="doc-title">${escapeHtml(S.pageTitle(card.year))}</h1>
<div class="sc-meta">
  <span><span class="k">${escapeHtml(D.street)}</span>${escapeHtml(card.streetName)}&emsp;<span class="k">${escapeHtml(
    D.community,
  )}</span>${escapeHtml(row.communityName)}（${escapeHtml(row.communityCode)}）</span>
  <span><span class="k">${escapeHtml(D.made)}</span>${escapeHtml(dateZh(card.today))}</span>
</div>
<table class="sc">
  <colgroup><col class="ind"><col class="raw"><col class="val"><col class="w"><col class="pts"></colgroup>
  <thead><tr><th>${escapeHtml(S.indicator)}</th><th>${escapeHtml(S.rawFigures)}</th><th>${escapeHtml(
    S.value,
  )}</th><th>${escapeHtml(S.weight)}</th><th>${escapeHtml(S.points)}</th></tr></thead>
  <tbody>
${lines}
  <tr class="total"><td colspan="4">${escapeHtml(S.totalScore)}</td><td class="n">${row.score.toFixed(1)}</td></tr>
  </tbody>
</table>
<div class="sc-result"><span><b>${escapeHtml(S.totalScore)}：</b>${row.score.toFixed(1)}</span><span><b>${escapeHtml(
    S.rank,
  )}：</b>${escapeHtml(S.rankLine(row.rank, card.rows.length))}</span></div>
<p class="sc-defs">${escapeHtml(S.weightsNote)}</p>
<dl class="sc-defs">${defs}</dl>
<div class="sc-sign"><span>${escapeHtml(D.maker)}</span><span>${escapeHtml(D.checker)}</span><span>${escapeHtml(
    S.signature,
  )}</span></div>
</section>`;
}

export function renderScorecard(card: ScorecardT, communityId?: number): DocumentT {
  const rows = communityId === undefined ? card.rows : card.rows.filter((r) => r.communityId === communityId);
  if (communityId !== undefined && rows.length === 0) throw new AppError('NOT_FOUND', ERR.communityNotFound);
  const scope = communityId === undefined ? S.all : rows[0]!.communityName;
  const title = `${S.pageTitle(card.year)}（${scope}）`;
  const body = rows.length ? rows.map((r) => page(card, r)).join('\n') : `<p>${escapeHtml(S.noCommunities)}</p>`;
  return { title, html: documentShell({ title, paper: 'A4', body, extraCss: CSS }) };
}

export function scorecardDocument(db: StreetGridDb, i: { year: number; communityId?: number | undefined }): DocumentT {
  return renderScorecard(scorecard(db, { year: i.year }), i.communityId);
}

/** 社区目标考评表-<年>-<社区或全部社区>.pdf */
export async function scorecardPdf(
  db: StreetGridDb,
  i: { year: number; communityId?: number | undefined },
): Promise<FileOutT> {
  const card = scorecard(db, { year: i.year });
  const doc = renderScorecard(card, i.communityId);
  const scope =
    i.communityId === undefined ? S.all : (card.rows.find((r) => r.communityId === i.communityId)?.communityName ?? '');
  const pdf = await getPdfRenderer().render(doc.html, { paper: 'A4' });
  return {
    fileName: safeFileName(`${S.fileStem(card.year, scope)}.pdf`),
    mimeType: PDF_MIME,
    base64: pdf.toString('base64'),
  };
}
