// 统计表: the five tables a street sends upward, for a period (2026, 2026Q4, 2026H2, 2026-11) and optionally one
// community. Each is one or two GROUP BY queries over the base tables (or the trigger-kept member_tally), never a
// loop over members or participations, and comes back in one generic shape (columns, rows, totals) that the screen,
// the printable document and the Excel export all render the same way.
//
// Definitions (printed under each table, STATS_UI.tables.notes):
// - members: 在册 members (not deleted, status active) by residence community × category, as of today.
// - activities: live activities dated in the period, by community × category; street-wide ones (no community) are
//   their own row; 参与人次 counts member and unit participants, hours are the participants' hours.
// - participation: reported 在职党员 as in stats.ts (a live 报到 record dated by the period's end, or without any 报到
//   record a 报到日期 by then), 在册; grouped by employer unit, employers given as text in one row, none in another;
//   activities are all those they joined in the period; the thresholds are the settings (≥ 1 / ≥ 4 by default).
// - cobuild: per 驻区单位: the period's year's live agreements (with the community when one is chosen), their
//   commitments total / done / in progress / overdue (not done, due before today), approved post claims made by the
//   period's end, activities organised and joined in the period.
// - meetings: per community (and the street's own bodies): for every live body with a required frequency, the
//   frequency's intervals (months / quarters / halves / the year) overlapping the period; met = a meeting held in the
//   interval by today, missed = the interval ended without one, upcoming = not ended yet and none held. For a
//   community's quarterly body this is exactly meetings.complianceGrid's cell state.
import type { StatTableKind, StatTableT } from '../../shared/contract';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_LABELS,
  MEMBER_CATEGORIES,
  type MemberCategory,
} from '../../shared/enums';
import { STATS_UI } from '../../shared/messages';
import { periodOf, type Period } from '../../shared/period';
import { formatDateZh } from '../../shared/validators';
import type { StreetGridDb } from '../db/connection';
import { roundHours } from './activities';
import { localToday } from './agreements';
import { communityName, streetName } from './participation';
import { getSettings } from './settings';

const T = STATS_UI.tables;
type Column = StatTableT['columns'][number];
type Row = StatTableT['rows'][number];
type Cell = number | null;

interface Ctx {
  db: StreetGridDb;
  p: Period;
  today: string;
  only: number | null;
}

interface CommunityRec {
  id: number;
  code: string;
  name: string;
  retired: number;
}

const int = (key: string, label: string): Column => ({ key, label, format: 'int' });

function communities(db: StreetGridDb): CommunityRec[] {
  return db.sqlite
    .prepare(
      `select id, code, name, retired_at is not null as retired from community where deleted_at is null order by code`,
    )
    .all() as CommunityRec[];
}

/** Rows of the live communities (retired ones only when they still have figures), in code order. */
function communityRows(ctx: Ctx, has: (id: number) => boolean): CommunityRec[] {
  return communities(ctx.db).filter(
    (c) => (ctx.only === null || c.id === ctx.only) && (!c.retired || has(c.id) || c.id === ctx.only),
  );
}

function communityRow(c: CommunityRec, values: Cell[]): Row {
  return {
    key: `c${c.id}`,
    label: c.retired ? T.retired(c.name) : c.name,
    communityId: c.id,
    unitId: null,
    street: false,
    values,
  };
}

function sumColumns(rows: readonly Row[], columns: readonly Column[]): Cell[] {
  return columns.map((col, i) => {
    if (col.format === 'ratio') return null;
    const s = rows.reduce((t, r) => t + (r.values[i] ?? 0), 0);
    return col.format === 'hours' ? roundHours(s) : s;
  });
}

// ---- 党员分类统计表
function membersTable(ctx: Ctx) {
  const tally = ctx.db.sqlite.prepare('select community_id as c, category, n from member_tally where n > 0').all() as {
    c: number;
    category: MemberCategory;
    n: number;
  }[];
  const reported = new Map(
    ctx.db.sqlite
      .prepare(
        // 在册 在职党员 with a live 报到 record or, without any, a 报到日期: "reported" as everywhere (as of today).
        // The reported ids from the two small indexes (member_report_live_ix, member_report_date_ix), then the 在册
        // 在职党员 among them through member_employed_active_ix: no scan of the member table.
        `with rep(member_id) as materialized (
           select member_id from member_report where deleted_at is null
           union select id from member where report_date is not null and category = 'employed')
         select m.community_id, count(*) from rep cross join member m on m.id = rep.member_id
         where m.deleted_at is null and m.status = 'active' and m.category = 'employed'
         group by m.community_id`,
      )
      .raw()
      .all() as [number, number][],
  );
  const by = new Map<number, Record<MemberCategory, number>>();
  for (const r of tally)
    (by.get(r.c) ?? by.set(r.c, { employed: 0, retired: 0, mobile: 0 }).get(r.c)!)[r.category] += r.n;
  const columns = [
    int('employed', T.col.employed),
    int('reportedEmployed', T.col.reportedEmployed),
    int('retired', T.col.retired),
    int('mobile', T.col.mobile),
    int('total', T.col.members),
  ];
  const rows = communityRows(ctx, (id) => by.has(id)).map((c) => {
    const m = by.get(c.id) ?? { employed: 0, retired: 0, mobile: 0 };
    return communityRow(c, [
      m.employed,
      reported.get(c.id) ?? 0,
      m.retired,
      m.mobile,
      MEMBER_CATEGORIES.reduce((t, k) => t + m[k], 0),
    ]);
  });
  return { rowHeader: T.rowHeader.community, columns, rows, notes: [T.notes.members(formatDateZh(ctx.today))] };
}

// ---- 服务活动分类统计表
function activitiesTable(ctx: Ctx) {
  const agg = ctx.db.sqlite
    .prepare(
      `select a.community_id as c, a.category, count(*) as n, total(t.participants) as parts, total(t.hours) as hours,
              total(a.residents_served) as served
       from activity a left join activity_tally t on t.activity_id = a.id
       where a.deleted_at is null and a.date >= @from and a.date <= @to
         ${ctx.only === null ? '' : 'and a.community_id = @c'}
       group by a.community_id, a.category`,
    )
    .all({ from: ctx.p.from, to: ctx.p.to, ...(ctx.only === null ? {} : { c: ctx.only }) }) as {
    c: number | null;
    category: (typeof ACTIVITY_CATEGORIES)[number];
    n: number;
    parts: number;
    hours: number;
    served: number;
  }[];
  const columns: Column[] = [
    ...ACTIVITY_CATEGORIES.map((k) => int(k, ACTIVITY_CATEGORY_LABELS[k])),
    int('total', T.col.activities),
    int('participations', T.col.participations),
    { key: 'hours', label: T.col.hours, format: 'hours' },
    int('served', T.col.served),
  ];
  const idx = new Map(ACTIVITY_CATEGORIES.map((k, i) => [k, i]));
  const n = ACTIVITY_CATEGORIES.length;
  const acc = new Map<number | null, number[]>();
  for (const r of agg) {
    const v = acc.get(r.c) ?? acc.set(r.c, Array<number>(n + 4).fill(0)).get(r.c)!;
    v[idx.get(r.category)!]! += r.n;
    v[n]! += r.n;
    v[n + 1]! += r.parts;
    v[n + 2]! += r.hours;
    v[n + 3]! += r.served;
  }
  const values = (c: number | null): Cell[] => {
    const v = acc.get(c) ?? Array<number>(n + 4).fill(0);
    return v.map((x, i) => (i === n + 2 ? roundHours(x) : x));
  };
  const rows = communityRows(ctx, (id) => acc.has(id)).map((c) => communityRow(c, values(c.id)));
  if (ctx.only === null)
    rows.push({
      key: 'street',
      label: T.streetRow,
      communityId: null,
      unitId: null,
      street: true,
      values: values(null),
    });
  return { rowHeader: T.rowHeader.community, columns, rows, notes: [T.notes.activities] };
}

// ---- 在职党员参加社区活动情况统计表（按工作单位）
function participationTable(ctx: Ctx) {
  const s = getSettings(ctx.db);
  const one = s.participationMin;
  const target = s.participationTarget;
  const c = ctx.only === null ? '' : ' and r.community_id = @c';
  const cm = ctx.only === null ? '' : ' and m.community_id = @c';
  const rows0 = ctx.db.sqlite
    .prepare(
      `with rep(member_id) as materialized (
         select r.member_id from member_report r where r.deleted_at is null and r.report_date <= @to${c}
         union
         select m.id from member m
         where m.report_date is not null and m.report_date <= @to and m.category = 'employed'${cm}
           and not exists (select 1 from member_report x where x.member_id = m.id and x.deleted_at is null)),
       act as materialized (
         select p.member_id, count(*) as n, total(p.hours) as h
         from activity_participant p join activity a on a.id = p.activity_id
         where a.deleted_at is null and a.date >= @from and a.date <= @to and p.member_id is not null
         group by p.member_id)
       select m.employer_unit_id as unitId,
              case when m.employer_unit_id is not null then 0
                   when coalesce(trim(m.employer_name), '') <> '' then 1 else 2 end as grp,
              count(*) as reported, sum(coalesce(act.n, 0) >= @one) as one, sum(coalesce(act.n, 0) >= @target) as hit,
              total(act.n) as joined, total(act.h) as hours
       from rep cross join member m on m.id = rep.member_id left join act on act.member_id = rep.member_id
       where m.deleted_at is null and m.status = 'active' and m.category = 'employed'
       group by unitId, grp`,
    )
    .all({
      from: ctx.p.from,
      to: ctx.p.to,
      one,
      target,
      ...(ctx.only === null ? {} : { c: ctx.only }),
    }) as {
    unitId: number | null;
    grp: 0 | 1 | 2;
    reported: number;
    one: number;
    hit: number;
    joined: number;
    hours: number;
  }[];
  const unitRows = ctx.db.sqlite.prepare('select id, name, name_pinyin as py from unit').all() as {
    id: number;
    name: string;
    py: string;
  }[];
  const units = new Map(unitRows.map((u) => [u.id, u.name]));
  const pinyin = new Map(unitRows.map((u) => [u.id, u.py]));
  const columns: Column[] = [
    int('reported', T.col.reported),
    int('atLeastOne', T.col.atLeast(one)),
    int('atLeastTarget', T.col.atLeast(target)),
    int('joined', T.col.joined),
    { key: 'hours', label: T.col.hours, format: 'hours' },
  ];
  const vals = (r: (typeof rows0)[number]): Cell[] => [r.reported, r.one, r.hit, r.joined, roundHours(r.hours)];
  const rows: Row[] = rows0
    .filter((r) => r.grp === 0)
    .sort(
      (a, b) =>
        (pinyin.get(a.unitId!) ?? '').localeCompare(pinyin.get(b.unitId!) ?? '') || (a.unitId ?? 0) - (b.unitId ?? 0),
    )
    .map((r) => ({
      key: `u${r.unitId}`,
      label: units.get(r.unitId!) ?? '',
      communityId: null,
      unitId: r.unitId,
      street: false,
      values: vals(r),
    }));
  for (const [grp, label] of [
    [1, T.textEmployers],
    [2, T.noEmployer],
  ] as const) {
    const r = rows0.find((x) => x.grp === grp);
    if (r) rows.push({ key: `g${grp}`, label, communityId: null, unitId: null, street: false, values: vals(r) });
  }
  const notes = [T.notes.participation(formatDateZh(ctx.p.to))];
  if (ctx.only !== null) notes.push(T.notes.participationCommunity(communityName(ctx.db, ctx.only)));
  return { rowHeader: T.rowHeader.unit, columns, rows, notes };
}

// ---- 驻区单位共驻共建情况统计表
function cobuildTable(ctx: Ctx) {
  const params = {
    year: ctx.p.year,
    from: ctx.p.from,
    to: ctx.p.to,
    today: ctx.today,
    ...(ctx.only === null ? {} : { c: ctx.only }),
  };
  const onlyAg = ctx.only === null ? '' : ' and ag.community_id = @c';
  const ag = ctx.db.sqlite
    .prepare(
      `select ag.unit_id as u, count(distinct ag.id) as agreements, count(k.id) as total,
              coalesce(sum(k.status = 'done'), 0) as done, coalesce(sum(k.status = 'in_progress'), 0) as inProgress,
              coalesce(sum(k.status != 'done' and k.due_date is not null and k.due_date < @today), 0) as overdue
       from agreement ag left join commitment k on k.agreement_id = ag.id
       where ag.deleted_at is null and ag.year = @year${onlyAg}
       group by ag.unit_id`,
    )
    .all(params) as {
    u: number;
    agreements: number;
    total: number;
    done: number;
    inProgress: number;
    overdue: number;
  }[];
  const claims = new Map(
    ctx.db.sqlite
      .prepare(
        `select pc.unit_id, count(*) from post_claim pc join service_post sp on sp.id = pc.post_id
         where pc.unit_id is not null and pc.status = 'approved' and pc.claim_date <= @to and sp.deleted_at is null
           ${ctx.only === null ? '' : 'and sp.community_id = @c'}
         group by pc.unit_id`,
      )
      .raw()
      .all(params) as [number, number][],
  );
  const onlyAct = ctx.only === null ? '' : ' and a.community_id = @c';
  const organised = new Map(
    ctx.db.sqlite
      .prepare(
        `select a.organizer_unit_id, count(*) from activity a
         where a.deleted_at is null and a.organizer_unit_id is not null and a.date >= @from and a.date <= @to${onlyAct}
         group by a.organizer_unit_id`,
      )
      .raw()
      .all(params) as [number, number][],
  );
  const joined = new Map(
    ctx.db.sqlite
      .prepare(
        `select p.unit_id, count(distinct p.activity_id) from activity_participant p join activity a on a.id = p.activity_id
         where p.unit_id is not null and a.deleted_at is null and a.date >= @from and a.date <= @to${onlyAct}
         group by p.unit_id`,
      )
      .raw()
      .all(params) as [number, number][],
  );
  const agOf = new Map(ag.map((r) => [r.u, r]));
  const ids = new Set<number>([...agOf.keys(), ...claims.keys(), ...organised.keys(), ...joined.keys()]);
  const units = ctx.db.sqlite
    .prepare('select id, name, deleted_at is not null as deleted from unit order by name_pinyin, id')
    .all() as { id: number; name: string; deleted: number }[];
  const columns = [
    int('agreements', T.col.agreements),
    int('commitments', T.col.commitments),
    int('done', T.col.done),
    int('inProgress', T.col.inProgress),
    int('overdue', T.col.overdue),
    int('claims', T.col.claims),
    int('organised', T.col.organised),
    int('joined', T.col.joinedActivities),
  ];
  const rows: Row[] = units
    .filter((u) => ids.has(u.id))
    .map((u) => {
      const a = agOf.get(u.id) ?? { agreements: 0, total: 0, done: 0, inProgress: 0, overdue: 0 };
      return {
        key: `u${u.id}`,
        label: u.name,
        communityId: null,
        unitId: u.id,
        street: false,
        values: [
          a.agreements,
          a.total,
          a.done,
          a.inProgress,
          a.overdue,
          claims.get(u.id) ?? 0,
          organised.get(u.id) ?? 0,
          joined.get(u.id) ?? 0,
        ],
      };
    });
  return {
    rowHeader: T.rowHeader.cobuildUnit,
    columns,
    rows,
    notes: [T.notes.cobuild(ctx.p.year, formatDateZh(ctx.today))],
  };
}

// ---- 议事会议召开情况统计表
const FREQ_MONTHS = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 } as const;
type Freq = keyof typeof FREQ_MONTHS;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The frequency's intervals within the year that overlap [from, to]. */
function intervals(year: number, freq: Freq, from: string, to: string): { from: string; to: string }[] {
  const step = FREQ_MONTHS[freq];
  const out: { from: string; to: string }[] = [];
  for (let first = 1; first <= 12; first += step) {
    const last = first + step - 1;
    const span = {
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(last)}-${pad(new Date(Date.UTC(year, last, 0)).getUTCDate())}`,
    };
    if (span.to >= from && span.from <= to) out.push(span);
  }
  return out;
}

function meetingsTable(ctx: Ctx) {
  const bodies = ctx.db.sqlite
    .prepare(
      `select id, community_id as c, frequency from meeting_body
       where deleted_at is null and frequency != 'none' ${ctx.only === null ? '' : 'and community_id = @c'}`,
    )
    .all(ctx.only === null ? {} : { c: ctx.only }) as { id: number; c: number | null; frequency: Freq }[];
  // Meetings held (dated by today) of every live body in the year: few rows, grouped per body.
  const held = ctx.db.sqlite
    .prepare(
      `select m.body_id as b, mb.community_id as c, m.date from meeting m join meeting_body mb on mb.id = m.body_id
       where m.deleted_at is null and mb.deleted_at is null and m.date >= @yf and m.date <= @yt and m.date <= @today
         ${ctx.only === null ? '' : 'and mb.community_id = @c'}`,
    )
    .all({
      yf: `${ctx.p.year}-01-01`,
      yt: `${ctx.p.year}-12-31`,
      today: ctx.today,
      ...(ctx.only === null ? {} : { c: ctx.only }),
    }) as { b: number; c: number | null; date: string }[];
  const datesOf = new Map<number, string[]>();
  for (const m of held) (datesOf.get(m.b) ?? datesOf.set(m.b, []).get(m.b)!).push(m.date);
  type Acc = { bodies: number; required: number; held: number; met: number; missed: number; upcoming: number };
  const acc = new Map<number | null, Acc>();
  const get = (c: number | null) =>
    acc.get(c) ?? acc.set(c, { bodies: 0, required: 0, held: 0, met: 0, missed: 0, upcoming: 0 }).get(c)!;
  for (const m of held) if (m.date >= ctx.p.from && m.date <= ctx.p.to) get(m.c).held++;
  for (const b of bodies) {
    const a = get(b.c);
    a.bodies++;
    const dates = datesOf.get(b.id) ?? [];
    for (const span of intervals(ctx.p.year, b.frequency, ctx.p.from, ctx.p.to)) {
      a.required++;
      if (dates.some((d) => d >= span.from && d <= span.to)) a.met++;
      else if (span.to < ctx.today) a.missed++;
      else a.upcoming++;
    }
  }
  const columns: Column[] = [
    int('bodies', T.col.bodies),
    int('required', T.col.required),
    int('held', T.col.held),
    int('met', T.col.met),
    int('missed', T.col.missed),
    int('upcoming', T.col.upcoming),
    { key: 'rate', label: T.col.rate, format: 'ratio' },
  ];
  const vals = (a: Acc | undefined): Cell[] => {
    const x = a ?? { bodies: 0, required: 0, held: 0, met: 0, missed: 0, upcoming: 0 };
    return [
      x.bodies,
      x.required,
      x.held,
      x.met,
      x.missed,
      x.upcoming,
      x.met + x.missed > 0 ? x.met / (x.met + x.missed) : null,
    ];
  };
  const rows = communityRows(ctx, (id) => acc.has(id)).map((c) => communityRow(c, vals(acc.get(c.id))));
  if (ctx.only === null && acc.has(null))
    rows.push({
      key: 'street',
      label: T.streetBodies,
      communityId: null,
      unitId: null,
      street: true,
      values: vals(acc.get(null)),
    });
  return { rowHeader: T.rowHeader.community, columns, rows, notes: [T.notes.meetings(formatDateZh(ctx.today))] };
}

const BUILDERS: Record<
  StatTableKind,
  (ctx: Ctx) => { rowHeader: string; columns: Column[]; rows: Row[]; notes: string[] }
> = {
  members: membersTable,
  activities: activitiesTable,
  participation: participationTable,
  cobuild: cobuildTable,
  meetings: meetingsTable,
};

/** One 统计表 for a period (and optionally one community), with its totals row. */
export function statTable(
  db: StreetGridDb,
  input: { kind: StatTableKind; period: string; communityId?: number | undefined },
  today = localToday(),
): StatTableT {
  const p = periodOf(input.period);
  const only = input.communityId ?? null;
  const name = only === null ? null : communityName(db, only);
  const built = BUILDERS[input.kind]({ db, p, today, only });
  const totals = sumColumns(built.rows, built.columns);
  // Shares in the totals row: recomputed from the summed counts (never an average of the rows' shares).
  built.columns.forEach((col, i) => {
    if (col.key === 'rate') {
      const met = totals[built.columns.findIndex((c) => c.key === 'met')] ?? 0;
      const missed = totals[built.columns.findIndex((c) => c.key === 'missed')] ?? 0;
      totals[i] = met + missed > 0 ? met / (met + missed) : null;
    }
  });
  return {
    kind: input.kind,
    title: T.kinds[input.kind]!,
    streetName: streetName(db),
    period: p.code,
    periodLabel: input.kind === 'members' ? T.asOf(formatDateZh(today)) : p.label,
    from: p.from,
    to: p.to,
    today,
    communityId: only,
    communityName: name,
    ...built,
    totals,
  };
}
