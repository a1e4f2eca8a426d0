// The table behind every dashboard chart, built from stats.dashboard's figures. The renderer shows it under the
// chart (表格 view) and core writes the same rows to Excel (excel.exportDashboard), so screen and file never differ.
import type { StatsDashboardT } from './contract';
import { DASHBOARD } from './messages';

export const DASHBOARD_CHARTS = [
  'members',
  'employedAge',
  'network',
  'activities',
  'participation',
  'posts',
  'commitments',
  'meetings',
  'sanYou',
] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

export type Cell = string | number;
export interface DashboardTable {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** The 合计 row, when summing makes sense. */
  total: Cell[] | null;
  /** Columns holding shares (0–1), shown and exported as percentages. */
  percentColumns: number[];
}

const T = DASHBOARD.tables;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const CATS = ['在职党员', '离退休党员', '流动党员'] as const;

export function dashboardTable(d: StatsDashboardT, chart: DashboardChart): DashboardTable {
  const cs = d.communities;
  switch (chart) {
    case 'members': {
      const rows = cs.map((c) => {
        const m = d.members.byCommunityCategory[c.code] ?? { 在职党员: 0, 离退休党员: 0, 流动党员: 0 };
        return [c.name, ...CATS.map((k) => m[k]), sum(CATS.map((k) => m[k]))];
      });
      return {
        title: T.members,
        columns: [T.community, ...CATS, T.total],
        rows,
        total: [T.total, ...CATS.map((k) => d.members.byCategory[k]), d.members.total],
        percentColumns: [],
      };
    }
    case 'employedAge': {
      const rows = d.members.employedAge.map((b) => [b.label, b.count, b.reported, b.count - b.reported]);
      const r = d.members.employedReporting;
      return {
        title: T.employedAge,
        columns: [T.ageBand, T.employed, T.reported, T.notReported],
        rows,
        total: [T.total, r.employed, r.reported, r.employed - r.reported],
        percentColumns: [],
      };
    }
    case 'network': {
      const rows = cs.map((c) => {
        const n = d.network.byCommunity[c.code]!;
        return [c.name, n.stations, n.groups, n.liaisons, n.members, n.notInNetwork, n.coverage];
      });
      const ns = cs.map((c) => d.network.byCommunity[c.code]!);
      const members = sum(ns.map((n) => n.members));
      const out = sum(ns.map((n) => n.notInNetwork));
      return {
        title: T.network,
        columns: [T.community, T.stations, T.groups, T.liaisons, T.memberCount, T.notInNetwork, T.coverage],
        rows,
        total: [
          T.total,
          sum(ns.map((n) => n.stations)),
          sum(ns.map((n) => n.groups)),
          sum(ns.map((n) => n.liaisons)),
          members,
          out,
          share(members - out, members),
        ],
        percentColumns: [6],
      };
    }
    case 'activities': {
      const cats = Object.keys(d.activities.byCategory);
      const rows = Object.entries(d.activities.byMonthCategory).map(([ym, byCat]) => [
        T.month(ym),
        ...cats.map((k) => byCat[k] ?? 0),
        d.activities.byMonth[ym] ?? 0,
        d.activities.hoursByMonth[ym] ?? 0,
      ]);
      return {
        title: T.activities,
        columns: [T.monthColumn, ...cats, T.total, T.hours],
        rows,
        total: [T.total, ...cats.map((k) => d.activities.byCategory[k] ?? 0), d.activities.total, d.activities.hours],
        percentColumns: [],
      };
    }
    case 'participation': {
      const rows = cs.map((c) => {
        const p = d.participation.byCommunity[c.code]!;
        return [
          c.name,
          p.reported,
          p.atLeastOne,
          share(p.atLeastOne, p.reported),
          p.atLeastFour,
          share(p.atLeastFour, p.reported),
        ];
      });
      const p = d.participation;
      const th = p.thresholds;
      return {
        title: T.participation,
        columns: [
          T.community,
          T.reportedEmployed,
          T.atLeast(th.atLeastOne),
          T.shareOf,
          T.atLeast(th.atLeastFour),
          T.shareOf,
        ],
        rows,
        total: [
          T.streetDistinct,
          p.reported,
          p.atLeastOne,
          share(p.atLeastOne, p.reported),
          p.atLeastFour,
          share(p.atLeastFour, p.reported),
        ],
        percentColumns: [3, 5],
      };
    }
    case 'posts': {
      const ps = cs.map((c) => d.posts.byCommunity[c.code] ?? { posts: 0, headcount: 0, filled: 0, claimRate: 0 });
      const headcount = sum(ps.map((p) => p.headcount));
      const filled = sum(ps.map((p) => p.filled));
      return {
        title: T.posts,
        columns: [T.community, T.postCount, T.headcount, T.filled, T.claimRate],
        rows: cs.map((c, i) => [c.name, ps[i]!.posts, ps[i]!.headcount, ps[i]!.filled, ps[i]!.claimRate]),
        total: [T.total, sum(ps.map((p) => p.posts)), headcount, filled, share(filled, headcount)],
        percentColumns: [4],
      };
    }
    case 'commitments': {
      const ks = cs.map((c) => d.commitments.byCommunity[c.code] ?? { total: 0, done: 0, inProgress: 0, overdue: 0 });
      return {
        title: T.commitments,
        columns: [T.community, T.commitmentTotal, T.done, T.inProgress, T.notStarted, T.overdue],
        rows: cs.map((c, i) => {
          const k = ks[i]!;
          return [c.name, k.total, k.done, k.inProgress, k.total - k.done - k.inProgress, k.overdue];
        }),
        total: [
          T.allCommitments,
          d.commitments.total,
          d.commitments.done,
          d.commitments.inProgress,
          d.commitments.total - d.commitments.done - d.commitments.inProgress,
          d.commitments.overdue,
        ],
        percentColumns: [],
      };
    }
    case 'meetings': {
      const rows = cs.map((c) => {
        const q = d.meetings.compliance[c.code];
        return [
          c.name,
          ...(['Q1', 'Q2', 'Q3', 'Q4'] as const).map((k) => (q ? (T.quarterState[q[k]] ?? q[k]) : T.noBody)),
        ];
      });
      return {
        title: T.meetings,
        columns: [T.community, ...T.quarters],
        rows,
        total: null,
        percentColumns: [],
      };
    }
    case 'sanYou': {
      const rows = cs.map((c) => {
        const s = d.sanYou[c.code]!;
        return [c.name, s.people ? T.yes : T.no, s.money ? T.yes : T.no, s.place ? T.yes : T.no];
      });
      const count = (k: 'people' | 'money' | 'place') => cs.filter((c) => d.sanYou[c.code]?.[k]).length;
      return {
        title: T.sanYou,
        columns: [T.community, T.people, T.money, T.place],
        rows,
        total: [T.metCount, count('people'), count('money'), count('place')],
        percentColumns: [],
      };
    }
  }
}

/** A share as the tables print it: 87.5%. */
export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}
