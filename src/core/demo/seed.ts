// 演示数据: a realistic street on top of an initialised one — grids, resident units, party members (with 报到 and
// the three-tier liaison network) and a year of 共驻共建 service work (service-work.ts) — written in the caller's one transaction with prepared statements, so 100,000
// members take seconds. Deterministic: the same seed and member count on the same street give the same data.
import type { MemberCategory, TableName } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { DEMO } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import { pinyinKeys } from '../pinyin';
import { derivedMemberColumns } from '../services/members';
import { currentStreet } from '../services/street';
import { chineseNumber } from './codes';
import { AREA_SUFFIXES, SERVICE_INTENTS, personName } from './names';
import { PersonFactory, type PersonDraft } from './people';
import { DEFAULT_DEMO_SEED, Rng, Weighted, dayOf, isoDay, randomDate } from './random';
import { seedServiceWork, type ServiceCounts } from './service-work';
import { seedMeetings, type MeetingCounts } from './meetings';
import { UnitFactory, type UnitDraft } from './units';

export interface SeedCounts extends ServiceCounts, MeetingCounts {
  units: number;
  members: number;
  grids: number;
  stations: number;
  groups: number;
  liaisons: number;
  reports: number;
}

export interface SeedOptions {
  members: number;
  /** PRNG seed; default DEFAULT_DEMO_SEED. */
  seed?: number;
  /** Last day of the demo data (ISO date); default DEMO_TODAY. */
  today?: string;
}

export const MAX_DEMO_MEMBERS = 100_000;

/** Dates in the demo data end here (not "today"), so the same seed gives the same data whenever it runs. */
export const DEMO_TODAY = '2026-06-30';

/** ≈ N/40 units, at least 20, at most 3000. */
export function demoUnitCount(members: number): number {
  return Math.max(20, Math.min(3000, Math.round(members / 40)));
}

interface CommunityRow {
  id: number;
  code: string;
  name: string;
  households: number | null;
  secretaryName: string | null;
  spaceArea: number | null;
}

interface GridRec {
  id: number;
  communityId: number;
  area: string;
  households: number;
}

interface UnitRec {
  id: number;
  name: string;
  type: UnitDraft['type'];
  size: number;
  communityIdx: number;
  council: boolean;
  partySecretary: string;
  contactPerson: string;
  contactPhone: string;
}

interface MemberRec {
  id: number;
  communityIdx: number;
  gridId: number | null;
  category: MemberCategory;
  active: boolean;
  name: string;
  reportDate: string | null;
  skills: string[];
}

// prettier-ignore
const FUNCTION_ROOMS = ['党员活动室', '多功能厅', '图书阅览室', '日间照料室', '议事协商室', '心理咨询室', '文体活动室', '警务室', '调解室', '四点半课堂'];

function short(name: string, suffix: RegExp): string {
  const s = name.replace(suffix, '');
  return s.length >= 1 ? s : name;
}

/** A place's residential areas: 多福巷东里, 多福巷小区… unique within the community, in random order. */
function residentialAreas(rng: Rng, place: string): string[] {
  return rng.shuffle(AREA_SUFFIXES.map((s) => place + s));
}

export function seedDemo(ctx: ActionCtx, opts: SeedOptions): SeedCounts {
  const db = ctx.db.sqlite;
  const n = opts.members;
  if (!Number.isInteger(n) || n < 0 || n > MAX_DEMO_MEMBERS) {
    throw new AppError('VALIDATION', DEMO.membersRange(MAX_DEMO_MEMBERS), { field: 'members' });
  }
  const street = currentStreet(ctx.db);
  if (!street) throw new AppError('NOT_INITIALIZED', DEMO.needsStreet);
  const existing = db.prepare('select count(*) from member where deleted_at is null').pluck().get() as number;
  if (existing > 0) throw new AppError('CONFLICT', DEMO.hasMembers(existing));
  const communities = db
    .prepare(
      `select id, code, name, households, secretary_name as secretaryName, space_area as spaceArea from community
       where deleted_at is null and retired_at is null order by code`,
    )
    .all() as CommunityRow[];
  if (communities.length === 0) throw new AppError('CONFLICT', DEMO.noCommunities);

  const today = opts.today ?? DEMO_TODAY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || isoDay(dayOf(today)) !== today) throw new Error(`bad demo date ${today}`);
  const rng = new Rng(opts.seed ?? DEFAULT_DEMO_SEED);
  const now = ctx.now;
  const seq = ctx.seq();
  const streetPlace = short(street.name, /(街道|地区|镇|乡)$/);
  const places = communities.map((c) => short(c.name, /(社区|村)$/));
  const counts: SeedCounts = {
    units: 0,
    members: 0,
    grids: 0,
    stations: 0,
    groups: 0,
    liaisons: 0,
    reports: 0,
    agreements: 0,
    commitments: 0,
    posts: 0,
    claims: 0,
    teams: 0,
    teamMembers: 0,
    activities: 0,
    participations: 0,
    evaluations: 0,
    meetingBodies: 0,
    meetings: 0,
    attendees: 0,
    decisions: 0,
    decisionNotes: 0,
  };
  const touched = new Set<TableName>(['audit']);

  // Some communities are bigger than others.
  const weight = communities.map(() => 0.6 + rng.next());
  const pickCommunity = new Weighted(communities.map((_, i) => [i, weight[i] ?? 1] as const));

  // ---------------------------------------------------------------- grids (3–6 per community without grids)
  const takenGridCodes = new Set(
    db.prepare('select code from grid where deleted_at is null').pluck().all() as string[],
  );
  const liveGrids = db
    .prepare('select id, community_id as communityId, households from grid where deleted_at is null order by code')
    .all() as { id: number; communityId: number; households: number | null }[];
  const insertGrid = db.prepare(
    `insert into grid (community_id, code, name, leader_name, grid_workers, households, buildings, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const gridsOf: GridRec[][] = communities.map(() => []);
  const areasOf: string[][] = communities.map((_, i) => residentialAreas(rng, places[i] as string));
  communities.forEach((c, ci) => {
    const areas = areasOf[ci] as string[];
    const mine = liveGrids.filter((g) => g.communityId === c.id);
    if (mine.length > 0) {
      mine.forEach((g, k) =>
        gridsOf[ci]?.push({
          id: g.id,
          communityId: c.id,
          area: areas[k % areas.length] as string,
          households: g.households ?? 400,
        }),
      );
      return;
    }
    const k = rng.int(3, 6);
    let no = 0;
    for (let i = 1; i <= k; i++) {
      let code: string;
      do code = `${c.code}-${String(++no).padStart(2, '0')}`;
      while (takenGridCodes.has(code));
      takenGridCodes.add(code);
      const area = areas[(i - 1) % areas.length] as string;
      const households = rng.int(25, 90) * 10;
      const leader = personName(rng, rng.chance(0.45), rng.int(1965, 1990));
      const workers = Array.from({ length: rng.int(1, 3) }, () =>
        personName(rng, rng.chance(0.4), rng.int(1970, 1998)),
      );
      const first = rng.int(1, 20);
      const buildings = `${area}${first}—${first + rng.int(4, 16)}号楼`;
      const id = Number(
        insertGrid.run(
          c.id,
          code,
          `第${chineseNumber(i)}网格`,
          leader,
          JSON.stringify(workers),
          households,
          buildings,
          now,
          now,
          seq,
        ).lastInsertRowid,
      );
      gridsOf[ci]?.push({ id, communityId: c.id, area, households });
      counts.grids++;
    }
  });
  if (counts.grids > 0) touched.add('grid');

  // ---------------------------------------------------------------- resident units
  const taken = db.prepare('select name, uscc from unit where deleted_at is null').all() as {
    name: string;
    uscc: string | null;
  }[];
  const factory = new UnitFactory(
    rng,
    {
      provinceName: street.provinceName,
      provinceCode: street.districtCode.slice(0, 2),
      cityName: street.cityName,
      districtName: street.districtName,
      districtCode: street.districtCode,
      streetName: street.name,
      places: [...places, streetPlace],
    },
    { names: taken.map((t) => t.name), usccs: taken.flatMap((t) => (t.uscc ? [t.uscc] : [])) },
  );
  const insertUnit = db.prepare(
    `insert into unit (name, name_pinyin, name_initials, uscc, type, community_id, party_org_name, party_secretary, contact_person,
       contact_phone, is_council_member, resources, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const units: UnitRec[] = [];
  const unitCount = demoUnitCount(n);
  for (let i = 0; i < unitCount; i++) {
    const u = factory.next();
    const keys = pinyinKeys(u.name);
    const ci = pickCommunity.draw(rng);
    const community = communities[ci] as CommunityRow;
    const id = Number(
      insertUnit.run(
        u.name,
        keys.full,
        keys.initials,
        u.uscc,
        u.type,
        community.id,
        u.partyOrgName,
        u.partySecretary,
        u.contactPerson,
        u.contactPhone,
        u.isCouncilMember ? 1 : 0,
        JSON.stringify(u.resources),
        now,
        now,
        seq,
      ).lastInsertRowid,
    );
    units.push({
      id,
      name: u.name,
      type: u.type,
      size: u.size,
      communityIdx: ci,
      council: u.isCouncilMember,
      partySecretary: u.partySecretary,
      contactPerson: u.contactPerson,
      contactPhone: u.contactPhone,
    });
  }
  counts.units = units.length;
  if (units.length > 0) touched.add('unit');
  const pickUnit = units.length > 0 ? new Weighted(units.map((u) => [u, u.size] as const)) : null;

  // ---------------------------------------------------------------- party members
  const people = new PersonFactory(rng, { districtCode: street.districtCode });
  const pickGrid = gridsOf.map((gs) =>
    gs.length > 0 ? new Weighted(gs.map((g) => [g, g.households] as const)) : null,
  );
  const insertMember = db.prepare(
    `insert into member (name, name_pinyin, name_initials, gender, birth_date, ethnicity, id_number, id_tail, phone, phone_tail,
       community_id, grid_id, category, employer_unit_id, employer_name, employer_party_org, skills, report_date, status, note,
       created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const members: MemberRec[] = [];
  const firstReport = dayOf('2016-03-01');
  const lastDay = dayOf(today);
  for (let i = 0; i < n; i++) {
    const ci = pickCommunity.draw(rng);
    const community = communities[ci] as CommunityRow;
    const grid = rng.chance(0.95) ? (pickGrid[ci]?.draw(rng) ?? null) : null;
    let category: MemberCategory = rng.next() < 0.45 ? 'employed' : rng.next() < 0.727 ? 'retired' : 'mobile';
    const unit = category === 'employed' ? (pickUnit?.draw(rng) ?? null) : null;
    if (category === 'employed' && !unit) category = 'retired';
    const p: PersonDraft = people.next(category, unit?.type);
    let reportDate: string | null = null;
    if (category === 'employed' && p.status === 'active' && rng.chance(0.7)) {
      // Reported at the earliest at 22, and not before the street began keeping the register.
      const adult = dayOf(`${Number(p.birthDate.slice(0, 4)) + 22}${p.birthDate.slice(4)}`.replace('-02-29', '-02-28'));
      const from = Math.max(firstReport, adult);
      reportDate = from <= lastDay ? isoDay(rng.int(from, lastDay)) : null;
    }
    const d = derivedMemberColumns({ name: p.name, idNumber: p.idNumber, phone: p.phone });
    const id = Number(
      insertMember.run(
        p.name,
        d.namePinyin,
        d.nameInitials,
        d.gender,
        d.birthDate,
        p.ethnicity,
        p.idNumber,
        d.idTail,
        p.phone,
        d.phoneTail,
        community.id,
        grid?.id ?? null,
        p.category,
        unit?.id ?? null,
        JSON.stringify(p.skills),
        reportDate,
        p.status,
        p.note,
        now,
        now,
        seq,
      ).lastInsertRowid,
    );
    members.push({
      id,
      communityIdx: ci,
      gridId: grid?.id ?? null,
      category: p.category,
      active: p.status === 'active',
      name: p.name,
      reportDate,
      skills: p.skills,
    });
  }
  counts.members = members.length;
  if (members.length > 0) touched.add('member');

  // ---------------------------------------------------------------- 报到 (registration cards numbered per community and year)
  const reported = members
    .filter((m) => m.reportDate !== null)
    .sort(
      (a, b) =>
        a.communityIdx - b.communityIdx ||
        (a.reportDate as string).localeCompare(b.reportDate as string) ||
        a.id - b.id,
    );
  const cardCounters = new Map<string, number>();
  // Cards already issued (none on a street without members, but keep numbering correct regardless).
  for (const r of db
    .prepare(
      'select c.code as code, substr(r.report_date, 1, 4) as year, count(*) as n from member_report r join community c on c.id = r.community_id group by 1, 2',
    )
    .all() as { code: string; year: string; n: number }[]) {
    cardCounters.set(`${r.code}-${r.year}`, r.n);
  }
  const insertReport = db.prepare(
    `insert into member_report (member_id, community_id, report_date, service_intent, skills, letter_received, letter_date, card_no,
       created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of reported) {
    const c = communities[m.communityIdx] as CommunityRow;
    const date = m.reportDate as string;
    const key = `${c.code}-${date.slice(0, 4)}`;
    const no = (cardCounters.get(key) ?? 0) + 1;
    cardCounters.set(key, no);
    const letter = rng.chance(0.85);
    insertReport.run(
      m.id,
      c.id,
      date,
      rng.pick(SERVICE_INTENTS),
      JSON.stringify(m.skills),
      letter ? 1 : 0,
      letter ? isoDay(Math.max(dayOf(date) - rng.int(0, 14), dayOf('2016-01-01'))) : null,
      `${key}-${String(no).padStart(4, '0')}`,
      now,
      now,
      seq,
    );
    counts.reports++;
  }
  if (counts.reports > 0) touched.add('member_report');

  // ---------------------------------------------------------------- the three-tier liaison network
  const insertStation = db.prepare(
    `insert into liaison_station (community_id, grid_id, name, residential_area, leader_name, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertGroup = db.prepare(
    'insert into liaison_group (station_id, name, leader_name, created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?)',
  );
  const insertAssignment = db.prepare(
    `insert into liaison_assignment (member_id, group_id, start_date, end_date, created_at, updated_at, change_seq)
     values (?, ?, ?, null, ?, ?, ?)`,
  );
  const byCommunity: MemberRec[][] = communities.map(() => []);
  for (const m of members) if (m.active) byCommunity[m.communityIdx]?.push(m);

  communities.forEach((c, ci) => {
    const grids = gridsOf[ci] as GridRec[];
    const active = byCommunity[ci] as MemberRec[];
    // Stations: one per residential area, each covering one or two grids.
    const plan: { grids: GridRec[]; groups: MemberRec[][] }[] = [];
    for (let i = 0; i < grids.length;) {
      const take = grids.length - i >= 2 && rng.chance(0.5) ? 2 : 1;
      plan.push({ grids: grids.slice(i, i + take), groups: Array.from({ length: rng.int(2, 4) }, () => []) });
      i += take;
    }
    if (plan.length === 0) plan.push({ grids: [], groups: Array.from({ length: rng.int(2, 4) }, () => []) });
    const stationOfGrid = new Map<number, number>();
    plan.forEach((s, si) => s.grids.forEach((g) => stationOfGrid.set(g.id, si)));

    // ≈8–12% of the community's members in the register serve as liaisons, retired members twice as likely
    // (weighted sampling without replacement: smallest -ln(u)/w wins).
    const share = 0.08 + rng.next() * 0.04;
    const want = Math.round(active.length * share);
    const chosen = active
      .map((m) => ({ m, key: -Math.log(1 - rng.next()) / (m.category === 'retired' ? 2 : 1) }))
      .sort((a, b) => a.key - b.key || a.m.id - b.m.id)
      .slice(0, want)
      .map((x) => x.m)
      .sort((a, b) => a.id - b.id);
    for (const m of chosen) {
      const si =
        m.gridId !== null ? (stationOfGrid.get(m.gridId) ?? rng.int(0, plan.length - 1)) : rng.int(0, plan.length - 1);
      const station = plan[si] as (typeof plan)[number];
      station.groups[rng.int(0, station.groups.length - 1)]?.push(m);
    }

    const areas = areasOf[ci] as string[];
    plan.forEach((s, si) => {
      const area = s.grids[0]?.area ?? areas[si % areas.length] ?? places[ci] ?? '';
      const leaders = s.groups.map((g) => g[0]?.name ?? personName(rng, rng.chance(0.55), rng.int(1950, 1970)));
      const stationId = Number(
        insertStation.run(
          c.id,
          s.grids[0]?.id ?? null,
          `${area}党员联络站`,
          `${area}居民区`,
          leaders[0] ?? null,
          now,
          now,
          seq,
        ).lastInsertRowid,
      );
      counts.stations++;
      s.groups.forEach((g, gi) => {
        const groupId = Number(
          insertGroup.run(stationId, `${area}第${chineseNumber(gi + 1)}联络小组`, leaders[gi] ?? null, now, now, seq)
            .lastInsertRowid,
        );
        counts.groups++;
        for (const m of g) {
          const from = Math.max(dayOf('2018-01-01'), m.reportDate ? dayOf(m.reportDate) : 0);
          insertAssignment.run(m.id, groupId, randomDate(rng, isoDay(from), today), now, now, seq);
          counts.liaisons++;
        }
      });
    });
  });
  if (counts.stations > 0) touched.add('liaison_station');
  if (counts.groups > 0) touched.add('liaison_group');
  if (counts.liaisons > 0) touched.add('liaison_assignment');

  // ---------------------------------------------------------------- community profiles nobody has filled in yet
  const fillCommunity = db.prepare(
    `update community set households = ?, population = ?, space_area = ?, space_ownership = ?, has_service_hall = ?,
       function_rooms = ?, secretary_name = ?, director_name = ?, secretary_is_director = ?, deputy_secretary_name = ?,
       career_staff_count = ?, party_worker_count = ?, updated_at = ?, change_seq = ?
     where id = ? and households is null and secretary_name is null and space_area is null`,
  );
  const ownership = new Weighted([
    ['owned', 60],
    ['rented', 25],
    ['borrowed', 15],
  ] as const);
  communities.forEach((c, ci) => {
    if (c.households !== null || c.secretaryName !== null || c.spaceArea !== null) return;
    const households = (gridsOf[ci] as GridRec[]).reduce((s, g) => s + g.households, 0) || rng.int(150, 400) * 10;
    const secretary = personName(rng, rng.chance(0.5), rng.int(1968, 1988));
    const oneShoulder = rng.chance(0.65);
    const r = fillCommunity.run(
      households,
      Math.round(households * (2.3 + rng.next() * 0.6)),
      rng.int(30, 90) * 10,
      ownership.draw(rng),
      rng.chance(0.7) ? 1 : 0,
      JSON.stringify(rng.sample(FUNCTION_ROOMS, rng.int(3, 6))),
      secretary,
      oneShoulder ? secretary : personName(rng, rng.chance(0.5), rng.int(1968, 1990)),
      oneShoulder ? 1 : 0,
      personName(rng, rng.chance(0.5), rng.int(1975, 1995)),
      rng.int(6, 15),
      rng.int(1, 3),
      now,
      seq,
      c.id,
    );
    if (r.changes > 0) touched.add('community');
  });

  // ---------------------------------------------------------------- a year of service work (its own PRNG stream)
  const service = seedServiceWork({
    ctx,
    seed: opts.seed ?? DEFAULT_DEMO_SEED,
    today,
    streetName: street.name,
    communities: communities.map((c, ci) => ({
      id: c.id,
      name: c.name,
      place: places[ci] as string,
      areas: areasOf[ci] as string[],
    })),
    units,
    members,
  });
  Object.assign(counts, service);
  const serviceTables: [keyof ServiceCounts, TableName][] = [
    ['agreements', 'agreement'],
    ['commitments', 'commitment'],
    ['posts', 'service_post'],
    ['claims', 'post_claim'],
    ['teams', 'volunteer_team'],
    ['teamMembers', 'team_member'],
    ['activities', 'activity'],
    ['participations', 'activity_participant'],
    ['evaluations', 'member_evaluation'],
  ];
  for (const [k, table] of serviceTables) if (service[k] > 0) touched.add(table);

  // ---------------------------------------------------------------- a year of 协调议事会议 (its own PRNG stream)
  const meetings = seedMeetings({
    ctx,
    seed: opts.seed ?? DEFAULT_DEMO_SEED,
    today,
    communities: communities.map((c, ci) => ({ id: c.id, name: c.name, place: places[ci] as string })),
    units,
    members,
  });
  Object.assign(counts, meetings);
  const meetingTables: [keyof MeetingCounts, TableName[]][] = [
    ['meetingBodies', ['meeting_body', 'meeting_body_member']],
    ['meetings', ['meeting', 'agenda_item']],
    ['attendees', ['meeting_attendee']],
    ['decisions', ['decision']],
    ['decisionNotes', ['decision_note']],
  ];
  for (const [k, tables] of meetingTables) if (meetings[k] > 0) for (const t of tables) touched.add(t);

  ctx.audit({
    action: 'seed',
    entity: 'street',
    entityId: street.id,
    summary: DEMO.auditSummary(counts),
    after: { ...counts, seed: opts.seed ?? DEFAULT_DEMO_SEED },
  });
  ctx.touch(...touched);
  return counts;
}
