// 服务活动 with their participants (members or units, each with hours and role): the list, one activity, create /
// update (the whole participant list in one action, replace semantics) / soft delete, the sign-in-sheet quick entry
// (many members at once, same hours), and one member's activities for the member page.
import type {
  ActivityDetailT,
  ActivityParticipantT,
  ActivityQueryT,
  ActivityRowT,
  MemberActivitiesT,
  ParsedInput,
} from '../../shared/contract';
import type { ActivityCategory, OrganizerKind } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { ACTIVITY, ERR } from '../../shared/messages';
import { periodOf } from '../../shared/period';
import { maskIdNumber } from '../../shared/validators';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { requireActiveCommunity } from './communities';
import { loadMember } from './members';

/** Hours are summed from REAL columns: keep two decimals so 0.1 + 0.2 prints as 0.3. */
export function roundHours(h: number): number {
  return Math.round(h * 100) / 100;
}

const ROW_SELECT = `
  select a.id, a.date, a.start_time as startTime, a.end_time as endTime, a.community_id as communityId,
         c.name as communityName, a.title, a.category, a.organizer_kind as organizerKind,
         a.organizer_unit_id as organizerUnitId, a.organizer_team_id as organizerTeamId,
         case a.organizer_kind when 'unit' then ou.name when 'team' then t.name else c.name end as organizerName,
         a.place, a.residents_served as residentsServed, a.description, a.created_at as createdAt,
         a.updated_at as updatedAt
  from activity a
  left join community c on c.id = a.community_id
  left join unit ou on ou.id = a.organizer_unit_id
  left join volunteer_team t on t.id = a.organizer_team_id`;

interface RawActivity {
  id: number;
  date: string;
  startTime: string | null;
  endTime: string | null;
  communityId: number | null;
  communityName: string | null;
  title: string;
  category: ActivityCategory;
  organizerKind: OrganizerKind;
  organizerUnitId: number | null;
  organizerTeamId: number | null;
  organizerName: string | null;
  place: string | null;
  residentsServed: number;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Counts {
  members: number;
  units: number;
  hours: number;
}

/**
 * Participant counts and hours of the given activities. Two queries, each restricted so SQLite can use the partial
 * unique indexes (activity_id, member_id) / (activity_id, unit_id) instead of scanning the participant table.
 */
function countsOf(db: StreetGridDb, ids: readonly number[]): Map<number, Counts> {
  const out = new Map<number, Counts>(ids.map((i) => [i, { members: 0, units: 0, hours: 0 }]));
  if (ids.length === 0) return out;
  const json = JSON.stringify(ids);
  for (const col of ['member_id', 'unit_id'] as const) {
    const rows = db.sqlite
      .prepare(
        `select activity_id as id, count(*) as n, total(hours) as h from activity_participant
         where activity_id in (select value from json_each(?)) and ${col} is not null group by activity_id`,
      )
      .all(json) as { id: number; n: number; h: number }[];
    for (const r of rows) {
      const c = out.get(r.id);
      if (!c) continue;
      if (col === 'member_id') c.members = r.n;
      else c.units = r.n;
      c.hours += r.h;
    }
  }
  return out;
}

function toRow(r: RawActivity, c: Counts | undefined): ActivityRowT {
  return {
    id: r.id,
    date: r.date,
    startTime: r.startTime,
    endTime: r.endTime,
    communityId: r.communityId,
    communityName: r.communityName,
    title: r.title,
    category: r.category,
    organizerKind: r.organizerKind,
    organizerUnitId: r.organizerUnitId,
    organizerTeamId: r.organizerTeamId,
    organizerName: r.organizerName ?? '',
    place: r.place,
    residentsServed: r.residentsServed,
    participantCount: (c?.members ?? 0) + (c?.units ?? 0),
    memberCount: c?.members ?? 0,
    totalHours: roundHours(c?.hours ?? 0),
    updatedAt: r.updatedAt,
  };
}

export function listActivities(db: StreetGridDb, q: ActivityQueryT): { rows: ActivityRowT[]; total: number } {
  const conds = ['a.deleted_at is null'];
  const params: unknown[] = [];
  if (q.communityId === null) conds.push('a.community_id is null');
  else if (q.communityId !== undefined) {
    conds.push('a.community_id = ?');
    params.push(q.communityId);
  }
  if (q.category) {
    conds.push('a.category = ?');
    params.push(q.category);
  }
  if (q.from) {
    conds.push('a.date >= ?');
    params.push(q.from);
  }
  if (q.to) {
    conds.push('a.date <= ?');
    params.push(q.to);
  }
  const text = (q.q ?? '').trim();
  if (text) {
    conds.push('instr(a.title, ?) > 0');
    params.push(text);
  }
  if (q.memberId !== undefined) {
    conds.push('a.id in (select activity_id from activity_participant where member_id = ?)');
    params.push(q.memberId);
  }
  if (q.unitId !== undefined) {
    conds.push(`(a.organizer_unit_id = ?
      or a.id in (select activity_id from activity_participant where unit_id = ?)
      or a.id in (select p.activity_id from activity_participant p join member m on m.id = p.member_id
                  where m.employer_unit_id = ? and m.deleted_at is null))`);
    params.push(q.unitId, q.unitId, q.unitId);
  }
  const where = conds.join(' and ');
  const raw = db.sqlite
    .prepare(`${ROW_SELECT} where ${where} order by a.date desc, a.id desc limit ? offset ?`)
    .all(...params, q.limit ?? 100, q.offset ?? 0) as RawActivity[];
  const total = db.sqlite
    .prepare(`select count(*) from activity a where ${where}`)
    .pluck()
    .get(...params) as number;
  const counts = countsOf(
    db,
    raw.map((r) => r.id),
  );
  return { rows: raw.map((r) => toRow(r, counts.get(r.id))), total };
}

function loadRaw(db: StreetGridDb, id: number, field = 'id'): RawActivity {
  const r = db.sqlite.prepare(`${ROW_SELECT} where a.id = ? and a.deleted_at is null`).get(id) as
    RawActivity | undefined;
  if (!r) throw new AppError('NOT_FOUND', ACTIVITY.activityNotFound, { field });
  return r;
}

interface RawParticipant {
  id: number;
  activityId: number;
  memberId: number | null;
  unitId: number | null;
  memberName: string | null;
  idNumber: string | null;
  employer: string | null;
  unitName: string | null;
  unitPartyOrg: string | null;
  hours: number;
  role: string | null;
}

const PARTICIPANT_SELECT = `
  select p.id, p.activity_id as activityId, p.member_id as memberId, p.unit_id as unitId, m.name as memberName,
         m.id_number as idNumber, coalesce(mu.name, m.employer_name) as employer, u.name as unitName,
         u.party_org_name as unitPartyOrg, p.hours, p.role
  from activity_participant p
  left join member m on m.id = p.member_id
  left join unit mu on mu.id = m.employer_unit_id
  left join unit u on u.id = p.unit_id`;

function toParticipant(r: RawParticipant): ActivityParticipantT {
  const isMember = r.memberId !== null;
  return {
    id: r.id,
    activityId: r.activityId,
    memberId: r.memberId,
    unitId: r.unitId,
    name: (isMember ? r.memberName : r.unitName) ?? '',
    idMasked: isMember && r.idNumber ? maskIdNumber(r.idNumber) : null,
    detail: isMember ? r.employer : r.unitPartyOrg,
    hours: r.hours,
    role: r.role,
  };
}

function participantsOf(db: StreetGridDb, activityId: number): ActivityParticipantT[] {
  // Members first (in name order), then units.
  const rows = db.sqlite
    .prepare(
      `${PARTICIPANT_SELECT} where p.activity_id = ?
       order by p.member_id is null, m.name_pinyin, u.name_pinyin, p.id`,
    )
    .all(activityId) as RawParticipant[];
  return rows.map(toParticipant);
}

export function getActivity(db: StreetGridDb, id: number): ActivityDetailT {
  const r = loadRaw(db, id);
  const participants = participantsOf(db, id);
  const counts: Counts = {
    members: participants.filter((p) => p.memberId !== null).length,
    units: participants.filter((p) => p.unitId !== null).length,
    hours: participants.reduce((s, p) => s + p.hours, 0),
  };
  return { ...toRow(r, counts), description: r.description, createdAt: r.createdAt, participants };
}

// ---------------------------------------------------------------------------------------------- validation

interface ActivityRecord {
  date: string;
  startTime: string | null;
  endTime: string | null;
  communityId: number | null;
  title: string;
  category: ActivityCategory;
  organizerKind: OrganizerKind;
  organizerUnitId: number | null;
  organizerTeamId: number | null;
  place: string | null;
  description: string | null;
  residentsServed: number;
}

const nul = <T>(v: T | '' | null | undefined): T | null => (v === undefined || v === '' ? null : v);

function requireLiveUnit(db: StreetGridDb, unitId: number, field: string, message: string): string {
  const u = db.sqlite.prepare('select name from unit where id = ? and deleted_at is null').get(unitId) as
    { name: string } | undefined;
  if (!u) throw new AppError('NOT_FOUND', message, { field });
  return u.name;
}

/** Cross-field rules of the activity itself (the contract checked each field on its own). */
function checkRecord(db: StreetGridDb, v: ActivityRecord, communityChanged: boolean): ActivityRecord {
  if (v.startTime && v.endTime && v.endTime <= v.startTime)
    throw new AppError('VALIDATION', `${ERR.invalidInput}：「${ACTIVITY.fields.endTime}」${ACTIVITY.endBeforeStart}`, {
      field: 'endTime',
    });
  if (v.communityId !== null && communityChanged) requireActiveCommunity(db, v.communityId);
  const out = { ...v };
  switch (v.organizerKind) {
    case 'community':
      if (v.communityId === null)
        throw new AppError('VALIDATION', ACTIVITY.organizerCommunityRequired, { field: 'communityId' });
      out.organizerUnitId = null;
      out.organizerTeamId = null;
      break;
    case 'unit':
      if (v.organizerUnitId === null)
        throw new AppError('VALIDATION', ACTIVITY.organizerUnitRequired, { field: 'organizerUnitId' });
      requireLiveUnit(db, v.organizerUnitId, 'organizerUnitId', ERR.unitNotFound);
      out.organizerTeamId = null;
      break;
    case 'team': {
      if (v.organizerTeamId === null)
        throw new AppError('VALIDATION', ACTIVITY.organizerTeamRequired, { field: 'organizerTeamId' });
      const t = db.sqlite
        .prepare('select id from volunteer_team where id = ? and deleted_at is null')
        .get(v.organizerTeamId);
      if (!t) throw new AppError('NOT_FOUND', ACTIVITY.teamNotFound, { field: 'organizerTeamId' });
      out.organizerUnitId = null;
      break;
    }
  }
  return out;
}

interface ResolvedParticipant {
  key: string;
  memberId: number | null;
  unitId: number | null;
  name: string;
  hours: number;
  role: string | null;
}

type ParticipantIn = NonNullable<ParsedInput<'activities.create'>['participants']>[number];

function memberNames(db: StreetGridDb, ids: readonly number[]): Map<number, string> {
  const rows = db.sqlite
    .prepare('select id, name from member where id in (select value from json_each(?)) and deleted_at is null')
    .all(JSON.stringify(ids)) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

function unitNames(db: StreetGridDb, ids: readonly number[]): Map<number, string> {
  const rows = db.sqlite
    .prepare('select id, name from unit where id in (select value from json_each(?)) and deleted_at is null')
    .all(JSON.stringify(ids)) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every participant exists (not deleted) and appears once; refusals name the row's member or unit. */
function resolveParticipants(db: StreetGridDb, list: readonly ParticipantIn[]): ResolvedParticipant[] {
  const members = memberNames(
    db,
    list.flatMap((p) => (p.memberId ? [p.memberId] : [])),
  );
  const units = unitNames(
    db,
    list.flatMap((p) => (p.unitId ? [p.unitId] : [])),
  );
  const seen = new Set<string>();
  return list.map((p, i) => {
    const isMember = Boolean(p.memberId);
    const ref = isMember ? p.memberId! : p.unitId!;
    const name = isMember ? members.get(ref) : units.get(ref);
    const field = `participants.${i}.${isMember ? 'memberId' : 'unitId'}`;
    if (name === undefined)
      throw new AppError(
        'NOT_FOUND',
        isMember ? ACTIVITY.participantMemberMissing(ref) : ACTIVITY.participantUnitMissing(ref),
        { field },
      );
    const key = `${isMember ? 'm' : 'u'}${ref}`;
    if (seen.has(key)) throw new AppError('VALIDATION', ACTIVITY.participantTwice(name), { field });
    seen.add(key);
    return {
      key,
      memberId: isMember ? ref : null,
      unitId: isMember ? null : ref,
      name,
      hours: p.hours,
      role: nul(p.role),
    };
  });
}

function insertParticipants(ctx: ActionCtx, activityId: number, list: readonly ResolvedParticipant[]): void {
  const ins = ctx.db.sqlite.prepare(
    `insert into activity_participant (activity_id, member_id, unit_id, hours, role, created_at, updated_at, change_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of list) ins.run(activityId, p.memberId, p.unitId, p.hours, p.role, ctx.now, ctx.now, ctx.seq());
}

function auditParticipants(list: readonly { name: string; hours: number; role: string | null }[]) {
  return list.map((p) => ({ name: p.name, hours: p.hours, role: p.role }));
}

// ---------------------------------------------------------------------------------------------- writes

export function createActivity(ctx: ActionCtx, input: ParsedInput<'activities.create'>): ActivityDetailT {
  const v = checkRecord(
    ctx.db,
    {
      date: input.date,
      startTime: nul(input.startTime),
      endTime: nul(input.endTime),
      communityId: input.communityId ?? null,
      title: input.title,
      category: input.category,
      organizerKind: input.organizerKind,
      organizerUnitId: input.organizerUnitId ?? null,
      organizerTeamId: input.organizerTeamId ?? null,
      place: nul(input.place),
      description: nul(input.description),
      residentsServed: input.residentsServed ?? 0,
    },
    true,
  );
  const participants = resolveParticipants(ctx.db, input.participants ?? []);
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into activity (date, start_time, end_time, community_id, title, category, organizer_kind,
           organizer_unit_id, organizer_team_id, place, description, residents_served, created_at, updated_at, change_seq)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.date,
        v.startTime,
        v.endTime,
        v.communityId,
        v.title,
        v.category,
        v.organizerKind,
        v.organizerUnitId,
        v.organizerTeamId,
        v.place,
        v.description,
        v.residentsServed,
        ctx.now,
        ctx.now,
        ctx.seq(),
      ).lastInsertRowid,
  );
  insertParticipants(ctx, id, participants);
  const after = getActivity(ctx.db, id);
  ctx.audit({
    action: 'create',
    entity: 'activity',
    entityId: id,
    summary: ACTIVITY.auditCreate(v.title, v.date, participants.length),
    after: { ...after, participants: auditParticipants(after.participants) },
  });
  ctx.touch('activity', 'activity_participant');
  return after;
}

/** Replaces the participant list: unchanged rows stay, changed hours/role are updated, missing rows removed. */
function replaceParticipants(ctx: ActionCtx, activityId: number, next: readonly ResolvedParticipant[]): boolean {
  const current = ctx.db.sqlite
    .prepare(
      'select id, member_id as memberId, unit_id as unitId, hours, role from activity_participant where activity_id = ?',
    )
    .all(activityId) as {
    id: number;
    memberId: number | null;
    unitId: number | null;
    hours: number;
    role: string | null;
  }[];
  const byKey = new Map(current.map((r) => [r.memberId !== null ? `m${r.memberId}` : `u${r.unitId}`, r]));
  const upd = ctx.db.sqlite.prepare(
    'update activity_participant set hours = ?, role = ?, updated_at = ?, change_seq = ? where id = ?',
  );
  const del = ctx.db.sqlite.prepare('delete from activity_participant where id = ?');
  let changed = false;
  const fresh: ResolvedParticipant[] = [];
  for (const p of next) {
    const old = byKey.get(p.key);
    if (!old) {
      fresh.push(p);
      continue;
    }
    byKey.delete(p.key);
    if (old.hours !== p.hours || old.role !== p.role) {
      upd.run(p.hours, p.role, ctx.now, ctx.seq(), old.id);
      changed = true;
    }
  }
  for (const gone of byKey.values()) {
    del.run(gone.id);
    changed = true;
  }
  if (fresh.length > 0) {
    insertParticipants(ctx, activityId, fresh);
    changed = true;
  }
  return changed;
}

export function updateActivity(ctx: ActionCtx, input: ParsedInput<'activities.update'>): ActivityDetailT {
  const cur = loadRaw(ctx.db, input.id);
  const before = getActivity(ctx.db, input.id);
  const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  const communityId = input.communityId === undefined ? cur.communityId : input.communityId;
  const v = checkRecord(
    ctx.db,
    {
      date: pick(input.date, cur.date),
      startTime: input.startTime === undefined ? cur.startTime : nul(input.startTime),
      endTime: input.endTime === undefined ? cur.endTime : nul(input.endTime),
      communityId,
      title: pick(input.title, cur.title),
      category: pick(input.category, cur.category),
      organizerKind: pick(input.organizerKind, cur.organizerKind),
      organizerUnitId: input.organizerUnitId === undefined ? cur.organizerUnitId : input.organizerUnitId,
      organizerTeamId: input.organizerTeamId === undefined ? cur.organizerTeamId : input.organizerTeamId,
      place: input.place === undefined ? cur.place : nul(input.place),
      description: input.description === undefined ? cur.description : nul(input.description),
      residentsServed: pick(input.residentsServed, cur.residentsServed),
    },
    communityId !== cur.communityId,
  );
  const participants = input.participants ? resolveParticipants(ctx.db, input.participants) : null;
  ctx.db.sqlite
    .prepare(
      `update activity set date = ?, start_time = ?, end_time = ?, community_id = ?, title = ?, category = ?,
         organizer_kind = ?, organizer_unit_id = ?, organizer_team_id = ?, place = ?, description = ?,
         residents_served = ?, updated_at = ?, change_seq = ? where id = ?`,
    )
    .run(
      v.date,
      v.startTime,
      v.endTime,
      v.communityId,
      v.title,
      v.category,
      v.organizerKind,
      v.organizerUnitId,
      v.organizerTeamId,
      v.place,
      v.description,
      v.residentsServed,
      ctx.now,
      ctx.seq(),
      input.id,
    );
  if (participants) replaceParticipants(ctx, input.id, participants);
  const after = getActivity(ctx.db, input.id);
  const strip = (d: ActivityDetailT) => ({ ...d, participants: auditParticipants(d.participants) });
  const changes = diff(
    strip(before) as unknown as { [k: string]: unknown },
    strip(after) as unknown as { [k: string]: unknown },
  );
  if (Object.keys(changes.after).length > 0) {
    ctx.audit({
      action: 'update',
      entity: 'activity',
      entityId: input.id,
      summary: ACTIVITY.auditUpdate(after.title),
      ...changes,
    });
  }
  ctx.touch('activity', 'activity_participant');
  return after;
}

/** Soft delete: the activity and its participation leave every list and statistic; the rows stay for the record. */
export function deleteActivity(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = getActivity(ctx.db, id);
  ctx.db.sqlite
    .prepare('update activity set deleted_at = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(ctx.now, ctx.now, ctx.seq(), id);
  ctx.audit({
    action: 'delete',
    entity: 'activity',
    entityId: id,
    summary: ACTIVITY.auditDelete(before.title),
    before: { ...before, participants: auditParticipants(before.participants) },
  });
  ctx.touch('activity');
  return { deleted: true };
}

/**
 * The sign-in sheet: many members at once with the same hours and role. Members already on the list are refused
 * by name and nothing is written (the user removes them from the selection or edits their hours in the list).
 */
export function addParticipants(ctx: ActionCtx, input: ParsedInput<'activities.addParticipants'>): ActivityDetailT {
  const a = loadRaw(ctx.db, input.activityId, 'activityId');
  const list = resolveParticipants(
    ctx.db,
    input.memberIds.map((memberId) => ({ memberId, hours: input.hours, role: input.role ?? null })),
  ).map((p, i) => ({ ...p, index: i }));
  const already = new Set(
    (
      ctx.db.sqlite
        .prepare('select member_id from activity_participant where activity_id = ? and member_id is not null')
        .pluck()
        .all(a.id) as number[]
    ).map(Number),
  );
  const dup = list.filter((p) => p.memberId !== null && already.has(p.memberId));
  if (dup.length > 0) {
    const shown = dup.slice(0, 5).map((p) => p.name);
    throw new AppError('CONFLICT', ACTIVITY.participantsAlready(shown, dup.length - shown.length), {
      field: `memberIds.${dup[0]!.index}`,
    });
  }
  insertParticipants(ctx, a.id, list);
  ctx.audit({
    action: 'update',
    entity: 'activity',
    entityId: a.id,
    summary: ACTIVITY.auditAddParticipants(a.title, list.length, input.hours),
    after: { participants: auditParticipants(list) },
  });
  ctx.touch('activity_participant');
  return getActivity(ctx.db, a.id);
}

function loadParticipant(db: StreetGridDb, id: number): RawParticipant & { title: string } {
  const r = db.sqlite
    .prepare(
      `${PARTICIPANT_SELECT.replace('from activity_participant p', 'from activity_participant p join activity a on a.id = p.activity_id')}
       where p.id = ? and a.deleted_at is null`,
    )
    .get(id) as RawParticipant | undefined;
  if (!r) throw new AppError('NOT_FOUND', ACTIVITY.participantNotFound, { field: 'id' });
  const title = db.sqlite.prepare('select title from activity where id = ?').pluck().get(r.activityId) as string;
  return { ...r, title };
}

export function updateParticipant(ctx: ActionCtx, input: ParsedInput<'activities.updateParticipant'>): ActivityDetailT {
  const p = loadParticipant(ctx.db, input.id);
  const hours = input.hours ?? p.hours;
  const role = input.role === undefined ? p.role : nul(input.role);
  if (hours !== p.hours || role !== p.role) {
    ctx.db.sqlite
      .prepare('update activity_participant set hours = ?, role = ?, updated_at = ?, change_seq = ? where id = ?')
      .run(hours, role, ctx.now, ctx.seq(), p.id);
    const name = toParticipant(p).name;
    ctx.audit({
      action: 'update',
      entity: 'activity_participant',
      entityId: p.id,
      summary: ACTIVITY.auditUpdateParticipant(p.title, name),
      before: { name, hours: p.hours, role: p.role },
      after: { name, hours, role },
    });
    ctx.touch('activity_participant');
  }
  return getActivity(ctx.db, p.activityId);
}

export function removeParticipant(ctx: ActionCtx, id: number): { deleted: boolean } {
  const p = loadParticipant(ctx.db, id);
  ctx.db.sqlite.prepare('delete from activity_participant where id = ?').run(id);
  const name = toParticipant(p).name;
  ctx.audit({
    action: 'delete',
    entity: 'activity_participant',
    entityId: id,
    summary: ACTIVITY.auditRemoveParticipant(p.title, name),
    before: { activityId: p.activityId, name, hours: p.hours, role: p.role },
  });
  ctx.touch('activity_participant');
  return { deleted: true };
}

// ---------------------------------------------------------------------------------------------- member page

export function memberActivities(db: StreetGridDb, memberId: number, period?: string): MemberActivitiesT {
  loadMember(db, memberId);
  const p = period ? periodOf(period) : null;
  const rows = db.sqlite
    .prepare(
      `select p.id as participantId, a.id as activityId, a.date, a.title, a.category, c.name as communityName,
              p.hours, p.role
       from activity_participant p
       join activity a on a.id = p.activity_id and a.deleted_at is null
       left join community c on c.id = a.community_id
       where p.member_id = ? and a.date >= ? and a.date <= ?
       order by a.date desc, a.id desc`,
    )
    .all(memberId, p?.from ?? '', p?.to ?? '9999') as MemberActivitiesT['rows'];
  return {
    memberId,
    count: rows.length,
    totalHours: roundHours(rows.reduce((s, r) => s + r.hours, 0)),
    rows,
  };
}
