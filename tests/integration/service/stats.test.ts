// stats.dashboard through the contract: hand-computed figures on the small activity street (在册 only), the demo
// street recomputed from raw SQL and checked against meetings.compliance, and `streetgrid stats --json`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../src/shared/contract';
import { ok, ROOT, streetCore, tempDir } from '../../helpers';
import { fixture, makeId } from './activity-fixtures';

function small() {
  const f = fixture();
  const { core, c1, c2, m } = f;
  // 张三's 4th activity of the year (the ≥ 4 threshold), 20 residents served.
  ok(core, 'activities.create', {
    date: '2026-11-21',
    communityId: c1,
    title: '法律咨询',
    category: 'law',
    organizerKind: 'community',
    residentsServed: 20,
    participants: [{ memberId: m.zhang, hours: 1 }],
  } as never);
  // Not 在册: never counted.
  const gone = ok(core, 'members.create', {
    name: '周九',
    idNumber: makeId('1960-01-01', 61),
    communityId: c1,
    category: 'employed',
  } as Input<'members.create'>);
  ok(core, 'members.create', {
    name: '吴十',
    idNumber: makeId('1940-01-01', 73),
    communityId: c2,
    category: 'mobile',
    status: 'deceased',
  } as Input<'members.create'>);
  // 周九 reported and served before being transferred out: still never counted.
  ok(core, 'reports.create', { memberId: gone.id, communityId: c1, reportDate: '2026-03-01', letterReceived: false });
  ok(core, 'activities.addParticipants', { activityId: f.acts.a1, memberIds: [gone.id], hours: 2 });
  ok(core, 'members.update', { id: gone.id, status: 'transferred' } as never);
  const code = (id: number) => ok(core, 'communities.get', { id }).code;
  return { ...f, code1: code(c1), code2: code(c2) };
}

describe('stats.dashboard on a small street', () => {
  it('counts 在册 members, activities, hours, participation and posts as computed by hand', () => {
    const { core, code1, code2, c1 } = small();
    const d = ok(core, 'stats.dashboard', { year: 2026 });
    expect(d.year).toBe(2026);
    expect(d.members.byCategory).toEqual({ 在职党员: 5, 离退休党员: 1, 流动党员: 0 });
    expect(d.members.total).toBe(6);
    expect(d.members.byCommunity[code1]).toBe(5);
    expect(d.members.byCommunity[code2]).toBe(1);
    expect(d.members.byCommunityCategory[code1]).toEqual({ 在职党员: 4, 离退休党员: 1, 流动党员: 0 });

    // a1 03 文体 (2 + unit 3 + 周九 2), a2 07 卫生 (6), a3 10 street-wide 环境卫生 (4), a4 11 安全 (6), a6 11 法治 (1); a5 deleted.
    expect(d.activities.total).toBe(5);
    expect(d.activities.byMonth).toMatchObject({
      '2026-03': 1,
      '2026-07': 1,
      '2026-10': 1,
      '2026-11': 2,
      '2026-01': 0,
    });
    expect(Object.keys(d.activities.byMonth)).toHaveLength(12);
    expect(d.activities.byCategory).toMatchObject({ 文体: 1, 卫生: 1, 环境卫生: 1, 安全: 1, 法治: 1, 科技: 0 });
    expect(d.activities.hoursByMonth).toMatchObject({ '2026-03': 7, '2026-07': 6, '2026-10': 4, '2026-11': 7 });
    expect(d.activities.hours).toBe(24);
    expect(d.activities.residentsServed).toBe(100);

    // Reported: 张三 (4 activities), 李四 (2), 王五 (2) and 孙八 (0) to c1; 钱七 (1) to c2. 周九 is 转出.
    expect(d.participation.byCommunity[code1]).toEqual({ reported: 4, atLeastOne: 3, atLeastFour: 1 });
    expect(d.participation.byCommunity[code2]).toEqual({ reported: 1, atLeastOne: 1, atLeastFour: 0 });
    expect(d.participation).toMatchObject({ reported: 5, atLeastOne: 4, atLeastFour: 1 });
    // Same definition as the 参加社区活动情况统计表.
    const table = ok(core, 'reports.participation', { communityId: c1, period: '2026' });
    expect(table.totals.members).toBe(4);
    expect(table.totals.activeMembers).toBe(3);

    // Two posts of headcount 5 in c1, two approved claims.
    expect(d.posts.byCommunity[code1]).toEqual({ posts: 2, headcount: 10, filled: 2, claimRate: 0.2 });
    // No network yet: everyone 在册 is outside it.
    expect(d.network.byCommunity[code1]).toEqual({
      stations: 0,
      groups: 0,
      liaisons: 0,
      members: 5,
      notInNetwork: 5,
      coverage: 0,
    });

    // Scorecard c1: participation 1/4, posts 0.2, everything else 0 → (0.25 + 0.2) / 6 × 100 = 7.5.
    const s1 = d.scorecard.find((s) => s.communityCode === code1)!;
    expect(s1.score).toBe(7.5);
    expect(s1.rank).toBe(1);
    expect(d.scorecard[0]!.communityCode).toBe(code1);
    expect(d.scorecard.find((s) => s.communityCode === code2)!).toMatchObject({ score: 0, rank: 2 });
    expect(d.indicators.map((i) => i.key)).toEqual([
      'networkCoverage',
      'participation',
      'meetingsHeld',
      'commitmentsDone',
      'postsClaimed',
      'sanYou',
    ]);
    expect(d.indicators.reduce((n, i) => n + i.weight, 0)).toBeCloseTo(1);
  });

  it('narrows to one community', () => {
    const { core, code1, c1 } = small();
    const d = ok(core, 'stats.dashboard', { year: 2026, communityId: c1 });
    expect(Object.keys(d.members.byCommunity)).toEqual([code1]);
    expect(d.members.byCategory).toEqual({ 在职党员: 4, 离退休党员: 1, 流动党员: 0 });
    expect(d.activities.total).toBe(3); // a1, a2, a6 (street-wide a3 and c2's a4 are not c1's)
    expect(d.activities.hours).toBe(14);
    expect(d.participation).toMatchObject({ reported: 4, atLeastOne: 3, atLeastFour: 1 });
    expect(d.scorecard.map((s) => s.communityCode)).toEqual([code1]);
    expect(Object.keys(d.meetings.compliance)).toEqual([code1]);
  });
});

describe('stats.dashboard on the demo street', () => {
  it('matches raw SQL and meetings.compliance', () => {
    const core = streetCore('110101001');
    ok(core, 'demo.seed', { members: 500 });
    const year = Number(new Date().getFullYear());
    const d = ok(core, 'stats.dashboard', {});
    const sql = core.db.sqlite;
    const active = sql
      .prepare("select count(*) from member where status = 'active' and deleted_at is null")
      .pluck()
      .get() as number;
    expect(active).toBeGreaterThan(0);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((n, x) => n + x, 0);
    expect(sum(d.members.byCategory)).toBe(active);
    expect(sum(d.members.byCommunity)).toBe(active);
    const acts = sql
      .prepare(
        `select substr(date, 1, 7) as ym, count(*) as n from activity
         where deleted_at is null and date between ? and ? group by ym`,
      )
      .all(`${year}-01-01`, `${year}-12-31`) as { ym: string; n: number }[];
    for (const r of acts) expect(d.activities.byMonth[r.ym]).toBe(r.n);
    expect(sum(d.activities.byCategory)).toBe(acts.reduce((n, r) => n + r.n, 0));

    const grid = ok(core, 'meetings.compliance', { year });
    const codes = new Map(ok(core, 'communities.list', {}).map((c) => [c.id, c.code]));
    const expected = Object.fromEntries(
      grid.rows.map((r) => [
        codes.get(r.communityId)!,
        Object.fromEntries(r.cells.map((c) => [`Q${c.quarter}`, c.state])),
      ]),
    );
    expect(d.meetings.compliance).toEqual(expected);
    expect(d.meetings.totals).toEqual(grid.totals);

    // Network figures agree with the network tree of each community.
    for (const c of ok(core, 'communities.list', {})) {
      const tree = ok(core, 'network.tree', { communityId: c.id });
      const n = d.network.byCommunity[c.code]!;
      expect(n.stations).toBe(tree.counts.stations);
      expect(n.groups).toBe(tree.counts.groups);
      expect(n.liaisons).toBe(tree.counts.liaisons);
      expect(n.notInNetwork).toBe(tree.counts.unassigned);
    }
    // Every other figure, recomputed from the base tables with independent SQL (no tallies, no service code).
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const byCc = sql
      .prepare(
        `select c.code, m.category, count(*) as n from member m join community c on c.id = m.community_id
         where m.status = 'active' and m.deleted_at is null group by 1, 2`,
      )
      .all() as { code: string; category: string; n: number }[];
    const label = { employed: '在职党员', retired: '离退休党员', mobile: '流动党员' } as Record<string, string>;
    for (const r of byCc) {
      expect(d.members.byCommunityCategory[r.code]![label[r.category] as '在职党员']).toBe(r.n);
    }
    const hours = sql
      .prepare(
        `select substr(a.date, 1, 7) as ym, total(p.hours) as h, count(*) as n from activity a
         join activity_participant p on p.activity_id = a.id
         where a.deleted_at is null and a.date between ? and ? group by ym`,
      )
      .all(from, to) as { ym: string; h: number; n: number }[];
    for (const r of hours) expect(d.activities.hoursByMonth[r.ym]).toBeCloseTo(r.h, 1);
    expect(d.activities.participations).toBe(hours.reduce((n, r) => n + r.n, 0));
    const per = sql
      .prepare(
        `with rep as (select distinct member_id from member_report where deleted_at is null and report_date <= @to
                      union select id from member where category = 'employed' and report_date <= @to
                        and id not in (select member_id from member_report where deleted_at is null)),
              cnt as (select p.member_id, count(*) as n from activity_participant p
                      join activity a on a.id = p.activity_id
                      where a.deleted_at is null and a.date between @from and @to group by 1)
         select count(*) as reported, coalesce(sum(coalesce(cnt.n, 0) >= 1), 0) as one,
                coalesce(sum(coalesce(cnt.n, 0) >= 4), 0) as four
         from rep join member m on m.id = rep.member_id left join cnt on cnt.member_id = rep.member_id
         where m.status = 'active' and m.deleted_at is null and m.category = 'employed'`,
      )
      .get({ from, to }) as { reported: number; one: number; four: number };
    expect(per.reported).toBeGreaterThan(0);
    expect({
      reported: d.participation.reported,
      one: d.participation.atLeastOne,
      four: d.participation.atLeastFour,
    }).toEqual(per);
    // 在职党员 by age on the office's date, and how many have reported.
    const employed = sql
      .prepare(
        `select birth_date as b, (report_date is not null
                or id in (select member_id from member_report where deleted_at is null)) as r
         from member where status = 'active' and deleted_at is null and category = 'employed'`,
      )
      .all() as { b: string; r: number }[];
    const age = (b: string) => {
      const [ty, tm, td] = d.today.split('-').map(Number) as [number, number, number];
      const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
      return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
    };
    const band = (a: number) => (a <= 35 ? 0 : a <= 45 ? 1 : a <= 55 ? 2 : 3);
    const counts = [0, 0, 0, 0];
    const reported = [0, 0, 0, 0];
    for (const e of employed) {
      counts[band(age(e.b))]!++;
      reported[band(age(e.b))]! += e.r;
    }
    expect(d.members.employedAge.map((b) => b.count)).toEqual(counts);
    expect(d.members.employedAge.map((b) => b.reported)).toEqual(reported);
    expect(d.members.employedReporting).toEqual({
      employed: employed.length,
      reported: employed.filter((e) => e.r).length,
    });
    const dec = sql
      .prepare(
        `select count(*) as open, coalesce(sum(d.deadline < ?), 0) as overdue from decision d
         join meeting m on m.id = d.meeting_id where m.deleted_at is null and d.status != 'done'`,
      )
      .get(d.today) as { open: number; overdue: number };
    expect(d.decisions).toEqual(dec);
    expect(dec.open).toBeGreaterThan(0);
    const posts = sql
      .prepare(
        `select c.code, total(sp.headcount) as hc from service_post sp join community c on c.id = sp.community_id
         where sp.deleted_at is null group by 1`,
      )
      .all() as { code: string; hc: number }[];
    for (const r of posts) expect(d.posts.byCommunity[r.code]!.headcount).toBe(r.hc);
    expect(d.communities.map((c) => c.code)).toEqual([...codes.values()].sort());

    const ranks = d.scorecard.map((s) => s.rank);
    expect(ranks[0]).toBe(1);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe('streetgrid stats', () => {
  it('prints the dashboard as JSON with the required keys, and as Chinese text', () => {
    const db = path.join(tempDir(), 'st.db');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
    expect(cli('init', '--db', db, '--street', '110101001').status).toBe(0);
    expect(cli('seed', '--db', db, '--demo', '--members', '200').status).toBe(0);
    const r = cli('stats', '--db', db, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(j.members!.byCategory as object).sort()).toEqual(['在职党员', '流动党员', '离退休党员'].sort());
    expect(Object.keys(j.members!.byCommunity as object).every((k) => /^\d{12}$/.test(k))).toBe(true);
    expect(j.activities).toHaveProperty('byMonth');
    expect(j.activities).toHaveProperty('byCategory');
    expect(j.meetings).toHaveProperty('compliance');
    expect(Array.isArray(j.scorecard)).toBe(true);
    const one = cli('stats', '--db', db, '--community', '110101001001', '--year', '2026');
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('在册党员');
    expect(one.stdout).toContain('多福巷社区');
    const bad = cli('stats', '--db', db, '--community', '123');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('12 位社区代码');
  });
});
