// 在职党员报到: an employed member reports to a community; each report numbers a 登记卡.
import type { MemberReportT, ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { requireActiveCommunity } from './communities';
import { listReports, loadMember } from './members';

export function getReport(db: StreetGridDb, reportId: number): MemberReportT {
  const memberId = db.sqlite
    .prepare('select member_id from member_report where id = ? and deleted_at is null')
    .pluck()
    .get(reportId) as number | undefined;
  if (memberId === undefined) throw new AppError('NOT_FOUND', ERR.reportNotFound, { field: 'reportId' });
  const r = listReports(db, memberId).find((x) => x.id === reportId);
  if (!r) throw new AppError('NOT_FOUND', ERR.reportNotFound, { field: 'reportId' });
  return r;
}

export function createReport(ctx: ActionCtx, input: ParsedInput<'reports.create'>): MemberReportT {
  const m = loadMember(ctx.db, input.memberId);
  if (m.category !== 'employed') throw new AppError('CONFLICT', ERR.memberNotEmployed, { field: 'memberId' });
  if (m.status !== 'active') throw new AppError('CONFLICT', ERR.memberNotActive, { field: 'memberId' });
  const c = requireActiveCommunity(ctx.db, input.communityId);
  const year = input.reportDate.slice(0, 4);
  const n = ctx.db.sqlite
    .prepare('select count(*) from member_report where community_id = ? and substr(report_date, 1, 4) = ?')
    .pluck()
    .get(c.id, year) as number;
  const cardNo = `${c.code}-${year}-${String(n + 1).padStart(4, '0')}`;
  const skills = [...new Set(input.skills ?? m.skills)];
  const seq = ctx.seq();
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into member_report (member_id, community_id, report_date, service_intent, skills, letter_received, letter_date, card_no,
           created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.id,
        c.id,
        input.reportDate,
        input.serviceIntent || null,
        JSON.stringify(skills),
        input.letterReceived ? 1 : 0,
        input.letterReceived ? (input.letterDate ?? null) : null,
        cardNo,
        ctx.now,
        ctx.now,
        seq,
      ).lastInsertRowid,
  );
  // The member now counts as reported; their 专业特长 gain what they declared.
  const merged = [...new Set([...m.skills, ...skills])];
  ctx.db.sqlite
    .prepare('update member set report_date = ?, skills = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(input.reportDate, JSON.stringify(merged), ctx.now, seq, m.id);
  const out = getReport(ctx.db, id);
  ctx.audit({
    action: 'create',
    entity: 'member_report',
    entityId: id,
    summary: `在职党员「${m.name}」向「${c.name}」报到（登记卡 ${cardNo}）`,
    after: out,
  });
  ctx.touch('member_report', 'member');
  return out;
}
