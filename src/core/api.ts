// The contract implemented: method name → handler. Reads get the DB; writes get an ActionCtx, i.e. they run as one
// transaction with their audit rows. `invoke` is the single entry point used by Electron IPC, the browser-mode
// server, the CLI and the tests: it validates input with the contract's schema and never throws.
import { contract, isMethodName, type Input, type MethodName, type Output, type ParsedInput } from '../shared/contract';
import type { TableName } from '../shared/enums';
import { AppError, fromZodError, toErrorShape, type Envelope } from '../shared/errors';
import { ERR } from '../shared/messages';
import { runAction, type ActionCtx } from './db/action';
import type { StreetGridDb } from './db/connection';
import * as divisions from './divisions';
import { getSettings, updateSettings } from './services/settings';
import { currentStreet, setupStreet, updateStreet } from './services/street';
import {
  createCommunity,
  deleteFunding,
  getCommunity,
  listCommunities,
  setRetired,
  updateCommunity,
  upsertFunding,
} from './services/communities';
import { createGrid, deleteGrid, listGrids, updateGrid } from './services/grids';
import { listAudit } from './services/audit';

export type AppMode = 'electron' | 'browser' | 'cli';

export interface Core {
  db: StreetGridDb;
  mode: AppMode;
  /** Called with the tables a successful write changed (Electron forwards it to the window as `db:changed`). */
  onChanged?: (tables: TableName[]) => void;
  /** Logs unexpected errors (never shown to the user). */
  logError?: (e: unknown, method: string) => void;
}

type Read<M extends MethodName> = { read: (core: Core, input: ParsedInput<M>) => Output<M> };
type Write<M extends MethodName> = { write: (ctx: ActionCtx, input: ParsedInput<M>) => Output<M> };
type Handler<M extends MethodName> = Read<M> | Write<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export const handlers: Handlers = {
  'app.status': {
    read: (core) => ({
      initialized: currentStreet(core.db) !== null,
      street: currentStreet(core.db),
      schemaVersion: core.db.schemaVersion,
      dbPath: core.db.file,
      divisionDataVersion: divisions.divisionDataVersion(),
      mode: core.mode,
    }),
  },
  'divisions.provinces': { read: () => divisions.listProvinces() },
  'divisions.cities': { read: (_c, i) => divisions.listCities(i.provinceCode) },
  'divisions.areas': { read: (_c, i) => divisions.listAreas(i.cityCode) },
  'divisions.streets': { read: (_c, i) => divisions.listStreets(i.areaCode) },
  'divisions.street': { read: (_c, i) => divisions.getStreet(i.code) },
  'divisions.villages': { read: (_c, i) => divisions.listVillages(i.streetCode) },

  'street.get': { read: (core) => currentStreet(core.db) },
  'street.setup': { write: (ctx, i) => setupStreet(ctx, i.streetCode) },
  'street.update': { write: (ctx, i) => updateStreet(ctx, i) },

  'communities.list': { read: (core, i) => listCommunities(core.db, i) },
  'communities.get': { read: (core, i) => getCommunity(core.db, i.id) },
  'communities.create': { write: (ctx, i) => createCommunity(ctx, i) },
  'communities.update': { write: (ctx, i) => updateCommunity(ctx, i) },
  'communities.retire': { write: (ctx, i) => setRetired(ctx, i.id, true) },
  'communities.restore': { write: (ctx, i) => setRetired(ctx, i.id, false) },

  'funding.upsert': { write: (ctx, i) => upsertFunding(ctx, i) },
  'funding.delete': { write: (ctx, i) => deleteFunding(ctx, i.communityId, i.year) },

  'grids.list': { read: (core, i) => listGrids(core.db, i.communityId) },
  'grids.create': { write: (ctx, i) => createGrid(ctx, i) },
  'grids.update': { write: (ctx, i) => updateGrid(ctx, i) },
  'grids.delete': { write: (ctx, i) => deleteGrid(ctx, i.id) },

  'settings.get': { read: (core) => getSettings(core.db) },
  'settings.update': { write: (ctx, i) => updateSettings(ctx, i) },

  'audit.list': { read: (core, i) => listAudit(core.db, i) },
};

function run<M extends MethodName>(
  core: Core,
  method: M,
  input: ParsedInput<M>,
): { data: Output<M>; changed: TableName[] } {
  const h = handlers[method] as Handler<M>;
  if ('read' in h) return { data: h.read(core, input), changed: [] };
  const operator = getSettings(core.db).operatorName;
  const r = runAction(core.db, operator, (ctx) => h.write(ctx, input));
  return { data: r.value, changed: r.changed };
}

/** Validates and runs one call. Returns an envelope; unexpected errors become a generic Chinese message. */
export function invoke(core: Core, method: unknown, rawInput: unknown): Envelope<unknown> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'VALIDATION', message: ERR.unknownMethod(String(method).slice(0, 60)) } };
  }
  try {
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: fromZodError(parsed.error).toShape() };
    const { data, changed } = run(core, method, parsed.data as ParsedInput<typeof method>);
    if (changed.length > 0) core.onChanged?.(changed);
    return changed.length > 0 ? { ok: true, data, changed } : { ok: true, data };
  } catch (e) {
    if (!(e instanceof AppError)) core.logError?.(e, method);
    else if (e.cause) core.logError?.(e.cause, method);
    return { ok: false, error: toErrorShape(e) };
  }
}

/** Typed convenience for Node callers (CLI, tests): throws the AppError instead of returning an envelope. */
export function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Output<M> {
  const r = invoke(core, method, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { ...(r.error.field ? { field: r.error.field } : {}) });
  return r.data as Output<M>;
}
