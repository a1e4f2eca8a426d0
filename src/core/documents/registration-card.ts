// 在职党员到社区报到登记卡: a printable form (A4 portrait, or A5) built from the member and the report.
// Laid out like the paper form a street office keeps: 小标宋 title, a ruled table with 黑体 labels and 仿宋 values,
// blank cells for the community to fill by hand, a seal/date area and a footnote. ID number and phone are masked.
import type { DocumentT, MemberDetailT, MemberReportT, StreetT } from '../../shared/contract';
import { GENDER_LABELS } from '../../shared/enums';
import type { StreetGridDb } from '../db/connection';
import { getMember } from '../services/members';
import { getReport } from '../services/reports';
import { currentStreet } from '../services/street';
import { dateZh, documentShell, escapeHtml, escapeLines, FONT_STACKS } from './html';
import type { Paper } from './pdf-port';
import { DOC_TEXT } from './text';

export interface RegistrationCardData {
  report: MemberReportT;
  member: MemberDetailT;
  street: StreetT | null;
}

/** Everything the card prints, read in one go (throws NOT_FOUND for an unknown report). */
export function loadRegistrationCard(db: StreetGridDb, reportId: number): RegistrationCardData {
  const report = getReport(db, reportId);
  return { report, member: getMember(db, report.memberId), street: currentStreet(db) };
}

/**
 * The form per paper, in pt (fonts) and mm (everything else). A4 uses 小四 黑体 labels and 四号 仿宋 values; A5 is
 * the same form scaled to its page. Cell heights exclude padding. `slack` is the free space left under the
 * footnote with short values; `postMin`/`opinionMin` are how far the hand-filled rows may give way to long values.
 */
const FORM = {
  A4: {
    width: 174,
    label: 12,
    value: 14,
    padX: 2.2,
    padY: 1.2,
    row: 10.5,
    intent: 24,
    post: 28,
    postMin: 13,
    opinion: 40,
    opinionMin: 26,
    sealGap: 7,
    slack: 14,
  },
  A5: {
    width: 128,
    label: 9,
    value: 10.5,
    padX: 1.5,
    padY: 0.8,
    row: 7.4,
    intent: 15,
    post: 18,
    postMin: 9,
    opinion: 26,
    opinionMin: 18,
    sealGap: 4,
    slack: 16,
  },
} as const;

const PT = 25.4 / 72;
const LINE_HEIGHT = 1.35;
/** Font scales tried, largest first, for the long free-text values (工作单位, 所在党组织, 专业特长, 服务意向). */
const SCALES = [1, 0.86, 0.75] as const;

/** Width in em of text set in a CJK font: ideographs and full-width signs 1em, Latin letters and digits about 0.6em. */
export function emWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.6 : 1;
  return w;
}

function lineCount(s: string, capacityEm: number): number {
  return s.split('\n').reduce((n, seg) => n + Math.max(1, Math.ceil(emWidth(seg) / capacityEm)), 0);
}

interface Fit {
  scale: number;
  post: number;
  opinion: number;
}

/**
 * Keeps the card on one page with long values, deterministically (documents run without scripts): the long
 * values' rows grow by the lines they need; the hand-filled rows give that room back, and if they cannot,
 * the long values are set smaller.
 */
export function fitCard(paper: Paper, v: { long: string[]; intent: string; community: string }): Fit {
  const f = FORM[paper];
  const room = f.slack + (f.post - f.postMin) + (f.opinion - f.opinionMin);
  const widthOf = (share: number) => f.width * share - 2 * f.padX;
  const communityLines = lineCount(v.community, widthOf(0.44) / (f.value * PT) - 1);
  let need = 0;
  let scale: number = SCALES[0];
  for (const s of SCALES) {
    scale = s;
    const em = f.value * s * PT;
    const line = em * LINE_HEIGHT;
    const cap = widthOf(0.83) / em - 1; // one em spare for punctuation that may not start a line
    need =
      v.long.reduce((n, t) => n + Math.max(0, lineCount(t, cap) * line - f.row), 0) +
      Math.max(0, lineCount(v.intent, cap) * line - f.intent) +
      Math.max(0, communityLines * f.value * PT * LINE_HEIGHT - f.row);
    if (need <= room) break;
  }
  const give = Math.min(1, Math.max(0, need - f.slack) / (room - f.slack));
  const round = (mm: number) => Math.round(mm * 10) / 10;
  return {
    scale,
    post: round(f.post - give * (f.post - f.postMin)),
    opinion: round(f.opinion - give * (f.opinion - f.opinionMin)),
  };
}

function cardCss(paper: Paper, fit: Fit): string {
  const f = FORM[paper];
  return `
.card-meta { font-size: ${f.label}pt; }
.card-meta .k { font-family: ${FONT_STACKS.hei}; }
table.card { width: 100%; border-collapse: collapse; table-layout: fixed; border: 1.5pt solid #000; }
table.card col.l1 { width: 17%; } table.card col.v1 { width: 24%; }
table.card col.l2 { width: 15%; } table.card col.v2 { width: 13%; }
table.card col.l3 { width: 11%; } table.card col.v3 { width: 20%; }
table.card tr { break-inside: avoid; }
table.card th, table.card td { border: 0.75pt solid #000; padding: ${f.padY}mm ${f.padX}mm; height: ${f.row}mm;
  vertical-align: middle; overflow-wrap: anywhere; line-height: ${LINE_HEIGHT}; }
table.card th { font-family: ${FONT_STACKS.hei}; font-weight: normal; font-size: ${f.label}pt; text-align: center;
  white-space: nowrap; letter-spacing: 0; }
table.card td { font-family: ${FONT_STACKS.fangsong}; font-size: ${f.value}pt; }
table.card td.fit { font-size: ${Math.round(f.value * fit.scale * 10) / 10}pt; }
table.card tr.intent td { height: ${f.intent}mm; vertical-align: top; }
table.card tr.post td { height: ${fit.post}mm; }
table.card tr.opinion td { height: ${fit.opinion}mm; vertical-align: bottom; }
.seal { text-align: right; padding-right: 6%; line-height: 1.8; }
.seal .gap { height: ${f.sealGap}mm; }
.doc-note { display: flex; break-inside: avoid; }
.doc-note .lead { flex: none; font-family: ${FONT_STACKS.hei}; }`;
}

const FIT = { fit: true };

function th(label: string): string {
  return `<th scope="row">${escapeLines(label)}</th>`;
}

function td(value: string | null | undefined, span = 1, opts: { html?: boolean; fit?: boolean } = {}): string {
  const v = value ?? '';
  const attrs = `${span > 1 ? ` colspan="${span}"` : ''}${opts.fit ? ' class="fit"' : ''}`;
  return `<td${attrs}>${opts.html ? v : escapeLines(v)}</td>`;
}

export function renderRegistrationCard(data: RegistrationCardData, paper: Paper = 'A4'): DocumentT {
  const { report, member: m, street } = data;
  const T = DOC_TEXT.card;
  const streetName = street ? `${street.districtName}${street.name}` : '';
  const letter = report.letterReceived ? (report.letterDate ? T.letterOn(dateZh(report.letterDate)) : T.yes) : T.no;
  const employer = m.employerName ?? '';
  const partyOrg = m.employerPartyOrg ?? '';
  const skills = report.skills.join('、');
  const intent = report.serviceIntent ?? '';
  const fit = fitCard(paper, { long: [employer, partyOrg, skills], intent, community: report.communityName });
  const body = `
<h1 class="doc-title">${escapeHtml(T.title)}</h1>
<div class="doc-meta card-meta">
  <span><span class="k">${escapeHtml(T.cardNo)}</span>${escapeHtml(report.cardNo)}</span>
  <span><span class="k">${escapeHtml(T.street)}</span>${escapeHtml(streetName)}</span>
</div>
<table class="card">
  <colgroup><col class="l1"><col class="v1"><col class="l2"><col class="v2"><col class="l3"><col class="v3"></colgroup>
  <tr>${th(T.name)}${td(m.name)}${th(T.gender)}${td(GENDER_LABELS[m.gender])}${th(T.ethnicity)}${td(m.ethnicity)}</tr>
  <tr>${th(T.birthDate)}${td(dateZh(m.birthDate))}${th(T.idNumber)}${td(m.idMasked, 3)}</tr>
  <tr>${th(T.phone)}${td(m.phoneMasked)}${th(T.community)}${td(report.communityName, 3)}</tr>
  <tr>${th(T.employer)}${td(employer, 5, FIT)}</tr>
  <tr>${th(T.partyOrg)}${td(partyOrg, 5, FIT)}</tr>
  <tr>${th(T.reportDate)}${td(dateZh(report.reportDate))}${th(T.letter)}${td(letter, 3)}</tr>
  <tr>${th(T.skills)}${td(skills, 5, FIT)}</tr>
  <tr class="intent">${th(T.intent)}${td(intent, 5, FIT)}</tr>
  <tr class="post">${th(T.post)}${td('', 5)}</tr>
  <tr class="opinion">${th(T.communityOpinion)}${td(
    `<div class="seal">${escapeHtml(T.seal)}<div class="gap"></div>${escapeHtml(T.sealDate)}</div>`,
    5,
    { html: true },
  )}</tr>
</table>
<div class="doc-note"><span class="lead">${escapeHtml(T.noteLead)}</span><span>${T.notes.map(escapeHtml).join('<br>')}</span></div>`;
  return {
    title: `${T.title}-${m.name}-${report.cardNo}`,
    html: documentShell({ title: `${T.title}（${m.name}）`, paper, body, extraCss: cardCss(paper, fit) }),
  };
}

export function registrationCard(db: StreetGridDb, reportId: number, paper: Paper = 'A4'): DocumentT {
  return renderRegistrationCard(loadRegistrationCard(db, reportId), paper);
}

/** The report a printed 登记卡编号 (e.g. 110101001001-2026-0001) belongs to, or null. */
export function reportIdForCardNo(db: StreetGridDb, cardNo: string): number | null {
  const id = db.sqlite
    .prepare('select id from member_report where card_no = ? and deleted_at is null')
    .pluck()
    .get(cardNo.trim()) as number | undefined;
  return id ?? null;
}
