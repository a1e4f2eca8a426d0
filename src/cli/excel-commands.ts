// `streetgrid import | export | template | list`: Excel in and out of a database, and records as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { invokeAsync, type Core } from '../core/api';
import { openDatabase, type StreetGridDb } from '../core/db/connection';
import { buildExport, excelTemplate } from '../core/excel';
import { listCommunities } from '../core/services/communities';
import { listGrids } from '../core/services/grids';
import { listMembers } from '../core/services/members';
import { listUnits } from '../core/services/units';
import { listActivities } from '../core/services/activities';
import { contract, EXCEL_KINDS, type ExcelKind, type ImportResultT } from '../shared/contract';
import { AppError, fromZodError } from '../shared/errors';
import { CLI, EXCEL } from '../shared/messages';
import { ACTIVITY } from '../shared/messages';
import { exportParticipation } from '../core/excel/participation';
import { isCobuildListKind, listCobuild } from './cobuild-list';
import { isMeetingListKind, listMeetingRecords } from './meeting-list';

/** Makes the CLI's usage error (main.ts prints the usage with it and exits 2). */
export type UsageErrorFactory = (message: string) => Error;

function out(s: string): void {
  process.stdout.write(s + '\n');
}

function err(s: string): void {
  process.stderr.write(s + '\n');
}

function need(usage: UsageErrorFactory, v: string | undefined, name: string): string {
  if (!v) throw usage(CLI.missingOption(name));
  return v;
}

function kindOf(usage: UsageErrorFactory, v: string | undefined): ExcelKind {
  const k = need(usage, v, 'kind');
  if (!(EXCEL_KINDS as readonly string[]).includes(k)) throw usage(EXCEL.cliUnknownKind(k));
  return k as ExcelKind;
}

function onePath(usage: UsageErrorFactory, positionals: string[]): string {
  const [p] = positionals;
  if (!p || positionals.length > 1) throw usage(EXCEL.cliNeedFile);
  return p;
}

function openExisting(file: string): StreetGridDb {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(file)));
  return openDatabase({ file });
}

function writeFile(file: string, base64: string): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
}

/** Prints the import result: a summary (exit 0) or one line per problem (exit 1). */
function report(kind: ExcelKind, r: ImportResultT): number {
  const label = EXCEL.kindLabel[kind];
  if (r.ok) {
    out(EXCEL.cliImported(label, EXCEL.countUnit[kind], r.total, r.inserted, r.updated));
    return 0;
  }
  err(EXCEL.cliImportFailed(r.problems.length));
  for (const p of r.problems) err(EXCEL.cliProblem(p.row, p.column, p.message));
  return 1;
}

export async function cmdImport(args: string[], usage: UsageErrorFactory): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, kind: { type: 'string' }, 'update-existing': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const dbFile = need(usage, values.db, 'db');
  const kind = kindOf(usage, values.kind);
  const file = onePath(usage, positionals);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', EXCEL.cliFileMissing(path.resolve(file)));
  const base64 = fs.readFileSync(file).toString('base64');
  const db = openExisting(dbFile);
  try {
    const core: Core = { db, mode: 'cli', logError: (e) => console.error(e) };
    const r = await invokeAsync(core, 'excel.import', {
      kind,
      base64,
      updateExisting: values['update-existing'] === true,
    });
    if (!r.ok) throw new AppError(r.error.code, r.error.message);
    return report(kind, r.data as ImportResultT);
  } finally {
    db.close();
  }
}

function communityIdByCode(db: StreetGridDb, code: string): number {
  const c = listCommunities(db, { includeRetired: true }).find((x) => x.code === code.trim());
  if (!c) throw new AppError('NOT_FOUND', EXCEL.cliCommunityMissing(code));
  return c.id;
}

/** `export --kind participation --period 2026Q4 [--community CODE] OUT.xlsx`: the 参加社区活动情况统计表. */
async function exportParticipationCmd(
  usage: UsageErrorFactory,
  dbFile: string,
  values: { period?: string | undefined; community?: string | undefined },
  positionals: string[],
): Promise<number> {
  if (!values.period) throw usage(ACTIVITY.cli.needPeriod);
  const file = onePath(usage, positionals);
  const db = openExisting(dbFile);
  try {
    const communityId = values.community ? communityIdByCode(db, values.community) : undefined;
    const input = contract['excel.exportParticipation'].input.safeParse(
      communityId === undefined ? { period: values.period } : { period: values.period, communityId },
    );
    if (!input.success) throw fromZodError(input.error);
    const r = await exportParticipation(db, input.data);
    writeFile(file, r.base64);
    out(ACTIVITY.cli.participationDone(path.resolve(file)));
    return 0;
  } finally {
    db.close();
  }
}

export async function cmdExport(args: string[], usage: UsageErrorFactory): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      kind: { type: 'string' },
      community: { type: 'string' },
      period: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const dbFile = need(usage, values.db, 'db');
  if (values.kind === 'participation') return exportParticipationCmd(usage, dbFile, values, positionals);
  const kind = kindOf(usage, values.kind);
  const file = onePath(usage, positionals);
  const db = openExisting(dbFile);
  try {
    const communityId = values.community ? communityIdByCode(db, values.community) : undefined;
    const input = contract['excel.export'].input.safeParse(
      communityId === undefined ? { kind } : { kind, communityId },
    );
    if (!input.success) throw fromZodError(input.error);
    const r = await buildExport(db, input.data);
    writeFile(file, r.file.base64);
    out(EXCEL.cliExported(EXCEL.kindLabel[kind], path.resolve(file)));
    return 0;
  } finally {
    db.close();
  }
}

export async function cmdTemplate(args: string[], usage: UsageErrorFactory): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { kind: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const kind = kindOf(usage, values.kind);
  const file = onePath(usage, positionals);
  const t = await excelTemplate(kind);
  writeFile(file, t.base64);
  out(EXCEL.cliTemplate(EXCEL.kindLabel[kind], path.resolve(file)));
  return 0;
}

/** The same row shapes as the list methods (members masked: idMasked / phoneMasked). */
function records(db: StreetGridDb, kind: ExcelKind, limit: number | undefined): unknown[] {
  // SQLite: a negative LIMIT means no limit.
  const n = limit ?? -1;
  switch (kind) {
    case 'members':
      return listMembers(db, { offset: 0, limit: n }).rows;
    case 'units':
      return listUnits(db, { offset: 0, limit: n }).rows;
    case 'communities': {
      const rows = listCommunities(db, { includeRetired: false });
      return limit === undefined ? rows : rows.slice(0, limit);
    }
    case 'grids': {
      const rows = listGrids(db);
      return limit === undefined ? rows : rows.slice(0, limit);
    }
    case 'activities':
      // 服务活动 as activities.list returns them (newest first, participant counts and hours).
      return listActivities(db, { offset: 0, limit: n }).rows;
  }
}

function line(kind: ExcelKind, r: unknown): string {
  const o = r as Record<string, unknown>;
  const f = (k: string) => (o[k] === null || o[k] === undefined ? '' : String(o[k]));
  switch (kind) {
    case 'members':
      return [f('name'), f('idMasked'), f('phoneMasked'), f('communityName'), f('gridName'), f('category')].join('\t');
    case 'units':
      return [f('name'), f('uscc'), f('type'), f('communityName')].join('\t');
    case 'communities':
      return [f('code'), f('name'), f('kind'), f('gridCount')].join('\t');
    case 'grids':
      return [f('code'), f('name'), f('communityId'), f('leaderName')].join('\t');
    case 'activities':
      return [f('date'), f('title'), f('communityName'), f('category'), f('participantCount'), f('totalHours')].join(
        '\t',
      );
  }
}

export function cmdList(args: string[], usage: UsageErrorFactory): number {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } },
    strict: true,
  });
  const dbFile = need(usage, values.db, 'db');
  // 共建协议 / 服务岗位 / 志愿服务队: src/cli/cobuild-list.ts
  if (isCobuildListKind(values.kind)) return listCobuild(dbFile, values.kind, values, usage);
  // 协调议事会议 / 议定事项: src/cli/meeting-list.ts
  if (isMeetingListKind(values.kind)) return listMeetingRecords(dbFile, values.kind, values, usage);
  const kind = kindOf(usage, values.kind);
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw usage(EXCEL.cliLimit);
  }
  const db = openExisting(dbFile);
  try {
    const rows = records(db, kind, limit);
    if (values.json) out(JSON.stringify(rows, null, 2));
    else for (const r of rows) out(line(kind, r));
    return 0;
  } finally {
    db.close();
  }
}
