// 在职党员活动情况反馈表: one A4 form per reported 在职党员 and half-year, sent back to the party organisation of the
// member's employer unit: identity (masked ID), employer and its 党组织, 报到日期, the period's activities and hours,
// posts held, the community's evaluation and comment, and the community's seal block.
//
// Batch printing groups the forms by employer unit, each group behind a cover page. The whole batch is ONE HTML
// document (CSS page breaks) rendered ONCE through the PDF port: 500 forms are one Chromium print, not 500.
// Every form is laid out to fit one page (long lists are summarised, long titles clipped), so a batch of N forms in
// G groups is exactly G + N pages.
import type { DocumentT, FeedbackUnitT, FileOutT } from '../../shared/contract';
import {
  ACTIVITY_CATEGORY_LABELS,
  EVALUATION_GRADE_LABELS,
  EVALUATION_GRADES,
  GENDER_LABELS,
  type ActivityCategory,
  type EvaluationGrade,
} from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { ACTIVITY } from '../../shared/messages';
import { periodOf, todayIso, type Period } from '../../shared/period';
import { maskIdNumber } from '../../shared/validators';
import type { StreetGridDb } from '../db/connection';
import { roundHours } from '../services/activities';
import { postsOf, reportedMembersStreetWide, streetName, type ReportedMember } from '../services/participation';
import { dateZh, documentShell, escapeHtml, FONT_STACKS } from './html';
import { PDF_MIME, safeFileName } from './pdf';
import { getPdfRenderer } from './pdf-port';
import { emWidth } from './registration-card';

const T = ACTIVITY.doc;

/** Activities listed one by one on a form at most; the rest are summarised in one line. */
export const LISTED_ACTIVITIES = 8;

/**
 * The form keeps to one page deterministically (documents run without scripts): free text that needs more lines
 * than the layout plans for (a long salutation, unit or 党组织 name, post list or comment) takes the room of listed
 * activities, which are then summarised. Sizes in mm, measured from the rendered form.
 */
const FIT = {
  /** Room for listed activity rows beyond what LISTED_ACTIVITIES rows need. */
  slack: 22,
  actRow: 6.4,
  /** One 12pt line at line-height 1.6 (salutation, intro) over the full width: capacity in em. */
  wideEm: 40,
  wideLine: 6.8,
  /** Value cells spanning five columns: 12pt / 11pt capacity in em, line heights, planned height. */
  cellEm: 31,
  cellEmLong: 34,
  cellLine: 5.7,
  cellLineLong: 5.2,
  cellPlanned: 10,
  /** The comment: capacity in em, line height, lines planned within the opinion box. */
  commentEm: 32,
  commentLine: 6.1,
  commentPlanned: 4,
} as const;

function lines(s: string, capacityEm: number): number {
  return s.split('\n').reduce((n, seg) => n + Math.max(1, Math.ceil(emWidth(seg) / capacityEm)), 0);
}

/** How many activities the form lists one by one. */
export function listedActivities(f: FeedbackForm): number {
  const m = f.member;
  const salutation = m.employerPartyOrg || m.employerName || '';
  const cell = (v: string) =>
    Math.max(
      0,
      v.length > 36
        ? lines(v, FIT.cellEmLong) * FIT.cellLineLong - FIT.cellPlanned
        : lines(v, FIT.cellEm) * FIT.cellLine - FIT.cellPlanned,
    );
  const extra =
    (salutation ? (lines(`${salutation}：`, FIT.wideEm) - 1) * FIT.wideLine : -FIT.wideLine) +
    (lines(T.intro(m.name, '2026年下半年') + '　　', FIT.wideEm) - 1) * FIT.wideLine +
    cell(m.employerName ?? '') +
    cell(m.employerPartyOrg ?? '') +
    cell(f.posts.join('、')) +
    Math.max(0, lines(f.comment ?? '', FIT.commentEm) - FIT.commentPlanned) * FIT.commentLine;
  const room = LISTED_ACTIVITIES * FIT.actRow + FIT.slack - extra;
  // Listing fewer than all adds the one-line summary of the rest.
  const fits = Math.max(0, Math.floor(room / FIT.actRow));
  if (f.activities.length <= Math.min(LISTED_ACTIVITIES, fits)) return f.activities.length;
  return Math.max(0, Math.min(LISTED_ACTIVITIES, fits - 1));
}

export interface FeedbackActivity {
  date: string;
  title: string;
  category: ActivityCategory;
  hours: number;
}

export interface FeedbackForm {
  member: ReportedMember;
  communityName: string;
  activities: FeedbackActivity[];
  hours: number;
  posts: string[];
  grade: EvaluationGrade | null;
  comment: string | null;
}

export interface FeedbackGroup {
  unitId: number | null;
  unitName: string;
  partyOrg: string | null;
  forms: FeedbackForm[];
}

export interface FeedbackBatch {
  period: Period;
  streetName: string;
  written: string;
  groups: FeedbackGroup[];
}

function loadForms(db: StreetGridDb, period: Period, members: readonly ReportedMember[]): FeedbackForm[] {
  if (members.length === 0) return [];
  const ids = JSON.stringify(members.map((m) => m.memberId));
  const acts = db.sqlite
    .prepare(
      `select p.member_id as memberId, a.date, a.title, a.category, p.hours
       from activity_participant p join activity a on a.id = p.activity_id
       where p.member_id in (select value from json_each(?)) and a.deleted_at is null and a.date >= ? and a.date <= ?
       order by a.date, a.id`,
    )
    .all(ids, period.from, period.to) as (FeedbackActivity & { memberId: number })[];
  const byMember = new Map<number, FeedbackActivity[]>();
  for (const a of acts) {
    const list = byMember.get(a.memberId) ?? [];
    list.push({ date: a.date, title: a.title, category: a.category, hours: a.hours });
    byMember.set(a.memberId, list);
  }
  const evals = new Map(
    (
      db.sqlite
        .prepare(
          `select member_id as memberId, grade, comment from member_evaluation
           where period = ? and member_id in (select value from json_each(?))`,
        )
        .all(period.code, ids) as { memberId: number; grade: EvaluationGrade; comment: string | null }[]
    ).map((e) => [e.memberId, e]),
  );
  const communities = new Map(
    (db.sqlite.prepare('select id, name from community').all() as { id: number; name: string }[]).map((c) => [
      c.id,
      c.name,
    ]),
  );
  const posts = postsOf(
    db,
    members.map((m) => m.memberId),
    period.to,
  );
  return members.map((m) => {
    const activities = byMember.get(m.memberId) ?? [];
    const e = evals.get(m.memberId);
    return {
      member: m,
      communityName: communities.get(m.communityId) ?? '',
      activities,
      hours: roundHours(activities.reduce((s, a) => s + a.hours, 0)),
      posts: posts.get(m.memberId) ?? [],
      grade: e?.grade ?? null,
      comment: e?.comment ?? null,
    };
  });
}

const collator = new Intl.Collator('zh-CN');

/** The forms of a half-year grouped by employer unit (units in name order; members without a unit by the name given). */
export function feedbackBatch(db: StreetGridDb, periodCode: string, unitId?: number): FeedbackBatch {
  const period = periodOf(periodCode);
  let members = reportedMembersStreetWide(db, period.code, period.to);
  if (unitId !== undefined) {
    const u = db.sqlite.prepare('select name from unit where id = ? and deleted_at is null').get(unitId) as
      { name: string } | undefined;
    if (!u) throw new AppError('NOT_FOUND', ACTIVITY.participantUnitMissing(unitId), { field: 'unitId' });
    members = members.filter((m) => m.employerUnitId === unitId);
    if (members.length === 0)
      throw new AppError('NOT_FOUND', ACTIVITY.unitHasNoFeedback(u.name, period.label), { field: 'unitId' });
  }
  const units = new Map(
    (
      db.sqlite.prepare('select id, name, party_org_name as partyOrg from unit').all() as {
        id: number;
        name: string;
        partyOrg: string | null;
      }[]
    ).map((u) => [u.id, u]),
  );
  const groups = new Map<string, FeedbackGroup>();
  for (const form of loadForms(db, period, members)) {
    const m = form.member;
    const unit = m.employerUnitId !== null ? units.get(m.employerUnitId) : undefined;
    const name = unit?.name ?? (m.employerName?.trim() || T.noEmployer);
    const key = unit ? `u${unit.id}` : `n${name}`;
    let g = groups.get(key);
    if (!g) {
      g = { unitId: unit?.id ?? null, unitName: name, partyOrg: unit?.partyOrg ?? null, forms: [] };
      groups.set(key, g);
    }
    g.partyOrg ??= m.employerPartyOrg;
    g.forms.push(form);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => Number(a.unitId === null) - Number(b.unitId === null) || collator.compare(a.unitName, b.unitName),
  );
  for (const g of sorted)
    g.forms.sort(
      (a, b) => collator.compare(a.communityName, b.communityName) || collator.compare(a.member.name, b.member.name),
    );
  return { period, streetName: streetName(db), written: todayIso(), groups: sorted };
}

export function feedbackUnits(db: StreetGridDb, periodCode: string): FeedbackUnitT[] {
  return feedbackBatch(db, periodCode).groups.map((g) => ({
    unitId: g.unitId,
    unitName: g.unitName,
    partyOrg: g.partyOrg,
    count: g.forms.length,
  }));
}

// ---------------------------------------------------------------------------------------------- HTML

const CSS = `
section.sheet { break-after: page; }
section.sheet:last-child { break-after: auto; }
.fb-title { font-family: ${FONT_STACKS.song}; font-weight: normal; text-align: center; font-size: 20pt;
  letter-spacing: 0.08em; margin: 0; line-height: 1.3; }
.fb-sub { text-align: center; font-size: 14pt; margin: 1mm 0 4mm; }
.fb-to { font-size: 12pt; margin: 0; line-height: 1.6; }
.fb-intro { font-size: 12pt; margin: 0 0 2.5mm; text-indent: 2em; line-height: 1.6; }
table.fb { width: 100%; border-collapse: collapse; table-layout: fixed; border: 1.5pt solid #000; }
table.fb col.l1 { width: 19%; } table.fb col.v1 { width: 19%; } table.fb col.l2 { width: 11%; }
table.fb col.v2 { width: 12%; } table.fb col.l3 { width: 14%; } table.fb col.v3 { width: 25%; }
table.fb > tbody > tr > th, table.fb > tbody > tr > td { border: 0.75pt solid #000; padding: 1.2mm 2mm; height: 10mm;
  vertical-align: middle; line-height: 1.35; overflow-wrap: anywhere; font-size: 12pt; }
table.fb > tbody > tr > th { font-family: ${FONT_STACKS.hei}; font-weight: normal; font-size: 11.5pt; text-align: center; }
table.fb td.long { font-size: 11pt; }
table.fb td.acts { padding: 1mm 1.5mm; vertical-align: top; }
table.acts { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10.5pt; }
table.acts th, table.acts td { border-bottom: 0.5pt solid #777; padding: 0.6mm 1mm; height: 5.2mm; line-height: 1.3;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.acts th { font-family: ${FONT_STACKS.hei}; font-weight: normal; text-align: left; }
table.acts col.d { width: 22%; } table.acts col.t { width: 47%; } table.acts col.c { width: 14%; }
table.acts col.h { width: 17%; }
table.acts td.h, table.acts th.h { text-align: right; }
.acts-sum { font-size: 11pt; margin: 1mm 0 0; line-height: 1.4; }
.grades { display: flex; gap: 7mm; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.75pt solid #000; margin-right: 1.2mm;
  vertical-align: -0.4mm; text-align: center; line-height: 3.6mm; font-size: 10pt; font-family: ${FONT_STACKS.hei}; }
table.fb td.opinion { vertical-align: top; height: 50mm; padding: 2mm 2.5mm; }
.comment { font-size: 12pt; line-height: 1.45; min-height: 30mm; }
.seal { text-align: right; padding-right: 8%; line-height: 1.8; margin-top: 2mm; font-size: 12pt; }
.seal .gap { height: 5mm; }
.fb-note { font-size: 10pt; margin: 2mm 0 0; line-height: 1.5; }
.cover { text-align: center; height: 262mm; display: flex; flex-direction: column; box-sizing: border-box;
  padding-top: 40mm; overflow: hidden; }
.cover .big { font-family: ${FONT_STACKS.song}; font-size: 26pt; letter-spacing: 0.1em; margin: 0 0 4mm; }
.cover .sub { font-size: 16pt; margin: 0 0 24mm; }
.cover table.meta { margin: 0 auto; border-collapse: collapse; font-size: 15pt; text-align: left; }
.cover table.meta th { font-family: ${FONT_STACKS.hei}; font-weight: normal; padding: 2.5mm 3mm; white-space: nowrap;
  vertical-align: top; }
.cover table.meta td { padding: 2.5mm 3mm; max-width: 115mm; overflow-wrap: anywhere; }
.cover .from { margin-top: auto; padding-bottom: 20mm; font-size: 15pt; line-height: 1.9; }`;

function th(s: string): string {
  return `<th scope="row">${escapeHtml(s)}</th>`;
}

function td(s: string | null | undefined, span = 1, cls = ''): string {
  return `<td${span > 1 ? ` colspan="${span}"` : ''}${cls ? ` class="${cls}"` : ''}>${escapeHtml(s ?? '')}</td>`;
}

/** Long free text (unit names) set slightly smaller so the row stays one or two lines. */
function longCls(s: string | null | undefined): string {
  return (s ?? '').length > 36 ? 'long' : '';
}

function gradeBoxes(grade: EvaluationGrade | null): string {
  return `<div class="grades">${EVALUATION_GRADES.map(
    (g) => `<span><span class="box">${g === grade ? '√' : ''}</span>${escapeHtml(EVALUATION_GRADE_LABELS[g])}</span>`,
  ).join('')}</div>`;
}

function activitiesCell(f: FeedbackForm): string {
  if (f.activities.length === 0) return `<p class="acts-sum">${escapeHtml(T.noActivities)}</p>`;
  const n = listedActivities(f);
  const listed = f.activities.slice(0, n);
  const rest = f.activities.slice(n);
  const rows = listed
    .map(
      (a) =>
        `<tr><td>${escapeHtml(dateZh(a.date))}</td><td>${escapeHtml(a.title)}</td><td>${escapeHtml(
          ACTIVITY_CATEGORY_LABELS[a.category],
        )}</td><td class="h">${a.hours}</td></tr>`,
    )
    .join('');
  const more =
    rest.length > 0
      ? `<p class="acts-sum">${escapeHtml(
          T.moreActivities(rest.length, roundHours(rest.reduce((s, a) => s + a.hours, 0))),
        )}</p>`
      : '';
  const table = `<table class="acts"><colgroup><col class="d"><col class="t"><col class="c"><col class="h"></colgroup>
<thead><tr><th>${escapeHtml(T.actDate)}</th><th>${escapeHtml(T.actTitle)}</th><th>${escapeHtml(
    T.actCategory,
  )}</th><th class="h">${escapeHtml(T.actHours)}</th></tr></thead><tbody>${rows}</tbody></table>`;
  return `${n > 0 ? table : ''}${more}
<p class="acts-sum">${escapeHtml(T.activitySummary(f.activities.length, f.hours))}</p>`;
}

function formHtml(f: FeedbackForm, b: Pick<FeedbackBatch, 'period' | 'written'>): string {
  const m = f.member;
  const to = m.employerPartyOrg || m.employerName || '';
  return `<section class="sheet form">
<h1 class="fb-title">${escapeHtml(T.feedbackTitle)}</h1>
<div class="fb-sub">（${escapeHtml(b.period.label)}）</div>
${to ? `<p class="fb-to">${escapeHtml(T.toUnit(to))}</p>` : ''}
<p class="fb-intro">${escapeHtml(T.intro(m.name, b.period.label))}</p>
<table class="fb">
  <colgroup><col class="l1"><col class="v1"><col class="l2"><col class="v2"><col class="l3"><col class="v3"></colgroup>
  <tbody>
  <tr>${th(T.name)}${td(m.name)}${th(T.gender)}${td(GENDER_LABELS[m.gender])}${th(T.reportDate)}${td(dateZh(m.reportDate))}</tr>
  <tr>${th(T.idNumber)}${td(maskIdNumber(m.idNumber), 3)}${th(T.reportCommunity)}${td(f.communityName)}</tr>
  <tr>${th(T.employer)}${td(m.employerName, 5, longCls(m.employerName))}</tr>
  <tr>${th(T.partyOrg)}${td(m.employerPartyOrg, 5, longCls(m.employerPartyOrg))}</tr>
  <tr>${th(T.posts)}${td(f.posts.length > 0 ? f.posts.join('、') : T.noPosts, 5, longCls(f.posts.join('、')))}</tr>
  <tr>${th(T.activityList)}<td colspan="5" class="acts">${activitiesCell(f)}</td></tr>
  <tr>${th(T.evaluation)}<td colspan="5">${gradeBoxes(f.grade)}</td></tr>
  <tr>${th(T.comment)}<td colspan="5" class="opinion"><div class="comment">${escapeHtml(f.comment ?? '')}</div>
    <div class="seal">${escapeHtml(T.sealBlock)}<div class="gap"></div>${escapeHtml(dateZh(b.written))}</div></td></tr>
  </tbody>
</table>
<p class="fb-note">${escapeHtml(T.note)}</p>
</section>`;
}

function coverHtml(g: FeedbackGroup, b: FeedbackBatch): string {
  const p = b.period;
  return `<section class="sheet cover">
<div class="big">${escapeHtml(T.coverTitle)}</div>
<div class="sub">（${escapeHtml(p.label)}）</div>
<table class="meta"><tbody>
<tr><th>${escapeHtml(T.coverUnit)}</th><td>${escapeHtml(g.unitName)}</td></tr>
<tr><th>${escapeHtml(T.coverPartyOrg)}</th><td>${escapeHtml(g.partyOrg ?? '')}</td></tr>
<tr><th>${escapeHtml(T.coverPeriod)}</th><td>${escapeHtml(p.label)}<br>${escapeHtml(T.coverRange(dateZh(p.from), dateZh(p.to)))}</td></tr>
<tr><th></th><td>${escapeHtml(T.coverCount(g.forms.length))}</td></tr>
</tbody></table>
<div class="from">${escapeHtml(b.streetName ? T.coverFrom(b.streetName) : '')}<br>${escapeHtml(dateZh(b.written))}</div>
</section>`;
}

function shell(title: string, body: string): string {
  return documentShell({ title, paper: 'A4', body, extraCss: CSS, margin: '16mm 18mm 14mm 18mm' });
}

/** One HTML document: per group a cover page, then its members' forms, each on its own page. */
export function renderFeedbackBatch(b: FeedbackBatch, groups: readonly FeedbackGroup[] = b.groups): string {
  const body = groups.map((g) => [coverHtml(g, b), ...g.forms.map((f) => formHtml(f, b))].join('\n')).join('\n');
  return shell(`${T.feedbackTitle}（${b.period.label}）`, body);
}

/** One member's form (HTML) for a half-year. */
export function feedbackDocument(db: StreetGridDb, memberId: number, periodCode: string): DocumentT {
  const period = periodOf(periodCode);
  const member = reportedMembersStreetWide(db, period.code, period.to).find((m) => m.memberId === memberId);
  if (!member) {
    const name = db.sqlite
      .prepare('select name from member where id = ? and deleted_at is null')
      .pluck()
      .get(memberId) as string | undefined;
    if (name === undefined)
      throw new AppError('NOT_FOUND', ACTIVITY.participantMemberMissing(memberId), { field: 'memberId' });
    throw new AppError('VALIDATION', ACTIVITY.notReportedAnywhere(name, period.label), { field: 'memberId' });
  }
  const [form] = loadForms(db, period, [member]);
  const b = { period, written: todayIso() };
  return {
    title: `${T.feedbackTitle}-${member.name}-${period.code}`,
    html: shell(`${T.feedbackTitle}（${member.name} ${period.label}）`, formHtml(form!, b)),
  };
}

function requireForms(b: FeedbackBatch): void {
  if (b.groups.length === 0) throw new AppError('NOT_FOUND', ACTIVITY.noFeedback(b.period.label), { field: 'period' });
}

/** The whole batch (or one unit's part) as one PDF: cover + forms per unit. */
export async function feedbackBatchPdf(db: StreetGridDb, periodCode: string, unitId?: number): Promise<FileOutT> {
  const b = feedbackBatch(db, periodCode, unitId);
  requireForms(b);
  const pdf = await getPdfRenderer().render(renderFeedbackBatch(b), { paper: 'A4' });
  const scope = unitId !== undefined ? b.groups[0]!.unitName : T.allUnits;
  return {
    fileName: safeFileName(T.batchFile(scope, b.period.code)),
    mimeType: PDF_MIME,
    base64: pdf.toString('base64'),
  };
}

/** Units rendered at the same time by feedbackPdfsPerUnit (each is one page of the one shared browser). */
const PARALLEL_UNITS = 2;

/** One PDF per employer unit (the CLI's --out DIR): 反馈表-<单位>-2026H2.pdf, in the order of the batch. */
export async function feedbackPdfsPerUnit(
  db: StreetGridDb,
  periodCode: string,
  unitId?: number,
): Promise<{ fileName: string; pdf: Buffer; forms: number }[]> {
  const b = feedbackBatch(db, periodCode, unitId);
  requireForms(b);
  const renderer = getPdfRenderer();
  const out: { fileName: string; pdf: Buffer; forms: number }[] = new Array(b.groups.length);
  let next = 0;
  const worker = async () => {
    while (next < b.groups.length) {
      const i = next++;
      const g = b.groups[i]!;
      const pdf = await renderer.render(renderFeedbackBatch(b, [g]), { paper: 'A4' });
      out[i] = { fileName: safeFileName(T.batchFile(g.unitName, b.period.code)), pdf, forms: g.forms.length };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UNITS, b.groups.length) }, worker));
  return out;
}
