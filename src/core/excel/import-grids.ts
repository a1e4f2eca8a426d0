// 网格 import: rows are matched by 网格编码 (unique among the street's live grids); an existing code is refused, or
// updated with `updateExisting`.
import { contract } from '../../shared/contract';
import { ERR, EXCEL } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { asList, asNumber, asText, Bad, type Conv } from './cells';
import { GRID_COLUMNS, type ColumnKey } from './columns';
import type { CommitResult, KindPrepare, Plan } from './import';
import { Lookups } from './lookups';
import { columnIndex, reportIssues, RowProblems } from './problems';

type K = ColumnKey<typeof GRID_COLUMNS>;
const IDX = columnIndex<K>(GRID_COLUMNS);
const POS = Object.fromEntries(GRID_COLUMNS.map((c, i) => [c.key, i])) as Record<K, number>;

const FIELD_COLUMN: Partial<Record<string, K>> = {
  communityId: 'community',
  code: 'code',
  name: 'name',
  leaderName: 'leaderName',
  gridWorkers: 'gridWorkers',
  households: 'households',
  buildings: 'buildings',
};

const CREATE_INPUT = contract['grids.create'].input;
const UPDATE_INPUT = contract['grids.update'].input;

const INSERT_SQL = `insert into grid (community_id, code, name, leader_name, grid_workers, households, buildings,
  created_at, updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_STAMP = 7;
const UPDATE_SQL = `update grid set community_id = coalesce(?, community_id), name = coalesce(?, name),
  leader_name = coalesce(?, leader_name), grid_workers = coalesce(?, grid_workers), households = coalesce(?, households),
  buildings = coalesce(?, buildings), updated_at = ?, change_seq = ? where id = ?`;
const UPDATE_STAMP = 6;

class GridPlan implements Plan {
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
      touched: ['community'],
    };
  }
}

export const prepareGrids: KindPrepare = (db: StreetGridDb, table, { updateExisting, problems }) => {
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
    let communityId: number | undefined;
    const communityText = val('community', asText(cell('community')));
    if (communityText !== undefined) {
      const c = look.community(communityText);
      if (c instanceof Bad) rp.add('community', c.message);
      else communityId = c.id;
    }
    const code = val('code', asText(cell('code')));
    let found: ReturnType<Lookups['gridByCode']> = null;
    if (code !== undefined) {
      const seen = rowsByCode.get(code);
      if (seen) seen.push(row.rowNo);
      else rowsByCode.set(code, [row.rowNo]);
      found = look.gridByCode(code);
      if (found && !updateExisting) rp.add('code', EXCEL.gridCodeTaken(code, look.communityName(found.communityId)));
    }
    const fields = {
      communityId,
      name: val('name', asText(cell('name'))),
      leaderName: val('leaderName', asText(cell('leaderName'))),
      gridWorkers: val('gridWorkers', asList(cell('gridWorkers'))),
      households: val('households', asNumber(cell('households'))),
      buildings: val('buildings', asText(cell('buildings'))),
    };
    // A row naming an existing grid is checked as an update of it (only its filled cells), refused or not.
    const update = found ?? undefined;

    if (update) {
      const input = { id: update.id, ...fields };
      const parsed = UPDATE_INPUT.safeParse(input);
      if (!parsed.success) {
        reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'code');
        continue;
      }
      if (rp.any || problems.count > 0) continue;
      const v = parsed.data;
      updates.push([
        v.communityId ?? null,
        v.name ?? null,
        v.leaderName || null,
        v.gridWorkers !== undefined ? JSON.stringify(v.gridWorkers) : null,
        v.households ?? null,
        v.buildings || null,
        null,
        null,
        update.id,
      ]);
      updatedIds.push(update.id);
      continue;
    }

    if (communityText === undefined) rp.add('community', ERR.required);
    const input = { ...fields, code: code ?? '', name: fields.name ?? '' };
    const parsed = CREATE_INPUT.safeParse(input);
    if (!parsed.success) {
      reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'code');
      continue;
    }
    if (rp.any || problems.count > 0) continue;
    const v = parsed.data;
    inserts.push([
      v.communityId,
      v.code,
      v.name,
      v.leaderName || null,
      JSON.stringify(v.gridWorkers ?? []),
      v.households ?? null,
      v.buildings || null,
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
  return new GridPlan(inserts, updates, updatedIds);
};
