// 在职党员到社区报到登记卡: printable HTML (A4 or A5) built from the member and the report. ID masked.
import type { DocumentT } from '../../shared/contract';
import { GENDER_LABELS } from '../../shared/enums';
import { formatDateZh } from '../../shared/validators';
import type { StreetGridDb } from '../db/connection';
import { currentStreet } from '../services/street';
import { getMember } from '../services/members';
import { getReport } from '../services/reports';
import { DOC_TEXT } from './text';
import { escapeHtml, documentShell } from './html';

export function registrationCard(db: StreetGridDb, reportId: number, paper: 'A4' | 'A5' = 'A4'): DocumentT {
  const report = getReport(db, reportId);
  const m = getMember(db, report.memberId);
  const street = currentStreet(db);
  const T = DOC_TEXT.card;
  const row = (label: string, value: string | null | undefined, span = 1) =>
    `<th>${escapeHtml(label)}</th><td${span > 1 ? ` colspan="${span}"` : ''}>${escapeHtml(value ?? '')}</td>`;
  const body = `
  <h1 class="doc-title">${escapeHtml(T.title)}</h1>
  <p class="doc-meta"><span>${escapeHtml(T.cardNo)}${escapeHtml(report.cardNo)}</span><span>${escapeHtml(street?.name ?? '')}</span></p>
  <table class="card">
    <tr>${row(T.name, m.name)}${row(T.gender, GENDER_LABELS[m.gender])}${row(T.birthDate, formatDateZh(m.birthDate))}</tr>
    <tr>${row(T.ethnicity, m.ethnicity)}${row(T.idNumber, m.idMasked, 3)}</tr>
    <tr>${row(T.phone, m.phoneMasked)}${row(T.community, report.communityName, 3)}</tr>
    <tr>${row(T.employer, m.employerName, 5)}</tr>
    <tr>${row(T.partyOrg, m.employerPartyOrg, 5)}</tr>
    <tr>${row(T.reportDate, formatDateZh(report.reportDate))}${row(T.letter, report.letterReceived ? `${T.yes}（${report.letterDate ? formatDateZh(report.letterDate) : ''}）` : T.no, 3)}</tr>
    <tr>${row(T.skills, report.skills.join('、'), 5)}</tr>
    <tr class="tall">${row(T.intent, report.serviceIntent, 5)}</tr>
    <tr class="tall">${row(T.post, '', 5)}</tr>
    <tr class="sign"><th>${escapeHtml(T.communityOpinion)}</th><td colspan="5"><div class="sign-line">${escapeHtml(T.sealDate)}</div></td></tr>
  </table>
  <p class="doc-note">${escapeHtml(T.note)}</p>`;
  return { title: `${T.title}-${m.name}-${report.cardNo}`, html: documentShell({ title: T.title, paper, body }) };
}
