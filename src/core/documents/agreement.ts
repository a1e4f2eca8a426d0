// 共驻共建协议书 / 结对共建协议书: the printed co-building agreement (A4 portrait). 小标宋 title, 甲方 (the community or
// the street) and 乙方 (the unit), the "四联" areas ticked, both parties' duties, the commitments table, and the
// signature block with seals. Long agreements flow onto further pages; table rows and the signature block never split.
import type { AgreementDetailT, DocumentT, FileOutT, StreetT } from '../../shared/contract';
import { AGREEMENT_AREAS, AGREEMENT_AREA_LABELS, COMMITMENT_STATUS_LABELS } from '../../shared/enums';
import { COBUILD } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { getAgreement } from '../services/agreements';
import { currentStreet } from '../services/street';
import { dateZh, documentShell, escapeHtml, escapeLines, FONT_STACKS } from './html';
import { PDF_MIME, safeFileName } from './pdf';
import { getPdfRenderer } from './pdf-port';

const T = COBUILD.doc;

export interface AgreementDocData {
  agreement: AgreementDetailT;
  street: StreetT | null;
}

export function loadAgreementDoc(db: StreetGridDb, id: number): AgreementDocData {
  return { agreement: getAgreement(db, id), street: currentStreet(db) };
}

/** 甲方 as printed: the street's full name for a street-wide agreement, else 街道 + 社区. */
export function partyAName(a: AgreementDetailT, street: StreetT | null): string {
  const streetName = street ? `${street.districtName}${street.name}` : '';
  if (a.communityId === null) return streetName || COBUILD.streetWide;
  return `${street?.name ?? ''}${a.communityName}`;
}

const CSS = `
body { font-size: 15pt; line-height: 1.65; }
.doc-title { margin-bottom: 2mm; }
.subtitle { text-align: center; font-family: ${FONT_STACKS.kai}; font-size: 14pt; margin: 0 0 6mm; }
.parties { margin: 0 0 4mm; }
.parties p { margin: 0; }
.parties .k { font-family: ${FONT_STACKS.hei}; }
p.para { margin: 0 0 2mm; text-indent: 2em; text-align: justify; }
h2 { font-family: ${FONT_STACKS.hei}; font-weight: normal; font-size: 15pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.areas { margin: 0 0 1mm 2em; }
.areas span { margin-right: 1.6em; white-space: nowrap; }
.duties { margin: 0; }
table.commitments { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 11pt; line-height: 1.45;
  margin: 1mm 0 2mm; }
table.commitments th, table.commitments td { border: 0.75pt solid #000; padding: 1.2mm 1.4mm; vertical-align: middle;
  overflow-wrap: anywhere; }
table.commitments th { font-family: ${FONT_STACKS.hei}; font-weight: normal; text-align: center; white-space: nowrap; }
table.commitments thead { display: table-header-group; }
table.commitments tr { break-inside: avoid; }
table.commitments td.c { text-align: center; }
table.commitments td.n { white-space: nowrap; }
table.commitments col.no { width: 8%; } table.commitments col.content { width: 41%; }
table.commitments col.area { width: 15%; } table.commitments col.due { width: 24%; }
table.commitments col.status { width: 12%; }
.signatures { display: flex; justify-content: space-between; margin-top: 10mm; break-inside: avoid; }
.signatures .party { width: 46%; line-height: 2.2; }
.signatures .seal { font-family: ${FONT_STACKS.hei}; }
.signatures .gap { height: 14mm; }
.doc-note { font-size: 11pt; }`;

function dutiesHtml(text: string | null, fallback: string): string {
  const lines = (text && text.trim() ? text : fallback).split(/\r?\n/).filter((l) => l.trim() !== '');
  return `<div class="duties">${lines.map((l) => `<p class="para">${escapeHtml(l.trim())}</p>`).join('')}</div>`;
}

function commitmentsHtml(a: AgreementDetailT): string {
  if (a.commitments.length === 0) return `<p class="para">${escapeHtml(T.noCommitments)}</p>`;
  const rows = a.commitments
    .map(
      (c, i) => `<tr><td class="c">${i + 1}</td><td>${escapeLines(c.content)}</td>
<td class="c">${c.area ? escapeHtml(AGREEMENT_AREA_LABELS[c.area]) : ''}</td>
<td class="c n">${escapeHtml(dateZh(c.dueDate))}</td><td class="c">${escapeHtml(COMMITMENT_STATUS_LABELS[c.status])}</td></tr>`,
    )
    .join('\n');
  return `<table class="commitments">
<colgroup><col class="no"><col class="content"><col class="area"><col class="due"><col class="status"></colgroup>
<thead><tr><th>${T.colNo}</th><th>${T.colContent}</th><th>${T.colArea}</th><th>${T.colDue}</th><th>${T.colStatus}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

export function renderAgreement(data: AgreementDocData): DocumentT {
  const { agreement: a, street } = data;
  const title = a.communityId === null ? T.title : T.pairTitle;
  const partyA = partyAName(a, street);
  const date = a.signedDate ? dateZh(a.signedDate) : T.blankDate;
  const areas = AGREEMENT_AREAS.map(
    (k) => `<span>${a.areas.includes(k) ? '■' : '□'} ${escapeHtml(AGREEMENT_AREA_LABELS[k])}</span>`,
  ).join('');
  const liaison = a.liaisonPerson ? T.liaison(a.liaisonPerson, a.liaisonPhone ?? '') : '';
  const party = (seal: string, sign: string, who: string | null) => `<div class="party">
<div class="seal">${escapeHtml(seal)}</div><div class="gap"></div>
<div>${escapeHtml(sign)}${escapeHtml(who ?? '')}</div>
<div>${escapeHtml(T.date)}${escapeHtml(date)}</div></div>`;
  const body = `
<h1 class="doc-title">${escapeHtml(title)}</h1>
<div class="subtitle">${escapeHtml(a.title)}</div>
<div class="parties">
  <p><span class="k">${escapeHtml(T.partyA)}</span>${escapeHtml(partyA)}</p>
  <p><span class="k">${escapeHtml(T.partyB)}</span>${escapeHtml(a.unitName)}</p>
  <p><span class="k">${escapeHtml(T.year(a.year))}</span></p>
</div>
<p class="para">${escapeHtml(T.preamble(partyA, a.unitName))}</p>
<h2>${escapeHtml(T.areasHeading)}</h2>
<div class="areas">${areas}</div>
<h2>${escapeHtml(T.dutiesAHeading)}</h2>
${dutiesHtml(a.dutiesA, T.defaultDutiesA)}
<h2>${escapeHtml(T.dutiesBHeading)}</h2>
${dutiesHtml(a.dutiesB, T.defaultDutiesB)}
<h2>${escapeHtml(T.commitmentsHeading)}</h2>
${commitmentsHtml(a)}
<h2>${escapeHtml(T.othersHeading)}</h2>
<p class="para">${escapeHtml(T.others(liaison))}</p>
<div class="signatures">
${party(T.sealA, T.signA, a.signatoryA)}
${party(T.sealB, T.signB, a.signatoryB)}
</div>`;
  return {
    title: `${title}-${a.unitName}-${a.year}`,
    html: documentShell({ title: a.title, paper: 'A4', body, extraCss: CSS, margin: '25mm 24mm 22mm 26mm' }),
  };
}

export function agreementDocument(db: StreetGridDb, id: number): DocumentT {
  return renderAgreement(loadAgreementDoc(db, id));
}

/** 共建协议-<单位>-<年度>.pdf, rendered through the PDF port. */
export async function agreementPdf(db: StreetGridDb, id: number): Promise<FileOutT> {
  const data = loadAgreementDoc(db, id);
  const doc = renderAgreement(data);
  const pdf = await getPdfRenderer().render(doc.html, { paper: 'A4' });
  const fileName = safeFileName(`${T.fileStem}-${data.agreement.unitName}-${data.agreement.year}.pdf`);
  return { fileName, mimeType: PDF_MIME, base64: pdf.toString('base64') };
}
