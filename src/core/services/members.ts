import { and, eq, isNull } from 'drizzle-orm';
import type { MemberDetailT, MemberQueryT, MemberReportT, MemberRowT, ParsedInput } from '../../shared/contract';
import type { Gender, MemberCategory, MemberStatus } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import { idNumberFacts, maskIdNumber, maskPhone } from '../../shared/validators';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { grid, member, unit } from '../db/schema';
import { isPinyinQuery, pinyinKeys } from '../pinyin';
import { requireActiveCommunity } from './communities';

type MemberRecord = typeof member.$inferSelect;

/** The list/detail row: the member, the names it points at, and its active liaison position. */
const ROW_SELECT = `
  select m.id, m.name, m.gender, m.birth_date as birthDate, m.ethnicity, m.id_number as idNumber, m.phone,
         m.community_id as communityId, c.name as communityName, m.grid_id as gridId, g.name as gridName,
         m.category, m.employer_unit_id as employerUnitId, coalesce(u.name, m.employer_name) as employerName,
         coalesce(m.employer_party_org, u.party_org_name) as employerPartyOrg, m.skills, m.report_date as reportDate,
         m.status, m.note, m.updated_at as updatedAt,
         a.id as assignmentId, a.group_id as groupId, a.start_date as assignmentStart, lg.name as groupName,
         ls.id as stationId, ls.name as stationName
  from member m
  join community c on c.id = m.community_id
  left join grid g on g.id = m.grid_id
  left join unit u on u.id = m.employer_unit_id
  left join liaison_assignment a on a.member_id = m.id and a.end_date is null
  left join liaison_group lg on lg.id = a.group_id
  left join liaison_station ls on ls.id = lg.station_id`;

interface RawRow {
  id: number;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string | null;
  idNumber: string;
  phone: string | null;
  communityId: number;
  communityName: string;
  gridId: number | null;
  gridName: string | null;
  category: MemberCategory;
  employerUnitId: number | null;
  employerName: string | null;
  employerPartyOrg: string | null;
  skills: string;
  reportDate: string | null;
  status: MemberStatus;
  note: string | null;
  updatedAt: string;
  assignmentId: number | null;
  groupId: number | null;
  assignmentStart: string | null;
  groupName: string | null;
  stationId: number | null;
  stationName: string | null;
}

function toRow(r: RawRow): MemberRowT {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    ethnicity: r.ethnicity,
    idMasked: maskIdNumber(r.idNumber),
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    communityId: r.communityId,
    communityName: r.communityName,
    gridId: r.gridId,
    gridName: r.gridName,
    category: r.category,
    employerUnitId: r.employerUnitId,
    employerName: r.employerName,
    employerPartyOrg: r.employerPartyOrg,
    skills: JSON.parse(r.skills) as string[],
    reportDate: r.reportDate,
    status: r.status,
    note: r.note,
    updatedAt: r.updatedAt,
    liaison:
      r.assignmentId !== null && r.groupId !== null && r.stationId !== null
        ? {
            assignmentId: r.assignmentId,
            groupId: r.groupId,
            groupName: r.groupName ?? '',
            stationId: r.stationId,
            stationName: r.stationName ?? '',
            startDate: r.assignmentStart ?? '',
          }
        : null,
  };
}

/** The next string after every string with this prefix (for index range scans instead of LIKE). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

const SORTS: Record<NonNullable<MemberQueryT['sort']>, string[]> = {
  name: ['m.name_pinyin', 'm.id'],
  birthDate: ['m.birth_date', 'm.id'],
  reportDate: ['m.report_date', 'm.id'],
  community: ['c.code', 'm.name_pinyin', 'm.id'],
  updatedAt: ['m.updated_at', 'm.id'],
};

export function buildMemberWhere(q: MemberQueryT): { where: string; params: unknown[]; needsAssignment: boolean } {
  const conds = ['m.deleted_at is null'];
  const params: unknown[] = [];
  let needsAssignment = false;
  if (q.communityId !== undefined) {
    conds.push('m.community_id = ?');
    params.push(q.communityId);
  }
  if (q.gridId !== undefined) {
    conds.push('m.grid_id = ?');
    params.push(q.gridId);
  }
  if (q.category) {
    conds.push('m.category = ?');
    params.push(q.category);
  }
  if (q.status) {
    conds.push('m.status = ?');
    params.push(q.status);
  }
  if (q.employerUnitId !== undefined) {
    conds.push('m.employer_unit_id = ?');
    params.push(q.employerUnitId);
  }
  if (q.reported !== undefined) conds.push(q.reported ? 'm.report_date is not null' : 'm.report_date is null');
  if (q.role === 'liaison') {
    conds.push('exists (select 1 from liaison_assignment x where x.member_id = m.id and x.end_date is null)');
    needsAssignment = true;
  } else if (q.role === 'unassigned') {
    conds.push('not exists (select 1 from liaison_assignment x where x.member_id = m.id and x.end_date is null)');
    needsAssignment = true;
  }
  const text = (q.q ?? '').trim();
  if (text) {
    if (/^[\dXx]{4}$/.test(text)) {
      conds.push('(m.id_tail = ? or m.phone_tail = ?)');
      params.push(text.toUpperCase(), text);
    } else if (/^\d{11}$/.test(text)) {
      conds.push('(m.phone = ? or m.id_number like ?)');
      params.push(text, `%${text}`);
    } else if (/^\d{17}[\dXx]$/.test(text)) {
      conds.push('m.id_number = ?');
      params.push(text.toUpperCase());
    } else if (/^[\dXx]+$/.test(text)) {
      conds.push('(m.id_number like ? or m.phone like ?)');
      params.push(`%${text.toUpperCase()}`, `%${text}`);
    } else if (isPinyinQuery(text)) {
      const p = text.toLowerCase();
      if (p.length > 4) {
        // Longer than any name's initials: full pinyin only, so the name_pinyin index also gives the order.
        conds.push('(m.name_pinyin >= ? and m.name_pinyin < ?)');
        params.push(p, prefixEnd(p));
      } else {
        conds.push('((m.name_initials >= ? and m.name_initials < ?) or (m.name_pinyin >= ? and m.name_pinyin < ?))');
        params.push(p, prefixEnd(p), p, prefixEnd(p));
      }
    } else {
      // Names are searched from the start (surname first): the first character's equality lets member_surname_ix
      // deliver the page in pinyin order (no sort of every 张) and count from the index; the range narrows the rest.
      conds.push('substr(m.name, 1, 1) = ? and (m.name >= ? and m.name < ?)');
      params.push(Array.from(text)[0], text, prefixEnd(text));
    }
  }
  return { where: conds.join(' and '), params, needsAssignment };
}

export function listMembers(db: StreetGridDb, q: MemberQueryT): { rows: MemberRowT[]; total: number } {
  const { where, params } = buildMemberWhere(q);
  const order = SORTS[q.sort ?? 'name'].map((c) => (q.desc ? `${c} desc` : c)).join(', ');
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const rows = db.sqlite
    .prepare(`${ROW_SELECT} where ${where} order by ${order} limit ? offset ?`)
    .all(...params, limit, offset) as RawRow[];
  const total = db.sqlite
    .prepare(`select count(*) from member m where ${where}`)
    .pluck()
    .get(...params) as number;
  return { rows: rows.map(toRow), total };
}

export function memberRow(db: StreetGridDb, id: number): MemberRowT {
  const r = db.sqlite.prepare(`${ROW_SELECT} where m.id = ? and m.deleted_at is null`).get(id) as RawRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', ERR.memberNotFound, { field: 'id' });
  return toRow(r);
}

export function listReports(db: StreetGridDb, memberId: number): MemberReportT[] {
  const rows = db.sqlite
    .prepare(
      `select r.id, r.member_id as memberId, r.community_id as communityId, c.name as communityName, r.report_date as reportDate,
              r.service_intent as serviceIntent, r.skills, r.letter_received as letterReceived, r.letter_date as letterDate,
              r.card_no as cardNo, r.created_at as createdAt
       from member_report r join community c on c.id = r.community_id
       where r.member_id = ? and r.deleted_at is null order by r.report_date desc, r.id desc`,
    )
    .all(memberId) as (Omit<MemberReportT, 'skills' | 'letterReceived'> & { skills: string; letterReceived: number })[];
  return rows.map((r) => ({ ...r, skills: JSON.parse(r.skills) as string[], letterReceived: r.letterReceived === 1 }));
}

export function getMember(db: StreetGridDb, id: number): MemberDetailT {
  return { ...memberRow(db, id), reports: listReports(db, id) };
}

export function loadMember(db: StreetGridDb, id: number): MemberRecord {
  const r = db.orm
    .select()
    .from(member)
    .where(and(eq(member.id, id), isNull(member.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', ERR.memberNotFound, { field: 'id' });
  return r;
}

function assertIdFree(db: StreetGridDb, idNumber: string, exceptId?: number): void {
  const other = db.sqlite
    .prepare('select id, name from member where id_number = ? and deleted_at is null and id != ?')
    .get(idNumber, exceptId ?? -1) as { id: number; name: string } | undefined;
  if (other) throw new AppError('CONFLICT', ERR.memberIdTaken(other.name), { field: 'idNumber' });
}

function checkLinks(
  db: StreetGridDb,
  communityId: number,
  gridId: number | null | undefined,
  unitId: number | null | undefined,
) {
  requireActiveCommunity(db, communityId);
  if (gridId !== null && gridId !== undefined) {
    const g = db.orm
      .select({ communityId: grid.communityId })
      .from(grid)
      .where(and(eq(grid.id, gridId), isNull(grid.deletedAt)))
      .get();
    if (!g) throw new AppError('NOT_FOUND', ERR.gridNotFound, { field: 'gridId' });
    if (g.communityId !== communityId) throw new AppError('VALIDATION', ERR.gridNotInCommunity, { field: 'gridId' });
  }
  if (unitId !== null && unitId !== undefined) {
    const u = db.orm
      .select({ id: unit.id })
      .from(unit)
      .where(and(eq(unit.id, unitId), isNull(unit.deletedAt)))
      .get();
    if (!u) throw new AppError('NOT_FOUND', ERR.unitNotFound, { field: 'employerUnitId' });
  }
}

/** Columns derived from what the user typed: pinyin, ID facts and tails. */
export function derivedMemberColumns(v: { name: string; idNumber: string; phone?: string | null | undefined }) {
  const keys = pinyinKeys(v.name, { person: true });
  const facts = idNumberFacts(v.idNumber);
  return {
    namePinyin: keys.full,
    nameInitials: keys.initials,
    idTail: v.idNumber.slice(-4),
    phoneTail: v.phone ? v.phone.slice(-4) : null,
    gender: facts?.gender ?? 'male',
    birthDate: facts?.birthDate ?? '',
  };
}

const nul = <T>(v: T | '' | undefined): T | null => (v === undefined || v === '' ? null : v);

export function createMember(ctx: ActionCtx, input: ParsedInput<'members.create'>): MemberRowT {
  checkLinks(ctx.db, input.communityId, input.gridId, input.employerUnitId);
  assertIdFree(ctx.db, input.idNumber);
  const d = derivedMemberColumns(input);
  const row = ctx.db.orm
    .insert(member)
    .values({
      name: input.name,
      ...d,
      ethnicity: nul(input.ethnicity),
      idNumber: input.idNumber,
      phone: nul(input.phone),
      communityId: input.communityId,
      gridId: input.gridId ?? null,
      category: input.category,
      employerUnitId: input.employerUnitId ?? null,
      employerName: nul(input.employerName),
      employerPartyOrg: nul(input.employerPartyOrg),
      skills: [...new Set(input.skills ?? [])],
      reportDate: input.reportDate ?? null,
      status: input.status ?? 'active',
      note: nul(input.note),
      createdAt: ctx.now,
      updatedAt: ctx.now,
      changeSeq: ctx.seq(),
    })
    .returning({ id: member.id })
    .get();
  const after = memberRow(ctx.db, row.id);
  ctx.audit({ action: 'create', entity: 'member', entityId: row.id, summary: `新增党员「${input.name}」`, after });
  ctx.touch('member');
  return after;
}

export function updateMember(ctx: ActionCtx, input: ParsedInput<'members.update'>): MemberRowT {
  const current = loadMember(ctx.db, input.id);
  const communityId = input.communityId ?? current.communityId;
  const gridId =
    input.gridId !== undefined ? input.gridId : communityId !== current.communityId ? null : current.gridId;
  checkLinks(ctx.db, communityId, gridId, input.employerUnitId);
  const idNumber = input.idNumber ?? current.idNumber;
  if (idNumber !== current.idNumber) assertIdFree(ctx.db, idNumber, current.id);
  const name = input.name ?? current.name;
  const phone = input.phone !== undefined ? nul(input.phone) : current.phone;
  const d = derivedMemberColumns({ name, idNumber, phone });
  const set: Partial<MemberRecord> = {
    name,
    ...d,
    idNumber,
    phone,
    communityId,
    gridId,
    updatedAt: ctx.now,
    changeSeq: ctx.seq(),
  };
  if (input.ethnicity !== undefined) set.ethnicity = nul(input.ethnicity);
  if (input.category !== undefined) set.category = input.category;
  if (input.employerUnitId !== undefined) set.employerUnitId = input.employerUnitId;
  if (input.employerName !== undefined) set.employerName = nul(input.employerName);
  if (input.employerPartyOrg !== undefined) set.employerPartyOrg = nul(input.employerPartyOrg);
  if (input.skills !== undefined) set.skills = [...new Set(input.skills)];
  if (input.reportDate !== undefined) set.reportDate = input.reportDate;
  if (input.status !== undefined) set.status = input.status;
  if (input.note !== undefined) set.note = nul(input.note);
  const before = memberRow(ctx.db, input.id);
  // A member who leaves the register (转出/去世) or moves community leaves the liaison network explicitly.
  const leaving = (set.status && set.status !== 'active') || communityId !== current.communityId;
  if (leaving && before.liaison) {
    ctx.db.sqlite
      .prepare('update liaison_assignment set end_date = ?, updated_at = ?, change_seq = ? where id = ?')
      .run(ctx.now.slice(0, 10), ctx.now, ctx.seq(), before.liaison.assignmentId);
    ctx.touch('liaison_assignment');
  }
  ctx.db.orm.update(member).set(set).where(eq(member.id, input.id)).run();
  const after = memberRow(ctx.db, input.id);
  const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (idNumber !== current.idNumber) {
    changes.before.idMasked = before.idMasked;
    changes.after.idMasked = after.idMasked;
  }
  if (Object.keys(changes.after).length > 0) {
    ctx.audit({
      action: 'update',
      entity: 'member',
      entityId: input.id,
      summary: `修改党员「${after.name}」`,
      ...changes,
    });
  }
  ctx.touch('member');
  return after;
}

export function deleteMember(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = memberRow(ctx.db, id);
  if (before.liaison) throw new AppError('CONFLICT', ERR.memberIsLiaison, { field: 'id' });
  ctx.db.orm
    .update(member)
    .set({ deletedAt: ctx.now, updatedAt: ctx.now, changeSeq: ctx.seq() })
    .where(eq(member.id, id))
    .run();
  ctx.audit({ action: 'delete', entity: 'member', entityId: id, summary: `删除党员「${before.name}」`, before });
  ctx.touch('member');
  return { deleted: true };
}

/** Shows a full ID number or phone on purpose; the reveal itself is written to the audit log. */
export function revealMember(ctx: ActionCtx, id: number, field: 'idNumber' | 'phone'): { value: string | null } {
  const m = loadMember(ctx.db, id);
  const value = field === 'idNumber' ? m.idNumber : m.phone;
  ctx.audit({
    action: 'reveal',
    entity: 'member',
    entityId: id,
    summary: `查看党员「${m.name}」的完整${field === 'idNumber' ? '身份证号' : '手机号'}`,
  });
  return { value };
}
