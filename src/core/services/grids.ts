import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { GridT, ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ERR } from '../../shared/messages';
import { diff, type ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { grid } from '../db/schema';
import { requireActiveCommunity } from './communities';

type GridRecord = typeof grid.$inferSelect;

function toGrid(r: GridRecord): GridT {
  return {
    id: r.id,
    communityId: r.communityId,
    code: r.code,
    name: r.name,
    leaderName: r.leaderName,
    gridWorkers: r.gridWorkers,
    households: r.households,
    buildings: r.buildings,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function listGrids(db: StreetGridDb, communityId?: number): GridT[] {
  const where =
    communityId === undefined ? isNull(grid.deletedAt) : and(isNull(grid.deletedAt), eq(grid.communityId, communityId));
  return db.orm.select().from(grid).where(where).orderBy(asc(grid.code)).all().map(toGrid);
}

function load(db: StreetGridDb, id: number): GridRecord {
  const r = db.orm
    .select()
    .from(grid)
    .where(and(eq(grid.id, id), isNull(grid.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', ERR.gridNotFound, { field: 'id' });
  return r;
}

function assertCodeFree(db: StreetGridDb, code: string, exceptId?: number): void {
  const cond =
    exceptId === undefined
      ? and(eq(grid.code, code), isNull(grid.deletedAt))
      : and(eq(grid.code, code), isNull(grid.deletedAt), ne(grid.id, exceptId));
  if (db.orm.select({ id: grid.id }).from(grid).where(cond).get()) {
    throw new AppError('CONFLICT', ERR.gridCodeTaken(code), { field: 'code' });
  }
}

export function createGrid(ctx: ActionCtx, input: ParsedInput<'grids.create'>): GridT {
  const c = requireActiveCommunity(ctx.db, input.communityId);
  assertCodeFree(ctx.db, input.code);
  const row = ctx.db.orm
    .insert(grid)
    .values({
      communityId: input.communityId,
      code: input.code,
      name: input.name,
      leaderName: input.leaderName || null,
      gridWorkers: [...new Set(input.gridWorkers ?? [])],
      households: input.households ?? null,
      buildings: input.buildings || null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      changeSeq: ctx.seq(),
    })
    .returning()
    .get();
  const after = toGrid(row);
  ctx.audit({
    action: 'create',
    entity: 'grid',
    entityId: row.id,
    summary: `新增网格「${row.name}」（${c.name}）`,
    after,
  });
  ctx.touch('grid', 'community');
  return after;
}

export function updateGrid(ctx: ActionCtx, input: ParsedInput<'grids.update'>): GridT {
  const current = load(ctx.db, input.id);
  if (input.communityId !== undefined && input.communityId !== current.communityId)
    requireActiveCommunity(ctx.db, input.communityId);
  if (input.code !== undefined && input.code !== current.code) assertCodeFree(ctx.db, input.code, current.id);
  const set: Partial<GridRecord> = { updatedAt: ctx.now, changeSeq: ctx.seq() };
  if (input.communityId !== undefined) set.communityId = input.communityId;
  if (input.code !== undefined) set.code = input.code;
  if (input.name !== undefined) set.name = input.name;
  if (input.leaderName !== undefined) set.leaderName = input.leaderName || null;
  if (input.gridWorkers !== undefined) set.gridWorkers = [...new Set(input.gridWorkers)];
  if (input.households !== undefined) set.households = input.households;
  if (input.buildings !== undefined) set.buildings = input.buildings || null;
  const row = ctx.db.orm.update(grid).set(set).where(eq(grid.id, input.id)).returning().get();
  const before = toGrid(current);
  const after = toGrid(row);
  const d = diff(before, after);
  if (Object.keys(d.after).length > 0) {
    ctx.audit({
      action: 'update',
      entity: 'grid',
      entityId: row.id,
      summary: `修改网格「${row.name}」`,
      before: d.before,
      after: d.after,
    });
  }
  ctx.touch('grid', 'community');
  return after;
}

/** Soft delete: the row stays as a tombstone (for the district's incremental packages) and leaves every list. */
export function deleteGrid(ctx: ActionCtx, id: number): { deleted: boolean } {
  const current = load(ctx.db, id);
  ctx.db.orm
    .update(grid)
    .set({ deletedAt: ctx.now, updatedAt: ctx.now, changeSeq: ctx.seq() })
    .where(eq(grid.id, id))
    .run();
  ctx.audit({
    action: 'delete',
    entity: 'grid',
    entityId: id,
    summary: `删除网格「${current.name}」`,
    before: toGrid(current),
  });
  ctx.touch('grid', 'community');
  return { deleted: true };
}
