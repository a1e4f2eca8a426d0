// 首页统计 / 目标考评: the dashboard's figures for the street (or one community) and a year, computed with one
// GROUP BY query per figure (no loops over members or participations), plus the per-community scorecard.
//
// Definitions (the Chinese ones for the scorecard are in STATS.indicators):
// - members: 在册 (status active), not deleted; keyed by the 12-digit code of their residence community.
// - activities: not deleted, dated in the year; with a community, only that community's (street-wide ones excluded).
// - network: stations / groups / active liaison assignments in the community's network; "not in the network" =
//   在册 members living in the community without an active assignment (as networkTree counts them).
// - participation: reported 在职党员 as in participation.ts (a 报到 record for the community dated by the year's
//   end, or, without any 报到 record, a 报到日期 for their residence community); activities are counted street-wide
//   in the year. A member reported to two communities counts in both; the street figure counts them once.
// - posts: Σ min(approved claims, headcount) / Σ headcount over the community's live posts (current state).
// - commitments: of the year's live agreements with the community; overdue = not done and due before today.
// - meetings: the quarterly compliance grid of meetings.ts, as is.
// - 三有: threeHave() of communities.ts with the year's funding.
import {
  SCORE_INDICATORS,
  type ScoreIndicator,
  type SettingsT,
  type StatsDashboardT,
  type ThreeHaveT,
} from '../../shared/contract';
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, MEMBER_CATEGORY_LABELS } from '../../shared/enums';
import type { MemberCategory } from '../../shared/enums';
import { STATS, STATS_UI } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { roundHours } from './activities';
import { localToday } from './agreements';
import { threeHave } from './communities';
import { complianceGrid } from './meetings';
import { communityName } from './participation';
import { getSettings } from './settings';

/** 参加活动 thresholds from the settings (考评设置; defaults ≥ 1 and ≥ 4 a year, the seeds' norm). */
export function participationThresholds(s: SettingsT): { atLeastOne: number; atLeastFour: number } {
  return { atLeastOne: s.participationMin, atLeastFour: s.participationTarget };
}

/** The scorecard's weights from the settings: the enabled indicators' weights normalised to sum 1, the others 0. */
export function scoreWeights(s: SettingsT): Record<ScoreIndicator, number> {
  const on = (k: ScoreIndicator) => (s.scoreEnabled.includes(k) ? s.scoreWeights[k] : 0);
  const sum = SCORE_INDICATORS.reduce((t, k) => t + on(k), 0);
  return Object.fromEntries(SCORE_INDICATORS.map((k) => [k, sum > 0 ? on(k) / sum : 0])) as Record<
    ScoreIndicator,
    number
  >;
}

type ByCat = { 在职党员: number; 离退休党员: number; 流动党员: number };
type CommunityRec = {
  id: number;
  code: string;
  name: string;
  secretaryName: string | null;
  partyWorkerCount: number | null;
  careerStaffCount: number | null;
  spaceArea: number | null;
  funds: number | null;
};

const emptyCat = (): ByCat => ({ 在职党员: 0, 离退休党员: 0, 流动党员: 0 });
const share = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : 0);
const round4 = (x: number) => Math.round(x * 10000) / 10000;

function countBy(db: StreetGridDb, sql: string, ...params: unknown[]): Map<number, number> {
  const rows = db.sqlite
    .prepare(sql)
    .raw()
    .all(...params) as [number, number][];
  return new Map(rows);
}

export function dashboard(
  db: StreetGridDb,
  input: { communityId?: number | undefined; year?: number | undefined },
  today = localToday(),
): StatsDashboardT {
  const year = input.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const only = input.communityId ?? null;
  if (only !== null) communityName(db, only);
  const settings = getSettings(db);

  // Live, non-retired communities: the rows of the per-community figures and the scorecard.
  const communities = db.sqlite
    .prepare(
      `select c.id, c.code, c.name, c.secretary_name as secretaryName, c.party_worker_count as partyWorkerCount,
              c.career_staff_count as careerStaffCount, c.space_area as spaceArea,
              (select f.office_funds + f.party_funds from community_funding f where f.community_id = c.id and f.year = ?)
                as funds
       from community c where c.deleted_at is null and c.retired_at is null order by c.code`,
    )
    .all(year) as CommunityRec[];
  const shown = only === null ? communities : communities.filter((c) => c.id === only);
  const codeOf = new Map(
    (db.sqlite.prepare('select id, code from community').raw().all() as [number, string][]).map(([i, c]) => [i, c]),
  );
  const inScope = (communityId: number) => only === null || communityId === only;

  // ---- members (在册)
  const memberRows = db.sqlite
    .prepare(
      // member_tally: 在册 members per community and category, kept by triggers (drizzle/0004).
      'select community_id as c, category, n from member_tally where n > 0',
    )
    .all() as { c: number; category: MemberCategory; n: number }[];
  const byCategory = emptyCat();
  const byCommunity: Record<string, number> = {};
  const byCommunityCategory: Record<string, ByCat> = {};
  const membersOf = new Map<number, number>();
  for (const c of shown) {
    byCommunity[c.code] = 0;
    byCommunityCategory[c.code] = emptyCat();
  }
  for (const r of memberRows) {
    membersOf.set(r.c, (membersOf.get(r.c) ?? 0) + r.n);
    if (!inScope(r.c)) continue;
    const code = codeOf.get(r.c)!;
    const label = MEMBER_CATEGORY_LABELS[r.category] as keyof ByCat;
    byCategory[label] += r.n;
    byCommunity[code] = (byCommunity[code] ?? 0) + r.n;
    (byCommunityCategory[code] ??= emptyCat())[label] += r.n;
  }

  // ---- 在职党员 living in scope: age on the office's date and 报到 status (one pass over member_employed_active_ix)
  const yearsAgo = (k: number) => `${Number(today.slice(0, 4)) - k}${today.slice(4)}`;
  const ageRows = db.sqlite
    .prepare(
      `select case when m.birth_date > @d36 then 0 when m.birth_date > @d46 then 1 when m.birth_date > @d56 then 2
                   else 3 end as band,
              count(*) as n,
              sum(m.report_date is not null or exists (select 1 from member_report x
                  where x.member_id = m.id and x.deleted_at is null)) as reported
       from member m indexed by member_employed_active_ix
       where m.deleted_at is null and m.status = 'active' and m.category = 'employed'${only === null ? '' : ' and m.community_id = @c'}
       group by band`,
    )
    .all({ d36: yearsAgo(36), d46: yearsAgo(46), d56: yearsAgo(56), ...(only === null ? {} : { c: only }) }) as {
    band: number;
    n: number;
    reported: number;
  }[];
  const employedAge = STATS.ageBands.map((label, band) => {
    const r = ageRows.find((x) => x.band === band);
    return { label, count: r?.n ?? 0, reported: r?.reported ?? 0 };
  });
  const employedReporting = {
    employed: employedAge.reduce((s, b) => s + b.count, 0),
    reported: employedAge.reduce((s, b) => s + b.reported, 0),
  };

  // ---- activities
  const actWhere = `a.deleted_at is null and a.date >= @from and a.date <= @to${only === null ? '' : ' and a.community_id = @c'}`;
  const actParams = only === null ? { from, to } : { from, to, c: only };
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const labels = ACTIVITY_CATEGORIES.map((k) => ACTIVITY_CATEGORY_LABELS[k]);
  const byMonth = Object.fromEntries(months.map((m) => [m, 0]));
  const actByCategory = Object.fromEntries(labels.map((l) => [l, 0]));
  const byMonthCategory = Object.fromEntries(months.map((m) => [m, Object.fromEntries(labels.map((l) => [l, 0]))]));
  const hoursByMonth: Record<string, number> = Object.fromEntries(months.map((m) => [m, 0]));
  let activitiesTotal = 0;
  let residentsServed = 0;
  // One pass over the year's activities; participants and hours per activity come from activity_tally.
  const actRows = db.sqlite
    .prepare(
      `select substr(a.date, 1, 7) as ym, a.category, count(*) as n, total(a.residents_served) as served,
              total(t.participants) as parts, total(t.hours) as hours
       from activity a left join activity_tally t on t.activity_id = a.id
       where ${actWhere} group by ym, a.category`,
    )
    .all(actParams) as {
    ym: string;
    category: keyof typeof ACTIVITY_CATEGORY_LABELS;
    n: number;
    served: number;
    parts: number;
    hours: number;
  }[];
  let hours = 0;
  let participations = 0;
  const rawHoursByMonth = new Map<string, number>();
  for (const r of actRows) {
    const label = ACTIVITY_CATEGORY_LABELS[r.category];
    byMonth[r.ym]! += r.n;
    actByCategory[label]! += r.n;
    byMonthCategory[r.ym]![label]! += r.n;
    activitiesTotal += r.n;
    residentsServed += r.served;
    rawHoursByMonth.set(r.ym, (rawHoursByMonth.get(r.ym) ?? 0) + r.hours);
    hours += r.hours;
    participations += r.parts;
  }
  for (const [ym, h] of rawHoursByMonth) hoursByMonth[ym] = roundHours(h);

  // ---- network
  const stations = countBy(
    db,
    'select community_id, count(*) from liaison_station where deleted_at is null group by community_id',
  );
  const groups = countBy(
    db,
    `select s.community_id, count(*) from liaison_group g join liaison_station s on s.id = g.station_id
     where g.deleted_at is null and s.deleted_at is null group by s.community_id`,
  );
  const liaisons = countBy(
    db,
    `select s.community_id, count(*) from liaison_assignment a join liaison_group g on g.id = a.group_id
     join liaison_station s on s.id = g.station_id
     where a.end_date is null and g.deleted_at is null and s.deleted_at is null group by s.community_id`,
  );
  // Not in the network = 在册 members − their active assignments (as networkTree counts it): a join over the few
  // thousand assignments instead of a NOT EXISTS probe per member (CROSS JOIN keeps
  // SQLite from driving the join from the member table).
  const inNetwork = countBy(
    db,
    `select m.community_id, count(*) from liaison_assignment a cross join member m on m.id = a.member_id
     where a.end_date is null and m.deleted_at is null and m.status = 'active' group by m.community_id`,
  );

  // ---- participation of reported 在职党员
  const partRows = db.sqlite
    .prepare(
      `with rep(member_id, community_id) as materialized (
         select distinct r.member_id, r.community_id from member_report r
         where r.deleted_at is null and r.report_date <= @to
         union all
         select m.id, m.community_id from member m
         where m.report_date is not null and m.report_date <= @to and m.category = 'employed'
           and not exists (select 1 from member_report x where x.member_id = m.id and x.deleted_at is null)),
       pairs as (
         select rep.member_id, rep.community_id from rep join member m on m.id = rep.member_id
         where m.deleted_at is null and m.status = 'active' and m.category = 'employed'),
       per as materialized (select pairs.member_id, pairs.community_id, coalesce(y.n, 0) as n
               from pairs left join member_activity_year y on y.member_id = pairs.member_id and y.year = @year)
       select community_id as c, count(*) as reported, sum(n >= @one) as one, sum(n >= @four) as four
       from per group by community_id
       union all
       select null, count(*), coalesce(sum(n >= @one), 0), coalesce(sum(n >= @four), 0)
       from (select distinct member_id, n from per${only === null ? '' : ' where community_id = @c'})`,
    )
    .all({
      to,
      year,
      one: participationThresholds(settings).atLeastOne,
      four: participationThresholds(settings).atLeastFour,
      ...(only === null ? {} : { c: only }),
    }) as { c: number | null; reported: number; one: number; four: number }[];
  const partOf = new Map(partRows.filter((r) => r.c !== null).map((r) => [r.c!, r]));
  const partTotal = partRows.find((r) => r.c === null) ?? { reported: 0, one: 0, four: 0 };

  // ---- posts (current claims)
  const postRows = db.sqlite
    .prepare(
      `select sp.community_id as c, count(*) as posts, total(sp.headcount) as headcount,
              total(min(coalesce(x.n, 0), sp.headcount)) as filled
       from service_post sp
       left join (select post_id, count(*) as n from post_claim where status = 'approved' group by post_id) x
         on x.post_id = sp.id
       where sp.deleted_at is null group by sp.community_id`,
    )
    .all() as { c: number; posts: number; headcount: number; filled: number }[];
  const postsOf = new Map(postRows.map((r) => [r.c, r]));

  // ---- commitments of the year's agreements
  const comRows = db.sqlite
    .prepare(
      `select ag.community_id as c, count(*) as total, sum(k.status = 'done') as done,
              sum(k.status = 'in_progress') as inProgress,
              sum(k.status != 'done' and k.due_date is not null and k.due_date < @today) as overdue
       from commitment k join agreement ag on ag.id = k.agreement_id
       where ag.deleted_at is null and ag.year = @year group by ag.community_id`,
    )
    .all({ year, today }) as { c: number | null; total: number; done: number; inProgress: number; overdue: number }[];
  const comOf = new Map(comRows.filter((r) => r.c !== null).map((r) => [r.c!, r]));
  const comTotals = { total: 0, done: 0, inProgress: 0, overdue: 0 };
  for (const r of comRows) {
    if (only !== null && r.c !== only) continue;
    comTotals.total += r.total;
    comTotals.done += r.done;
    comTotals.inProgress += r.inProgress;
    comTotals.overdue += r.overdue;
  }

  // ---- meetings (the compliance grid of meetings.ts)
  const grid = complianceGrid(db, year, today);
  const compliance: StatsDashboardT['meetings']['compliance'] = {};
  const meetingTotals = { met: 0, missed: 0, upcoming: 0 };
  const meetingScore = new Map<number, number>();
  for (const row of grid.rows) {
    const code = codeOf.get(row.communityId)!;
    const q = row.cells.map((c) => c.state);
    const met = q.filter((s) => s === 'met').length;
    const missed = q.filter((s) => s === 'missed').length;
    meetingScore.set(row.communityId, share(met, met + missed));
    if (!inScope(row.communityId)) continue;
    compliance[code] = { Q1: q[0]!, Q2: q[1]!, Q3: q[2]!, Q4: q[3]! };
    for (const s of q) meetingTotals[s]++;
  }

  // ---- 议定事项 still open / overdue (as the decisions board counts them)
  const dec = db.sqlite
    .prepare(
      `select count(*) as open, coalesce(sum(d.deadline is not null and d.deadline < @today), 0) as overdue
       from decision d join meeting m on m.id = d.meeting_id
       where m.deleted_at is null and d.status != 'done'${only === null ? '' : ' and m.community_id = @c'}`,
    )
    .get({ today, ...(only === null ? {} : { c: only }) }) as { open: number; overdue: number };

  // ---- per community: network, participation, posts, commitments, 三有, scorecard
  const network: StatsDashboardT['network']['byCommunity'] = {};
  const participation: StatsDashboardT['participation']['byCommunity'] = {};
  const posts: StatsDashboardT['posts']['byCommunity'] = {};
  const commitments: StatsDashboardT['commitments']['byCommunity'] = {};
  const sanYou: Record<string, ThreeHaveT> = {};
  const scored = communities.map((c) => {
    const members = membersOf.get(c.id) ?? 0;
    const out = members - (inNetwork.get(c.id) ?? 0);
    const coverage = share(members - out, members);
    const p = partOf.get(c.id) ?? { reported: 0, one: 0, four: 0 };
    const po = postsOf.get(c.id) ?? { posts: 0, headcount: 0, filled: 0 };
    const k = comOf.get(c.id) ?? { total: 0, done: 0, inProgress: 0, overdue: 0 };
    const th = threeHave(c, c.funds, settings, year);
    if (inScope(c.id)) {
      network[c.code] = {
        stations: stations.get(c.id) ?? 0,
        groups: groups.get(c.id) ?? 0,
        liaisons: liaisons.get(c.id) ?? 0,
        members,
        notInNetwork: out,
        coverage: round4(coverage),
      };
      participation[c.code] = { reported: p.reported, atLeastOne: p.one, atLeastFour: p.four };
      posts[c.code] = {
        posts: po.posts,
        headcount: po.headcount,
        filled: po.filled,
        claimRate: round4(share(po.filled, po.headcount)),
      };
      commitments[c.code] = { total: k.total, done: k.done, inProgress: k.inProgress, overdue: k.overdue };
      sanYou[c.code] = th;
    }
    const indicators: Record<ScoreIndicator, number> = {
      networkCoverage: coverage,
      participation: share(p.four, p.reported),
      meetingsHeld: meetingScore.get(c.id) ?? 0,
      commitmentsDone: share(k.done, k.total),
      postsClaimed: share(po.filled, po.headcount),
      sanYou: ((th.people ? 1 : 0) + (th.money ? 1 : 0) + (th.place ? 1 : 0)) / 3,
    };
    const weights = scoreWeights(settings);
    const weighted = SCORE_INDICATORS.reduce((s, key) => s + indicators[key] * weights[key], 0);
    const rounded = Object.fromEntries(SCORE_INDICATORS.map((key) => [key, round4(indicators[key])])) as Record<
      ScoreIndicator,
      number
    >;
    return {
      communityId: c.id,
      communityCode: c.code,
      communityName: c.name,
      score: Math.round(weighted * 1000) / 10,
      indicators: rounded,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.communityCode.localeCompare(b.communityCode));
  const scorecard = scored
    .map((s) => ({ ...s, rank: scored.findIndex((x) => x.score === s.score) + 1 }))
    .filter((s) => inScope(s.communityId));

  return {
    year,
    today,
    communityId: only,
    communities: shown.map((c) => ({ id: c.id, code: c.code, name: c.name })),
    members: {
      total: byCategory.在职党员 + byCategory.离退休党员 + byCategory.流动党员,
      employedAge,
      employedReporting,
      byCategory,
      byCommunity,
      byCommunityCategory,
    },
    activities: {
      total: activitiesTotal,
      byMonth,
      byCategory: actByCategory,
      byMonthCategory,
      hoursByMonth,
      hours: roundHours(hours),
      participations,
      residentsServed,
    },
    network: { byCommunity: network },
    participation: {
      thresholds: participationThresholds(settings),
      reported: partTotal.reported,
      atLeastOne: partTotal.one,
      atLeastFour: partTotal.four,
      byCommunity: participation,
    },
    posts: { byCommunity: posts },
    commitments: { ...comTotals, byCommunity: commitments },
    meetings: { compliance, totals: meetingTotals },
    decisions: dec,
    sanYou,
    scorecard,
    indicators: SCORE_INDICATORS.filter((key) => settings.scoreEnabled.includes(key)).map((key) => ({
      key,
      label: STATS.indicators[key].label,
      weight: scoreWeights(settings)[key],
      definition:
        key === 'participation'
          ? STATS_UI.participationDefinition(settings.participationTarget)
          : STATS.indicators[key].definition,
    })),
  };
}
