import { eq } from 'drizzle-orm';
import type { StreetT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { countRows } from '../db/action';
import { community, street } from '../db/schema';
import { getStreet, listVillages } from '../divisions';

type StreetRow = typeof street.$inferSelect;

function toStreet(r: StreetRow): StreetT {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    districtCode: r.districtCode,
    districtName: r.districtName,
    cityName: r.cityName,
    provinceName: r.provinceName,
    contactPerson: r.contactPerson,
    contactPhone: r.contactPhone,
    address: r.address,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function currentStreet(db: StreetGridDb): StreetT | null {
  const r = db.orm.select().from(street).limit(1).get();
  return r ? toStreet(r) : null;
}

export function requireStreet(db: StreetGridDb): StreetT {
  const s = currentStreet(db);
  if (!s) throw new AppError('NOT_INITIALIZED', ERR.notInitialized);
  return s;
}

/**
 * First-run set-up: the street from the official division list, and every 村(居)委会 the list places under it,
 * with its official 12-digit code and name (display name without the trailing 居委会/村委会).
 */
export function setupStreet(ctx: ActionCtx, streetCode: string): { street: StreetT; communities: number } {
  if (!/^\d{9}$/.test(streetCode)) throw new AppError('VALIDATION', ERR.streetCodeFormat, { field: 'streetCode' });
  if (currentStreet(ctx.db)) throw new AppError('ALREADY_INITIALIZED', ERR.alreadyInitialized);
  const info = getStreet(streetCode);
  if (!info) throw new AppError('VALIDATION', ERR.unknownStreet(streetCode), { field: 'streetCode' });
  const seq = ctx.seq();
  const row = ctx.db.orm
    .insert(street)
    .values({
      code: info.code,
      name: info.name,
      districtCode: info.areaCode,
      districtName: info.areaName,
      cityName: info.cityName,
      provinceName: info.provinceName,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      changeSeq: seq,
    })
    .returning()
    .get();
  const villages = listVillages(streetCode);
  const insert = ctx.db.sqlite.prepare(
    'insert into community (code, name, official_name, kind, created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const v of villages) insert.run(v.code, v.name, v.officialName, v.kind, ctx.now, ctx.now, seq);
  const result = toStreet(row);
  ctx.audit({
    action: 'setup',
    entity: 'street',
    entityId: row.id,
    summary: `设置街道「${info.provinceName}${info.cityName === '市辖区' ? '' : info.cityName}${info.areaName}${info.name}」，按官方名单建立社区（村）${villages.length} 个`,
    after: { street: result, communities: villages.map((v) => v.code) },
  });
  ctx.touch('street', 'community');
  return { street: result, communities: villages.length };
}

export function updateStreet(
  ctx: ActionCtx,
  patch: {
    contactPerson?: string | null | undefined;
    contactPhone?: string | null | undefined;
    address?: string | null | undefined;
  },
): StreetT {
  const before = requireStreet(ctx.db);
  const set: Partial<StreetRow> = { updatedAt: ctx.now, changeSeq: ctx.seq() };
  if (patch.contactPerson !== undefined) set.contactPerson = patch.contactPerson || null;
  if (patch.contactPhone !== undefined) set.contactPhone = patch.contactPhone || null;
  if (patch.address !== undefined) set.address = patch.address || null;
  const row = ctx.db.orm.update(street).set(set).where(eq(street.id, before.id)).returning().get();
  const after = toStreet(row);
  ctx.audit({
    action: 'update',
    entity: 'street',
    entityId: before.id,
    summary: `修改街道信息「${before.name}」`,
    before,
    after,
  });
  ctx.touch('street');
  return after;
}

export function communityCount(db: StreetGridDb): number {
  return countRows(db, community);
}
