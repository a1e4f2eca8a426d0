import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type {
  CommunityDetailT,
  CommunityRowT,
  CommunityT,
  FundingT,
  ParsedInput,
  SettingsT,
  ThreeHaveT,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import { countRows, diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { community, communityFunding, grid } from '../db/schema';
import { classifyVillageCode } from '../divisions';
import { getSettings } from './settings';
import { requireStreet } from './street';

type CommunityRecord = typeof community.$inferSelect;
type FundingRecord = typeof communityFunding.$inferSelect;

export function toCommunity(r: CommunityRecord): CommunityT {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    officialName: r.officialName,
    kind: r.kind,
    households: r.households,
    population: r.population,
    spaceArea: r.spaceArea,
    spaceOwnership: r.spaceOwnership,
    hasServiceHall: r.hasServiceHall,
    functionRooms: r.functionRooms,
    secretaryName: r.secretaryName,
    directorName: r.directorName,
    secretaryIsDirector: r.secretaryIsDirector,
    deputySecretaryName: r.deputySecretaryName,
    careerStaffCount: r.careerStaffCount,
    partyWorkerCount: r.partyWorkerCount,
    retiredAt: r.retiredAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function toFunding(r: FundingRecord): FundingT {
  return {
    id: r.id,
    communityId: r.communityId,
    year: r.year,
    officeFunds: r.officeFunds,
    partyFunds: r.partyFunds,
    note: r.note,
  };
}

/** 三有: 有人管事 (staff), 有钱办事 (this year's funds), 有处议事 (space ≥ threshold). */
export function threeHave(
  c: Pick<CommunityT, 'secretaryName' | 'partyWorkerCount' | 'careerStaffCount' | 'spaceArea'>,
  fundsThisYear: number | null,
  s: Pick<SettingsT, 'minFunding' | 'minSpaceArea'>,
  year: number,
): ThreeHaveT {
  return {
    people: !!c.secretaryName && ((c.partyWorkerCount ?? 0) >= 1 || (c.careerStaffCount ?? 0) >= 1),
    money: fundsThisYear !== null && fundsThisYear >= s.minFunding,
    place: c.spaceArea !== null && c.spaceArea >= s.minSpaceArea,
    year,
  };
}

function currentYear(): number {
  return new Date().getFullYear();
}

export function listCommunities(
  db: StreetGridDb,
  opts: { includeRetired?: boolean | undefined } = {},
): CommunityRowT[] {
  const year = currentYear();
  const s = getSettings(db);
  // Correlated subqueries: name the outer table explicitly (drizzle renders bare column names inside sql``).
  const gridCount = sql<number>`(select count(*) from "grid" g where g."community_id" = "community"."id" and g."deleted_at" is null)`;
  const funds = sql<
    number | null
  >`(select f."office_funds" + f."party_funds" from "community_funding" f where f."community_id" = "community"."id" and f."year" = ${year})`;
  const where = opts.includeRetired
    ? isNull(community.deletedAt)
    : and(isNull(community.deletedAt), isNull(community.retiredAt));
  const rows = db.orm
    .select({ c: community, gridCount, funds })
    .from(community)
    .where(where)
    .orderBy(asc(community.code))
    .all();
  return rows.map(({ c, gridCount: n, funds: f }) => {
    const base = toCommunity(c);
    return { ...base, gridCount: Number(n), threeHave: threeHave(base, f === null ? null : Number(f), s, year) };
  });
}

function load(db: StreetGridDb, id: number): CommunityRecord {
  const r = db.orm
    .select()
    .from(community)
    .where(and(eq(community.id, id), isNull(community.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', ERR.communityNotFound, { field: 'id' });
  return r;
}

export function getCommunity(db: StreetGridDb, id: number): CommunityDetailT {
  const r = load(db, id);
  const year = currentYear();
  const funding = db.orm
    .select()
    .from(communityFunding)
    .where(eq(communityFunding.communityId, id))
    .orderBy(asc(communityFunding.year))
    .all()
    .map(toFunding);
  const thisYear = funding.find((f) => f.year === year);
  const gridCount = countRows(db, grid, and(eq(grid.communityId, id), isNull(grid.deletedAt)));
  const base = toCommunity(r);
  return {
    ...base,
    gridCount,
    threeHave: threeHave(base, thisYear ? thisYear.officeFunds + thisYear.partyFunds : null, getSettings(db), year),
    funding,
  };
}

type CommunityPatch = Omit<ParsedInput<'communities.update'>, 'id'>;

function patchValues(p: CommunityPatch): Partial<CommunityRecord> {
  const out: Partial<CommunityRecord> = {};
  const nullable = <K extends keyof CommunityPatch>(k: K) => {
    const v = p[k];
    if (v === undefined) return;
    (out as Record<string, unknown>)[k] = typeof v === 'string' ? v || null : v;
  };
  if (p.name !== undefined) out.name = p.name;
  nullable('officialName');
  nullable('households');
  nullable('population');
  nullable('spaceArea');
  nullable('spaceOwnership');
  if (p.hasServiceHall !== undefined) out.hasServiceHall = p.hasServiceHall;
  if (p.functionRooms !== undefined) out.functionRooms = [...new Set(p.functionRooms)];
  nullable('secretaryName');
  nullable('directorName');
  if (p.secretaryIsDirector !== undefined) out.secretaryIsDirector = p.secretaryIsDirector;
  nullable('deputySecretaryName');
  nullable('careerStaffCount');
  nullable('partyWorkerCount');
  return out;
}

export function createCommunity(ctx: ActionCtx, input: ParsedInput<'communities.create'>): CommunityT {
  const st = requireStreet(ctx.db);
  const { code, kind, ...rest } = input;
  if (!code.startsWith(st.code))
    throw new AppError('VALIDATION', ERR.communityCodeOutsideStreet(st.code), { field: 'code' });
  const taken = ctx.db.orm.select({ id: community.id }).from(community).where(eq(community.code, code)).get();
  if (taken) throw new AppError('CONFLICT', ERR.communityCodeTaken(code), { field: 'code' });
  const values = patchValues(rest);
  const row = ctx.db.orm
    .insert(community)
    .values({
      ...values,
      code,
      name: input.name,
      kind: kind ?? classifyVillageCode(code) ?? 'community',
      createdAt: ctx.now,
      updatedAt: ctx.now,
      changeSeq: ctx.seq(),
    })
    .returning()
    .get();
  const after = toCommunity(row);
  ctx.audit({
    action: 'create',
    entity: 'community',
    entityId: row.id,
    summary: `新增社区「${row.name}」（${row.code}）`,
    after,
  });
  ctx.touch('community');
  return after;
}

export function updateCommunity(ctx: ActionCtx, input: ParsedInput<'communities.update'>): CommunityT {
  const { id, ...patch } = input;
  const current = load(ctx.db, id);
  if (current.retiredAt) throw new AppError('CONFLICT', ERR.communityRetired, { field: 'id' });
  const before = toCommunity(current);
  const values = patchValues(patch);
  const row = ctx.db.orm
    .update(community)
    .set({ ...values, updatedAt: ctx.now, changeSeq: ctx.seq() })
    .where(eq(community.id, id))
    .returning()
    .get();
  const after = toCommunity(row);
  const d = diff(before, after);
  if (Object.keys(d.after).length > 0) {
    ctx.audit({
      action: 'update',
      entity: 'community',
      entityId: id,
      summary: `修改社区「${after.name}」`,
      before: d.before,
      after: d.after,
    });
  }
  ctx.touch('community');
  return after;
}

export function setRetired(ctx: ActionCtx, id: number, retired: boolean): CommunityT {
  const current = load(ctx.db, id);
  if (!!current.retiredAt === retired) return toCommunity(current);
  const row = ctx.db.orm
    .update(community)
    .set({ retiredAt: retired ? ctx.now : null, updatedAt: ctx.now, changeSeq: ctx.seq() })
    .where(eq(community.id, id))
    .returning()
    .get();
  ctx.audit({
    action: retired ? 'retire' : 'restore',
    entity: 'community',
    entityId: id,
    summary: `${retired ? '撤销' : '恢复'}社区「${row.name}」`,
    before: { retiredAt: current.retiredAt },
    after: { retiredAt: row.retiredAt },
  });
  ctx.touch('community');
  return toCommunity(row);
}

export function upsertFunding(ctx: ActionCtx, input: ParsedInput<'funding.upsert'>): FundingT {
  const c = load(ctx.db, input.communityId);
  const existing = ctx.db.orm
    .select()
    .from(communityFunding)
    .where(and(eq(communityFunding.communityId, input.communityId), eq(communityFunding.year, input.year)))
    .get();
  const values = { officeFunds: input.officeFunds, partyFunds: input.partyFunds, note: input.note || null };
  let row: FundingRecord;
  if (existing) {
    row = ctx.db.orm
      .update(communityFunding)
      .set({ ...values, updatedAt: ctx.now, changeSeq: ctx.seq() })
      .where(eq(communityFunding.id, existing.id))
      .returning()
      .get();
  } else {
    row = ctx.db.orm
      .insert(communityFunding)
      .values({
        ...values,
        communityId: input.communityId,
        year: input.year,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        changeSeq: ctx.seq(),
      })
      .returning()
      .get();
  }
  ctx.audit({
    action: existing ? 'update' : 'create',
    entity: 'community_funding',
    entityId: row.id,
    summary: `${existing ? '修改' : '新增'}「${c.name}」${input.year} 年度经费`,
    before: existing ? toFunding(existing) : null,
    after: toFunding(row),
  });
  ctx.touch('community_funding', 'community');
  return toFunding(row);
}

export function deleteFunding(ctx: ActionCtx, communityId: number, year: number): { deleted: boolean } {
  const c = load(ctx.db, communityId);
  const existing = ctx.db.orm
    .select()
    .from(communityFunding)
    .where(and(eq(communityFunding.communityId, communityId), eq(communityFunding.year, year)))
    .get();
  if (!existing) throw new AppError('NOT_FOUND', ERR.fundingNotFound, { field: 'year' });
  ctx.db.orm.delete(communityFunding).where(eq(communityFunding.id, existing.id)).run();
  ctx.audit({
    action: 'delete',
    entity: 'community_funding',
    entityId: existing.id,
    summary: `删除「${c.name}」${year} 年度经费`,
    before: toFunding(existing),
  });
  ctx.touch('community_funding', 'community');
  return { deleted: true };
}

export function requireActiveCommunity(db: StreetGridDb, id: number): CommunityRecord {
  const c = load(db, id);
  if (c.retiredAt) throw new AppError('CONFLICT', ERR.communityRetired, { field: 'communityId' });
  return c;
}
