// 共建协议 / 结对共建: a resident unit (乙方) with a community or the whole street (甲方) for a year, the "四联" areas
// it covers, and its 承诺事项 (commitments) followed through the year. An overdue commitment is one whose due date
// has passed (before today, local time) and that is not 已完成.
import type { AgreementDetailT, AgreementQueryT, AgreementRowT, CommitmentT, ParsedInput } from '../../shared/contract';
import {
  AGREEMENT_AREA_LABELS,
  COMMITMENT_STATUS_LABELS,
  type AgreementArea,
  type CommitmentStatus,
} from '../../shared/enums';
import { AppError, fieldLabel } from '../../shared/errors';
import { COBUILD, ERR } from '../../shared/messages';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { requireActiveCommunity } from './communities';

const E = COBUILD.err;
const A = COBUILD.audit;

// ------------------------------------------------------------------ helpers shared by the cobuild services

/** Today's date where the office is (local time), as YYYY-MM-DD. */
export function localToday(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A validation error worded like the contract's: 输入有误：「佐证日期」日期不能晚于今天. */
export function fieldError(field: string, detail: string, code: 'VALIDATION' | 'CONFLICT' = 'VALIDATION'): AppError {
  const label = fieldLabel(field.split('.'));
  return new AppError(code, `${ERR.invalidInput}：「${label}」${detail}`, { field });
}

export function notInFuture(date: string | null | undefined, field: string, today: string): void {
  if (date && date > today) throw fieldError(field, E.dateInFuture);
}

/** An active (not retired, not deleted) community; errors name the `communityId` field. */
export function requireCommunity(db: StreetGridDb, id: number): { id: number; name: string; code: string } {
  try {
    return requireActiveCommunity(db, id);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, e.message, { field: 'communityId' });
    throw e;
  }
}

/** A unit that is not deleted; errors name the given field. */
export function requireUnit(db: StreetGridDb, id: number, field = 'unitId'): { id: number; name: string } {
  const u = db.sqlite.prepare('select id, name from unit where id = ? and deleted_at is null').get(id) as
    { id: number; name: string } | undefined;
  if (!u) throw new AppError('NOT_FOUND', ERR.unitNotFound, { field });
  return u;
}

export const nul = <T>(v: T | '' | undefined | null): T | null => (v === undefined || v === '' ? null : v);

// ------------------------------------------------------------------ reading

interface RawAgreement extends Omit<AgreementRowT, 'areas' | 'statusCounts' | 'communityName'> {
  areas: string;
  communityName: string | null;
  nPending: number | null;
  nInProgress: number | null;
  nDone: number | null;
  nUnfulfilled: number | null;
}

// `?` = today (for the overdue count).
const AGREEMENT_SELECT = `
  select a.id, a.unit_id as unitId, u.name as unitName, a.community_id as communityId, c.name as communityName,
         a.year, a.title, a.areas, a.signatory_a as signatoryA, a.signatory_b as signatoryB,
         a.liaison_person as liaisonPerson, a.liaison_phone as liaisonPhone, a.signed_date as signedDate,
         a.duties_a as dutiesA, a.duties_b as dutiesB, a.note, a.updated_at as updatedAt,
         coalesce(k.n, 0) as commitmentCount, k.nPending, k.nInProgress, k.nDone, k.nUnfulfilled,
         coalesce(k.nOverdue, 0) as overdueCount
  from agreement a
  join unit u on u.id = a.unit_id
  left join community c on c.id = a.community_id
  left join (
    select agreement_id, count(*) as n,
           sum(status = 'pending') as nPending, sum(status = 'in_progress') as nInProgress,
           sum(status = 'done') as nDone, sum(status = 'unfulfilled') as nUnfulfilled,
           sum(status != 'done' and due_date is not null and due_date < ?) as nOverdue
    from commitment group by agreement_id
  ) k on k.agreement_id = a.id`;

function toRow(r: RawAgreement): AgreementRowT {
  const { nPending, nInProgress, nDone, nUnfulfilled, ...rest } = r;
  return {
    ...rest,
    communityName: r.communityName ?? COBUILD.streetWide,
    areas: JSON.parse(r.areas) as AgreementArea[],
    statusCounts: {
      pending: nPending ?? 0,
      in_progress: nInProgress ?? 0,
      done: nDone ?? 0,
      unfulfilled: nUnfulfilled ?? 0,
    },
  };
}

export function listAgreements(
  db: StreetGridDb,
  q: AgreementQueryT,
  today = localToday(),
): { rows: AgreementRowT[]; total: number } {
  const conds = ['a.deleted_at is null'];
  const params: unknown[] = [];
  if (q.year !== undefined) {
    conds.push('a.year = ?');
    params.push(q.year);
  }
  if (q.communityId === null) conds.push('a.community_id is null');
  else if (q.communityId !== undefined) {
    conds.push('a.community_id = ?');
    params.push(q.communityId);
  }
  if (q.unitId !== undefined) {
    conds.push('a.unit_id = ?');
    params.push(q.unitId);
  }
  if (q.overdueOnly) conds.push('coalesce(k.nOverdue, 0) > 0');
  const text = (q.q ?? '').trim();
  if (text) {
    conds.push('(instr(u.name, ?) > 0 or instr(a.title, ?) > 0 or instr(coalesce(c.name, ?), ?) > 0)');
    params.push(text, text, COBUILD.streetWide, text);
  }
  const where = conds.join(' and ');
  const rows = db.sqlite
    .prepare(
      `${AGREEMENT_SELECT} where ${where} order by a.year desc, c.code is not null, c.code, u.name_pinyin, a.id limit ? offset ?`,
    )
    .all(today, ...params, q.limit ?? 200, q.offset ?? 0) as RawAgreement[];
  const total = db.sqlite
    .prepare(`select count(*) from (${AGREEMENT_SELECT} where ${where})`)
    .pluck()
    .get(today, ...params) as number;
  return { rows: rows.map(toRow), total };
}

export function agreementRow(db: StreetGridDb, id: number, today = localToday()): AgreementRowT {
  const r = db.sqlite.prepare(`${AGREEMENT_SELECT} where a.id = ? and a.deleted_at is null`).get(today, id) as
    RawAgreement | undefined;
  if (!r) throw new AppError('NOT_FOUND', E.agreementNotFound, { field: 'id' });
  return toRow(r);
}

interface RawCommitment extends Omit<CommitmentT, 'overdue'> {
  status: CommitmentStatus;
}

const COMMITMENT_SELECT = `
  select id, agreement_id as agreementId, content, area, due_date as dueDate, status, evidence_note as evidenceNote,
         evidence_date as evidenceDate, sort_order as sortOrder, updated_at as updatedAt
  from commitment`;

function toCommitment(r: RawCommitment, today: string): CommitmentT {
  return { ...r, overdue: r.status !== 'done' && r.dueDate !== null && r.dueDate < today };
}

export function listCommitments(db: StreetGridDb, agreementId: number, today = localToday()): CommitmentT[] {
  const rows = db.sqlite
    .prepare(`${COMMITMENT_SELECT} where agreement_id = ? order by sort_order, id`)
    .all(agreementId) as RawCommitment[];
  return rows.map((r) => toCommitment(r, today));
}

export function getAgreement(db: StreetGridDb, id: number, today = localToday()): AgreementDetailT {
  return { ...agreementRow(db, id, today), commitments: listCommitments(db, id, today) };
}

function commitmentRow(db: StreetGridDb, id: number, today = localToday()): CommitmentT {
  const r = db.sqlite
    .prepare(
      `${COMMITMENT_SELECT} where id = ? and exists (select 1 from agreement a where a.id = agreement_id and a.deleted_at is null)`,
    )
    .get(id) as RawCommitment | undefined;
  if (!r) throw new AppError('NOT_FOUND', E.commitmentNotFound, { field: 'id' });
  return toCommitment(r, today);
}

// ------------------------------------------------------------------ rules

interface CommitmentValues {
  area: AgreementArea | null;
  status: CommitmentStatus;
  evidenceDate: string | null;
}

/** 已完成 needs an evidence date; no evidence date in the future; the area must be one of the agreement's. */
function checkCommitment(v: CommitmentValues, areas: readonly string[], today: string, prefix = ''): void {
  if (v.area && !areas.includes(v.area))
    throw fieldError(`${prefix}area`, E.areaNotInAgreement(AGREEMENT_AREA_LABELS[v.area]));
  if (v.status === 'done' && !v.evidenceDate) throw fieldError(`${prefix}evidenceDate`, E.doneNeedsEvidenceDate);
  notInFuture(v.evidenceDate, `${prefix}evidenceDate`, today);
}

function partyName(db: StreetGridDb, communityId: number | null): string {
  if (communityId === null) return COBUILD.streetWide;
  return db.sqlite.prepare('select name from community where id = ?').pluck().get(communityId) as string;
}

function assertNoDuplicate(
  db: StreetGridDb,
  v: { unitId: number; communityId: number | null; year: number },
  unitName: string,
  exceptId = -1,
): void {
  const other = db.sqlite
    .prepare(
      'select id from agreement where unit_id = ? and community_id is ? and year = ? and deleted_at is null and id != ?',
    )
    .get(v.unitId, v.communityId, v.year, exceptId);
  if (other)
    throw new AppError('CONFLICT', E.agreementExists(unitName, partyName(db, v.communityId), v.year), {
      field: 'year',
    });
}

function defaultTitle(party: string, unitName: string, year: number): string {
  return COBUILD.defaultTitle(year, party, unitName);
}

// ------------------------------------------------------------------ writing

function insertCommitment(
  ctx: ActionCtx,
  agreementId: number,
  c: ParsedInput<'commitments.create'> | Omit<ParsedInput<'commitments.create'>, 'agreementId'>,
  sortOrder: number,
): number {
  return Number(
    ctx.db.sqlite
      .prepare(
        `insert into commitment (agreement_id, content, area, due_date, status, evidence_note, evidence_date, sort_order,
           created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        agreementId,
        c.content,
        c.area ?? null,
        c.dueDate ?? null,
        c.status ?? 'pending',
        nul(c.evidenceNote),
        c.evidenceDate ?? null,
        sortOrder,
        ctx.now,
        ctx.now,
        ctx.seq(),
      ).lastInsertRowid,
  );
}

export function createAgreement(ctx: ActionCtx, input: ParsedInput<'agreements.create'>): AgreementDetailT {
  const today = localToday();
  const u = requireUnit(ctx.db, input.unitId);
  const communityId = input.communityId ?? null;
  if (communityId !== null) requireCommunity(ctx.db, communityId);
  assertNoDuplicate(ctx.db, { unitId: u.id, communityId, year: input.year }, u.name);
  const commitments = input.commitments ?? [];
  commitments.forEach((c, i) =>
    checkCommitment(
      { area: c.area ?? null, status: c.status ?? 'pending', evidenceDate: c.evidenceDate ?? null },
      input.areas,
      today,
      `commitments.${i}.`,
    ),
  );
  const party = partyName(ctx.db, communityId);
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into agreement (unit_id, community_id, year, title, areas, signatory_a, signatory_b, liaison_person,
           liaison_phone, signed_date, duties_a, duties_b, note, created_at, updated_at, change_seq)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        u.id,
        communityId,
        input.year,
        nul(input.title) ?? defaultTitle(party, u.name, input.year),
        JSON.stringify(input.areas),
        nul(input.signatoryA),
        nul(input.signatoryB),
        nul(input.liaisonPerson),
        nul(input.liaisonPhone),
        input.signedDate ?? null,
        nul(input.dutiesA),
        nul(input.dutiesB),
        nul(input.note),
        ctx.now,
        ctx.now,
        ctx.seq(),
      ).lastInsertRowid,
  );
  const title = agreementRow(ctx.db, id, today).title;
  commitments.forEach((c, i) => {
    const cid = insertCommitment(ctx, id, c, i + 1);
    ctx.audit({
      action: 'create',
      entity: 'commitment',
      entityId: cid,
      summary: A.commitmentCreate(title, c.content),
      after: commitmentRow(ctx.db, cid, today),
    });
  });
  const after = getAgreement(ctx.db, id, today);
  ctx.audit({
    action: 'create',
    entity: 'agreement',
    entityId: id,
    summary: A.agreementCreate(u.name, party, input.year),
    after: agreementRow(ctx.db, id, today),
  });
  ctx.touch('agreement', 'commitment');
  return after;
}

export function updateAgreement(ctx: ActionCtx, input: ParsedInput<'agreements.update'>): AgreementDetailT {
  const today = localToday();
  const before = agreementRow(ctx.db, input.id, today);
  const unitId = input.unitId ?? before.unitId;
  const u = requireUnit(ctx.db, unitId);
  const communityId = input.communityId !== undefined ? input.communityId : before.communityId;
  if (communityId !== null && communityId !== before.communityId) requireCommunity(ctx.db, communityId);
  const year = input.year ?? before.year;
  if (unitId !== before.unitId || communityId !== before.communityId || year !== before.year)
    assertNoDuplicate(ctx.db, { unitId, communityId, year }, u.name, input.id);
  if (input.areas !== undefined) {
    for (const area of before.areas.filter((a) => !input.areas!.includes(a))) {
      const n = ctx.db.sqlite
        .prepare('select count(*) from commitment where agreement_id = ? and area = ?')
        .pluck()
        .get(input.id, area) as number;
      if (n > 0) throw fieldError('areas', E.areaInUse(AGREEMENT_AREA_LABELS[area], n), 'CONFLICT');
    }
  }
  const sets: string[] = ['unit_id = ?', 'community_id = ?', 'year = ?'];
  const params: unknown[] = [unitId, communityId, year];
  const text = (col: string, v: string | null | undefined) => {
    if (v === undefined) return;
    sets.push(`${col} = ?`);
    params.push(nul(v));
  };
  if (input.title !== undefined) {
    sets.push('title = ?');
    params.push(nul(input.title) ?? defaultTitle(partyName(ctx.db, communityId), u.name, year));
  }
  if (input.areas !== undefined) {
    sets.push('areas = ?');
    params.push(JSON.stringify(input.areas));
  }
  text('signatory_a', input.signatoryA);
  text('signatory_b', input.signatoryB);
  text('liaison_person', input.liaisonPerson);
  text('liaison_phone', input.liaisonPhone);
  text('duties_a', input.dutiesA);
  text('duties_b', input.dutiesB);
  text('note', input.note);
  if (input.signedDate !== undefined) {
    sets.push('signed_date = ?');
    params.push(input.signedDate);
  }
  ctx.db.sqlite
    .prepare(`update agreement set ${sets.join(', ')}, updated_at = ?, change_seq = ? where id = ?`)
    .run(...params, ctx.now, ctx.seq(), input.id);
  const after = agreementRow(ctx.db, input.id, today);
  const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(d.after).length > 0)
    ctx.audit({
      action: 'update',
      entity: 'agreement',
      entityId: input.id,
      summary: A.agreementUpdate(after.title),
      ...d,
    });
  ctx.touch('agreement');
  return getAgreement(ctx.db, input.id, today);
}

/**
 * Soft delete. Refused while any commitment has moved on from 未开始 (its record is evidence of the work done);
 * those must be deleted one by one first, so nothing that happened disappears by accident.
 */
export function deleteAgreement(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = getAgreement(ctx.db, id);
  const n = before.commitments.filter((c) => c.status !== 'pending').length;
  if (n > 0) throw new AppError('CONFLICT', E.agreementHasProgress(n), { field: 'id' });
  ctx.db.sqlite
    .prepare('update agreement set deleted_at = ?, updated_at = ?, change_seq = ? where id = ? and deleted_at is null')
    .run(ctx.now, ctx.now, ctx.seq(), id);
  ctx.audit({ action: 'delete', entity: 'agreement', entityId: id, summary: A.agreementDelete(before.title), before });
  ctx.touch('agreement', 'commitment');
  return { deleted: true };
}

export function createCommitment(ctx: ActionCtx, input: ParsedInput<'commitments.create'>): CommitmentT {
  const today = localToday();
  let a: AgreementRowT;
  try {
    a = agreementRow(ctx.db, input.agreementId, today);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, e.message, { field: 'agreementId' });
    throw e;
  }
  checkCommitment(
    { area: input.area ?? null, status: input.status ?? 'pending', evidenceDate: input.evidenceDate ?? null },
    a.areas,
    today,
  );
  const last = ctx.db.sqlite
    .prepare('select coalesce(max(sort_order), 0) from commitment where agreement_id = ?')
    .pluck()
    .get(a.id) as number;
  const id = insertCommitment(ctx, a.id, input, last + 1);
  const after = commitmentRow(ctx.db, id, today);
  ctx.audit({
    action: 'create',
    entity: 'commitment',
    entityId: id,
    summary: A.commitmentCreate(a.title, input.content),
    after,
  });
  ctx.touch('commitment', 'agreement');
  return after;
}

export function updateCommitment(ctx: ActionCtx, input: ParsedInput<'commitments.update'>): CommitmentT {
  const today = localToday();
  const before = commitmentRow(ctx.db, input.id, today);
  const a = agreementRow(ctx.db, before.agreementId, today);
  const next = {
    content: input.content ?? before.content,
    area: input.area !== undefined ? input.area : before.area,
    dueDate: input.dueDate !== undefined ? input.dueDate : before.dueDate,
    status: input.status ?? before.status,
    evidenceNote: input.evidenceNote !== undefined ? nul(input.evidenceNote) : before.evidenceNote,
    evidenceDate: input.evidenceDate !== undefined ? input.evidenceDate : before.evidenceDate,
  };
  checkCommitment(next, a.areas, today);
  ctx.db.sqlite
    .prepare(
      `update commitment set content = ?, area = ?, due_date = ?, status = ?, evidence_note = ?, evidence_date = ?,
         updated_at = ?, change_seq = ? where id = ?`,
    )
    .run(
      next.content,
      next.area,
      next.dueDate,
      next.status,
      next.evidenceNote,
      next.evidenceDate,
      ctx.now,
      ctx.seq(),
      input.id,
    );
  const after = commitmentRow(ctx.db, input.id, today);
  const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(d.after).length > 0) {
    const status =
      before.status !== after.status
        ? A.statusChange(COMMITMENT_STATUS_LABELS[before.status], COMMITMENT_STATUS_LABELS[after.status])
        : '';
    ctx.audit({
      action: 'update',
      entity: 'commitment',
      entityId: input.id,
      summary: A.commitmentUpdate(after.content) + status,
      ...d,
    });
  }
  ctx.touch('commitment', 'agreement');
  return after;
}

/** Commitments have no tombstone column: the row goes, its last state stays in the audit log. */
export function deleteCommitment(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = commitmentRow(ctx.db, id);
  ctx.db.sqlite.prepare('delete from commitment where id = ?').run(id);
  ctx.audit({
    action: 'delete',
    entity: 'commitment',
    entityId: id,
    summary: A.commitmentDelete(before.content),
    before,
  });
  ctx.touch('commitment', 'agreement');
  return { deleted: true };
}
