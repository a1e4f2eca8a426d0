// The community's half-yearly evaluation of each reported 在职党员 (优秀 / 合格 / 基本合格 / 不合格), entered in one
// batch per community and printed on the 反馈表. One evaluation per member and half-year (upsert).
import type { EvaluationListT, ParsedInput } from '../../shared/contract';
import type { EvaluationGrade } from '../../shared/enums';
import { EVALUATION_GRADE_LABELS } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { ACTIVITY } from '../../shared/messages';
import { periodOf } from '../../shared/period';
import { maskIdNumber } from '../../shared/validators';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { requireActiveCommunity } from './communities';
import { communityName, reportedMembers, statsOf } from './participation';

interface Evaluation {
  memberId: number;
  communityId: number;
  grade: EvaluationGrade;
  comment: string | null;
}

function evaluationsOf(db: StreetGridDb, memberIds: readonly number[], period: string): Map<number, Evaluation> {
  const rows = db.sqlite
    .prepare(
      `select member_id as memberId, community_id as communityId, grade, comment from member_evaluation
       where period = ? and member_id in (select value from json_each(?))`,
    )
    .all(period, JSON.stringify(memberIds)) as Evaluation[];
  return new Map(rows.map((r) => [r.memberId, r]));
}

export function listEvaluations(db: StreetGridDb, communityId: number, periodCode: string): EvaluationListT {
  const p = periodOf(periodCode);
  const name = communityName(db, communityId);
  const members = reportedMembers(db, communityId, p.to);
  const ids = members.map((m) => m.memberId);
  const stats = statsOf(db, ids, p.from, p.to);
  const evals = evaluationsOf(db, ids, p.code);
  const counts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0, none: 0 };
  const rows = members.map((m) => {
    const e = evals.get(m.memberId);
    if (e) counts[e.grade] += 1;
    else counts.none += 1;
    return {
      memberId: m.memberId,
      name: m.name,
      idMasked: maskIdNumber(m.idNumber),
      employerName: m.employerName,
      reportDate: m.reportDate,
      activities: stats.get(m.memberId)?.activities ?? 0,
      hours: stats.get(m.memberId)?.hours ?? 0,
      grade: e?.grade ?? null,
      comment: e?.comment ?? null,
    };
  });
  return {
    communityId,
    communityName: name,
    period: p.code,
    periodLabel: p.label,
    from: p.from,
    to: p.to,
    rows,
    counts,
  };
}

/**
 * Saves a batch of evaluations for one community and half-year, all or nothing: every member must be a reported
 * 在职党员 of the community for that half-year and appear once. Unchanged evaluations are left alone.
 */
export function saveEvaluations(ctx: ActionCtx, input: ParsedInput<'evaluations.save'>): EvaluationListT {
  const p = periodOf(input.period);
  const c = requireActiveCommunity(ctx.db, input.communityId);
  const reported = new Map(reportedMembers(ctx.db, c.id, p.to).map((m) => [m.memberId, m]));
  const seen = new Set<number>();
  input.items.forEach((item, i) => {
    const field = `items.${i}.memberId`;
    const m = reported.get(item.memberId);
    if (!m) {
      const name = ctx.db.sqlite
        .prepare('select name from member where id = ? and deleted_at is null')
        .pluck()
        .get(item.memberId) as string | undefined;
      if (name === undefined)
        throw new AppError('NOT_FOUND', ACTIVITY.participantMemberMissing(item.memberId), { field });
      throw new AppError('VALIDATION', ACTIVITY.notReportedHere(name, c.name), { field });
    }
    if (seen.has(item.memberId)) throw new AppError('VALIDATION', ACTIVITY.evaluationTwice(m.name), { field });
    seen.add(item.memberId);
  });
  const current = evaluationsOf(
    ctx.db,
    input.items.map((i) => i.memberId),
    p.code,
  );
  const upsert = ctx.db.sqlite.prepare(
    `insert into member_evaluation (member_id, period, community_id, grade, comment, created_at, updated_at, change_seq)
     values (@memberId, @period, @communityId, @grade, @comment, @now, @now, @seq)
     on conflict (member_id, period) do update set community_id = excluded.community_id, grade = excluded.grade,
       comment = excluded.comment, updated_at = excluded.updated_at, change_seq = excluded.change_seq`,
  );
  const before: { name: string; grade: string; comment: string | null }[] = [];
  const after: { name: string; grade: string; comment: string | null }[] = [];
  for (const item of input.items) {
    const comment = item.comment ? item.comment : null;
    const old = current.get(item.memberId);
    if (old && old.grade === item.grade && old.comment === comment && old.communityId === c.id) continue;
    upsert.run({
      memberId: item.memberId,
      period: p.code,
      communityId: c.id,
      grade: item.grade,
      comment,
      now: ctx.now,
      seq: ctx.seq(),
    });
    const name = reported.get(item.memberId)?.name ?? '';
    if (old) before.push({ name, grade: EVALUATION_GRADE_LABELS[old.grade], comment: old.comment });
    after.push({ name, grade: EVALUATION_GRADE_LABELS[item.grade], comment });
  }
  if (after.length > 0) {
    ctx.audit({
      action: 'update',
      entity: 'member_evaluation',
      entityId: null,
      summary: ACTIVITY.auditEvaluations(c.name, p.label, after.length),
      before: before.length > 0 ? before : null,
      after,
    });
    ctx.touch('member_evaluation');
  }
  return listEvaluations(ctx.db, c.id, p.code);
}
