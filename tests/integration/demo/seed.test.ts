import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Core } from '../../../src/core/api';
import { runAction } from '../../../src/core/db/action';
import { openDatabase } from '../../../src/core/db/connection';
import { DEMO_TODAY, demoUnitCount, seedDemo, type SeedCounts } from '../../../src/core/demo/seed';
import { lastCompletedHalf } from '../../../src/core/demo/service-work';
import { complianceGrid } from '../../../src/core/services/meetings';
import { EVALUATION_GRADES } from '../../../src/shared/enums';
import {
  idNumberFacts,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  isValidUscc,
} from '../../../src/shared/validators';
import { coreFor, fails, ok, openTemp, ROOT, snapshot, streetCore, tempDir } from '../../helpers';

function seed(core: Core, members: number, seedValue?: number, today?: string): SeedCounts {
  return runAction(core.db, '测试', (ctx) =>
    seedDemo(ctx, {
      members,
      ...(seedValue !== undefined ? { seed: seedValue } : {}),
      ...(today !== undefined ? { today } : {}),
    }),
  ).value;
}

const SERVICE_TABLES = [
  'agreement',
  'commitment',
  'service_post',
  'post_claim',
  'volunteer_team',
  'team_member',
  'activity',
  'activity_participant',
  'member_evaluation',
] as const;

function all<T>(core: Core, sql: string, ...params: unknown[]): T[] {
  return core.db.sqlite.prepare(sql).all(...params) as T[];
}

function one(core: Core, sql: string, ...params: unknown[]): number {
  return core.db.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

/** A hash of one table's rows except the wall-clock timestamps (created_at/updated_at are the action's time). */
function tableHash(core: Core, table: string): string {
  const h = crypto.createHash('sha256');
  for (const row of all<Record<string, unknown>>(core, `select * from ${table} order by id`)) {
    const { created_at: _c, updated_at: _u, ...rest } = row;
    h.update(JSON.stringify(rest));
  }
  return h.digest('hex');
}

/** A hash of every demo row except the wall-clock timestamps (created_at/updated_at are the action's time). */
function dataHash(core: Core): string {
  const h = crypto.createHash('sha256');
  for (const table of [
    'grid',
    'unit',
    'member',
    'member_report',
    'liaison_station',
    'liaison_group',
    'liaison_assignment',
    'community',
    ...SERVICE_TABLES,
  ]) {
    for (const row of all<Record<string, unknown>>(core, `select * from ${table} order by id`)) {
      const { created_at: _c, updated_at: _u, ...rest } = row;
      h.update(JSON.stringify(rest));
    }
  }
  return h.digest('hex');
}

describe('demo street (seedDemo)', () => {
  // One seeded street shared by the read-only checks below (the helpers' per-test cleanup would close it).
  let dir = '';
  let core: Core;
  let counts: SeedCounts;
  let initialHash = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-demo-'));
    core = { db: openDatabase({ file: path.join(dir, 'streetgrid.db') }), mode: 'cli' };
    call(core, 'street.setup', { streetCode: '110101001' });
    counts = seed(core, 300);
    initialHash = dataHash(core);
  });
  afterAll(() => {
    core.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates grids, units, members, reports and the network in the promised proportions', () => {
    expect(counts.members).toBe(300);
    expect(counts.units).toBe(demoUnitCount(300));
    expect(one(core, 'select count(*) from member')).toBe(300);
    const communities = all<{ id: number; code: string }>(
      core,
      'select id, code from community where retired_at is null',
    );
    for (const c of communities) {
      const grids = all<{ code: string }>(core, 'select code from grid where community_id = ? order by code', c.id);
      expect(grids.length).toBeGreaterThanOrEqual(3);
      expect(grids.length).toBeLessThanOrEqual(6);
      grids.forEach((g, i) => expect(g.code).toBe(`${c.code}-${String(i + 1).padStart(2, '0')}`));
    }
    const byCategory = Object.fromEntries(
      all<{ category: string; n: number }>(core, 'select category, count(*) as n from member group by 1').map((r) => [
        r.category,
        r.n,
      ]),
    );
    expect(byCategory.employed).toBeGreaterThan(300 * 0.35);
    expect(byCategory.retired).toBeGreaterThan(300 * 0.28);
    expect(byCategory.mobile).toBeGreaterThan(300 * 0.07);
    expect(one(core, "select count(*) from member where status = 'active'")).toBeGreaterThan(300 * 0.9);
    expect(one(core, "select count(*) from member where ethnicity = '汉族'")).toBeGreaterThan(300 * 0.8);
    // ≈70% of the employed members in the register reported.
    const employed = one(core, "select count(*) from member where category = 'employed' and status = 'active'");
    expect(counts.reports / employed).toBeGreaterThan(0.5);
    expect(counts.reports / employed).toBeLessThan(0.9);
    expect(counts.liaisons / one(core, "select count(*) from member where status = 'active'")).toBeGreaterThan(0.06);
    expect(counts.liaisons / one(core, "select count(*) from member where status = 'active'")).toBeLessThan(0.14);
    const audit = all<{ action: string; entity: string; summary: string }>(
      core,
      'select action, entity, summary from audit order by id desc limit 1',
    )[0];
    expect(audit).toMatchObject({ action: 'seed', entity: 'street' });
    expect(audit?.summary).toContain('演示数据');
  });

  it('gives every member a valid, unique ID number that agrees with gender and birth date', () => {
    const rows = all<{
      idNumber: string;
      gender: string;
      birthDate: string;
      phone: string | null;
      idTail: string;
      name: string;
    }>(
      core,
      'select id_number as idNumber, gender, birth_date as birthDate, phone, id_tail as idTail, name from member',
    );
    expect(new Set(rows.map((r) => r.idNumber)).size).toBe(rows.length);
    for (const r of rows) {
      expect(isValidIdNumber(r.idNumber), r.idNumber).toBe(true);
      expect(idNumberFacts(r.idNumber)).toEqual({ gender: r.gender, birthDate: r.birthDate });
      expect(r.birthDate >= '1940-01-01' && r.birthDate <= '2003-12-31').toBe(true);
      expect(r.idTail).toBe(r.idNumber.slice(-4));
      if (r.phone !== null) expect(isValidMobile(r.phone), r.phone).toBe(true);
      expect(r.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    }
    // Most were born in the street's own district (东城区 110101).
    expect(rows.filter((r) => r.idNumber.startsWith('110101')).length).toBeGreaterThan(rows.length * 0.5);
  });

  it('gives every unit a valid 统一社会信用代码, a party organisation and a valid contact phone', () => {
    const units = all<{
      name: string;
      uscc: string;
      partyOrgName: string;
      partySecretary: string;
      contactPhone: string;
      type: string;
    }>(
      core,
      'select name, uscc, party_org_name as partyOrgName, party_secretary as partySecretary, contact_phone as contactPhone, type from unit',
    );
    expect(new Set(units.map((u) => u.uscc)).size).toBe(units.length);
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
    for (const u of units) {
      expect(isValidUscc(u.uscc), `${u.name} ${u.uscc}`).toBe(true);
      expect(u.partyOrgName).toMatch(/^中共.+(委员会)$/);
      expect(u.partySecretary.length).toBeGreaterThanOrEqual(2);
      expect(isValidPhone(u.contactPhone), u.contactPhone).toBe(true);
    }
    expect(new Set(units.map((u) => u.type)).size).toBeGreaterThanOrEqual(5);
    expect(units.some((u) => u.name === '北京协和医院')).toBe(true);
    const listed = ok(core, 'units.list', { councilOnly: true });
    expect(listed.total).toBeGreaterThan(0);
  });

  it('backs every reported member with a 报到 record and a card number per community and year', () => {
    const rows = all<{ id: number; reportDate: string; category: string; communityId: number; code: string }>(
      core,
      `select m.id, m.report_date as reportDate, m.category, m.community_id as communityId, c.code
       from member m join community c on c.id = m.community_id where m.report_date is not null`,
    );
    expect(rows.length).toBe(counts.reports);
    const cards = new Set<string>();
    for (const m of rows) {
      expect(m.category).toBe('employed');
      const reports = ok(core, 'reports.list', { memberId: m.id });
      expect(reports).toHaveLength(1);
      const r = reports[0];
      expect(r?.reportDate).toBe(m.reportDate);
      expect(r?.communityId).toBe(m.communityId);
      expect(r?.cardNo).toMatch(new RegExp(`^${m.code}-${m.reportDate.slice(0, 4)}-\\d{4}$`));
      cards.add(r?.cardNo ?? '');
    }
    expect(cards.size).toBe(rows.length);
    // Card numbers run 0001, 0002, … within each community and year, with no gaps.
    const groups = all<{ prefix: string; n: number; maxNo: number }>(
      core,
      `select substr(card_no, 1, 17) as prefix, count(*) as n, max(cast(substr(card_no, 19) as integer)) as maxNo
       from member_report group by 1`,
    );
    for (const g of groups) expect(g.maxNo).toBe(g.n);
    // An employed member linked to a unit has the unit's party organisation through the join.
    const employed = ok(core, 'members.list', { category: 'employed', limit: 5 });
    for (const m of employed.rows) {
      expect(m.employerUnitId).not.toBeNull();
      expect(m.employerPartyOrg).toMatch(/^中共/);
    }
  });

  it('builds a consistent three-tier network in every community', () => {
    expect(
      one(
        core,
        'select count(*) from (select member_id from liaison_assignment where end_date is null group by 1 having count(*) > 1)',
      ),
    ).toBe(0);
    const wrong = one(
      core,
      `select count(*) from liaison_assignment a join liaison_group g on g.id = a.group_id join liaison_station s on s.id = g.station_id
       join member m on m.id = a.member_id where m.community_id != s.community_id or m.status != 'active'`,
    );
    expect(wrong).toBe(0);
    let liaisons = 0;
    let stations = 0;
    let groups = 0;
    for (const c of all<{ id: number }>(core, 'select id from community where retired_at is null')) {
      const tree = ok(core, 'network.tree', { communityId: c.id });
      const active = one(core, "select count(*) from member where community_id = ? and status = 'active'", c.id);
      const grids = one(core, 'select count(*) from grid where community_id = ?', c.id);
      expect(tree.counts.stations).toBe(tree.stations.length);
      expect(tree.stations.length).toBeGreaterThanOrEqual(Math.ceil(grids / 2));
      expect(tree.stations.length).toBeLessThanOrEqual(grids);
      expect(tree.counts.groups).toBe(tree.stations.reduce((n, s) => n + s.groups.length, 0));
      for (const s of tree.stations) {
        expect(s.groups.length).toBeGreaterThanOrEqual(2);
        expect(s.groups.length).toBeLessThanOrEqual(4);
        expect(s.memberCount).toBe(s.groups.reduce((n, g) => n + g.members.length, 0));
        expect(s.name).toMatch(/党员联络站$/);
      }
      expect(tree.counts.liaisons).toBe(tree.stations.reduce((n, s) => n + s.memberCount, 0));
      expect(tree.counts.liaisons + tree.counts.unassigned).toBe(active);
      liaisons += tree.counts.liaisons;
      stations += tree.counts.stations;
      groups += tree.counts.groups;
    }
    expect({ liaisons, stations, groups }).toEqual({
      liaisons: counts.liaisons,
      stations: counts.stations,
      groups: counts.groups,
    });
    const liaisonRows = ok(core, 'members.list', { role: 'liaison', limit: 1000 });
    expect(liaisonRows.total).toBe(counts.liaisons);
    for (const m of liaisonRows.rows) expect(m.liaison).not.toBeNull();
  });

  it('stores pinyin the way the services do, so search by initials, full pinyin, name and ID tail finds members', () => {
    const m = all<{ id: number; name: string; initials: string; pinyin: string; idTail: string }>(
      core,
      'select id, name, name_initials as initials, name_pinyin as pinyin, id_tail as idTail from member order by id limit 1 offset 17',
    )[0];
    if (!m) throw new Error('no member');
    for (const q of [m.initials, m.pinyin, m.name, m.idTail]) {
      const found = ok(core, 'members.list', { q, limit: 1000 });
      expect(
        found.rows.map((r) => r.id),
        q,
      ).toContain(m.id);
    }
    // Re-saving through the service keeps the stored keys (they were computed the same way).
    ok(core, 'members.update', { id: m.id, note: '复核' });
    const after = all<{ initials: string; pinyin: string }>(
      core,
      'select name_initials as initials, name_pinyin as pinyin from member where id = ?',
      m.id,
    )[0];
    expect(after).toEqual({ initials: m.initials, pinyin: m.pinyin });
  });

  it('is deterministic: the same seed and size give the same data; another seed gives other data', () => {
    const a = streetCore('110101001');
    const b = streetCore('110101001');
    const c = streetCore('110101001');
    seed(a, 300);
    seed(b, 300);
    seed(c, 300, 7);
    expect(dataHash(a)).toBe(dataHash(b));
    expect(dataHash(a)).toBe(initialHash);
    expect(dataHash(c)).not.toBe(dataHash(a));
    // Table by table for the service work too: same rows for the same seed, other rows for another seed.
    for (const table of SERVICE_TABLES) {
      expect(one(a, `select count(*) from ${table}`), table).toBeGreaterThan(0);
      expect(tableHash(a, table), table).toBe(tableHash(b, table));
      expect(tableHash(a, table), table).toBe(tableHash(core, table));
      expect(tableHash(c, table), table).not.toBe(tableHash(a, table));
    }
  });

  it('reports the service-work counts it wrote, and keeps every foreign key valid', () => {
    expect({
      agreements: one(core, 'select count(*) from agreement'),
      commitments: one(core, 'select count(*) from commitment'),
      posts: one(core, 'select count(*) from service_post'),
      claims: one(core, 'select count(*) from post_claim'),
      teams: one(core, 'select count(*) from volunteer_team'),
      teamMembers: one(core, 'select count(*) from team_member'),
      activities: one(core, 'select count(*) from activity'),
      participations: one(core, 'select count(*) from activity_participant'),
      evaluations: one(core, 'select count(*) from member_evaluation'),
    }).toEqual({
      agreements: counts.agreements,
      commitments: counts.commitments,
      posts: counts.posts,
      claims: counts.claims,
      teams: counts.teams,
      teamMembers: counts.teamMembers,
      activities: counts.activities,
      participations: counts.participations,
      evaluations: counts.evaluations,
    });
    expect(all(core, 'pragma foreign_key_check')).toEqual([]);
    const audit = all<{ summary: string }>(core, "select summary from audit where action = 'seed'")[0];
    expect(audit?.summary).toContain(`服务活动 ${counts.activities} 场`);
    expect(audit?.summary).toContain(`共建协议 ${counts.agreements} 份`);
  });

  it('dates every activity within the year up to the demo day, with 3–40 members in the register, each once', () => {
    const range = all<{ lo: string; hi: string }>(core, 'select min(date) as lo, max(date) as hi from activity')[0];
    expect((range?.hi ?? '9999') <= DEMO_TODAY).toBe(true);
    expect((range?.lo ?? '') >= '2025-07-01').toBe(true);
    expect(
      one(
        core,
        'select count(*) from (select 1 from activity_participant where member_id is not null group by activity_id, member_id having count(*) > 1)',
      ),
    ).toBe(0);
    expect(
      one(
        core,
        'select count(*) from (select 1 from activity_participant where unit_id is not null group by activity_id, unit_id having count(*) > 1)',
      ),
    ).toBe(0);
    // Exactly one of member / unit; hours in (0, 24] — in fact 1–4 in half hours.
    expect(one(core, 'select count(*) from activity_participant where (member_id is null) = (unit_id is null)')).toBe(
      0,
    );
    expect(one(core, 'select count(*) from activity_participant where hours <= 0 or hours > 24')).toBe(0);
    expect(
      one(
        core,
        'select count(*) from activity_participant where hours < 1 or hours > 4 or hours * 2 != cast(hours * 2 as integer)',
      ),
    ).toBe(0);
    const sizes = all<{ lo: number; hi: number }>(
      core,
      'select min(n) as lo, max(n) as hi from (select count(*) as n from activity_participant where member_id is not null group by activity_id)',
    )[0];
    expect(sizes?.lo).toBeGreaterThanOrEqual(3);
    expect(sizes?.hi).toBeLessThanOrEqual(40);
    expect(
      one(
        core,
        'select count(*) from activity a where not exists (select 1 from activity_participant p where p.activity_id = a.id)',
      ),
    ).toBe(0);
    // Participants are in the register, and an employed member only takes part after reporting to the community.
    expect(
      one(
        core,
        "select count(*) from activity_participant p join member m on m.id = p.member_id where m.status != 'active'",
      ),
    ).toBe(0);
    expect(
      one(
        core,
        `select count(*) from activity_participant p join member m on m.id = p.member_id join activity a on a.id = p.activity_id
         where m.category = 'employed' and (m.report_date is null or m.report_date > a.date)`,
      ),
    ).toBe(0);
    // Community activities draw on that community's members.
    expect(
      one(
        core,
        `select count(*) from activity_participant p join member m on m.id = p.member_id join activity a on a.id = p.activity_id
         left join team_member tm on tm.team_id = a.organizer_team_id and tm.member_id = m.id
         where a.community_id is not null and m.community_id != a.community_id and tm.id is null`,
      ),
    ).toBe(0);
    // Mostly reported 在职党员.
    const employedShare = one(
      core,
      `select avg(m.category = 'employed') from activity_participant p join member m on m.id = p.member_id`,
    );
    expect(employedShare).toBeGreaterThan(0.5);
    // The organiser columns agree with the organiser kind; times run forwards.
    expect(
      one(
        core,
        `select count(*) from activity where
           (organizer_kind = 'community' and (organizer_unit_id is not null or organizer_team_id is not null)) or
           (organizer_kind = 'unit' and (organizer_unit_id is null or organizer_team_id is not null)) or
           (organizer_kind = 'team' and (organizer_team_id is null or organizer_unit_id is not null)) or
           end_time <= start_time or residents_served < 0 or trim(title) = '' or place is null`,
      ),
    ).toBe(0);
    expect(one(core, 'select count(distinct category) from activity')).toBeGreaterThanOrEqual(8);
    expect(one(core, 'select count(distinct organizer_kind) from activity')).toBe(3);
    expect(
      one(
        core,
        "select count(*) from activity_participant where role not in ('参与者', '组织者', '志愿者', '共建单位')",
      ),
    ).toBe(0);
  });

  it('staffs service posts within their headcount, by members in the register who reported there, and some units', () => {
    const posts = all<{ communityId: number; n: number; lo: number; hi: number }>(
      core,
      'select community_id as communityId, count(*) as n, min(headcount) as lo, max(headcount) as hi from service_post group by 1',
    );
    expect(posts.length).toBe(one(core, 'select count(*) from community where retired_at is null'));
    for (const p of posts) {
      expect(p.n).toBeGreaterThanOrEqual(4);
      expect(p.n).toBeLessThanOrEqual(8);
      expect(p.lo).toBeGreaterThanOrEqual(2);
      expect(p.hi).toBeLessThanOrEqual(10);
    }
    expect(
      one(
        core,
        `select count(*) from service_post s where (select count(*) from post_claim c where c.post_id = s.id and c.status = 'approved') > s.headcount`,
      ),
    ).toBe(0);
    expect(one(core, "select count(*) from post_claim where status = 'approved'")).toBeGreaterThan(0);
    expect(one(core, "select count(*) from post_claim where status = 'pending'")).toBeGreaterThan(0);
    expect(one(core, "select count(*) from post_claim where status in ('withdrawn', 'rejected')")).toBeGreaterThan(0);
    expect(one(core, 'select count(*) from post_claim where unit_id is not null')).toBeGreaterThan(0);
    expect(one(core, 'select count(*) from post_claim where (member_id is null) = (unit_id is null)')).toBe(0);
    // Live claims belong to 在册 reported 在职党员 of the post's community; dates run in order, none after the demo day.
    expect(
      one(
        core,
        `select count(*) from post_claim c join member m on m.id = c.member_id join service_post s on s.id = c.post_id
         where c.status in ('pending', 'approved') and (m.status != 'active' or m.category != 'employed'
           or m.report_date is null or m.report_date > c.claim_date or m.community_id != s.community_id)`,
      ),
    ).toBe(0);
    expect(
      one(
        core,
        `select count(*) from post_claim where claim_date > ? or decided_date > ? or withdrawn_date > ?
           or decided_date < claim_date or withdrawn_date < decided_date
           or (status = 'pending') != (decided_date is null)
           or (status = 'withdrawn') != (withdrawn_date is not null)`,
        DEMO_TODAY,
        DEMO_TODAY,
        DEMO_TODAY,
      ),
    ).toBe(0);
    // Posts ask for skills the seeder gives members, and most approved members have one of them.
    const skills = new Set(
      all<{ s: string }>(core, 'select distinct j.value as s from member, json_each(member.skills) j').map((r) => r.s),
    );
    for (const r of all<{ s: string }>(
      core,
      'select distinct j.value as s from service_post, json_each(service_post.required_skills) j',
    ))
      expect(skills, r.s).toContain(r.s);
  });

  it('keeps agreements, commitments, teams and evaluations consistent with the demo day', () => {
    const year = Number(DEMO_TODAY.slice(0, 4));
    expect(one(core, 'select count(*) from agreement where year = ?', year)).toBeGreaterThan(0);
    expect(one(core, 'select count(*) from agreement where year = ?', year - 1)).toBeGreaterThan(0);
    expect(
      one(
        core,
        'select count(*) from agreement where year not in (?, ?) or signed_date > ?',
        year,
        year - 1,
        DEMO_TODAY,
      ),
    ).toBe(0);
    expect(one(core, 'select count(*) from agreement where json_array_length(areas) not between 1 and 4')).toBe(0);
    expect(
      one(
        core,
        'select count(*) from (select agreement_id, count(*) as n from commitment group by 1 having n not between 3 and 6)',
      ),
    ).toBe(0);
    expect(
      one(
        core,
        'select count(*) from agreement a where not exists (select 1 from commitment c where c.agreement_id = a.id)',
      ),
    ).toBe(0);
    // Done means evidence on or before the demo day; last year's are all settled; the overdue list is not empty.
    expect(
      one(
        core,
        "select count(*) from commitment where status = 'done' and (evidence_date is null or evidence_date > ? or evidence_note is null)",
        DEMO_TODAY,
      ),
    ).toBe(0);
    expect(one(core, "select count(*) from commitment where status != 'done' and evidence_date is not null")).toBe(0);
    expect(
      one(
        core,
        "select count(*) from commitment c join agreement a on a.id = c.agreement_id where a.year < ? and c.status in ('pending', 'in_progress')",
        year,
      ),
    ).toBe(0);
    expect(
      one(
        core,
        'select count(*) from commitment c join agreement a on a.id = c.agreement_id where substr(c.due_date, 1, 4) != cast(a.year as text) or c.due_date < a.signed_date',
      ),
    ).toBe(0);
    expect(one(core, "select count(*) from commitment where status = 'done'")).toBeGreaterThan(0);
    // Teams: 1–3 per community and two street-wide, 5–30 members in the register, the leader among them.
    expect(one(core, 'select count(*) from volunteer_team where community_id is null')).toBe(2);
    expect(
      one(
        core,
        'select count(*) from (select community_id, count(*) n from volunteer_team where community_id is not null group by 1 having n not between 1 and 3)',
      ),
    ).toBe(0);
    expect(
      one(
        core,
        'select count(*) from volunteer_team v where (select count(*) from team_member t where t.team_id = v.id) not between 5 and 30',
      ),
    ).toBe(0);
    expect(
      one(
        core,
        'select count(*) from volunteer_team v where not exists (select 1 from team_member t where t.team_id = v.id and t.member_id = v.leader_member_id)',
      ),
    ).toBe(0);
    expect(
      one(
        core,
        "select count(*) from team_member t join member m on m.id = t.member_id where m.status != 'active' or t.joined_date > ?",
        DEMO_TODAY,
      ),
    ).toBe(0);
    expect(
      one(
        core,
        'select count(*) from team_member t join volunteer_team v on v.id = t.team_id join member m on m.id = t.member_id where v.community_id is not null and m.community_id != v.community_id',
      ),
    ).toBe(0);
    // Evaluations: only reported 在职党员 in the register, for the last completed half-year, one of the four grades.
    const half = lastCompletedHalf(DEMO_TODAY);
    expect(half.period).toBe('2026H1');
    expect(
      one(
        core,
        `select count(*) from member_evaluation e join member m on m.id = e.member_id
         where m.category != 'employed' or m.status != 'active' or m.report_date is null or m.report_date > ?
           or e.community_id != m.community_id or e.period != ?`,
        half.to,
        half.period,
      ),
    ).toBe(0);
    expect(
      one(
        core,
        `select count(*) from member_evaluation where grade not in (${EVALUATION_GRADES.map(() => '?').join(', ')})`,
        ...EVALUATION_GRADES,
      ),
    ).toBe(0);
    // The comment quotes the member's real activity count in the half-year.
    const sample = all<{ memberId: number; comment: string }>(
      core,
      "select member_id as memberId, comment from member_evaluation where comment like '本期参加社区活动%次%' limit 20",
    );
    expect(sample.length).toBeGreaterThan(0);
    for (const e of sample) {
      const n = one(
        core,
        'select count(*) from activity_participant p join activity a on a.id = p.activity_id where p.member_id = ? and a.date between ? and ?',
        e.memberId,
        half.from,
        half.to,
      );
      expect(e.comment).toContain(`参加社区活动${n}次`);
    }
  });

  it('refuses to seed twice, in Chinese, changing nothing', () => {
    const before = snapshot(core.db);
    const e = fails(core, 'demo.seed', { members: 100 });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('已有 300 名党员');
    expect(snapshot(core.db)).toEqual(before);
  });
});

describe('demo service work at the default size (2000 members)', () => {
  it('has realistic volumes for a year', () => {
    const core = streetCore('110101001');
    const c = seed(core, 2000);
    const communities = one(core, 'select count(*) from community where retired_at is null');
    const year = Number(DEMO_TODAY.slice(0, 4));
    const council = one(core, 'select count(*) from unit where is_council_member = 1');
    const current = one(core, 'select count(*) from agreement where year = ?', year);
    expect(current).toBeGreaterThanOrEqual(Math.round(council / 2));
    expect(current).toBeLessThanOrEqual(40);
    expect(one(core, 'select count(*) from agreement where year = ? and community_id is null', year)).toBeLessThan(
      current / 3,
    );
    expect(c.posts).toBeGreaterThanOrEqual(4 * communities);
    expect(c.posts).toBeLessThanOrEqual(8 * communities);
    expect(c.teams).toBeGreaterThanOrEqual(communities + 2);
    expect(c.teams).toBeLessThanOrEqual(3 * communities + 2);
    // ≈8–15 activities per community and month.
    const perCommunityMonth =
      one(core, 'select count(*) from activity where community_id is not null') / communities / 12;
    expect(perCommunityMonth).toBeGreaterThanOrEqual(8);
    expect(perCommunityMonth).toBeLessThanOrEqual(15);
    // Every month of the year has activities; participations in the tens of thousands.
    expect(one(core, 'select count(distinct substr(date, 1, 7)) from activity')).toBe(12);
    expect(c.participations).toBeGreaterThan(10_000);
    expect(c.participations).toBeLessThan(40_000);
    expect(one(core, 'select count(*) from activity_participant where unit_id is not null')).toBeGreaterThan(0);
    // Most reported employed members are evaluated; mostly 合格/优秀, a few 基本合格, rare 不合格.
    const reported = one(
      core,
      "select count(*) from member where category = 'employed' and status = 'active' and report_date <= ?",
      lastCompletedHalf(DEMO_TODAY).to,
    );
    expect(c.evaluations / reported).toBeGreaterThan(0.85);
    const grade = (g: string) => one(core, 'select count(*) from member_evaluation where grade = ?', g) / c.evaluations;
    expect(grade('excellent') + grade('qualified')).toBeGreaterThan(0.85);
    expect(grade('basic')).toBeGreaterThan(0);
    expect(grade('unqualified')).toBeLessThan(0.05);
    expect(all(core, 'pragma foreign_key_check')).toEqual([]);
  });

  it('takes "today" from the caller: nothing after it, and the half-year before it is evaluated', () => {
    const core = streetCore('110101001');
    const c = seed(core, 300, undefined, '2025-11-15');
    expect(String(one(core, 'select max(date) from activity')) <= '2025-11-15').toBe(true);
    expect(String(one(core, 'select min(date) from activity')) >= '2024-11-16').toBe(true);
    expect(one(core, "select count(*) from member_evaluation where period != '2025H1'")).toBe(0);
    expect(c.evaluations).toBeGreaterThan(0);
    expect(one(core, "select count(*) from commitment where evidence_date > '2025-11-15'")).toBe(0);
    expect(one(core, "select count(*) from post_claim where claim_date > '2025-11-15'")).toBe(0);
    expect(one(core, 'select max(year) from agreement')).toBe(2025);
    expect(lastCompletedHalf('2026-12-31').period).toBe('2026H2');
    expect(lastCompletedHalf('2026-01-01').period).toBe('2025H2');
    expect(lastCompletedHalf('2026-07-01').period).toBe('2026H1');
  });
});

describe("contract method 'demo.seed'", () => {
  it('loads the demo street on a fresh street (the first-run wizard button)', () => {
    const core = streetCore('110101001');
    const r = ok(core, 'demo.seed', { members: 200 });
    expect(r.members).toBe(200);
    expect(r.units).toBe(20);
    expect(r.grids).toBeGreaterThanOrEqual(30);
    expect(r.stations).toBeGreaterThan(0);
    expect(r.activities).toBe(one(core, 'select count(*) from activity'));
    expect(r.activities).toBeGreaterThan(0);
    expect(r.participations).toBe(one(core, 'select count(*) from activity_participant'));
    expect(r.agreements).toBeGreaterThan(0);
    expect(r.posts).toBeGreaterThan(0);
    expect(r.teams).toBeGreaterThan(0);
    expect(ok(core, 'members.list', {}).total).toBe(200);
    expect(ok(core, 'communities.list', {}).every((c) => c.gridCount >= 3)).toBe(true);
  });

  it('refuses when the street is not set up yet', () => {
    const core = coreFor(openTemp());
    const e = fails(core, 'demo.seed', { members: 10 });
    expect(e.code).toBe('NOT_INITIALIZED');
    expect(e.message).toMatch(/街道/);
  });

  it('keeps grids a user already made and adds only what is missing', () => {
    const core = streetCore('110101001');
    const c = ok(core, 'communities.list', {})[0];
    if (!c) throw new Error('no community');
    ok(core, 'grids.create', { communityId: c.id, code: `${c.code}-01`, name: '自建网格' });
    const r = ok(core, 'demo.seed', { members: 100 });
    expect(one(core, 'select count(*) from grid where community_id = ?', c.id)).toBe(1);
    expect(r.grids).toBe(one(core, 'select count(*) from grid') - 1);
  });
});

describe('streetgrid seed (CLI)', () => {
  function cli(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('seeds a street created by init, refuses a second time and needs --demo', () => {
    const db = path.join(tempDir(), 'streetgrid.db');
    expect(cli('init', '--db', db, '--street', '110101001').code).toBe(0);
    const noDemo = cli('seed', '--db', db, '--members', '10');
    expect(noDemo.code).toBe(2);
    expect(noDemo.stderr).toContain('--demo');
    const r = cli('seed', '--db', db, '--demo', '--members', '500');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('党员 500 名');
    expect(r.stdout).toMatch(/共建协议 \d+ 份/);
    expect(r.stdout).toMatch(/服务岗位 \d+ 个/);
    expect(r.stdout).toMatch(/志愿服务队 \d+ 支/);
    expect(r.stdout).toMatch(/服务活动 [1-9]\d* 场（参与 \d+ 人次）/);
    const again = cli('seed', '--db', db, '--demo', '--members', '500');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已有 500 名党员');
    const bad = cli('seed', '--db', db, '--demo', '--members', '100001');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('100000');

    // `list` belongs to another part of the CLI; check the seeded members through it when it exists.
    const list = cli('list', '--db', db, '--kind', 'members', '--json', '--limit', '5');
    if (/未知命令/.test(list.stderr)) return;
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as unknown;
    const arr = Array.isArray(rows) ? rows : ((rows as { rows?: unknown[] }).rows ?? []);
    expect(arr).toHaveLength(5);
    expect(JSON.stringify(arr)).not.toMatch(/\d{17}[\dX]/);
  });

  it('refuses a DB without a street', () => {
    const db = path.join(tempDir(), 'streetgrid.db');
    const core = coreFor(openTemp(db));
    core.db.close();
    const r = cli('seed', '--db', db, '--demo', '--members', '10');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/街道/);
  });
});

// ---------------------------------------------------------------------------------------------- 协调议事会议
describe('demo meetings (协调议事会议 / 议定事项)', () => {
  const MEETING_TABLES = [
    'meeting_body',
    'meeting_body_member',
    'meeting',
    'meeting_attendee',
    'agenda_item',
    'decision',
    'decision_note',
  ] as const;

  it('writes bodies, a year of meetings and decisions consistent with the demo day', () => {
    const core = streetCore('110101001');
    const c = seed(core, 2000);
    expect({
      meetingBodies: one(core, 'select count(*) from meeting_body'),
      meetings: one(core, 'select count(*) from meeting'),
      attendees: one(core, 'select count(*) from meeting_attendee'),
      decisions: one(core, 'select count(*) from decision'),
      decisionNotes: one(core, 'select count(*) from decision_note'),
    }).toEqual({
      meetingBodies: c.meetingBodies,
      meetings: c.meetings,
      attendees: c.attendees,
      decisions: c.decisions,
      decisionNotes: c.decisionNotes,
    });
    const communities = one(core, 'select count(*) from community where retired_at is null and deleted_at is null');
    // The defaults: one street council and one cobuild group per active community, members = council units.
    expect(c.meetingBodies).toBe(communities + 1);
    expect(
      one(
        core,
        `select count(*) from meeting_body_member x join meeting_body b on b.id = x.body_id
         join unit u on u.id = x.unit_id where u.community_id is not b.community_id or u.is_council_member = 0`,
      ),
    ).toBe(0);
    // Dates: within the year up to the demo day; deadlines not before the meeting; notes between meeting and today.
    expect(String(one(core, 'select max(date) from meeting')) <= DEMO_TODAY).toBe(true);
    expect(String(one(core, 'select min(date) from meeting')) >= '2025-07-01').toBe(true);
    expect(
      one(core, 'select count(*) from decision d join meeting m on m.id = d.meeting_id where d.deadline < m.date'),
    ).toBe(0);
    expect(
      one(
        core,
        `select count(*) from decision_note n join decision d on d.id = n.decision_id join meeting m on m.id = d.meeting_id
         where n.date < m.date or n.date > ?`,
        DEMO_TODAY,
      ),
    ).toBe(0);
    // closed_date exactly for 已落实, on the date of its last note, not before the meeting.
    expect(one(core, "select count(*) from decision where (status = 'done') != (closed_date is not null)")).toBe(0);
    expect(
      one(
        core,
        `select count(*) from decision d join meeting m on m.id = d.meeting_id
         where d.status = 'done' and (d.closed_date < m.date or d.closed_date > ?
           or d.closed_date != (select max(date) from decision_note n where n.decision_id = d.id))`,
        DEMO_TODAY,
      ),
    ).toBe(0);
    // The last note of a decision states its current status.
    expect(
      one(
        core,
        `select count(*) from decision d where exists (select 1 from decision_note n where n.decision_id = d.id)
         and d.status != (select n.status from decision_note n where n.decision_id = d.id order by n.date desc, n.id desc limit 1)`,
      ),
    ).toBe(0);
    // Some overdue, most past-due ones done.
    const overdue = one(core, "select count(*) from decision where status != 'done' and deadline < ?", DEMO_TODAY);
    const pastDue = one(core, 'select count(*) from decision where deadline < ?', DEMO_TODAY);
    expect(overdue).toBeGreaterThan(0);
    expect(overdue / pastDue).toBeLessThan(0.5);
    // 2–4 agenda items and 1–4 decisions per meeting; 请假 always with a reason; nobody twice in one meeting.
    expect(
      one(core, 'select count(*) from (select count(*) n from agenda_item group by meeting_id) where n < 2 or n > 4'),
    ).toBe(0);
    expect(
      one(core, 'select count(*) from meeting m where not exists (select 1 from decision d where d.meeting_id = m.id)'),
    ).toBe(0);
    expect(one(core, 'select count(*) from (select count(*) n from decision group by meeting_id) where n > 4')).toBe(0);
    expect(one(core, "select count(*) from meeting_attendee where attendance = 'leave' and reason is null")).toBe(0);
    expect(one(core, "select count(*) from meeting_attendee where attendance = 'leave'")).toBeGreaterThan(0);
    expect(one(core, "select count(*) from meeting_attendee where attendance = 'observer'")).toBeGreaterThan(0);
    expect(
      one(
        core,
        'select count(*) from (select 1 from meeting_attendee where member_id is not null group by meeting_id, member_id having count(*) > 1)',
      ),
    ).toBe(0);
    // Compliance: most quarters met, at least one community missed an ended quarter of the demo year.
    const grid = complianceGrid(core.db, Number(DEMO_TODAY.slice(0, 4)), DEMO_TODAY);
    expect(grid.rows.some((r) => r.cells.some((x) => x.state === 'missed'))).toBe(true);
    expect(grid.totals.met).toBeGreaterThan(grid.totals.missed * 3);
    expect(grid.rows.every((r) => r.bodyId !== null)).toBe(true);
    expect(all(core, 'pragma foreign_key_check')).toEqual([]);
    // The services read them back.
    expect(ok(core, 'decisions.board', { status: 'all', limit: 1000 }).total).toBe(c.decisions);
    expect(ok(core, 'meetings.list', {}).total).toBe(c.meetings);
  });

  it('is deterministic per seed', () => {
    const a = streetCore('110101001');
    const b = streetCore('110101001');
    const c = streetCore('110101001');
    seed(a, 300);
    seed(b, 300);
    seed(c, 300, 7);
    for (const table of MEETING_TABLES) {
      expect(one(a, `select count(*) from ${table}`), table).toBeGreaterThan(0);
      expect(tableHash(a, table), table).toBe(tableHash(b, table));
    }
    expect(tableHash(c, 'decision')).not.toBe(tableHash(a, 'decision'));
  });
});
