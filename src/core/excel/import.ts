// Excel import, in two phases (see src/core/api.ts):
//   prepareImport — async, outside any transaction: stream-read the workbook, check every row against the contract's
//                   field schemas and the database, compute every value to write (pinyin, tails, JSON…);
//   writeImport   — synchronous, inside the action's one transaction: prepared-statement inserts/updates, one audit
//                   row. Any problem found by prepare ⇒ nothing is written and every problem is returned.
import type { ExcelKind, ImportProblemT, ImportResultT, ParsedInput } from '../../shared/contract';
import type { TableName } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import { ERR, EXCEL } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { COLUMNS } from './columns';
import { prepareActivities } from './import-activities';
import { prepareCommunities } from './import-communities';
import { prepareGrids } from './import-grids';
import { prepareMembers } from './import-members';
import { prepareUnits } from './import-units';
import { backupBefore } from '../backup';
import { changeStamp } from './lookups';
import { Problems } from './problems';
import { readSheet } from './reader';
import { mapTable, type Table } from './table';

export interface CommitResult {
  inserted: number;
  updated: number;
  /** First and last id inserted (ids of one import are consecutive). */
  insertedIds: [number, number] | null;
  updatedIds: number[];
  /** Tables written besides the kind's own table. */
  touched: TableName[];
  /** The audit row's summary, when the generic "导入… （新增 n，更新 m）" does not say enough. */
  summary?: string;
  /** More facts for the audit row's `after`. */
  detail?: Record<string, unknown>;
}

/** Everything commit needs, computed by prepare: commit only binds and runs prepared statements. */
export interface Plan {
  commit(ctx: ActionCtx): CommitResult;
}

export interface PrepareOptions {
  updateExisting: boolean;
  problems: Problems;
}

export type KindPrepare = (db: StreetGridDb, table: Table, opts: PrepareOptions) => Plan;

const PREPARE: Record<ExcelKind, KindPrepare> = {
  members: prepareMembers,
  units: prepareUnits,
  communities: prepareCommunities,
  grids: prepareGrids,
  activities: prepareActivities,
};

const ENTITY: Record<ExcelKind, TableName> = {
  members: 'member',
  units: 'unit',
  communities: 'community',
  grids: 'grid',
  activities: 'activity',
};

/** What prepareImport hands to writeImport (opaque to api.ts). */
export class PreparedImport {
  constructor(
    readonly kind: ExcelKind,
    readonly total: number,
    readonly problems: ImportProblemT[],
    readonly plan: Plan | null,
    readonly stamp: number,
  ) {}
}

function failed(kind: ExcelKind, total: number, problems: ImportProblemT[], stamp = 0): PreparedImport {
  return new PreparedImport(kind, total, problems, null, stamp);
}

export async function prepareImport(db: StreetGridDb, input: ParsedInput<'excel.import'>): Promise<PreparedImport> {
  const { kind } = input;
  const buf = Buffer.from(input.base64, 'base64');
  const read = await readSheet(buf);
  if (!read.ok) return failed(kind, 0, [{ row: 0, column: EXCEL.file, message: read.message }]);
  const problems = new Problems();
  const table = mapTable(read.sheet, COLUMNS[kind], problems, input.updateExisting === true);
  const total = read.sheet.rows.length;
  if (!table) return failed(kind, total, problems.list());
  if (total === 0) {
    problems.add(0, EXCEL.file, EXCEL.noRows);
    return failed(kind, 0, problems.list());
  }
  // Everything below is synchronous: the stamp taken here is what the database looked like for every check.
  const stamp = changeStamp(db);
  const plan = PREPARE[kind](db, table, { updateExisting: input.updateExisting === true, problems });
  if (problems.count > 0) return failed(kind, total, problems.list(), stamp);
  await backupBefore(db, 'import'); // issue 8: a verified 导入前 backup, or the import does not run
  return new PreparedImport(kind, total, [], plan, stamp);
}

export function writeImport(ctx: ActionCtx, input: ParsedInput<'excel.import'>, prepared: unknown): ImportResultT {
  if (!(prepared instanceof PreparedImport) || prepared.kind !== input.kind)
    throw new AppError('INTERNAL', ERR.internal);
  const { kind, total } = prepared;
  const failure = (problems: ImportProblemT[]): ImportResultT => ({
    ok: false,
    total,
    inserted: 0,
    updated: 0,
    problems,
  });
  if (!prepared.plan) return failure(prepared.problems);
  if (changeStamp(ctx.db) !== prepared.stamp) {
    return failure([{ row: 0, column: EXCEL.file, message: EXCEL.changedMeanwhile }]);
  }
  const r = prepared.plan.commit(ctx);
  const label = EXCEL.kindLabel[kind];
  ctx.audit({
    action: 'import',
    entity: ENTITY[kind],
    entityId: null,
    summary: r.summary ?? EXCEL.audit(label, EXCEL.countUnit[kind], total, r.inserted, r.updated),
    after: {
      ...r.detail,
      fileRows: total,
      inserted: r.inserted,
      updated: r.updated,
      insertedIds: r.insertedIds ? { first: r.insertedIds[0], last: r.insertedIds[1] } : null,
      updatedIds: r.updatedIds.slice(0, 1000),
    },
  });
  ctx.touch(ENTITY[kind], ...r.touched);
  return { ok: true, total, inserted: r.inserted, updated: r.updated, problems: [] };
}
