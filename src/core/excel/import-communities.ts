// 社区 import: rows are matched by the 12-digit 统计代码. Existing communities are updated (only the cells filled in);
// new codes under this street's 9-digit prefix add communities.
import { contract } from '../../shared/contract';
import { COMMUNITY_KIND_LABELS, SPACE_OWNERSHIP_LABELS } from '../../shared/enums';
import { ERR, EXCEL } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { classifyVillageCode } from '../divisions';
import { asBool, asEnum, asList, asNumber, asText, Bad, type Conv } from './cells';
import { COMMUNITY_COLUMNS, type ColumnKey } from './columns';
import type { CommitResult, KindPrepare, Plan } from './import';
import { Lookups } from './lookups';
import { columnIndex, reportIssues, RowProblems } from './problems';

type K = ColumnKey<typeof COMMUNITY_COLUMNS>;
const IDX = columnIndex<K>(COMMUNITY_COLUMNS);
const POS = Object.fromEntries(COMMUNITY_COLUMNS.map((c, i) => [c.key, i])) as Record<K, number>;

const FIELDS = [
  'name',
  'officialName',
  'households',
  'population',
  'spaceArea',
  'spaceOwnership',
  'hasServiceHall',
  'functionRooms',
  'secretaryName',
  'directorName',
  'secretaryIsDirector',
  'deputySecretaryName',
  'careerStaffCount',
  'partyWorkerCount',
] as const;
const FIELD_COLUMN: Partial<Record<string, K>> = { code: 'code', kind: 'kind' };
for (const f of FIELDS) FIELD_COLUMN[f] = f;

const CREATE_INPUT = contract['communities.create'].input;
const UPDATE_INPUT = contract['communities.update'].input;

const COLS_SQL = `name, official_name, households, population, space_area, space_ownership, has_service_hall,
  function_rooms, secretary_name, director_name, secretary_is_director, deputy_secretary_name, career_staff_count,
  party_worker_count`;
const INSERT_SQL = `insert into community (code, kind, ${COLS_SQL}, created_at, updated_at, change_seq)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_STAMP = 16;
const UPDATE_SQL = `update community set ${COLS_SQL.split(',')
  .map((c) => c.trim())
  .map((c) => `${c} = coalesce(?, ${c})`)
  .join(', ')}, updated_at = ?, change_seq = ? where id = ?`;
const UPDATE_STAMP = 14;

type Values = { [F in (typeof FIELDS)[number]]?: unknown };

/** Column defaults of a new community for what a row leaves empty (NOT NULL columns). */
const INSERT_DEFAULTS: Values = { hasServiceHall: false, secretaryIsDirector: false, functionRooms: [] };

/** The 14 field values in COLS_SQL order (booleans as 0/1, lists as JSON, absent as NULL or `defaults`). */
function columnValues(v: Values, defaults: Values = {}): unknown[] {
  return FIELDS.map((f) => {
    const x = v[f] ?? defaults[f];
    if (x === undefined || x === '') return null;
    if (typeof x === 'boolean') return x ? 1 : 0;
    if (Array.isArray(x)) return JSON.stringify(x);
    return x;
  });
}

class CommunityPlan implements Plan {
  constructor(
    readonly inserts: unknown[][],
    readonly updates: unknown[][],
    readonly updatedIds: number[],
  ) {}

  commit(ctx: ActionCtx): CommitResult {
    const now = ctx.now;
    const seq = ctx.seq();
    let first: number | null = null;
    let last: number | null = null;
    if (this.inserts.length > 0) {
      const ins = ctx.db.sqlite.prepare(INSERT_SQL);
      for (const row of this.inserts) {
        row[INSERT_STAMP] = now;
        row[INSERT_STAMP + 1] = now;
        row[INSERT_STAMP + 2] = seq;
        last = Number(ins.run(row).lastInsertRowid);
        if (first === null) first = last;
      }
    }
    if (this.updates.length > 0) {
      const upd = ctx.db.sqlite.prepare(UPDATE_SQL);
      for (const row of this.updates) {
        row[UPDATE_STAMP] = now;
        row[UPDATE_STAMP + 1] = seq;
        upd.run(row);
      }
    }
    return {
      inserted: this.inserts.length,
      updated: this.updates.length,
      insertedIds: first !== null && last !== null ? [first, last] : null,
      updatedIds: this.updatedIds,
      touched: [],
    };
  }
}

export const prepareCommunities: KindPrepare = (db: StreetGridDb, table, { problems }) => {
  const street = db.sqlite.prepare('select code from street limit 1').pluck().get() as string | undefined;
  if (!street) {
    problems.add(0, EXCEL.file, ERR.notInitialized);
    return new CommunityPlan([], [], []);
  }
  const look = new Lookups(db);
  const rowsByCode = new Map<string, number[]>();
  const inserts: unknown[][] = [];
  const updates: unknown[][] = [];
  const updatedIds: number[] = [];

  for (const row of table.rows) {
    const rp = new RowProblems<K>(problems, row.rowNo, IDX);
    const cell = (k: K) => row.cells[POS[k]] ?? null;
    const val = <T>(k: K, v: Conv<T>): T | undefined => {
      if (v instanceof Bad) {
        rp.add(k, v.message);
        return undefined;
      }
      return v;
    };
    const code = val('code', asText(cell('code')));
    let existing: ReturnType<Lookups['communityByCodeOrNull']> = null;
    if (code === undefined) rp.add('code', ERR.required);
    else if (!/^\d{12}$/.test(code)) rp.add('code', ERR.communityCodeFormat);
    else {
      const seen = rowsByCode.get(code);
      if (seen) seen.push(row.rowNo);
      else rowsByCode.set(code, [row.rowNo]);
      existing = look.communityByCodeOrNull(code);
      if (existing?.retired) rp.add('code', EXCEL.communityRetired(existing.name));
      else if (!existing && !code.startsWith(street)) rp.add('code', ERR.communityCodeOutsideStreet(street));
    }
    const kind = val('kind', asEnum(cell('kind'), COMMUNITY_KIND_LABELS));
    const fields: Values = {
      name: val('name', asText(cell('name'))),
      officialName: val('officialName', asText(cell('officialName'))),
      households: val('households', asNumber(cell('households'))),
      population: val('population', asNumber(cell('population'))),
      spaceArea: val('spaceArea', asNumber(cell('spaceArea'))),
      spaceOwnership: val('spaceOwnership', asEnum(cell('spaceOwnership'), SPACE_OWNERSHIP_LABELS)),
      hasServiceHall: val('hasServiceHall', asBool(cell('hasServiceHall'))),
      functionRooms: val('functionRooms', asList(cell('functionRooms'))),
      secretaryName: val('secretaryName', asText(cell('secretaryName'))),
      directorName: val('directorName', asText(cell('directorName'))),
      secretaryIsDirector: val('secretaryIsDirector', asBool(cell('secretaryIsDirector'))),
      deputySecretaryName: val('deputySecretaryName', asText(cell('deputySecretaryName'))),
      careerStaffCount: val('careerStaffCount', asNumber(cell('careerStaffCount'))),
      partyWorkerCount: val('partyWorkerCount', asNumber(cell('partyWorkerCount'))),
    };

    if (existing) {
      const input = { id: existing.id, ...fields };
      const parsed = UPDATE_INPUT.safeParse(input);
      if (!parsed.success) {
        reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'code');
        continue;
      }
      if (rp.any || problems.count > 0) continue;
      updates.push([...columnValues(parsed.data), null, null, existing.id]);
      updatedIds.push(existing.id);
      continue;
    }

    const input = { ...fields, code: code ?? '', kind, name: fields.name ?? '' };
    const parsed = CREATE_INPUT.safeParse(input);
    if (!parsed.success) {
      reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'code');
      continue;
    }
    if (rp.any || problems.count > 0) continue;
    const v = parsed.data;
    inserts.push([
      v.code,
      v.kind ?? classifyVillageCode(v.code) ?? 'community',
      ...columnValues(v, INSERT_DEFAULTS),
      null,
      null,
      null,
    ]);
  }

  for (const rows of rowsByCode.values()) {
    if (rows.length < 2) continue;
    for (const r of rows)
      problems.add(r, IDX.code.header, EXCEL.duplicateInFile(rows.filter((x) => x !== r)), IDX.code.order);
  }
  return new CommunityPlan(inserts, updates, updatedIds);
};
