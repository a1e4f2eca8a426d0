// The three-tier liaison network: 联络站 (station) → 联络小组 (group) → 联络员 (a member's active assignment).
import { and, eq, isNull } from 'drizzle-orm';
import type { LiaisonPositionT, NetworkTreeT, ParsedInput } from '../../shared/contract';
import type { MemberCategory } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { grid, liaisonGroup, liaisonStation } from '../db/schema';
import { requireActiveCommunity } from './communities';
import { loadMember } from './members';

type StationRecord = typeof liaisonStation.$inferSelect;
type GroupRecord = typeof liaisonGroup.$inferSelect;

function loadStation(db: StreetGridDb, id: number): StationRecord {
  const s = db.orm
    .select()
    .from(liaisonStation)
    .where(and(eq(liaisonStation.id, id), isNull(liaisonStation.deletedAt)))
    .get();
  if (!s) throw new AppError('NOT_FOUND', ERR.stationNotFound, { field: 'stationId' });
  return s;
}

function loadGroup(db: StreetGridDb, id: number): GroupRecord {
  const g = db.orm
    .select()
    .from(liaisonGroup)
    .where(and(eq(liaisonGroup.id, id), isNull(liaisonGroup.deletedAt)))
    .get();
  if (!g) throw new AppError('NOT_FOUND', ERR.groupNotFound, { field: 'groupId' });
  return g;
}

function stationOut(db: StreetGridDb, s: StationRecord) {
  const gridName = s.gridId
    ? ((db.sqlite.prepare('select name from grid where id = ?').pluck().get(s.gridId) as string | undefined) ?? null)
    : null;
  return {
    id: s.id,
    communityId: s.communityId,
    gridId: s.gridId,
    gridName,
    name: s.name,
    residentialArea: s.residentialArea,
    leaderName: s.leaderName,
  };
}

function groupOut(g: GroupRecord) {
  return { id: g.id, stationId: g.stationId, name: g.name, leaderName: g.leaderName };
}

function checkGrid(db: StreetGridDb, gridId: number | null | undefined, communityId: number): void {
  if (gridId === null || gridId === undefined) return;
  const g = db.orm
    .select({ communityId: grid.communityId })
    .from(grid)
    .where(and(eq(grid.id, gridId), isNull(grid.deletedAt)))
    .get();
  if (!g) throw new AppError('NOT_FOUND', ERR.gridNotFound, { field: 'gridId' });
  if (g.communityId !== communityId) throw new AppError('VALIDATION', ERR.gridNotInCommunity, { field: 'gridId' });
}

/** The whole tree of one community with counts at every level and the members not yet in it. */
export function networkTree(db: StreetGridDb, communityId: number): NetworkTreeT {
  requireActiveCommunity(db, communityId);
  const stations = db.sqlite
    .prepare(
      `select s.id, s.community_id as communityId, s.grid_id as gridId, g.name as gridName, s.name, s.residential_area as residentialArea,
              s.leader_name as leaderName
       from liaison_station s left join grid g on g.id = s.grid_id
       where s.community_id = ? and s.deleted_at is null order by s.id`,
    )
    .all(communityId) as Omit<NetworkTreeT['stations'][number], 'groups' | 'memberCount'>[];
  const groups = db.sqlite
    .prepare(
      `select lg.id, lg.station_id as stationId, lg.name, lg.leader_name as leaderName
       from liaison_group lg join liaison_station s on s.id = lg.station_id
       where s.community_id = ? and s.deleted_at is null and lg.deleted_at is null order by lg.id`,
    )
    .all(communityId) as Omit<NetworkTreeT['stations'][number]['groups'][number], 'members'>[];
  const liaisons = db.sqlite
    .prepare(
      `select a.id as assignmentId, a.group_id as groupId, a.start_date as startDate, m.id as memberId, m.name, m.category, g.name as gridName
       from liaison_assignment a
       join liaison_group lg on lg.id = a.group_id
       join liaison_station s on s.id = lg.station_id
       join member m on m.id = a.member_id
       left join grid g on g.id = m.grid_id
       where s.community_id = ? and a.end_date is null and lg.deleted_at is null and s.deleted_at is null
       order by m.name_pinyin`,
    )
    .all(communityId) as {
    assignmentId: number;
    groupId: number;
    startDate: string;
    memberId: number;
    name: string;
    category: MemberCategory;
    gridName: string | null;
  }[];
  // Members in the register not yet in the network: the first 500 in name order (the screen searches the rest
  // through members.list with role 'unassigned'), and how many there are.
  const unassigned = db.sqlite
    .prepare(
      `select m.id, m.name, m.category, g.name as gridName from member m left join grid g on g.id = m.grid_id
       where m.community_id = ? and m.status = 'active' and m.deleted_at is null
         and not exists (select 1 from liaison_assignment a where a.member_id = m.id and a.end_date is null)
       order by m.name_pinyin limit 500`,
    )
    .all(communityId) as NetworkTreeT['unassigned'];
  // Over the partial index of the community's 在册 members (no table row read), one probe each into the active
  // assignments — a few milliseconds for the biggest community of a 100k street.
  const unassignedCount = db.sqlite
    .prepare(
      `select count(*) from member m indexed by member_live_community_ix
       where m.community_id = ? and m.status = 'active' and m.deleted_at is null
         and not exists (select 1 from liaison_assignment a where a.member_id = m.id and a.end_date is null)`,
    )
    .pluck()
    .get(communityId) as number;

  const byGroup = new Map<number, NetworkTreeT['stations'][number]['groups'][number]['members']>();
  for (const l of liaisons) {
    const list = byGroup.get(l.groupId) ?? [];
    list.push({
      memberId: l.memberId,
      assignmentId: l.assignmentId,
      name: l.name,
      category: l.category,
      gridName: l.gridName,
      startDate: l.startDate,
    });
    byGroup.set(l.groupId, list);
  }
  const tree = stations.map((s) => {
    const gs = groups.filter((g) => g.stationId === s.id).map((g) => ({ ...g, members: byGroup.get(g.id) ?? [] }));
    return { ...s, groups: gs, memberCount: gs.reduce((n, g) => n + g.members.length, 0) };
  });
  return {
    communityId,
    stations: tree,
    counts: {
      stations: stations.length,
      groups: groups.length,
      liaisons: liaisons.length,
      unassigned: unassignedCount,
    },
    unassigned,
  };
}

const nul = <T>(v: T | '' | undefined): T | null => (v === undefined || v === '' ? null : v);

export function createStation(ctx: ActionCtx, input: ParsedInput<'network.createStation'>) {
  const c = requireActiveCommunity(ctx.db, input.communityId);
  checkGrid(ctx.db, input.gridId, input.communityId);
  const row = ctx.db.orm
    .insert(liaisonStation)
    .values({
      communityId: input.communityId,
      gridId: input.gridId ?? null,
      name: input.name,
      residentialArea: nul(input.residentialArea),
      leaderName: nul(input.leaderName),
      createdAt: ctx.now,
      updatedAt: ctx.now,
      changeSeq: ctx.seq(),
    })
    .returning()
    .get();
  const out = stationOut(ctx.db, row);
  ctx.audit({
    action: 'create',
    entity: 'liaison_station',
    entityId: row.id,
    summary: `新增联络站「${row.name}」（${c.name}）`,
    after: out,
  });
  ctx.touch('liaison_station');
  return out;
}

export function updateStation(ctx: ActionCtx, input: ParsedInput<'network.updateStation'>) {
  const s = loadStation(ctx.db, input.id);
  if (input.gridId !== undefined) checkGrid(ctx.db, input.gridId, s.communityId);
  const set: Partial<StationRecord> = { updatedAt: ctx.now, changeSeq: ctx.seq() };
  if (input.gridId !== undefined) set.gridId = input.gridId;
  if (input.name !== undefined) set.name = input.name;
  if (input.residentialArea !== undefined) set.residentialArea = nul(input.residentialArea);
  if (input.leaderName !== undefined) set.leaderName = nul(input.leaderName);
  const row = ctx.db.orm.update(liaisonStation).set(set).where(eq(liaisonStation.id, s.id)).returning().get();
  const before = stationOut(ctx.db, s);
  const after = stationOut(ctx.db, row);
  ctx.audit({
    action: 'update',
    entity: 'liaison_station',
    entityId: s.id,
    summary: `修改联络站「${row.name}」`,
    ...diff(before, after),
  });
  ctx.touch('liaison_station');
  return after;
}

function activeInStation(db: StreetGridDb, stationId: number): { groups: number; members: number } {
  const groups = db.sqlite
    .prepare('select count(*) from liaison_group where station_id = ? and deleted_at is null')
    .pluck()
    .get(stationId) as number;
  const members = db.sqlite
    .prepare(
      `select count(*) from liaison_assignment a join liaison_group g on g.id = a.group_id
       where g.station_id = ? and g.deleted_at is null and a.end_date is null`,
    )
    .pluck()
    .get(stationId) as number;
  return { groups, members };
}

function activeInGroup(db: StreetGridDb, groupId: number): number {
  return db.sqlite
    .prepare('select count(*) from liaison_assignment where group_id = ? and end_date is null')
    .pluck()
    .get(groupId) as number;
}

export function deleteStation(ctx: ActionCtx, id: number): { deleted: boolean } {
  const s = loadStation(ctx.db, id);
  const n = activeInStation(ctx.db, id);
  if (n.groups > 0 || n.members > 0)
    throw new AppError('CONFLICT', ERR.stationHasGroups(n.groups, n.members), { field: 'id' });
  ctx.db.orm
    .update(liaisonStation)
    .set({ deletedAt: ctx.now, updatedAt: ctx.now, changeSeq: ctx.seq() })
    .where(eq(liaisonStation.id, id))
    .run();
  ctx.audit({
    action: 'delete',
    entity: 'liaison_station',
    entityId: id,
    summary: `删除联络站「${s.name}」`,
    before: stationOut(ctx.db, s),
  });
  ctx.touch('liaison_station');
  return { deleted: true };
}

export function createGroup(ctx: ActionCtx, input: ParsedInput<'network.createGroup'>) {
  const s = loadStation(ctx.db, input.stationId);
  requireActiveCommunity(ctx.db, s.communityId);
  const row = ctx.db.orm
    .insert(liaisonGroup)
    .values({
      stationId: s.id,
      name: input.name,
      leaderName: nul(input.leaderName),
      createdAt: ctx.now,
      updatedAt: ctx.now,
      changeSeq: ctx.seq(),
    })
    .returning()
    .get();
  ctx.audit({
    action: 'create',
    entity: 'liaison_group',
    entityId: row.id,
    summary: `新增联络小组「${row.name}」（${s.name}）`,
    after: groupOut(row),
  });
  ctx.touch('liaison_group');
  return groupOut(row);
}

/** Edits a group; changing stationId moves the whole group (with its liaisons) to another station of the community. */
export function updateGroup(ctx: ActionCtx, input: ParsedInput<'network.updateGroup'>) {
  const g = loadGroup(ctx.db, input.id);
  const from = loadStation(ctx.db, g.stationId);
  const set: Partial<GroupRecord> = { updatedAt: ctx.now, changeSeq: ctx.seq() };
  let summary = `修改联络小组「${input.name ?? g.name}」`;
  if (input.stationId !== undefined && input.stationId !== g.stationId) {
    const to = loadStation(ctx.db, input.stationId);
    if (to.communityId !== from.communityId)
      throw new AppError('VALIDATION', ERR.groupMoveCommunity, { field: 'stationId' });
    set.stationId = to.id;
    summary = `将联络小组「${g.name}」从「${from.name}」调到「${to.name}」`;
  }
  if (input.name !== undefined) set.name = input.name;
  if (input.leaderName !== undefined) set.leaderName = nul(input.leaderName);
  const row = ctx.db.orm.update(liaisonGroup).set(set).where(eq(liaisonGroup.id, g.id)).returning().get();
  ctx.audit({
    action: 'update',
    entity: 'liaison_group',
    entityId: g.id,
    summary,
    ...diff(groupOut(g), groupOut(row)),
  });
  ctx.touch('liaison_group', 'liaison_station');
  return groupOut(row);
}

export function deleteGroup(ctx: ActionCtx, id: number): { deleted: boolean } {
  const g = loadGroup(ctx.db, id);
  const n = activeInGroup(ctx.db, id);
  if (n > 0) throw new AppError('CONFLICT', ERR.groupHasMembers(n), { field: 'id' });
  ctx.db.orm
    .update(liaisonGroup)
    .set({ deletedAt: ctx.now, updatedAt: ctx.now, changeSeq: ctx.seq() })
    .where(eq(liaisonGroup.id, id))
    .run();
  ctx.audit({
    action: 'delete',
    entity: 'liaison_group',
    entityId: id,
    summary: `删除联络小组「${g.name}」`,
    before: groupOut(g),
  });
  ctx.touch('liaison_group');
  return { deleted: true };
}

function activeAssignment(db: StreetGridDb, memberId: number) {
  return db.sqlite
    .prepare('select id, group_id as groupId from liaison_assignment where member_id = ? and end_date is null')
    .get(memberId) as { id: number; groupId: number } | undefined;
}

/** Makes a member a liaison in a group; if they already are one elsewhere, that assignment ends in the same action. */
export function assignMember(ctx: ActionCtx, input: ParsedInput<'network.assign'>): LiaisonPositionT {
  const m = loadMember(ctx.db, input.memberId);
  const g = loadGroup(ctx.db, input.groupId);
  const s = loadStation(ctx.db, g.stationId);
  if (m.status !== 'active') throw new AppError('CONFLICT', ERR.memberNotActive, { field: 'memberId' });
  if (m.communityId !== s.communityId)
    throw new AppError('VALIDATION', ERR.memberNotInCommunity, { field: 'memberId' });
  const today = input.startDate ?? ctx.now.slice(0, 10);
  const current = activeAssignment(ctx.db, m.id);
  if (current && current.groupId === g.id) {
    const r = ctx.db.sqlite
      .prepare('select start_date from liaison_assignment where id = ?')
      .pluck()
      .get(current.id) as string;
    return {
      assignmentId: current.id,
      groupId: g.id,
      groupName: g.name,
      stationId: s.id,
      stationName: s.name,
      startDate: r,
    };
  }
  let fromName: string | null = null;
  if (current) {
    fromName =
      (ctx.db.sqlite.prepare('select name from liaison_group where id = ?').pluck().get(current.groupId) as string) ??
      null;
    ctx.db.sqlite
      .prepare('update liaison_assignment set end_date = ?, updated_at = ?, change_seq = ? where id = ?')
      .run(today, ctx.now, ctx.seq(), current.id);
  }
  const id = ctx.db.sqlite
    .prepare(
      'insert into liaison_assignment (member_id, group_id, start_date, end_date, created_at, updated_at, change_seq) values (?, ?, ?, null, ?, ?, ?)',
    )
    .run(m.id, g.id, today, ctx.now, ctx.now, ctx.seq()).lastInsertRowid as number;
  ctx.audit({
    action: current ? 'update' : 'create',
    entity: 'liaison_assignment',
    entityId: Number(id),
    summary: current
      ? `将联络员「${m.name}」从「${fromName}」调到「${g.name}」`
      : `将党员「${m.name}」编入联络小组「${g.name}」`,
    before: current ? { groupId: current.groupId, group: fromName } : null,
    after: { memberId: m.id, groupId: g.id, group: g.name, station: s.name, startDate: today },
  });
  ctx.touch('liaison_assignment', 'member');
  return {
    assignmentId: Number(id),
    groupId: g.id,
    groupName: g.name,
    stationId: s.id,
    stationName: s.name,
    startDate: today,
  };
}

export function unassignMember(ctx: ActionCtx, input: ParsedInput<'network.unassign'>): { ended: boolean } {
  const m = loadMember(ctx.db, input.memberId);
  const current = activeAssignment(ctx.db, m.id);
  if (!current) throw new AppError('CONFLICT', ERR.memberNotAssigned, { field: 'memberId' });
  const end = input.endDate ?? ctx.now.slice(0, 10);
  ctx.db.sqlite
    .prepare('update liaison_assignment set end_date = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(end, ctx.now, ctx.seq(), current.id);
  ctx.audit({
    action: 'update',
    entity: 'liaison_assignment',
    entityId: current.id,
    summary: `解除「${m.name}」的联络员职务`,
    before: { endDate: null },
    after: { endDate: end },
  });
  ctx.touch('liaison_assignment', 'member');
  return { ended: true };
}
