// Bench entry for the dashboard aggregates (ARCHITECTURE.md: ≤ 150 ms for the street on 100k members / 1M
// participations). Core = stats.dashboard as the app calls it; raw = the same figures computed by hand-written
// GROUP BY statements straight over the base tables (members, activities × participants, per-member activity counts),
// i.e. what it costs without the trigger-kept tallies of drizzle/0004. The explanation lines say which tally or
// index each figure reads.
import type { StreetGridDb } from '../../src/core/db/connection';
import { DEMO_TODAY } from '../../src/core/demo/seed';
import { dashboard } from '../../src/core/services/stats';

export interface StatsBenchTools {
  compare: (op: string, budgetMs: number, core: () => unknown, raw: () => unknown, note?: string) => void;
  explain: (line: string) => void;
}

export function statsBench(db: StreetGridDb, t: StatsBenchTools): void {
  const s = db.sqlite;
  const year = Number(DEMO_TODAY.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const raw = [
    s.prepare(
      `select community_id, category, count(*) from member where deleted_at is null and status = 'active' group by 1, 2`,
    ),
    s.prepare(
      `select substr(a.date, 1, 7) as ym, a.category, count(*), total(a.residents_served) from activity a
       where a.deleted_at is null and a.date between @from and @to group by ym, a.category`,
    ),
    s.prepare(
      `select substr(a.date, 1, 7) as ym, count(*), total(p.hours) from activity a
       join activity_participant p on p.activity_id = a.id
       where a.deleted_at is null and a.date between @from and @to group by ym`,
    ),
    s.prepare(
      `with cnt as (select p.member_id, count(*) as n from activity a join activity_participant p on p.activity_id = a.id
                    where a.deleted_at is null and a.date between @from and @to and p.member_id is not null
                    group by p.member_id)
       select r.community_id, count(*), sum(coalesce(cnt.n, 0) >= 1), sum(coalesce(cnt.n, 0) >= 4)
       from (select distinct member_id, community_id from member_report
             where deleted_at is null and report_date <= @to) r
       join member m on m.id = r.member_id left join cnt on cnt.member_id = r.member_id
       where m.deleted_at is null and m.status = 'active' and m.category = 'employed' group by 1`,
    ),
  ];
  const d = dashboard(db, { year }, DEMO_TODAY);
  t.compare(
    `stats.dashboard (street, ${year}: every chart's figures)`,
    150,
    () => dashboard(db, { year }, DEMO_TODAY),
    () => {
      raw[0]!.all();
      raw[1]!.all({ from, to });
      raw[2]!.all({ from, to });
      raw[3]!.all({ from, to });
    },
    `raw = members, activities, hours and participation only, by GROUP BY over the base tables; ` +
      `${d.activities.total.toLocaleString('en')} activities, ${d.activities.participations.toLocaleString('en')} participations, ` +
      `${d.participation.reported.toLocaleString('en')} reported 在职党员 in ${year}`,
  );
  t.explain(
    'stats.dashboard: members per community × category from member_tally; participants and hours per activity from ' +
      'activity_tally (one pass over the year’s activities); each member’s activity count in the year from ' +
      'member_activity_year (PK lookup) — all three kept by triggers in the writing statement (drizzle/0004); ' +
      '报到 pairs read distinct from member_report_live_ix, 在职党员 without a 报到 record via member_report_date_ix.',
  );
}
