import { and, eq, isNull } from 'drizzle-orm';
import type { MemberRowT, ParsedInput, UnitQueryT, UnitT } from '../../shared/contract';
import type { UnitType } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { unit } from '../db/schema';
import { isPinyinQuery, pinyinKeys } from '../pinyin';
import { requireActiveCommunity } from './communities';
import { listMembers } from './members';

const UNIT_SELECT = `
  select u.id, u.name, u.uscc, u.type, u.community_id as communityId, c.name as communityName,
         u.party_org_name as partyOrgName, u.party_secretary as partySecretary, u.contact_person as contactPerson,
         u.contact_phone as contactPhone, u.is_council_member as isCouncilMember, u.resources, u.updated_at as updatedAt,
         (select count(*) from member m where m.employer_unit_id = u.id and m.deleted_at is null and m.status = 'active'
            and m.category = 'employed') as employedCount,
         (select count(*) from member m where m.employer_unit_id = u.id and m.deleted_at is null and m.status = 'active'
            and m.category = 'employed' and m.report_date is not null) as reportedCount
  from unit u left join community c on c.id = u.community_id`;

interface RawUnit extends Omit<UnitT, 'isCouncilMember' | 'resources'> {
  isCouncilMember: number;
  resources: string;
}

function toUnit(r: RawUnit): UnitT {
  return {
    ...r,
    type: r.type as UnitType,
    isCouncilMember: r.isCouncilMember === 1,
    resources: JSON.parse(r.resources) as UnitT['resources'],
  };
}

function prefixEnd(p: string): string {
  return p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
}

export function listUnits(db: StreetGridDb, q: UnitQueryT): { rows: UnitT[]; total: number } {
  const conds = ['u.deleted_at is null'];
  const params: unknown[] = [];
  if (q.type) {
    conds.push('u.type = ?');
    params.push(q.type);
  }
  if (q.communityId !== undefined) {
    conds.push('u.community_id = ?');
    params.push(q.communityId);
  }
  if (q.councilOnly) conds.push('u.is_council_member = 1');
  const text = (q.q ?? '').trim();
  if (text) {
    if (isPinyinQuery(text) && !/^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(text)) {
      const p = text.toLowerCase();
      conds.push(
        '((u.name_initials >= ? and u.name_initials < ?) or (u.name_pinyin >= ? and u.name_pinyin < ?) or instr(u.name, ?) > 0)',
      );
      params.push(p, prefixEnd(p), p, prefixEnd(p), text);
    } else {
      conds.push('(instr(u.name, ?) > 0 or u.uscc = ?)');
      params.push(text, text.toUpperCase());
    }
  }
  const where = conds.join(' and ');
  const rows = db.sqlite
    .prepare(`${UNIT_SELECT} where ${where} order by u.name_pinyin, u.id limit ? offset ?`)
    .all(...params, q.limit ?? 200, q.offset ?? 0) as RawUnit[];
  const total = db.sqlite
    .prepare(`select count(*) from unit u where ${where}`)
    .pluck()
    .get(...params) as number;
  return { rows: rows.map(toUnit), total };
}

export function unitRow(db: StreetGridDb, id: number): UnitT {
  const r = db.sqlite.prepare(`${UNIT_SELECT} where u.id = ? and u.deleted_at is null`).get(id) as RawUnit | undefined;
  if (!r) throw new AppError('NOT_FOUND', ERR.unitNotFound, { field: 'id' });
  return toUnit(r);
}

/** A unit with its members (employed, in the register) — those who reported first. */
export function getUnit(db: StreetGridDb, id: number): UnitT & { members: MemberRowT[] } {
  const u = unitRow(db, id);
  const members = listMembers(db, {
    employerUnitId: id,
    status: 'active',
    sort: 'reportDate',
    desc: true,
    limit: 1000,
  }).rows;
  return { ...u, members };
}

function assertUsccFree(db: StreetGridDb, code: string | null | undefined, exceptId?: number): void {
  if (!code) return;
  const other = db.sqlite
    .prepare('select name from unit where uscc = ? and deleted_at is null and id != ?')
    .get(code, exceptId ?? -1) as { name: string } | undefined;
  if (other) throw new AppError('CONFLICT', ERR.unitUsccTaken(other.name), { field: 'uscc' });
}

const nul = <T>(v: T | '' | undefined): T | null => (v === undefined || v === '' ? null : v);

export function createUnit(ctx: ActionCtx, input: ParsedInput<'units.create'>): UnitT {
  if (input.communityId) requireActiveCommunity(ctx.db, input.communityId);
  const code = nul(input.uscc);
  assertUsccFree(ctx.db, code);
  const keys = pinyinKeys(input.name);
  const row = ctx.db.orm
    .insert(unit)
    .values({
      name: input.name,
      namePinyin: keys.full,
      nameInitials: keys.initials,
      uscc: code,
      type: input.type,
      communityId: input.communityId ?? null,
      partyOrgName: nul(input.partyOrgName),
      partySecretary: nul(input.partySecretary),
      contactPerson: nul(input.contactPerson),
      contactPhone: nul(input.contactPhone),
      isCouncilMember: input.isCouncilMember ?? false,
      resources: input.resources ?? [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
      changeSeq: ctx.seq(),
    })
    .returning({ id: unit.id })
    .get();
  const after = unitRow(ctx.db, row.id);
  ctx.audit({ action: 'create', entity: 'unit', entityId: row.id, summary: `新增驻区单位「${input.name}」`, after });
  ctx.touch('unit');
  return after;
}

export function updateUnit(ctx: ActionCtx, input: ParsedInput<'units.update'>): UnitT {
  const before = unitRow(ctx.db, input.id);
  if (input.communityId) requireActiveCommunity(ctx.db, input.communityId);
  if (input.uscc !== undefined) assertUsccFree(ctx.db, nul(input.uscc), input.id);
  const set: Partial<typeof unit.$inferInsert> = { updatedAt: ctx.now, changeSeq: ctx.seq() };
  if (input.name !== undefined) {
    const keys = pinyinKeys(input.name);
    set.name = input.name;
    set.namePinyin = keys.full;
    set.nameInitials = keys.initials;
  }
  if (input.uscc !== undefined) set.uscc = nul(input.uscc);
  if (input.type !== undefined) set.type = input.type;
  if (input.communityId !== undefined) set.communityId = input.communityId;
  if (input.partyOrgName !== undefined) set.partyOrgName = nul(input.partyOrgName);
  if (input.partySecretary !== undefined) set.partySecretary = nul(input.partySecretary);
  if (input.contactPerson !== undefined) set.contactPerson = nul(input.contactPerson);
  if (input.contactPhone !== undefined) set.contactPhone = nul(input.contactPhone);
  if (input.isCouncilMember !== undefined) set.isCouncilMember = input.isCouncilMember;
  if (input.resources !== undefined) set.resources = input.resources;
  ctx.db.orm.update(unit).set(set).where(eq(unit.id, input.id)).run();
  const after = unitRow(ctx.db, input.id);
  const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(d.after).length > 0) {
    ctx.audit({ action: 'update', entity: 'unit', entityId: input.id, summary: `修改驻区单位「${after.name}」`, ...d });
  }
  ctx.touch('unit');
  return after;
}

export function deleteUnit(ctx: ActionCtx, id: number): { deleted: boolean } {
  const before = unitRow(ctx.db, id);
  const n = ctx.db.sqlite
    .prepare('select count(*) from member where employer_unit_id = ? and deleted_at is null')
    .pluck()
    .get(id) as number;
  if (n > 0) throw new AppError('CONFLICT', ERR.unitHasMembers(n), { field: 'id' });
  ctx.db.orm
    .update(unit)
    .set({ deletedAt: ctx.now, updatedAt: ctx.now, changeSeq: ctx.seq() })
    .where(and(eq(unit.id, id), isNull(unit.deletedAt)))
    .run();
  ctx.audit({ action: 'delete', entity: 'unit', entityId: id, summary: `删除驻区单位「${before.name}」`, before });
  ctx.touch('unit');
  return { deleted: true };
}
