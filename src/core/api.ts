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
import { createMember, deleteMember, getMember, listMembers, revealMember, updateMember } from './services/members';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from './services/units';
import {
  assignMember,
  createGroup,
  createStation,
  deleteGroup,
  deleteStation,
  networkTree,
  unassignMember,
  updateGroup,
  updateStation,
} from './services/network';
import { createReport } from './services/reports';
import { listReports } from './services/members';
import { registrationCard } from './documents/registration-card';
import { registrationCardPdf } from './documents/pdf';
import { excelExport, excelTemplate, prepareImport, writeImport } from './excel';
import { seedDemo } from './demo/seed';
import {
  createAgreement,
  createCommitment,
  deleteAgreement,
  deleteCommitment,
  getAgreement,
  listAgreements,
  updateAgreement,
  updateCommitment,
} from './services/agreements';
import {
  approveClaim,
  createClaim,
  createPost,
  deletePost,
  getPost,
  listPosts,
  rejectClaim,
  suggestMembers,
  updatePost,
  withdrawClaim,
} from './services/posts';
import {
  addTeamMembers,
  createTeam,
  deleteTeam,
  getTeam,
  listTeams,
  removeTeamMember,
  updateTeam,
} from './services/teams';
import { agreementDocument, agreementPdf } from './documents/agreement';
import {
  addParticipants,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  memberActivities,
  removeParticipant,
  updateActivity,
  updateParticipant,
} from './services/activities';
import { listEvaluations, saveEvaluations } from './services/evaluations';
import { participationTable, unitParticipation } from './services/participation';
import { participationTableDocument, participationTablePdf } from './documents/participation-table';
import { feedbackBatchPdf, feedbackDocument, feedbackUnits } from './documents/feedback';
import { exportParticipation } from './excel/participation';
import {
  commitExport as commitMinutesExport,
  generateMinutes,
  getMinutes,
  prepareExport as prepareMinutesExport,
  renderMinutesDoc,
  saveDraft as saveMinutesDraft,
  storePrinted as storePrintedMinutes,
  versionFile as minutesVersionFile,
} from './services/minutes';
import {
  createBody,
  createDefaultBodies,
  deleteBody,
  getBody,
  listBodies,
  setBodyMembers,
  updateBody,
} from './services/meeting-bodies';
import {
  addDecisionNote,
  complianceGrid,
  createMeeting,
  decisionBoard,
  deleteMeeting,
  getMeeting,
  listMeetings,
  updateMeeting,
} from './services/meetings';
import { dashboard } from './services/stats';
import { statTable } from './services/stat-tables';
import { scorecard } from './services/scorecard';
import { statTableDocument, statTablePdf } from './documents/stats-table';
import { scorecardDocument, scorecardPdf } from './documents/stats-scorecard';
import { exportScorecard, exportStatTable } from './excel/stats-table';
import { exportDashboard } from './excel/dashboard';
import { exchangeHandlers } from './exchange/handlers';
import { backupHandlers } from './backup/handlers';

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
/** Reads that wait on something outside SQLite (Chromium for PDFs, zip/xlsx streams). */
type AsyncRead<M extends MethodName> = { readAsync: (core: Core, input: ParsedInput<M>) => Promise<Output<M>> };
/**
 * Writes whose input needs async preparation (parsing a workbook): `prepare` runs first, outside any transaction;
 * `commit` then runs as one synchronous transaction with what it prepared.
 */
type PreparedWrite<M extends MethodName> = {
  prepare: (core: Core, input: ParsedInput<M>) => Promise<unknown>;
  commit: (ctx: ActionCtx, input: ParsedInput<M>, prepared: unknown) => Output<M>;
};
type Handler<M extends MethodName> = Read<M> | Write<M> | AsyncRead<M> | PreparedWrite<M>;
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

  'members.list': { read: (core, i) => listMembers(core.db, i) },
  'members.get': { read: (core, i) => getMember(core.db, i.id) },
  'members.create': { write: (ctx, i) => createMember(ctx, i) },
  'members.update': { write: (ctx, i) => updateMember(ctx, i) },
  'members.delete': { write: (ctx, i) => deleteMember(ctx, i.id) },
  'members.reveal': { write: (ctx, i) => revealMember(ctx, i.id, i.field) },

  'units.list': { read: (core, i) => listUnits(core.db, i) },
  'units.get': { read: (core, i) => getUnit(core.db, i.id) },
  'units.create': { write: (ctx, i) => createUnit(ctx, i) },
  'units.update': { write: (ctx, i) => updateUnit(ctx, i) },
  'units.delete': { write: (ctx, i) => deleteUnit(ctx, i.id) },

  'network.tree': { read: (core, i) => networkTree(core.db, i.communityId) },
  'network.createStation': { write: (ctx, i) => createStation(ctx, i) },
  'network.updateStation': { write: (ctx, i) => updateStation(ctx, i) },
  'network.deleteStation': { write: (ctx, i) => deleteStation(ctx, i.id) },
  'network.createGroup': { write: (ctx, i) => createGroup(ctx, i) },
  'network.updateGroup': { write: (ctx, i) => updateGroup(ctx, i) },
  'network.deleteGroup': { write: (ctx, i) => deleteGroup(ctx, i.id) },
  'network.assign': { write: (ctx, i) => assignMember(ctx, i) },
  'network.unassign': { write: (ctx, i) => unassignMember(ctx, i) },

  'reports.create': { write: (ctx, i) => createReport(ctx, i) },
  'reports.list': { read: (core, i) => listReports(core.db, i.memberId) },
  'documents.registrationCard': { read: (core, i) => registrationCard(core.db, i.reportId, i.paper ?? 'A4') },
  'documents.registrationCardPdf': {
    readAsync: (core, i) => registrationCardPdf(core.db, i.reportId, i.paper ?? 'A4'),
  },

  'excel.template': { readAsync: (_core, i) => excelTemplate(i.kind) },
  'excel.export': { readAsync: (core, i) => excelExport(core.db, i) },
  'excel.import': {
    prepare: (core, i) => prepareImport(core.db, i),
    commit: (ctx, i, prepared) => writeImport(ctx, i, prepared),
  },

  'demo.seed': { write: (ctx, i) => seedDemo(ctx, { members: i.members ?? 2000 }) },

  'settings.get': { read: (core) => getSettings(core.db) },
  'settings.update': { write: (ctx, i) => updateSettings(ctx, i) },

  'audit.list': { read: (core, i) => listAudit(core.db, i) },

  'agreements.list': { read: (core, i) => listAgreements(core.db, i) },
  'agreements.get': { read: (core, i) => getAgreement(core.db, i.id) },
  'agreements.create': { write: (ctx, i) => createAgreement(ctx, i) },
  'agreements.update': { write: (ctx, i) => updateAgreement(ctx, i) },
  'agreements.delete': { write: (ctx, i) => deleteAgreement(ctx, i.id) },
  'commitments.create': { write: (ctx, i) => createCommitment(ctx, i) },
  'commitments.update': { write: (ctx, i) => updateCommitment(ctx, i) },
  'commitments.delete': { write: (ctx, i) => deleteCommitment(ctx, i.id) },

  'posts.list': { read: (core, i) => listPosts(core.db, i) },
  'posts.get': { read: (core, i) => getPost(core.db, i.id) },
  'posts.create': { write: (ctx, i) => createPost(ctx, i) },
  'posts.update': { write: (ctx, i) => updatePost(ctx, i) },
  'posts.delete': { write: (ctx, i) => deletePost(ctx, i.id) },
  'posts.suggest': { read: (core, i) => suggestMembers(core.db, i.postId, i.limit ?? 50) },
  'claims.create': { write: (ctx, i) => createClaim(ctx, i) },
  'claims.approve': { write: (ctx, i) => approveClaim(ctx, i) },
  'claims.reject': { write: (ctx, i) => rejectClaim(ctx, i) },
  'claims.withdraw': { write: (ctx, i) => withdrawClaim(ctx, i) },

  'teams.list': { read: (core, i) => listTeams(core.db, i) },
  'teams.get': { read: (core, i) => getTeam(core.db, i.id) },
  'teams.create': { write: (ctx, i) => createTeam(ctx, i) },
  'teams.update': { write: (ctx, i) => updateTeam(ctx, i) },
  'teams.delete': { write: (ctx, i) => deleteTeam(ctx, i.id) },
  'teams.addMembers': { write: (ctx, i) => addTeamMembers(ctx, i) },
  'teams.removeMember': { write: (ctx, i) => removeTeamMember(ctx, i) },

  'documents.agreement': { read: (core, i) => agreementDocument(core.db, i.id) },
  'documents.agreementPdf': { readAsync: (core, i) => agreementPdf(core.db, i.id) },

  // ---- 共建协议 / 服务岗位 / 志愿服务队 (cobuild handlers: insert above this line) ----

  'activities.list': { read: (core, i) => listActivities(core.db, i) },
  'activities.get': { read: (core, i) => getActivity(core.db, i.id) },
  'activities.create': { write: (ctx, i) => createActivity(ctx, i) },
  'activities.update': { write: (ctx, i) => updateActivity(ctx, i) },
  'activities.delete': { write: (ctx, i) => deleteActivity(ctx, i.id) },
  'activities.addParticipants': { write: (ctx, i) => addParticipants(ctx, i) },
  'activities.updateParticipant': { write: (ctx, i) => updateParticipant(ctx, i) },
  'activities.removeParticipant': { write: (ctx, i) => removeParticipant(ctx, i.id) },
  'members.activities': { read: (core, i) => memberActivities(core.db, i.memberId, i.period) },
  'units.participation': { read: (core, i) => unitParticipation(core.db, i.unitId, i.period) },
  'evaluations.list': { read: (core, i) => listEvaluations(core.db, i.communityId, i.period) },
  'evaluations.save': { write: (ctx, i) => saveEvaluations(ctx, i) },
  'reports.participation': { read: (core, i) => participationTable(core.db, i.communityId, i.period) },
  'documents.participationTable': { read: (core, i) => participationTableDocument(core.db, i.communityId, i.period) },
  'documents.participationTablePdf': {
    readAsync: (core, i) => participationTablePdf(core.db, i.communityId, i.period),
  },
  'excel.exportParticipation': { readAsync: (core, i) => exportParticipation(core.db, i) },
  'documents.feedback': { read: (core, i) => feedbackDocument(core.db, i.memberId, i.period) },
  'documents.feedbackUnits': { read: (core, i) => feedbackUnits(core.db, i.period) },
  'documents.feedbackBatchPdf': { readAsync: (core, i) => feedbackBatchPdf(core.db, i.period, i.unitId) },

  // ---- 服务活动 / 评价 / 统计表 / 反馈表 (activity handlers: insert above this line) ----

  'meetingBodies.list': { read: (core, i) => listBodies(core.db, i) },
  'meetingBodies.get': { read: (core, i) => getBody(core.db, i.id) },
  'meetingBodies.create': { write: (ctx, i) => createBody(ctx, i) },
  'meetingBodies.update': { write: (ctx, i) => updateBody(ctx, i) },
  'meetingBodies.delete': { write: (ctx, i) => deleteBody(ctx, i.id) },
  'meetingBodies.setMembers': { write: (ctx, i) => setBodyMembers(ctx, i) },
  'meetingBodies.createDefaults': { write: (ctx) => ({ created: createDefaultBodies(ctx).created }) },
  'meetings.list': { read: (core, i) => listMeetings(core.db, i) },
  'meetings.get': { read: (core, i) => getMeeting(core.db, i.id) },
  'meetings.create': { write: (ctx, i) => createMeeting(ctx, i) },
  'meetings.update': { write: (ctx, i) => updateMeeting(ctx, i) },
  'meetings.delete': { write: (ctx, i) => deleteMeeting(ctx, i.id) },
  'meetings.compliance': { read: (core, i) => complianceGrid(core.db, i.year) },
  'decisions.board': { read: (core, i) => decisionBoard(core.db, i) },
  'decisions.addNote': { write: (ctx, i) => addDecisionNote(ctx, i) },

  // ---- 协调议事会议 / 议定事项 (meeting handlers: insert above this line) ----

  'minutes.get': { read: (core, i) => getMinutes(core.db, i.meetingId) },
  'minutes.generate': { read: (core, i) => generateMinutes(core.db, i.meetingId) },
  'minutes.saveDraft': { write: (ctx, i) => saveMinutesDraft(ctx, i.meetingId, i.content) },
  'minutes.render': { read: (core, i) => renderMinutesDoc(core.db, i) },
  'minutes.export': {
    prepare: (core, i) => prepareMinutesExport(core.db, i),
    commit: (ctx, i, prepared) => commitMinutesExport(ctx, i.meetingId, prepared),
  },
  'minutes.markPrinted': { write: (ctx, i) => storePrintedMinutes(ctx, i.meetingId, i.content, 'print') },
  'minutes.versionFile': { readAsync: (core, i) => minutesVersionFile(core.db, i.versionId, i.format) },
  // ---- 会议纪要 (minutes handlers: insert above this line) ----

  'stats.dashboard': { read: (core, i) => dashboard(core.db, i) },
  'excel.exportDashboard': { readAsync: (core, i) => exportDashboard(core.db, i) },
  'stats.table': { read: (core, i) => statTable(core.db, i) },
  'stats.scorecard': { read: (core, i) => scorecard(core.db, i) },
  'documents.statsTable': { read: (core, i) => statTableDocument(core.db, i) },
  'documents.statsTablePdf': { readAsync: (core, i) => statTablePdf(core.db, i) },
  'excel.exportStatsTable': { readAsync: (core, i) => exportStatTable(core.db, i) },
  'documents.scorecard': { read: (core, i) => scorecardDocument(core.db, i) },
  'documents.scorecardPdf': { readAsync: (core, i) => scorecardPdf(core.db, i) },
  'excel.exportScorecard': { readAsync: (core, i) => exportScorecard(core.db, i) },
  // ---- 统计 / 目标考评 (stats handlers: insert above this line) ----

  ...exchangeHandlers,
  // ---- 数据交换包 / 区级汇总 (exchange handlers: insert above this line) ----

  ...backupHandlers,
  // ---- 备份与恢复 / 操作日志 (backup handlers: insert above this line) ----
};

type Ran<M extends MethodName> = { data: Output<M>; changed: TableName[] };

function write<M extends MethodName>(core: Core, fn: (ctx: ActionCtx) => Output<M>): Ran<M> {
  const operator = getSettings(core.db).operatorName;
  const r = runAction(core.db, operator, fn);
  return { data: r.value, changed: r.changed };
}

function runSync<M extends MethodName>(core: Core, method: M, input: ParsedInput<M>): Ran<M> {
  const h = handlers[method] as Handler<M>;
  if ('read' in h) return { data: h.read(core, input), changed: [] };
  if ('write' in h) return write(core, (ctx) => h.write(ctx, input));
  throw new Error(`${method} is asynchronous: use invokeAsync`);
}

async function runAsync<M extends MethodName>(core: Core, method: M, input: ParsedInput<M>): Promise<Ran<M>> {
  const h = handlers[method] as Handler<M>;
  if ('readAsync' in h) return { data: await h.readAsync(core, input), changed: [] };
  if ('prepare' in h) {
    const prepared = await h.prepare(core, input);
    return write(core, (ctx) => h.commit(ctx, input, prepared));
  }
  return runSync(core, method, input);
}

type Parsed = { method: MethodName; input: unknown };

/** A caller's method value for messages: String() itself throws on objects like { toString: '' } (found by fuzzing). */
function methodLabel(method: unknown): string {
  return typeof method === 'string' ? method.slice(0, 60) : `<${typeof method}>`;
}

function parse(method: unknown, rawInput: unknown): Parsed | Envelope<never> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'VALIDATION', message: ERR.unknownMethod(methodLabel(method)) } };
  }
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: fromZodError(parsed.error, method).toShape() };
  return { method, input: parsed.data };
}

function done(core: Core, r: Ran<MethodName>): Envelope<unknown> {
  if (r.changed.length > 0) core.onChanged?.(r.changed);
  return r.changed.length > 0 ? { ok: true, data: r.data, changed: r.changed } : { ok: true, data: r.data };
}

function failed(core: Core, method: unknown, e: unknown): Envelope<never> {
  if (!(e instanceof AppError)) core.logError?.(e, methodLabel(method));
  else if (e.cause) core.logError?.(e.cause, methodLabel(method));
  return { ok: false, error: toErrorShape(e) };
}

/** Validates and runs one synchronous call (everything but PDF and Excel work). Never throws. */
export function invoke(core: Core, method: unknown, rawInput: unknown): Envelope<unknown> {
  try {
    const p = parse(method, rawInput);
    if ('ok' in p) return p;
    return done(core, runSync(core, p.method, p.input as never));
  } catch (e) {
    return failed(core, method, e);
  }
}

/** Validates and runs any call; what Electron IPC and the browser-mode server use. Never rejects. */
export async function invokeAsync(core: Core, method: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
  try {
    const p = parse(method, rawInput);
    if ('ok' in p) return p;
    return done(core, await runAsync(core, p.method, p.input as never));
  } catch (e) {
    return failed(core, method, e);
  }
}

/** Typed async convenience for Node callers (CLI, tests): throws the AppError instead of returning an envelope. */
export async function callAsync<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await invokeAsync(core, method, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { ...(r.error.field ? { field: r.error.field } : {}) });
  return r.data as Output<M>;
}

/** Typed convenience for Node callers (CLI, tests): throws the AppError instead of returning an envelope. */
export function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Output<M> {
  const r = invoke(core, method, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { ...(r.error.field ? { field: r.error.field } : {}) });
  return r.data as Output<M>;
}
