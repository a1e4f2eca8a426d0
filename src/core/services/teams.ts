// 志愿服务队: a community's team (or a street-wide one when community_id is null), its leader and its members
// (party members in the register). The leader is always a member of the team.
import type { ParsedInput, TeamDetailT, TeamMemberT, TeamRowT } from '../../shared/contract';
import type { Gender, MemberCategory } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { COBUILD, ERR } from '../../shared/messages';
import { maskPhone } from '../../shared/validators';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { fieldError, localToday, notInFuture, nul, requireCommunity } from './agreements';

const E = COBUILD.err;
const A = COBUILD.audit;

const TEAM_SELECT = `
  select t.id, t.name, t.theme, t.community_id as communityId, c.name as communityName,
         t.leader_member_id as leaderMemberId, l.name as leaderName, t.founded_date as foundedDate, t.description,
         t.updated_at as updatedAt,
         (select count(*) from team_member tm join member m on m.id = tm.member_id
            where tm.team_id = t.id and m.deleted_at is null) as memberCount
  from volunteer_team t
  left join community c on c.id = t.community_id
  left join member l on l.id = t.leader_member_id`;

interface RawTeam extends Omit<TeamRowT, 'communityName'> {
  communityName: string | null;
}

function toTeam(r: RawTeam): TeamRowT {
  return { ...r, communityName: r.communityName ?? COBUILD.streetWide };
}

export function listTeams(
  db: StreetGridDb,
  q: { communityId?: number | null | undefined; q?: string | undefined },
): TeamRowT[] {
  const conds = ['t.deleted_at is null'];
  const params: unknown[] = [];
  if (q.communityId === null) conds.push('t.community_id is null');
  else if (q.communityId !== undefined) {
    conds.push('t.community_id = ?');
    params.push(q.communityId);
  }
  const text = (q.q ?? '').trim();
  if (text) {
    conds.push("(instr(t.name, ?) > 0 or instr(coalesce(t.theme, ''), ?) > 0)");
    params.push(text, text);
  }
  const rows = db.sqlite
    .prepare(`${TEAM_SELECT} where ${conds.join(' and ')} order by c.code is not null, c.code, t.id`)
    .all(...params) as RawTeam[];
  return rows.map(toTeam);
}

export function teamRow(db: StreetGridDb, id: number, field = 'id'): TeamRowT {
  const r = db.sqlite.prepare(`${TEAM_SELECT} where t.id = ? and t.deleted_at is null`).get(id) as RawTeam | undefined;
  if (!r) throw new AppError('NOT_FOUND', E.teamNotFound, { field });
  return toTeam(r);
}

function teamMembers(db: StreetGridDb, teamId: number, leaderId: number | null): TeamMemberT[] {
  const rows = db.sqlite
    .prepare(
      `select m.id as memberId, m.name, m.gender, m.category, c.name as communityName, g.name as gridName, m.phone,
              m.skills, tm.joined_date as joinedDate
       from team_member tm
       join member m on m.id = tm.member_id
       join community c on c.id = m.community_id
       left join grid g on g.id = m.grid_id
       where tm.team_id = ? and m.deleted_at is null
       order by m.id = ? desc, m.name_pinyin, m.id`,
    )
    .all(teamId, leaderId ?? -1) as {
    memberId: number;
    name: string;
    gender: Gender;
    category: MemberCategory;
    communityName: string;
    gridName: string | null;
    phone: string | null;
    skills: string;
    joinedDate: string | null;
  }[];
  return rows.map(({ phone, skills, ...r }) => ({
    ...r,
    phoneMasked: phone ? maskPhone(phone) : null,
    skills: JSON.parse(skills) as string[],
    isLeader: r.memberId === leaderId,
  }));
}

export function getTeam(db: StreetGridDb, id: number): TeamDetailT {
  const t = teamRow(db, id);
  return { ...t, members: teamMembers(db, id, t.leaderMemberId) };
}

// ------------------------------------------------------------------ writing

interface MemberFacts {
  id: number;
  name: string;
  status: string;
}

function loadMembers(db: StreetGridDb, ids: readonly number[], field: string): MemberFacts[] {
  const stmt = db.sqlite.prepare('select id, name, status from member where id = ? and deleted_at is null');
  return ids.map((id) => {
    const m = stmt.get(id) as MemberFacts | undefined;
    if (!m) throw new AppError('NOT_FOUND', ERR.memberNotFound, { field });
    return m;
  });
}

function assertNameFree(db: StreetGridDb, name: string, exceptId = -1): void {
  const other = db.sqlite
    .prepare('select id from volunteer_team where name = ? and deleted_at is null and id != ?')
    .get(name, exceptId);
  if (other) throw new AppError('CONFLICT', E.teamNameTaken(name), { field: 'name' });
}

function requireLeader(db: StreetGridDb, leaderId: number): MemberFacts {
  const [m] = loadMembers(db, [leaderId], 'leaderMemberId');
  if (m!.status !== 'active')
    throw new AppError('CONFLICT', E.teamMemberNotActive(m!.name), { field: 'leaderMemberId' });
  return m!;
}

function isInTeam(db: StreetGridDb, teamId: number, memberId: number): boolean {
  return (
    db.sqlite.prepare('select 1 from team_member where team_id = ? and member_id = ?').get(teamId, memberId) !==
    undefined
  );
}

/** Adds members after checking every one (listed twice, already in the team, not in the register): all or nothing. */
function insertMembers(ctx: ActionCtx, teamId: number, ids: readonly number[], joined: string): MemberFacts[] {
  const members = loadMembers(ctx.db, ids, 'memberIds');
  const seen = new Set<number>();
  for (const m of members) {
    if (seen.has(m.id)) throw fieldError('memberIds', E.teamMemberListedTwice(m.name));
    seen.add(m.id);
    if (isInTeam(ctx.db, teamId, m.id)) throw fieldError('memberIds', E.teamMemberDuplicate(m.name), 'CONFLICT');
    if (m.status !== 'active') throw fieldError('memberIds', E.teamMemberNotActive(m.name), 'CONFLICT');
  }
  const ins = ctx.db.sqlite.prepare(
    'insert into team_member (team_id, member_id, joined_date, created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?)',
  );
  for (const m of members) ins.run(teamId, m.id, joined, ctx.now, ctx.now, ctx.seq());
  return members;
}

function auditAdded(ctx: ActionCtx, team: { id: number; name: string }, added: MemberFacts[]): void {
  if (added.length === 0) return;
  ctx.audit({
    action: 'update',
    entity: 'volunteer_team',
    entityId: team.id,
    summary: A.teamAddMembers(team.name, added.length, added.map((m) => m.name).join('、')),
    after: { added: added.map((m) => ({ memberId: m.id, name: m.name })) },
  });
}

export function createTeam(ctx: ActionCtx, input: ParsedInput<'teams.create'>): TeamDetailT {
  const today = localToday();
  const communityId = input.communityId ?? null;
  if (communityId !== null) requireCommunity(ctx.db, communityId);
  assertNameFree(ctx.db, input.name);
  const leaderId = input.leaderMemberId ?? null;
  if (leaderId !== null) requireLeader(ctx.db, leaderId);
  notInFuture(input.foundedDate, 'foundedDate', today);
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into volunteer_team (name, theme, community_id, leader_member_id, founded_date, description,
           created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.name,
        nul(input.theme),
        communityId,
        leaderId,
        input.foundedDate ?? null,
        nul(input.description),
        ctx.now,
        ctx.now,
        ctx.seq(),
      ).lastInsertRowid,
  );
  const ids = [...(input.memberIds ?? [])];
  if (leaderId !== null && !ids.includes(leaderId)) ids.unshift(leaderId);
  const added = insertMembers(ctx, id, ids, input.foundedDate ?? today);
  ctx.audit({
    action: 'create',
    entity: 'volunteer_team',
    entityId: id,
    summary: A.teamCreate(input.name),
    after: teamRow(ctx.db, id),
  });
  auditAdded(ctx, { id, name: input.name }, added);
  ctx.touch('volunteer_team', 'team_member');
  return getTeam(ctx.db, id);
}

export function updateTeam(ctx: ActionCtx, input: ParsedInput<'teams.update'>): TeamDetailT {
  const today = localToday();
  const before = teamRow(ctx.db, input.id);
  if (input.name !== undefined && input.name !== before.name) assertNameFree(ctx.db, input.name, before.id);
  const communityId = input.communityId !== undefined ? input.communityId : before.communityId;
  if (communityId !== null && communityId !== before.communityId) requireCommunity(ctx.db, communityId);
  const leaderId = input.leaderMemberId !== undefined ? input.leaderMemberId : before.leaderMemberId;
  if (leaderId !== null && leaderId !== before.leaderMemberId) requireLeader(ctx.db, leaderId);
  if (input.foundedDate !== undefined) notInFuture(input.foundedDate, 'foundedDate', today);
  ctx.db.sqlite
    .prepare(
      `update volunteer_team set name = ?, theme = ?, community_id = ?, leader_member_id = ?, founded_date = ?,
         description = ?, updated_at = ?, change_seq = ? where id = ?`,
    )
    .run(
      input.name ?? before.name,
      input.theme !== undefined ? nul(input.theme) : before.theme,
      communityId,
      leaderId,
      input.foundedDate !== undefined ? input.foundedDate : before.foundedDate,
      input.description !== undefined ? nul(input.description) : before.description,
      ctx.now,
      ctx.seq(),
      input.id,
    );
  const added =
    leaderId !== null && !isInTeam(ctx.db, input.id, leaderId) ? insertMembers(ctx, input.id, [leaderId], today) : [];
  const after = teamRow(ctx.db, input.id);
  const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  delete d.before.memberCount;
  delete d.after.memberCount;
  if (Object.keys(d.after).length > 0)
    ctx.audit({
      action: 'update',
      entity: 'volunteer_team',
      entityId: input.id,
      summary: A.teamUpdate(after.name),
      ...d,
    });
  auditAdded(ctx, after, added);
  ctx.touch('volunteer_team', 'team_member');
  return getTeam(ctx.db, input.id);
}

/** Soft delete (members stay attached for the record); refused while activities name the team as organiser. */
export function deleteTeam(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = getTeam(ctx.db, id);
  const n = ctx.db.sqlite
    .prepare('select count(*) from activity where organizer_team_id = ? and deleted_at is null')
    .pluck()
    .get(id) as number;
  if (n > 0) throw new AppError('CONFLICT', E.teamHasActivities(n), { field: 'id' });
  ctx.db.sqlite
    .prepare('update volunteer_team set deleted_at = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(ctx.now, ctx.now, ctx.seq(), id);
  ctx.audit({ action: 'delete', entity: 'volunteer_team', entityId: id, summary: A.teamDelete(before.name), before });
  ctx.touch('volunteer_team');
  return { deleted: true };
}

export function addTeamMembers(ctx: ActionCtx, input: ParsedInput<'teams.addMembers'>): TeamDetailT {
  const today = localToday();
  const team = teamRow(ctx.db, input.teamId, 'teamId');
  notInFuture(input.joinedDate, 'joinedDate', today);
  const added = insertMembers(ctx, team.id, input.memberIds, input.joinedDate ?? today);
  auditAdded(ctx, team, added);
  ctx.touch('team_member', 'volunteer_team');
  return getTeam(ctx.db, team.id);
}

export function removeTeamMember(ctx: ActionCtx, input: ParsedInput<'teams.removeMember'>): TeamDetailT {
  const team = teamRow(ctx.db, input.teamId, 'teamId');
  const row = ctx.db.sqlite
    .prepare(
      `select tm.id, tm.joined_date as joinedDate, m.name from team_member tm join member m on m.id = tm.member_id
       where tm.team_id = ? and tm.member_id = ?`,
    )
    .get(team.id, input.memberId) as { id: number; joinedDate: string | null; name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', E.teamMemberNotFound, { field: 'memberId' });
  if (team.leaderMemberId === input.memberId) throw new AppError('CONFLICT', E.teamLeaderRemove, { field: 'memberId' });
  ctx.db.sqlite.prepare('delete from team_member where id = ?').run(row.id);
  ctx.audit({
    action: 'update',
    entity: 'volunteer_team',
    entityId: team.id,
    summary: A.teamRemoveMember(team.name, row.name),
    before: { memberId: input.memberId, name: row.name, joinedDate: row.joinedDate },
  });
  ctx.touch('team_member', 'volunteer_team');
  return getTeam(ctx.db, team.id);
}
