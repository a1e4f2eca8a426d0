// 会议机构: the bodies that meet (街道社区党建工作协调会, 社区党建联席会, 共驻共建协调议事小组, 议事协商会…), street-level
// (community_id null) or one community's, with the frequency they must meet at and their standing members (units,
// party members, named people). Soft delete, refused while the body has meetings. createDefaults gives a street
// what it lacks: its street council and each active community's 共驻共建协调议事小组, whose standing members are the
// community's 协调议事小组成员单位 (unit.is_council_member).
import type { MeetingBodyDetailT, MeetingBodyT, ParsedInput } from '../../shared/contract';
import type { MeetingBodyKind, MeetingFrequency } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { MEETING } from '../../shared/messages';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { fieldError, nul, requireCommunity } from './agreements';
import { currentStreet } from './street';

const BODY_SELECT = `
  select b.id, b.name, b.kind, b.community_id as communityId, c.name as communityName, b.frequency, b.description,
         (select count(*) from meeting_body_member x where x.body_id = b.id) as memberCount,
         (select count(*) from meeting m where m.body_id = b.id and m.deleted_at is null) as meetingCount,
         (select max(m.date) from meeting m where m.body_id = b.id and m.deleted_at is null) as lastMeetingDate
  from meeting_body b left join community c on c.id = b.community_id`;

export function listBodies(
  db: StreetGridDb,
  q: { communityId?: number | null | undefined; kind?: MeetingBodyKind | undefined } = {},
): MeetingBodyT[] {
  const conds = ['b.deleted_at is null'];
  const params: unknown[] = [];
  if (q.communityId === null) conds.push('b.community_id is null');
  else if (q.communityId !== undefined) {
    conds.push('b.community_id = ?');
    params.push(q.communityId);
  }
  if (q.kind) {
    conds.push('b.kind = ?');
    params.push(q.kind);
  }
  return db.sqlite
    .prepare(
      `${BODY_SELECT} where ${conds.join(' and ')}
       order by b.community_id is not null, c.code, b.kind = 'cobuild' desc, b.name, b.id`,
    )
    .all(...params) as MeetingBodyT[];
}

/** A live body; errors name the given field. */
export function bodyRow(db: StreetGridDb, id: number, field = 'id'): MeetingBodyT {
  const r = db.sqlite.prepare(`${BODY_SELECT} where b.id = ? and b.deleted_at is null`).get(id) as
    MeetingBodyT | undefined;
  if (!r) throw new AppError('NOT_FOUND', MEETING.bodyNotFound, { field });
  return r;
}

export function bodyMembers(db: StreetGridDb, bodyId: number): MeetingBodyDetailT['members'] {
  return db.sqlite
    .prepare(
      `select x.id, x.unit_id as unitId, u.name as unitName, x.member_id as memberId, m.name as memberName,
              x.person_name as personName, x.role
       from meeting_body_member x left join unit u on u.id = x.unit_id left join member m on m.id = x.member_id
       where x.body_id = ? order by x.sort_order, x.id`,
    )
    .all(bodyId) as MeetingBodyDetailT['members'];
}

export function getBody(db: StreetGridDb, id: number): MeetingBodyDetailT {
  return { ...bodyRow(db, id), members: bodyMembers(db, id) };
}

function checkNameFree(db: StreetGridDb, name: string, communityId: number | null, exceptId: number | null): void {
  const clash = db.sqlite
    .prepare(`select id from meeting_body where deleted_at is null and name = ? and community_id is ? and id is not ?`)
    .get(name, communityId, exceptId);
  if (clash) throw fieldError('name', MEETING.bodyNameTaken(name), 'CONFLICT');
}

function liveMeetings(db: StreetGridDb, bodyId: number): number {
  return db.sqlite
    .prepare('select count(*) from meeting where body_id = ? and deleted_at is null')
    .pluck()
    .get(bodyId) as number;
}

interface BodyValues {
  name: string;
  kind: MeetingBodyKind;
  communityId: number | null;
  frequency: MeetingFrequency;
  description: string | null;
}

function insertBody(ctx: ActionCtx, v: BodyValues): number {
  return Number(
    ctx.db.sqlite
      .prepare(
        `insert into meeting_body (name, kind, community_id, frequency, description, created_at, updated_at, change_seq)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.name, v.kind, v.communityId, v.frequency, v.description, ctx.now, ctx.now, ctx.seq()).lastInsertRowid,
  );
}

/** A community's cobuild body must meet quarterly by default; other bodies have no requirement unless given. */
function defaultFrequency(kind: MeetingBodyKind, communityId: number | null): MeetingFrequency {
  if (kind === 'cobuild' && communityId !== null) return 'quarterly';
  if (kind === 'street_council') return 'quarterly';
  return 'none';
}

export function createBody(ctx: ActionCtx, input: ParsedInput<'meetingBodies.create'>): MeetingBodyT {
  const communityId = input.communityId ?? null;
  if (communityId !== null) requireCommunity(ctx.db, communityId);
  checkNameFree(ctx.db, input.name, communityId, null);
  const id = insertBody(ctx, {
    name: input.name,
    kind: input.kind,
    communityId,
    frequency: input.frequency ?? defaultFrequency(input.kind, communityId),
    description: nul(input.description),
  });
  const after = bodyRow(ctx.db, id);
  ctx.audit({
    action: 'create',
    entity: 'meeting_body',
    entityId: id,
    summary: MEETING.auditBodyCreate(after.name),
    after,
  });
  ctx.touch('meeting_body');
  return after;
}

export function updateBody(ctx: ActionCtx, input: ParsedInput<'meetingBodies.update'>): MeetingBodyT {
  const before = bodyRow(ctx.db, input.id);
  const communityId = input.communityId === undefined ? before.communityId : input.communityId;
  if (communityId !== before.communityId) {
    if (communityId !== null) requireCommunity(ctx.db, communityId);
    const n = liveMeetings(ctx.db, input.id);
    if (n > 0) throw fieldError('communityId', MEETING.bodyCommunityLocked(n), 'CONFLICT');
  }
  const name = input.name ?? before.name;
  if (name !== before.name || communityId !== before.communityId) checkNameFree(ctx.db, name, communityId, input.id);
  ctx.db.sqlite
    .prepare(
      `update meeting_body set name = ?, kind = ?, community_id = ?, frequency = ?, description = ?, updated_at = ?,
         change_seq = ? where id = ?`,
    )
    .run(
      name,
      input.kind ?? before.kind,
      communityId,
      input.frequency ?? before.frequency,
      input.description === undefined ? before.description : nul(input.description),
      ctx.now,
      ctx.seq(),
      input.id,
    );
  const after = bodyRow(ctx.db, input.id);
  const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(changes.after).length > 0)
    ctx.audit({
      action: 'update',
      entity: 'meeting_body',
      entityId: input.id,
      summary: MEETING.auditBodyUpdate(after.name),
      ...changes,
    });
  ctx.touch('meeting_body');
  return after;
}

/** Soft delete; refused while the body has (live) meetings. */
export function deleteBody(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = getBody(ctx.db, id);
  const n = liveMeetings(ctx.db, id);
  if (n > 0) throw new AppError('CONFLICT', MEETING.bodyHasMeetings(n), { field: 'id' });
  ctx.db.sqlite
    .prepare('update meeting_body set deleted_at = ?, updated_at = ?, change_seq = ? where id = ?')
    .run(ctx.now, ctx.now, ctx.seq(), id);
  ctx.audit({
    action: 'delete',
    entity: 'meeting_body',
    entityId: id,
    summary: MEETING.auditBodyDelete(before.name),
    before,
  });
  ctx.touch('meeting_body');
  return { deleted: true };
}

type MemberIn = ParsedInput<'meetingBodies.setMembers'>['members'][number];

function insertMembers(
  ctx: ActionCtx,
  bodyId: number,
  list: readonly { unitId: number | null; memberId: number | null; personName: string | null; role: string | null }[],
): void {
  const ins = ctx.db.sqlite.prepare(
    `insert into meeting_body_member (body_id, unit_id, member_id, person_name, role, sort_order, created_at, updated_at,
       change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  list.forEach((m, i) =>
    ins.run(bodyId, m.unitId, m.memberId, m.personName, m.role, i + 1, ctx.now, ctx.now, ctx.seq()),
  );
}

/** Replaces the standing members: units and members must exist (not deleted), each appears once. */
export function setBodyMembers(ctx: ActionCtx, input: ParsedInput<'meetingBodies.setMembers'>): MeetingBodyDetailT {
  const before = getBody(ctx.db, input.bodyId);
  const unitName = ctx.db.sqlite.prepare('select name from unit where id = ? and deleted_at is null').pluck();
  const memberName = ctx.db.sqlite.prepare('select name from member where id = ? and deleted_at is null').pluck();
  const seen = new Set<string>();
  const rows = input.members.map((m: MemberIn, i) => {
    const unitId = m.unitId ?? null;
    const memberId = m.memberId ?? null;
    const personName = nul(m.personName);
    let shown = personName ?? '';
    if (unitId !== null) {
      const n = unitName.get(unitId) as string | undefined;
      if (n === undefined) throw fieldError(`members.${i}.unitId`, MEETING.unitMissing(unitId), 'VALIDATION');
      shown = personName ? `${n}（${personName}）` : n;
    }
    if (memberId !== null) {
      const n = memberName.get(memberId) as string | undefined;
      if (n === undefined) throw fieldError(`members.${i}.memberId`, MEETING.memberMissing(memberId), 'VALIDATION');
      if (unitId === null) shown = n;
    }
    const key =
      memberId !== null ? `m${memberId}` : unitId !== null ? `u${unitId}:${personName ?? ''}` : `p${personName}`;
    if (seen.has(key)) throw fieldError(`members.${i}`, MEETING.bodyMemberTwice(shown), 'CONFLICT');
    seen.add(key);
    return { unitId, memberId, personName, role: nul(m.role) };
  });
  ctx.db.sqlite.prepare('delete from meeting_body_member where body_id = ?').run(input.bodyId);
  insertMembers(ctx, input.bodyId, rows);
  ctx.db.sqlite
    .prepare('update meeting_body set updated_at = ?, change_seq = ? where id = ?')
    .run(ctx.now, ctx.seq(), input.bodyId);
  const after = getBody(ctx.db, input.bodyId);
  ctx.audit({
    action: 'update',
    entity: 'meeting_body',
    entityId: input.bodyId,
    summary: MEETING.auditBodyMembers(after.name, after.members.length),
    before: { members: before.members },
    after: { members: after.members },
  });
  ctx.touch('meeting_body', 'meeting_body_member');
  return after;
}

/**
 * What a street needs and lacks: a street-level 街道社区党建工作协调会 (quarterly) when it has no live street_council
 * body, and for each active community without a live cobuild body its 「<社区名>共驻共建协调议事小组」 (quarterly), whose
 * standing members are the community's council-member units. Idempotent: a second call creates nothing.
 */
export function createDefaultBodies(ctx: ActionCtx): { created: number; bodyIds: number[] } {
  const db = ctx.db.sqlite;
  const street = currentStreet(ctx.db);
  if (!street) throw new AppError('NOT_INITIALIZED', MEETING.needsStreet);
  const created: number[] = [];
  const add = (v: BodyValues): number => {
    // A same-named live body (of another kind) would clash: give the new one a distinguishable name.
    let name = v.name;
    for (
      let k = 2;
      db
        .prepare('select 1 from meeting_body where deleted_at is null and name = ? and community_id is ?')
        .get(name, v.communityId);
      k++
    )
      name = `${v.name}（${k}）`;
    const id = insertBody(ctx, { ...v, name });
    created.push(id);
    return id;
  };
  const hasStreetCouncil = db
    .prepare("select 1 from meeting_body where deleted_at is null and community_id is null and kind = 'street_council'")
    .get();
  if (!hasStreetCouncil)
    add({
      name: MEETING.streetBodyName(street.name),
      kind: 'street_council',
      communityId: null,
      frequency: 'quarterly',
      description: MEETING.streetBodyDescription,
    });
  const lacking = db
    .prepare(
      `select c.id, c.name from community c
       where c.deleted_at is null and c.retired_at is null
         and not exists (select 1 from meeting_body b where b.community_id = c.id and b.kind = 'cobuild' and b.deleted_at is null)
       order by c.code`,
    )
    .all() as { id: number; name: string }[];
  const councilUnits = db.prepare(
    'select id from unit where community_id = ? and is_council_member = 1 and deleted_at is null order by name_pinyin, id',
  );
  for (const c of lacking) {
    const id = add({
      name: MEETING.cobuildBodyName(c.name),
      kind: 'cobuild',
      communityId: c.id,
      frequency: 'quarterly',
      description: MEETING.cobuildBodyDescription,
    });
    const units = (councilUnits.all(c.id) as { id: number }[]).map((u) => ({
      unitId: u.id,
      memberId: null,
      personName: null,
      role: MEETING.councilRole,
    }));
    insertMembers(ctx, id, units);
  }
  if (created.length > 0) {
    ctx.audit({
      action: 'create',
      entity: 'meeting_body',
      summary: MEETING.auditDefaults(created.length),
      after: created.map((id) => {
        const b = bodyRow(ctx.db, id);
        return { id, name: b.name, kind: b.kind, communityId: b.communityId, memberCount: b.memberCount };
      }),
    });
    ctx.touch('meeting_body', 'meeting_body_member');
  }
  return { created: created.length, bodyIds: created };
}
