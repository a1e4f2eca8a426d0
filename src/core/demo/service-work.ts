// A year of 共驻共建 service work on top of the demo registry: co-building agreements with their 承诺事项, service posts
// and 认领, volunteer teams, service activities with participants and hours, and the community's half-yearly evaluation
// of each reported 在职党员. Written with prepared statements in the seeder's one transaction (same change_seq, same
// timestamps); deterministic (own PRNG stream derived from the seed). Every date is on or before `today`.
import type {
  ActivityCategory,
  AgreementArea,
  EvaluationGrade,
  MemberCategory,
  OrganizerKind,
  UnitType,
} from '../../shared/enums';
import { AGREEMENT_AREAS } from '../../shared/enums';
import type { ActionCtx } from '../db/action';
import { personName } from './names';
import { Rng, Weighted, dayOf, isoDay } from './random';
import {
  ACTIVITY_TITLES,
  AREA_DUTIES,
  CLAIM_NOTES,
  COMMITMENTS,
  COMMITMENTS_BY_UNIT_TYPE,
  DUTIES_A,
  DUTIES_B,
  EVALUATION_COMMENTS,
  EVIDENCE_DONE,
  EVIDENCE_IN_PROGRESS,
  EVIDENCE_UNFULFILLED,
  POSTS,
  SEASONAL_TITLES,
  STREET_TEAMS,
  TEAMS,
  UNIT_ACTIVITY_CATEGORIES,
  fill,
  type TeamTemplate,
} from './service-vocab';

export interface ServiceCounts {
  agreements: number;
  commitments: number;
  posts: number;
  claims: number;
  teams: number;
  teamMembers: number;
  activities: number;
  participations: number;
  evaluations: number;
}

export interface SwCommunity {
  id: number;
  name: string;
  /** Name without 社区/村: 多福巷. */
  place: string;
  /** Residential areas (居民区) of the community: 多福巷东里… */
  areas: string[];
}

export interface SwUnit {
  id: number;
  name: string;
  type: UnitType;
  size: number;
  communityIdx: number;
  council: boolean;
  partySecretary: string;
  contactPerson: string;
  contactPhone: string;
}

export interface SwMember {
  id: number;
  communityIdx: number;
  category: MemberCategory;
  active: boolean;
  reportDate: string | null;
  skills: string[];
}

export interface ServiceWorkInput {
  ctx: ActionCtx;
  seed: number;
  /** Last day of the demo year (ISO date): nothing is dated after it. */
  today: string;
  streetName: string;
  communities: SwCommunity[];
  units: SwUnit[];
  /** All members of the demo street, in id order. */
  members: SwMember[];
}

/** The 100k-member bench street stays at about these volumes. */
export const MAX_DEMO_ACTIVITIES = 60_000;
export const MAX_DEMO_PARTICIPATIONS = 1_000_000;

/** The half-year the office evaluates: the last one whose last day is on or before `today` ('2026H1' on 2026-06-30). */
export function lastCompletedHalf(today: string): { period: string; from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const md = today.slice(5);
  if (md === '12-31') return { period: `${y}H2`, from: `${y}-07-01`, to: `${y}-12-31` };
  if (md >= '06-30') return { period: `${y}H1`, from: `${y}-01-01`, to: `${y}-06-30` };
  return { period: `${y - 1}H2`, from: `${y - 1}-07-01`, to: `${y - 1}-12-31` };
}

const HOURS = [1, 1.5, 2, 2, 2, 2.5, 3, 3, 3.5, 4];
const START_TIMES = ['08:30', '09:00', '09:00', '09:30', '14:00', '14:30', '15:00', '19:00'];
const HANDS_ON: ReadonlySet<ActivityCategory> = new Set(['volunteer', 'peace', 'environment', 'poverty']);

// prettier-ignore
const CATEGORY_WEIGHTS = new Weighted<ActivityCategory>([
  ['volunteer', 14], ['party_education', 12], ['environment', 11], ['culture', 10], ['peace', 9], ['health', 8],
  ['safety', 8], ['poverty', 7], ['law', 6], ['education', 6], ['tech', 4], ['petition', 4], ['other', 1],
]);

const RESIDENTS_SERVED: Record<ActivityCategory, [number, number]> = {
  tech: [15, 60],
  culture: [50, 300],
  education: [10, 50],
  health: [30, 150],
  law: [20, 100],
  safety: [30, 200],
  poverty: [5, 40],
  peace: [100, 500],
  petition: [5, 30],
  environment: [100, 600],
  party_education: [0, 0],
  volunteer: [30, 200],
  other: [10, 60],
};

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const t = h * 60 + m + minutes;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

function shortUnitName(name: string): string {
  return name.replace(/(股份有限公司|有限责任公司|有限公司)$/, '');
}

export function seedServiceWork(input: ServiceWorkInput): ServiceCounts {
  const { ctx, communities, units, members, today, streetName } = input;
  const db = ctx.db.sqlite;
  const rng = new Rng((input.seed ^ 0x5e7c1ce5) >>> 0);
  const now = ctx.now;
  const seq = ctx.seq();
  const todayDay = dayOf(today);
  const year = Number(today.slice(0, 4));
  const counts: ServiceCounts = {
    agreements: 0,
    commitments: 0,
    posts: 0,
    claims: 0,
    teams: 0,
    teamMembers: 0,
    activities: 0,
    participations: 0,
    evaluations: 0,
  };
  const nc = communities.length;
  const secretaries = new Map(
    (db.prepare('select id, secretary_name as s from community').all() as { id: number; s: string | null }[]).map(
      (r) => [r.id, r.s],
    ),
  );
  const functionRooms = new Map(
    (db.prepare('select id, function_rooms as f from community').all() as { id: number; f: string | null }[]).map(
      (r) => [r.id, r.f ? (JSON.parse(r.f) as string[]) : []],
    ),
  );

  // Members in the register, per community; reported employed members are the ones the service work is about.
  const active = members.filter((m) => m.active);
  const reportedOf: SwMember[][] = communities.map(() => []);
  const activeOf: SwMember[][] = communities.map(() => []);
  for (const m of active) {
    activeOf[m.communityIdx]?.push(m);
    if (m.category === 'employed' && m.reportDate !== null && m.reportDate <= today)
      reportedOf[m.communityIdx]?.push(m);
  }
  const unitsOf: SwUnit[][] = communities.map(() => []);
  for (const u of units) unitsOf[u.communityIdx]?.push(u);

  // ---------------------------------------------------------------- 共建协议 and 承诺事项
  const insertAgreement = db.prepare(
    `insert into agreement (unit_id, community_id, year, title, areas, signatory_a, signatory_b, liaison_person, liaison_phone,
       signed_date, duties_a, duties_b, note, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCommitment = db.prepare(
    `insert into commitment (agreement_id, content, area, due_date, status, evidence_note, evidence_date, sort_order,
       created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const council = rng.shuffle(units.filter((u) => u.council));
  const others = rng.shuffle(units.filter((u) => !u.council));
  const half = Math.round(council.length / 2);
  const wanted = Math.max(half, Math.min(30, Math.round(units.length * 0.6)));
  const partners = [...council.slice(0, half), ...council.slice(half), ...others].slice(0, wanted);
  /** Units in agreement with each community this year (activities organised by units prefer them). */
  const partnersOf: SwUnit[][] = communities.map(() => []);

  const agreementFor = (u: SwUnit, ci: number | null, y: number): void => {
    const c = ci === null ? null : (communities[ci] as SwCommunity);
    const areas = AGREEMENT_AREAS.filter(() => rng.chance(0.55));
    if (areas.length === 0) areas.push(rng.pick(AGREEMENT_AREAS));
    const partyName = c ? c.name : streetName;
    const signedDay = Math.min(todayDay, rng.int(dayOf(`${y}-01-05`), dayOf(`${y}-03-31`)));
    const signed = isoDay(signedDay);
    const dutiesB = [...DUTIES_B, ...areas.map((a) => AREA_DUTIES[a])];
    const id = Number(
      insertAgreement.run(
        u.id,
        c?.id ?? null,
        y,
        `${y}年度${partyName}与${shortUnitName(u.name)}结对共建协议`,
        JSON.stringify(areas),
        c
          ? (secretaries.get(c.id) ?? personName(rng, rng.chance(0.5), rng.int(1968, 1988)))
          : personName(rng, rng.chance(0.6), rng.int(1965, 1980)),
        u.partySecretary,
        u.contactPerson,
        u.contactPhone,
        signed,
        DUTIES_A.map((d, i) => `${i + 1}. ${d}`).join('\n'),
        dutiesB.map((d, i) => `${i + 1}. ${d}`).join('\n'),
        ci === null ? '街道层面共驻共建协议，覆盖全街道各社区' : null,
        now,
        now,
        seq,
      ).lastInsertRowid,
    );
    counts.agreements++;
    // 3–6 commitments over the agreement's areas, due dates spread through the rest of the year.
    const k = rng.int(3, 6);
    const used = new Set<string>();
    const from = Math.min(signedDay + 20, dayOf(`${y}-12-01`));
    const dues = Array.from({ length: k }, () => rng.int(from, dayOf(`${y}-12-31`))).sort((a, b) => a - b);
    for (let i = 0; i < k; i++) {
      const area = areas[i % areas.length] as AgreementArea;
      const special = COMMITMENTS_BY_UNIT_TYPE[u.type]?.[area] ?? [];
      const pool = [...special, ...COMMITMENTS[area]].filter((s) => !used.has(s));
      const content =
        pool.length > 0
          ? (special.find((s) => !used.has(s) && rng.chance(0.6)) ?? rng.pick(pool))
          : rng.pick(COMMITMENTS[area]);
      used.add(content);
      const due = dues[i] as number;
      let status: 'pending' | 'in_progress' | 'done' | 'unfulfilled';
      const r = rng.next();
      if (due < todayDay) {
        // Past due: mostly done; some overdue still open (highlighted in the list), some not fulfilled.
        if (y < year) status = r < 0.84 ? 'done' : 'unfulfilled';
        else status = r < 0.7 ? 'done' : r < 0.82 ? 'in_progress' : r < 0.88 ? 'pending' : 'unfulfilled';
      } else status = r < 0.12 ? 'done' : r < 0.55 ? 'in_progress' : 'pending';
      let note: string | null = null;
      let evidenceDate: string | null = null;
      if (status === 'done') {
        const lo = Math.max(signedDay, due - 45);
        const hi = Math.min(todayDay, due + 10);
        evidenceDate = isoDay(rng.int(Math.min(lo, hi), hi));
        note = fill(rng.pick(EVIDENCE_DONE), { n: rng.int(1, 4), m: rng.int(3, 30) * 10, p: rng.int(5, 30) });
      } else if (status === 'in_progress') note = rng.pick(EVIDENCE_IN_PROGRESS);
      else if (status === 'unfulfilled') note = rng.pick(EVIDENCE_UNFULFILLED);
      insertCommitment.run(id, content, area, isoDay(due), status, note, evidenceDate, i + 1, now, now, seq);
      counts.commitments++;
    }
  };

  for (const u of partners) {
    // Street-wide agreements for a few big organs and institutions, otherwise with the unit's own community.
    const streetWide = (u.type === 'organ' || u.type === 'institution' || u.type === 'soe') && rng.chance(0.15);
    const ci = streetWide || nc === 0 ? null : rng.chance(0.85) ? u.communityIdx : rng.int(0, nc - 1);
    if (rng.chance(0.5)) agreementFor(u, ci, year - 1);
    agreementFor(u, ci, year);
    if (ci !== null) partnersOf[ci]?.push(u);
  }
  // A few units had an agreement last year that was not renewed.
  for (const u of units.filter((x) => !partners.includes(x)).slice(0, Math.round(wanted * 0.1))) {
    agreementFor(u, nc > 0 ? u.communityIdx : null, year - 1);
  }

  // ---------------------------------------------------------------- 服务岗位 and 认领
  const insertPost = db.prepare(
    `insert into service_post (community_id, name, category, headcount, required_skills, description, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertClaim = db.prepare(
    `insert into post_claim (post_id, member_id, unit_id, status, claim_date, decided_date, withdrawn_date, note,
       created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const liveClaims = new Map<number, number>();
  const claimFrom = (m: SwMember | null, earliest: number): number =>
    Math.max(earliest, m?.reportDate ? dayOf(m.reportDate) : earliest);
  const claim = (
    postId: number,
    m: SwMember | null,
    u: SwUnit | null,
    status: 'pending' | 'approved' | 'rejected' | 'withdrawn',
  ): void => {
    let claimDay: number;
    let decided: number | null = null;
    let withdrawn: number | null = null;
    let note: string | null = null;
    if (status === 'pending') claimDay = Math.max(claimFrom(m, todayDay - 540), todayDay - rng.int(0, 25));
    else {
      const first = Math.min(todayDay, claimFrom(m, todayDay - 540));
      const last = Math.min(todayDay, Math.max(first, todayDay - (status === 'withdrawn' ? 60 : 10)));
      claimDay = rng.int(first, last);
      decided = Math.min(todayDay, claimDay + rng.int(1, 10));
      if (status === 'withdrawn') {
        withdrawn = Math.min(todayDay, decided + rng.int(30, Math.max(30, todayDay - decided)));
        note = rng.pick(CLAIM_NOTES.withdrawn);
      } else if (status === 'rejected') note = rng.pick(CLAIM_NOTES.rejected);
    }
    claimDay = Math.min(claimDay, todayDay);
    insertClaim.run(
      postId,
      m?.id ?? null,
      u?.id ?? null,
      status,
      isoDay(claimDay),
      decided === null ? null : isoDay(decided),
      withdrawn === null ? null : isoDay(withdrawn),
      note,
      now,
      now,
      seq,
    );
    counts.claims++;
    if (m && (status === 'pending' || status === 'approved')) liveClaims.set(m.id, (liveClaims.get(m.id) ?? 0) + 1);
  };

  communities.forEach((c, ci) => {
    const k = rng.int(4, 8);
    // Spread over the categories: one template per category first, then any.
    const byCategory = new Map<string, typeof POSTS>();
    for (const p of rng.shuffle([...POSTS])) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
    const firsts = rng.shuffle([...byCategory.values()].map((ps) => ps[0] as (typeof POSTS)[number]));
    const chosen = [...firsts, ...rng.shuffle(POSTS.filter((p) => !firsts.includes(p)))].slice(0, k);
    const reported = reportedOf[ci] as SwMember[];
    for (const p of chosen) {
      const headcount = rng.int(2, 10);
      const postId = Number(
        insertPost.run(c.id, p.name, p.category, headcount, JSON.stringify(p.skills), p.description, now, now, seq)
          .lastInsertRowid,
      );
      counts.posts++;
      // Members whose 专业特长 match come first; nobody holds more than two live claims.
      const ranked = reported
        .map((m) => ({ m, key: (m.skills.some((s) => p.skills.includes(s)) ? 0 : 1) + rng.next() * 1.2 }))
        .sort((a, b) => a.key - b.key || a.m.id - b.m.id)
        .map((x) => x.m)
        .filter((m) => (liveClaims.get(m.id) ?? 0) < 2);
      let approvedLeft = Math.min(headcount, Math.round(headcount * (0.35 + 0.65 * rng.next())));
      const communityUnits = [...(partnersOf[ci] ?? []), ...(unitsOf[ci] ?? [])];
      if (communityUnits.length > 0 && rng.chance(0.2)) {
        const u = rng.pick(communityUnits);
        const approved = approvedLeft > 0 && rng.chance(0.7);
        claim(postId, null, u, approved ? 'approved' : 'pending');
        if (approved) approvedLeft--;
      }
      let next = 0;
      const take = (): SwMember | null => (next < ranked.length ? (ranked[next++] as SwMember) : null);
      if (rng.chance(0.25)) {
        const m = take();
        if (m) claim(postId, m, null, 'withdrawn');
      }
      if (rng.chance(0.08)) {
        const m = take();
        if (m) claim(postId, m, null, 'rejected');
      }
      for (; approvedLeft > 0; approvedLeft--) {
        const m = take();
        if (!m) break;
        claim(postId, m, null, 'approved');
      }
      const pending = rng.chance(0.35) ? rng.int(1, 2) : 0;
      for (let i = 0; i < pending; i++) {
        const m = take();
        if (m) claim(postId, m, null, 'pending');
      }
    }
  });

  // ---------------------------------------------------------------- 志愿服务队
  const insertTeam = db.prepare(
    `insert into volunteer_team (name, theme, community_id, leader_member_id, founded_date, description, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTeamMember = db.prepare(
    'insert into team_member (team_id, member_id, joined_date, created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?)',
  );
  interface TeamRec {
    id: number;
    name: string;
    communityIdx: number | null;
    template: TeamTemplate;
    members: SwMember[];
    leader: SwMember;
  }
  const teams: TeamRec[] = [];
  const teamsOf: TeamRec[][] = communities.map(() => []);
  const streetTeams: TeamRec[] = [];
  /** The volunteers a team draws from: members in the register, reported employed and retired ones first. */
  const volunteerWeight = (m: SwMember): number =>
    m.category === 'retired' ? 3 : m.category === 'employed' ? (m.reportDate !== null ? 3 : 0) : 0.5;
  const makeTeam = (name: string, template: TeamTemplate, ci: number | null, pool: SwMember[]): void => {
    const eligible = pool.filter((m) => volunteerWeight(m) > 0);
    if (eligible.length < 5) return;
    const size = Math.min(eligible.length, rng.int(5, 30));
    const chosen = eligible
      .map((m) => ({ m, key: -Math.log(1 - rng.next()) / volunteerWeight(m) }))
      .sort((a, b) => a.key - b.key || a.m.id - b.m.id)
      .slice(0, size)
      .map((x) => x.m);
    const leader = chosen[0] as SwMember;
    const founded = rng.int(Math.min(dayOf('2015-03-05'), todayDay - 120), todayDay - 120);
    const id = Number(
      insertTeam.run(
        name,
        template.theme,
        ci === null ? null : (communities[ci] as SwCommunity).id,
        leader.id,
        isoDay(founded),
        `以“奉献、友爱、互助、进步”为宗旨，围绕${template.theme}开展志愿服务`,
        now,
        now,
        seq,
      ).lastInsertRowid,
    );
    counts.teams++;
    const sorted = [...chosen].sort((a, b) => a.id - b.id);
    for (const m of sorted) {
      // Not before the team existed, nor before an employed member reported to the community.
      const from = Math.min(todayDay, Math.max(founded, m.reportDate ? dayOf(m.reportDate) : founded));
      const joined = m === leader ? from : rng.int(from, todayDay);
      insertTeamMember.run(id, m.id, isoDay(joined), now, now, seq);
      counts.teamMembers++;
    }
    const rec: TeamRec = { id, name, communityIdx: ci, template, members: sorted, leader };
    teams.push(rec);
    if (ci === null) streetTeams.push(rec);
    else teamsOf[ci]?.push(rec);
  };
  communities.forEach((c, ci) => {
    for (const t of rng.sample(TEAMS, rng.int(1, 3)))
      makeTeam(`${c.place}社区${t.name}`, t, ci, activeOf[ci] as SwMember[]);
  });
  for (const t of STREET_TEAMS) makeTeam(`${streetName}${t.name}`, t, null, active);

  // ---------------------------------------------------------------- 服务活动 and participants
  const insertActivity = db.prepare(
    `insert into activity (date, start_time, end_time, community_id, title, category, organizer_kind, organizer_unit_id,
       organizer_team_id, place, description, residents_served, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertParticipant = db.prepare(
    `insert into activity_participant (activity_id, member_id, unit_id, hours, role, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  // How keen each member in the register is: reported employed members carry most activities, a few never come.
  const weightOf = new Map<number, number>();
  for (const m of active) {
    let w = 0;
    if (m.category === 'employed' && m.reportDate !== null) w = rng.chance(0.07) ? 0 : 0.25 + 2 * rng.next() ** 2;
    else if (m.category === 'retired') w = rng.chance(0.5) ? 0 : 0.1 + 0.5 * rng.next();
    else if (m.category === 'mobile') w = rng.chance(0.8) ? 0 : 0.15;
    weightOf.set(m.id, w);
  }
  const poolOf = (ms: SwMember[]): Weighted<SwMember> | null => {
    const entries = ms.map((m) => [m, weightOf.get(m.id) ?? 0] as const).filter(([, w]) => w > 0);
    return entries.length >= 3 ? new Weighted(entries) : null;
  };
  const pools = activeOf.map((ms) => poolOf(ms));
  const streetPool = poolOf(active);

  // Volume: linear in members, ≈8–15 per community and month at 2000 members; capped for the bench street.
  const windowStart = todayDay - 364;
  const scale = members.length / 2000;
  const rates = communities.map((_, ci) => {
    const share = nc > 0 ? ((activeOf[ci] as SwMember[]).length * nc) / Math.max(1, active.length) : 0;
    return rng.int(8, 15) * share * scale * 12;
  });
  const streetRate = members.length > 0 ? Math.round(12 * Math.min(3, Math.max(1, Math.sqrt(scale)))) : 0;
  const planned = rates.reduce((s, r) => s + r, 0) + streetRate;
  const factor = planned > MAX_DEMO_ACTIVITIES ? MAX_DEMO_ACTIVITIES / planned : 1;
  interface Draft {
    day: number;
    ci: number | null;
  }
  const drafts: Draft[] = [];
  const drawDay = (): number => {
    let d = rng.int(windowStart, todayDay);
    // Weekends are busier: a third of weekday draws move to the next Saturday (if it is not after today).
    const dow = new Date(d * 86_400_000).getUTCDay();
    if (dow >= 1 && dow <= 5 && rng.chance(0.33)) d = Math.min(todayDay, d + (6 - dow));
    return d;
  };
  rates.forEach((r, ci) => {
    if (!pools[ci]) return;
    const n = Math.round(r * factor);
    for (let i = 0; i < n; i++) drafts.push({ day: drawDay(), ci });
  });
  if (streetPool) for (let i = 0; i < Math.round(streetRate * factor); i++) drafts.push({ day: drawDay(), ci: null });
  drafts.sort((a, b) => a.day - b.day || (a.ci ?? -1) - (b.ci ?? -1));

  const evalPeriod = lastCompletedHalf(today);
  const evalFrom = dayOf(evalPeriod.from);
  const evalTo = dayOf(evalPeriod.to);
  const periodStats = new Map<number, { n: number; hours: number }>();
  const allUnits = units;
  const pickUnitFor = (ci: number | null): SwUnit | null => {
    const partnersHere = ci === null ? [] : (partnersOf[ci] as SwUnit[]);
    const local = ci === null ? [] : (unitsOf[ci] as SwUnit[]);
    if (partnersHere.length > 0 && rng.chance(0.6)) return rng.pick(partnersHere);
    if (local.length > 0) return rng.pick(local);
    return allUnits.length > 0 ? rng.pick(allUnits) : null;
  };
  /** Participants per activity: 3–40, most between 5 and 20 (mean ≈16). */
  const participantCount = (): number => 3 + Math.round(37 * rng.next() ** 1.75);

  for (const d of drafts) {
    const ci = d.ci;
    const c = ci === null ? null : (communities[ci] as SwCommunity);
    const date = isoDay(d.day);
    const month = Number(date.slice(5, 7));
    // Organiser.
    const localTeams =
      ci === null ? streetTeams : [...(teamsOf[ci] as TeamRec[]), ...streetTeams.filter(() => rng.chance(0.1))];
    const o = rng.next();
    let kind: OrganizerKind = 'community';
    let unit: SwUnit | null = null;
    let team: TeamRec | null = null;
    if (o < 0.22 && allUnits.length > 0) {
      kind = 'unit';
      unit = pickUnitFor(ci);
    } else if (o < 0.4 && localTeams.length > 0) {
      kind = 'team';
      team = rng.pick(localTeams);
    }
    // Category and title.
    let category: ActivityCategory;
    let title: string;
    const seasonal = SEASONAL_TITLES[month] ?? [];
    if (kind === 'community' && seasonal.length > 0 && rng.chance(0.2)) {
      [title, category] = rng.pick(seasonal);
    } else {
      if (unit && rng.chance(0.8)) category = rng.pick(UNIT_ACTIVITY_CATEGORIES[unit.type]);
      else if (team && rng.chance(0.8)) category = rng.pick(team.template.categories);
      else category = CATEGORY_WEIGHTS.draw(rng);
      title = rng.pick(ACTIVITY_TITLES[category]);
    }
    if (unit && rng.chance(0.5)) title = `${shortUnitName(unit.name)}${title.startsWith('“') ? '' : '：'}${title}`;
    else if (team && rng.chance(0.3)) title = `${team.template.theme}志愿服务：${title}`;
    // Place.
    let place: string;
    const rooms = c ? (functionRooms.get(c.id) ?? []) : [];
    if (unit && rng.chance(0.4)) place = `${unit.name}${rng.pick(['会议室', '多功能厅', '活动室'])}`;
    else if (!c) place = rng.pick([`${streetName}党群服务中心`, `${streetName}市民广场`, `${streetName}文化活动中心`]);
    else if (HANDS_ON.has(category) && c.areas.length > 0) place = rng.pick(c.areas);
    else if (rooms.length > 0 && rng.chance(0.6)) place = `${c.name}${rng.pick(rooms)}`;
    else place = `${c.name}党群服务中心`;
    // Time and residents served.
    const hours = rng.pick(HOURS);
    let start = rng.pick(START_TIMES);
    if (title.includes('四点半')) start = '16:30';
    else if (start >= '19:00' && hours > 2) start = '14:00';
    const [lo, hi] = RESIDENTS_SERVED[category];
    const served = hi === 0 ? 0 : rng.int(lo, hi);

    // Participants: the team's own volunteers first for team activities, then the community's members.
    const pool = ci === null ? streetPool : pools[ci];
    if (!pool) continue;
    let want = participantCount();
    if (counts.participations + want > MAX_DEMO_PARTICIPATIONS) want = 3;
    const chosen: SwMember[] = [];
    const seen = new Set<number>();
    const ok = (m: SwMember): boolean => !seen.has(m.id) && (m.reportDate === null || m.reportDate <= date);
    if (team) {
      for (const m of rng.sample(team.members, Math.min(team.members.length, Math.ceil(want * 0.7)))) {
        if (ok(m)) {
          seen.add(m.id);
          chosen.push(m);
        }
      }
    }
    for (let guard = 0; chosen.length < want && guard < want * 12; guard++) {
      const m = pool.draw(rng);
      if (!ok(m)) continue;
      seen.add(m.id);
      chosen.push(m);
    }
    if (chosen.length < 3) continue;

    const organiser = unit
      ? shortUnitName(unit.name)
      : team
        ? team.name
        : c
          ? `${c.name}党组织`
          : `${streetName}党工委`;
    const description = `${organiser}组织，${chosen.length}名党员参加${served > 0 ? `，服务居民${served}人次` : ''}。`;
    const activityId = Number(
      insertActivity.run(
        date,
        start,
        addMinutes(start, Math.round(hours * 60)),
        c?.id ?? null,
        title,
        category,
        kind,
        unit?.id ?? null,
        team?.id ?? null,
        place,
        description,
        served,
        now,
        now,
        seq,
      ).lastInsertRowid,
    );
    counts.activities++;
    const handsOn = HANDS_ON.has(category) || kind === 'team';
    const organisers = chosen.length >= 12 ? 2 : 1;
    const inPeriod = d.day >= evalFrom && d.day <= evalTo;
    chosen.forEach((m, i) => {
      let role: string;
      let h = hours;
      if (team && m === team.leader) role = '组织者';
      else if (i < organisers && kind === 'community') role = '组织者';
      else role = handsOn ? (rng.chance(0.8) ? '志愿者' : '参与者') : rng.chance(0.15) ? '志愿者' : '参与者';
      if (role === '组织者') h = Math.min(4, hours + 0.5);
      else if (h > 1 && rng.chance(0.1)) h -= 0.5;
      insertParticipant.run(activityId, m.id, null, h, role, now, now, seq);
      counts.participations++;
      if (inPeriod) {
        const s = periodStats.get(m.id);
        if (s) {
          s.n++;
          s.hours += h;
        } else periodStats.set(m.id, { n: 1, hours: h });
      }
    });
    // Now and then a unit takes part as a whole (共建单位), besides an organising unit.
    if (allUnits.length > 0 && rng.chance(0.1)) {
      const ids = new Set<number>();
      for (let i = rng.int(1, 2); i > 0; i--) {
        const u = pickUnitFor(ci);
        if (!u || ids.has(u.id) || u.id === unit?.id) continue;
        ids.add(u.id);
        insertParticipant.run(activityId, null, u.id, hours, '共建单位', now, now, seq);
        counts.participations++;
      }
    }
  }

  // ---------------------------------------------------------------- 反馈表 evaluations for the last completed half-year
  const insertEvaluation = db.prepare(
    `insert into member_evaluation (member_id, period, community_id, grade, comment, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of active) {
    if (m.category !== 'employed' || m.reportDate === null || m.reportDate > evalPeriod.to) continue;
    if (!rng.chance(0.93)) continue; // a few forms are still with the community
    const s = periodStats.get(m.id) ?? { n: 0, hours: 0 };
    const r = rng.next();
    let grade: EvaluationGrade;
    if (s.n >= 15) grade = r < 0.5 ? 'excellent' : 'qualified';
    else if (s.n >= 8) grade = r < 0.15 ? 'excellent' : 'qualified';
    else if (s.n >= 3) grade = r < 0.92 ? 'qualified' : 'basic';
    else if (s.n >= 1) grade = r < 0.6 ? 'qualified' : 'basic';
    else grade = r < 0.35 ? 'qualified' : r < 0.75 ? 'basic' : 'unqualified';
    let comment = fill(rng.pick(EVALUATION_COMMENTS[grade]), { n: s.n, h: s.hours });
    if (s.n === 0 && grade === 'qualified')
      comment = '本期因工作原因未能参加社区活动，已向社区说明情况，能履行服务岗位职责';
    else if (s.n === 0 && grade === 'basic') comment = '本期未参加社区活动，已向社区说明原因，希望今后积极参加';
    insertEvaluation.run(
      m.id,
      evalPeriod.period,
      (communities[m.communityIdx] as SwCommunity).id,
      grade,
      comment,
      now,
      now,
      seq,
    );
    counts.evaluations++;
  }
  return counts;
}
