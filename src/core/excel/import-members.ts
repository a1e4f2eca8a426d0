// 党员 import: every rule of members.create / members.update (the contract's own schemas), the Excel-specific ones
// (mangled or masked ID numbers, labels, community/grid/unit lookups), duplicates inside the file and against the DB.
import type { z } from 'zod';
import { checkIdConsistency, contract, MemberInput } from '../../shared/contract';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS } from '../../shared/enums';
import { ERR, EXCEL } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { derivedMemberColumns } from '../services/members';
import { asCode, asDate, asEnum, asList, asText, Bad, type Conv } from './cells';
import { MEMBER_COLUMNS, type ColumnKey } from './columns';
import type { CommitResult, KindPrepare, Plan } from './import';
import { Lookups } from './lookups';
import { columnIndex, reportIssues, RowProblems } from './problems';

type K = ColumnKey<typeof MEMBER_COLUMNS>;
const IDX = columnIndex<K>(MEMBER_COLUMNS);
const POS = Object.fromEntries(MEMBER_COLUMNS.map((c, i) => [c.key, i])) as Record<K, number>;

/** Contract field → the column it is typed in. */
const FIELD_COLUMN: Partial<Record<string, K>> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birthDate',
  ethnicity: 'ethnicity',
  idNumber: 'idNumber',
  phone: 'phone',
  communityId: 'community',
  gridId: 'grid',
  category: 'category',
  employerUnitId: 'employer',
  employerName: 'employer',
  employerPartyOrg: 'employer',
  skills: 'skills',
  reportDate: 'reportDate',
  note: 'note',
};

const UPDATE_INPUT = contract['members.update'].input;

export const MEMBER_INSERT_SQL = `insert into member (name, name_pinyin, name_initials, gender, birth_date, ethnicity,
  id_number, id_tail, phone, phone_tail, community_id, grid_id, category, employer_unit_id, employer_name,
  employer_party_org, skills, report_date, status, note, created_at, updated_at, change_seq)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** Index of created_at in an insert row; updated_at and change_seq follow. */
const INSERT_STAMP = 20;

// Only the columns a row fills are changed: a NULL parameter keeps the stored value; flags choose whether a
// nullable column (grid, employer) is set at all.
const UPDATE_SQL = `update member set
  name = coalesce(?, name), name_pinyin = coalesce(?, name_pinyin), name_initials = coalesce(?, name_initials),
  ethnicity = coalesce(?, ethnicity), phone = coalesce(?, phone), phone_tail = coalesce(?, phone_tail),
  community_id = coalesce(?, community_id),
  grid_id = case when ? = 1 then ? else grid_id end,
  category = coalesce(?, category),
  employer_unit_id = case when ? = 1 then ? else employer_unit_id end,
  employer_name = case when ? = 1 then ? else employer_name end,
  skills = coalesce(?, skills), report_date = coalesce(?, report_date), note = coalesce(?, note),
  updated_at = ?, change_seq = ?
  where id = ?`;
const UPDATE_STAMP = 17;

const END_LIAISON_SQL =
  'update liaison_assignment set end_date = ?, updated_at = ?, change_seq = ? where member_id = ? and end_date is null';

/**
 * Gender / birth date against the ID number. The schemas check it too, but zod skips an object's refinements when a
 * field already failed: run it by hand then, so a row shows every problem at once.
 */
function checkConsistency(
  rp: RowProblems<K>,
  input: { idNumber?: string | undefined; gender?: string | undefined; birthDate?: string | undefined },
): void {
  const ctx = {
    addIssue: (issue: { path?: PropertyKey[]; message?: string }) => {
      const key = FIELD_COLUMN[String(issue.path?.[0])];
      if (key && issue.message) rp.add(key, issue.message);
    },
  };
  checkIdConsistency(input, ctx as unknown as z.RefinementCtx);
}

interface Existing {
  id: number;
  name: string;
  communityId: number;
}

class MemberPlan implements Plan {
  constructor(
    readonly inserts: unknown[][],
    readonly updates: unknown[][],
    readonly updatedIds: number[],
    readonly moved: number[],
  ) {}

  commit(ctx: ActionCtx): CommitResult {
    const db = ctx.db.sqlite;
    const now = ctx.now;
    const seq = ctx.seq();
    let first: number | null = null;
    let last: number | null = null;
    if (this.inserts.length > 0) {
      const ins = db.prepare(MEMBER_INSERT_SQL);
      for (const row of this.inserts) {
        row[INSERT_STAMP] = now;
        row[INSERT_STAMP + 1] = now;
        row[INSERT_STAMP + 2] = seq;
        last = Number(ins.run(row).lastInsertRowid);
        if (first === null) first = last;
      }
    }
    if (this.updates.length > 0) {
      const upd = db.prepare(UPDATE_SQL);
      for (const row of this.updates) {
        row[UPDATE_STAMP] = now;
        row[UPDATE_STAMP + 1] = seq;
        upd.run(row);
      }
    }
    // A member who moves to another community leaves the liaison network (as members.update does).
    let ended = 0;
    if (this.moved.length > 0) {
      const end = db.prepare(END_LIAISON_SQL);
      for (const id of this.moved) ended += end.run(now.slice(0, 10), now, seq, id).changes;
    }
    return {
      inserted: this.inserts.length,
      updated: this.updates.length,
      insertedIds: first !== null && last !== null ? [first, last] : null,
      updatedIds: this.updatedIds,
      touched: ended > 0 ? ['liaison_assignment'] : [],
    };
  }
}

export const prepareMembers: KindPrepare = (db: StreetGridDb, table, { updateExisting, problems }) => {
  const look = new Lookups(db);
  const existing = new Map<string, Existing>();
  const stmt = db.sqlite.prepare(
    'select id, name, id_number as idNumber, community_id as communityId from member where deleted_at is null',
  );
  for (const r of stmt.iterate() as IterableIterator<Existing & { idNumber: string }>) {
    existing.set(r.idNumber, { id: r.id, name: r.name, communityId: r.communityId });
  }
  const rowsById = new Map<string, number[]>();
  const inserts: unknown[][] = [];
  const updates: unknown[][] = [];
  const updatedIds: number[] = [];
  const moved: number[] = [];
  const { date1904 } = table;

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

    // 身份证号 first: it decides between a new member and an update.
    let idNumber: string | undefined;
    const idv = asCode(cell('idNumber'), EXCEL.idMangled);
    if (idv instanceof Bad) rp.add('idNumber', idv.message);
    else if (idv === undefined) rp.add('idNumber', ERR.required);
    else if (idv.includes('*')) rp.add('idNumber', EXCEL.idMasked);
    else {
      idNumber = idv.toUpperCase();
      const seen = rowsById.get(idNumber);
      if (seen) seen.push(row.rowNo);
      else rowsById.set(idNumber, [row.rowNo]);
    }
    const found = idNumber !== undefined ? existing.get(idNumber) : undefined;
    if (found && !updateExisting) rp.add('idNumber', EXCEL.memberIdTaken(found.name));
    // A row naming a registered member is checked as an update of it (only its filled cells), refused or not.
    const update = found;

    const name = val('name', asText(cell('name')));
    const gender = val('gender', asEnum(cell('gender'), GENDER_LABELS));
    const birthDate = val('birthDate', asDate(cell('birthDate'), date1904));
    const ethnicity = val('ethnicity', asText(cell('ethnicity')));
    let phone = val('phone', asText(cell('phone')));
    if (phone !== undefined && phone.includes('*')) {
      rp.add('phone', EXCEL.phoneMasked);
      phone = undefined;
    }
    const category = val('category', asEnum(cell('category'), MEMBER_CATEGORY_LABELS));

    let community: { id: number; name: string } | undefined;
    const communityText = val('community', asText(cell('community')));
    if (communityText !== undefined) {
      const c = look.community(communityText);
      if (c instanceof Bad) rp.add('community', c.message);
      else community = c;
    }
    let gridId: number | undefined;
    const gridText = val('grid', asText(cell('grid')));
    if (gridText !== undefined) {
      const inCommunity =
        community ??
        (update && !rp.has('community')
          ? { id: update.communityId, name: look.communityName(update.communityId) }
          : undefined);
      if (inCommunity) {
        const g = look.grid(inCommunity, gridText);
        if (g instanceof Bad) rp.add('grid', g.message);
        else gridId = g.id;
      }
    }
    const employer = val('employer', asText(cell('employer')));
    const employerUnitId = employer !== undefined ? look.unitIdByName(employer) : null;
    const skills = val('skills', asList(cell('skills')));
    const reportDate = val('reportDate', asDate(cell('reportDate'), date1904));
    const note = val('note', asText(cell('note')));

    const fields = {
      name,
      gender,
      birthDate,
      ethnicity,
      phone,
      communityId: community?.id,
      gridId,
      category,
      employerUnitId: employer !== undefined && employerUnitId !== null ? employerUnitId : undefined,
      employerName: employer !== undefined && employerUnitId === null ? employer : undefined,
      skills,
      reportDate,
      note,
    };

    if (update) {
      const input = { id: update.id, idNumber, ...fields };
      const parsed = UPDATE_INPUT.safeParse(input);
      if (!parsed.success) {
        checkConsistency(rp, input);
        reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'idNumber');
        continue;
      }
      if (rp.any || problems.count > 0) continue;
      const v = parsed.data;
      const d =
        v.name !== undefined || v.phone
          ? derivedMemberColumns({ name: v.name ?? '', idNumber: v.idNumber ?? '', phone: v.phone })
          : null;
      const communityChanged = v.communityId !== undefined && v.communityId !== update.communityId;
      const setGrid = v.gridId !== undefined || communityChanged;
      const setEmployer = employer !== undefined;
      updates.push([
        v.name ?? null,
        v.name !== undefined ? (d?.namePinyin ?? null) : null,
        v.name !== undefined ? (d?.nameInitials ?? null) : null,
        v.ethnicity || null,
        v.phone || null,
        v.phone ? (d?.phoneTail ?? null) : null,
        v.communityId ?? null,
        setGrid ? 1 : 0,
        v.gridId ?? null,
        v.category ?? null,
        setEmployer ? 1 : 0,
        v.employerUnitId ?? null,
        setEmployer ? 1 : 0,
        v.employerName || null,
        v.skills !== undefined ? JSON.stringify(v.skills) : null,
        v.reportDate ?? null,
        v.note || null,
        null,
        null,
        update.id,
      ]);
      updatedIds.push(update.id);
      if (communityChanged) moved.push(update.id);
      continue;
    }

    // A new member: name, 身份证号, 类别 and 所在社区 are required (the contract says so).
    const input = { ...fields, name: name ?? '', idNumber: idNumber ?? '' };
    if (communityText === undefined) rp.add('community', ERR.required);
    const parsed = MemberInput.safeParse(input);
    if (!parsed.success) {
      checkConsistency(rp, input);
      reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'idNumber');
      continue;
    }
    if (rp.any || problems.count > 0) continue;
    const v = parsed.data;
    const d = derivedMemberColumns(v);
    inserts.push([
      v.name,
      d.namePinyin,
      d.nameInitials,
      d.gender,
      d.birthDate,
      v.ethnicity || null,
      v.idNumber,
      d.idTail,
      v.phone || null,
      d.phoneTail,
      v.communityId,
      v.gridId ?? null,
      v.category,
      v.employerUnitId ?? null,
      v.employerName || null,
      null,
      JSON.stringify(v.skills ?? []),
      v.reportDate ?? null,
      'active',
      v.note || null,
      null,
      null,
      null,
    ]);
  }

  for (const rows of rowsById.values()) {
    if (rows.length < 2) continue;
    for (const r of rows) {
      problems.add(r, IDX.idNumber.header, EXCEL.duplicateInFile(rows.filter((x) => x !== r)), IDX.idNumber.order);
    }
  }
  return new MemberPlan(inserts, updates, updatedIds, moved);
};

/**
 * For the bench's raw-insert baseline: copies of the member rows a prepared import would insert, in
 * MEMBER_INSERT_SQL order (the last three values — created_at, updated_at, change_seq — are the caller's to fill).
 */
export function preparedMemberRows(plan: unknown): unknown[][] {
  return plan instanceof MemberPlan ? plan.inserts.map((r) => [...r]) : [];
}
