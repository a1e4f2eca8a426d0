// Participation of reported 在职党员: who counts as reported to a community in a period, their activities and hours,
// the posts they hold; the 参加社区活动情况统计表 (reports.participation) and a unit's members' participation.
//
// Definitions used everywhere (统计表, evaluations, 反馈表):
// - reported to community C by the end of the period: an employed member in the register (status 在册) with a
//   报到 record (member_report) for C dated on or before the period's last day; a member with no 报到 record at all
//   (e.g. imported with a 报到日期) counts for their residence community from that date.
// - activities and hours: every activity of the street (any community, or street-wide) the member took part in
//   whose date lies in the period; deleted activities never count.
// - posts held: the member's approved post claims (认领) dated on or before the period's last day.
import type { ParticipationTableT, UnitParticipationT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import { periodOf, type Period } from '../../shared/period';
import { maskIdNumber } from '../../shared/validators';
import type { StreetGridDb } from '../db/connection';
import { currentStreet } from './street';
import { roundHours } from './activities';

export interface ReportedMember {
  memberId: number;
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  communityId: number;
  employerUnitId: number | null;
  employerName: string | null;
  employerPartyOrg: string | null;
  reportDate: string;
}

const MEMBER_COLUMNS = `m.id as memberId, m.name, m.id_number as idNumber, m.gender,
  m.employer_unit_id as employerUnitId, coalesce(u.name, m.employer_name) as employerName,
  coalesce(m.employer_party_org, u.party_org_name) as employerPartyOrg`;

const NO_REPORT_ROWS = 'not exists (select 1 from member_report x where x.member_id = m.id and x.deleted_at is null)';

/** The reported 在职党员 of one community by the period's end, in name (pinyin) order. */
export function reportedMembers(db: StreetGridDb, communityId: number, to: string): ReportedMember[] {
  return db.sqlite
    .prepare(
      `with rep as (
         select member_id, max(report_date) as d from member_report
         where community_id = @c and deleted_at is null and report_date <= @to group by member_id)
       select ${MEMBER_COLUMNS}, @c as communityId, coalesce(rep.d, m.report_date) as reportDate
       from member m
       left join rep on rep.member_id = m.id
       left join unit u on u.id = m.employer_unit_id
       where m.deleted_at is null and m.category = 'employed' and m.status = 'active'
         and (rep.d is not null
              or (m.community_id = @c and m.report_date is not null and m.report_date <= @to and ${NO_REPORT_ROWS}))
       order by m.name_pinyin, m.id`,
    )
    .all({ c: communityId, to }) as ReportedMember[];
}

/**
 * Every reported 在职党员 of the street by the period's end (one entry per member). Their community is the one
 * that evaluated them for `period`, else the one they last reported to, else where they live.
 */
export function reportedMembersStreetWide(db: StreetGridDb, period: string, to: string): ReportedMember[] {
  return db.sqlite
    .prepare(
      `with rep as (
         select member_id, max(report_date) as d from member_report
         where deleted_at is null and report_date <= @to group by member_id)
       select ${MEMBER_COLUMNS}, coalesce(rep.d, m.report_date) as reportDate,
              coalesce(e.community_id,
                (select r.community_id from member_report r where r.member_id = m.id and r.deleted_at is null
                   and r.report_date <= @to order by r.report_date desc, r.id desc limit 1),
                m.community_id) as communityId
       from member m
       left join rep on rep.member_id = m.id
       left join unit u on u.id = m.employer_unit_id
       left join member_evaluation e on e.member_id = m.id and e.period = @period
       where m.deleted_at is null and m.category = 'employed' and m.status = 'active'
         and (rep.d is not null or (m.report_date is not null and m.report_date <= @to and ${NO_REPORT_ROWS}))
       order by m.name_pinyin, m.id`,
    )
    .all({ to, period }) as ReportedMember[];
}

export interface MemberStats {
  activities: number;
  hours: number;
}

/** Activities joined and hours per member in [from, to]. */
export function statsOf(
  db: StreetGridDb,
  memberIds: readonly number[],
  from: string,
  to: string,
): Map<number, MemberStats> {
  const out = new Map<number, MemberStats>();
  if (memberIds.length === 0) return out;
  const rows = db.sqlite
    .prepare(
      `select p.member_id as id, count(*) as n, total(p.hours) as h
       from activity_participant p join activity a on a.id = p.activity_id
       where p.member_id in (select value from json_each(?)) and a.deleted_at is null and a.date >= ? and a.date <= ?
       group by p.member_id`,
    )
    .all(JSON.stringify(memberIds), from, to) as { id: number; n: number; h: number }[];
  for (const r of rows) out.set(r.id, { activities: r.n, hours: roundHours(r.h) });
  return out;
}

/** Names of the posts each member holds (approved claims dated by `to`), in name order. */
export function postsOf(db: StreetGridDb, memberIds: readonly number[], to: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (memberIds.length === 0) return out;
  const rows = db.sqlite
    .prepare(
      `select pc.member_id as id, sp.name
       from post_claim pc join service_post sp on sp.id = pc.post_id and sp.deleted_at is null
       where pc.member_id in (select value from json_each(?)) and pc.status = 'approved' and pc.claim_date <= ?
       order by sp.name, sp.id`,
    )
    .all(JSON.stringify(memberIds), to) as { id: number; name: string }[];
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    if (!list.includes(r.name)) list.push(r.name);
    out.set(r.id, list);
  }
  return out;
}

export function communityName(db: StreetGridDb, id: number, field = 'communityId'): string {
  const name = db.sqlite.prepare('select name from community where id = ?').pluck().get(id) as string | undefined;
  if (name === undefined) throw new AppError('NOT_FOUND', ERR.communityNotFound, { field });
  return name;
}

export function streetName(db: StreetGridDb): string {
  const s = currentStreet(db);
  return s ? `${s.districtName}${s.name}` : '';
}

/** 参加社区活动情况统计表: one row per reported 在职党员 of the community, with totals. */
export function participationTable(db: StreetGridDb, communityId: number, periodCode: string): ParticipationTableT {
  const p: Period = periodOf(periodCode);
  const name = communityName(db, communityId);
  const members = reportedMembers(db, communityId, p.to);
  const ids = members.map((m) => m.memberId);
  const stats = statsOf(db, ids, p.from, p.to);
  const posts = postsOf(db, ids, p.to);
  const rows = members.map((m) => {
    const s = stats.get(m.memberId);
    return {
      memberId: m.memberId,
      name: m.name,
      idMasked: maskIdNumber(m.idNumber),
      employerName: m.employerName,
      employerPartyOrg: m.employerPartyOrg,
      reportDate: m.reportDate,
      activities: s?.activities ?? 0,
      hours: s?.hours ?? 0,
      posts: posts.get(m.memberId) ?? [],
    };
  });
  return {
    streetName: streetName(db),
    communityId,
    communityName: name,
    period: p.code,
    periodLabel: p.label,
    from: p.from,
    to: p.to,
    rows,
    totals: {
      members: rows.length,
      activeMembers: rows.filter((r) => r.activities > 0).length,
      activities: rows.reduce((n, r) => n + r.activities, 0),
      hours: roundHours(rows.reduce((n, r) => n + r.hours, 0)),
      withPosts: rows.filter((r) => r.posts.length > 0).length,
    },
  };
}

/** A unit's members (在册, employer = the unit) and their participation, for the unit page. */
export function unitParticipation(db: StreetGridDb, unitId: number, periodCode?: string): UnitParticipationT {
  const u = db.sqlite.prepare('select name from unit where id = ? and deleted_at is null').get(unitId) as
    { name: string } | undefined;
  if (!u) throw new AppError('NOT_FOUND', ERR.unitNotFound, { field: 'unitId' });
  const p = periodCode ? periodOf(periodCode) : null;
  const from = p?.from ?? '0000-01-01';
  const to = p?.to ?? '9999-12-31';
  const members = db.sqlite
    .prepare(
      `select m.id as memberId, m.name, m.id_number as idNumber, c.name as communityName, m.report_date as reportDate
       from member m join community c on c.id = m.community_id
       where m.employer_unit_id = ? and m.deleted_at is null and m.status = 'active'
       order by m.report_date is null, m.name_pinyin, m.id`,
    )
    .all(unitId) as {
    memberId: number;
    name: string;
    idNumber: string;
    communityName: string;
    reportDate: string | null;
  }[];
  const stats = statsOf(
    db,
    members.map((m) => m.memberId),
    from,
    to,
  );
  const rows = members.map((m) => ({
    memberId: m.memberId,
    name: m.name,
    idMasked: maskIdNumber(m.idNumber),
    communityName: m.communityName,
    reportDate: m.reportDate,
    activities: stats.get(m.memberId)?.activities ?? 0,
    hours: stats.get(m.memberId)?.hours ?? 0,
  }));
  const own = db.sqlite
    .prepare(
      `select count(*) as n, total(p.hours) as h from activity_participant p join activity a on a.id = p.activity_id
       where p.unit_id = ? and a.deleted_at is null and a.date >= ? and a.date <= ?`,
    )
    .get(unitId, from, to) as { n: number; h: number };
  return {
    unitId,
    unitName: u.name,
    period: p?.code ?? null,
    from: p?.from ?? null,
    to: p?.to ?? null,
    rows,
    totals: {
      members: rows.length,
      activeMembers: rows.filter((r) => r.activities > 0).length,
      activities: rows.reduce((n, r) => n + r.activities, 0),
      hours: roundHours(rows.reduce((n, r) => n + r.hours, 0)),
    },
    unitActivities: own.n,
    unitHours: roundHours(own.h),
  };
}
