// 驻区单位 import. A unit is known by its 统一社会信用代码, or — without one — by its exact name: a unit already in
// the database is refused, or updated with `updateExisting`.
import { contract } from '../../shared/contract';
import { UNIT_TYPE_LABELS } from '../../shared/enums';
import { ERR, EXCEL } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { pinyinKeys } from '../pinyin';
import { asBool, asCode, asEnum, asList, asText, Bad, type Conv } from './cells';
import { UNIT_COLUMNS, type ColumnKey } from './columns';
import type { CommitResult, KindPrepare, Plan } from './import';
import { Lookups } from './lookups';
import { columnIndex, reportIssues, RowProblems } from './problems';

type K = ColumnKey<typeof UNIT_COLUMNS>;
const IDX = columnIndex<K>(UNIT_COLUMNS);
const POS = Object.fromEntries(UNIT_COLUMNS.map((c, i) => [c.key, i])) as Record<K, number>;

const FIELD_COLUMN: Partial<Record<string, K>> = {
  name: 'name',
  uscc: 'uscc',
  type: 'type',
  communityId: 'community',
  partyOrgName: 'partyOrgName',
  partySecretary: 'partySecretary',
  contactPerson: 'contactPerson',
  contactPhone: 'contactPhone',
  isCouncilMember: 'isCouncilMember',
  resources: 'resources',
};

const CREATE_INPUT = contract['units.create'].input;
const UPDATE_INPUT = contract['units.update'].input;

const INSERT_SQL = `insert into unit (name, name_pinyin, name_initials, uscc, type, community_id, party_org_name,
  party_secretary, contact_person, contact_phone, is_council_member, resources, created_at, updated_at, change_seq)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_STAMP = 12;
const UPDATE_SQL = `update unit set
  name = coalesce(?, name), name_pinyin = coalesce(?, name_pinyin), name_initials = coalesce(?, name_initials),
  uscc = coalesce(?, uscc), type = coalesce(?, type), community_id = coalesce(?, community_id),
  party_org_name = coalesce(?, party_org_name), party_secretary = coalesce(?, party_secretary),
  contact_person = coalesce(?, contact_person), contact_phone = coalesce(?, contact_phone),
  is_council_member = coalesce(?, is_council_member), resources = coalesce(?, resources),
  updated_at = ?, change_seq = ?
  where id = ?`;
const UPDATE_STAMP = 12;

interface ExistingUnit {
  id: number;
  name: string;
  uscc: string | null;
}

/** "会议室：可容纳 50 人" → { name: '会议室', description: '可容纳 50 人' }. */
function resource(item: string): { name: string; description: string } {
  const m = /^([^：:]+)[：:](.*)$/.exec(item);
  return m ? { name: (m[1] ?? '').trim(), description: (m[2] ?? '').trim() } : { name: item, description: '' };
}

class UnitPlan implements Plan {
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

export const prepareUnits: KindPrepare = (db: StreetGridDb, table, { updateExisting, problems }) => {
  const look = new Lookups(db);
  const units = db.sqlite.prepare('select id, name, uscc from unit where deleted_at is null').all() as ExistingUnit[];
  const byUscc = new Map<string, ExistingUnit>();
  const byName = new Map<string, ExistingUnit[]>();
  for (const u of units) {
    if (u.uscc) byUscc.set(u.uscc, u);
    const list = byName.get(u.name);
    if (list) list.push(u);
    else byName.set(u.name, [u]);
  }
  const rowsByKey = new Map<string, { rows: number[]; key: K }>();
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
    const name = val('name', asText(cell('name')));
    const usccText = val('uscc', asCode(cell('uscc'), EXCEL.usccMangled));
    const uscc = usccText?.toUpperCase();
    const type = val('type', asEnum(cell('type'), UNIT_TYPE_LABELS));
    let communityId: number | undefined;
    const communityText = val('community', asText(cell('community')));
    if (communityText !== undefined) {
      const c = look.community(communityText);
      if (c instanceof Bad) rp.add('community', c.message);
      else communityId = c.id;
    }
    const partyOrgName = val('partyOrgName', asText(cell('partyOrgName')));
    const partySecretary = val('partySecretary', asText(cell('partySecretary')));
    const contactPerson = val('contactPerson', asText(cell('contactPerson')));
    const contactPhone = val('contactPhone', asText(cell('contactPhone')));
    const isCouncilMember = val('isCouncilMember', asBool(cell('isCouncilMember')));
    const resourceList = val('resources', asList(cell('resources')));
    const resources = resourceList?.map(resource);

    // Which unit is this? By code first, then by exact name.
    let found: ExistingUnit | undefined;
    let foundBy: K = 'uscc';
    if (uscc !== undefined && !rp.has('uscc')) {
      found = byUscc.get(uscc);
      if (!found && name !== undefined) {
        const same = (byName.get(name) ?? []).filter((u) => u.uscc === null);
        if (same.length === 1) [found, foundBy] = [same[0], 'name'];
      }
      const k = `uscc\u0000${uscc}`;
      const seen = rowsByKey.get(k);
      if (seen) seen.rows.push(row.rowNo);
      else rowsByKey.set(k, { rows: [row.rowNo], key: 'uscc' });
    } else if (uscc === undefined && name !== undefined) {
      const same = byName.get(name) ?? [];
      if (same.length > 0) [found, foundBy] = [same[0], 'name'];
      const k = `name\u0000${name}`;
      const seen = rowsByKey.get(k);
      if (seen) seen.rows.push(row.rowNo);
      else rowsByKey.set(k, { rows: [row.rowNo], key: 'name' });
    }
    if (found && !updateExisting) {
      rp.add(foundBy, foundBy === 'uscc' ? EXCEL.unitUsccTaken(found.name) : EXCEL.unitNameTaken(found.name));
    }
    // A row naming a registered unit is checked as an update of it (only its filled cells), refused or not.
    const update = found;
    const fields = {
      name,
      uscc,
      type,
      communityId,
      partyOrgName,
      partySecretary,
      contactPerson,
      contactPhone,
      isCouncilMember,
      resources,
    };

    if (update) {
      const input = { id: update.id, ...fields };
      const parsed = UPDATE_INPUT.safeParse(input);
      if (!parsed.success) {
        reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'name');
        continue;
      }
      if (rp.any || problems.count > 0) continue;
      const v = parsed.data;
      const keys = v.name !== undefined ? pinyinKeys(v.name) : null;
      updates.push([
        v.name ?? null,
        keys?.full ?? null,
        keys?.initials ?? null,
        v.uscc || null,
        v.type ?? null,
        v.communityId ?? null,
        v.partyOrgName || null,
        v.partySecretary || null,
        v.contactPerson || null,
        v.contactPhone || null,
        v.isCouncilMember === undefined ? null : v.isCouncilMember ? 1 : 0,
        v.resources !== undefined ? JSON.stringify(v.resources) : null,
        null,
        null,
        update.id,
      ]);
      updatedIds.push(update.id);
      continue;
    }

    const input = { ...fields, name: name ?? '' };
    if (type === undefined && !rp.has('type')) rp.add('type', ERR.required);
    const parsed = CREATE_INPUT.safeParse(input);
    if (!parsed.success) {
      reportIssues(rp, parsed.error, input, FIELD_COLUMN, 'name');
      continue;
    }
    if (rp.any || problems.count > 0) continue;
    const v = parsed.data;
    const keys = pinyinKeys(v.name);
    inserts.push([
      v.name,
      keys.full,
      keys.initials,
      v.uscc || null,
      v.type,
      v.communityId ?? null,
      v.partyOrgName || null,
      v.partySecretary || null,
      v.contactPerson || null,
      v.contactPhone || null,
      v.isCouncilMember ? 1 : 0,
      JSON.stringify(v.resources ?? []),
      null,
      null,
      null,
    ]);
  }

  for (const { rows, key } of rowsByKey.values()) {
    if (rows.length < 2) continue;
    const col = IDX[key];
    for (const r of rows) problems.add(r, col.header, EXCEL.duplicateInFile(rows.filter((x) => x !== r)), col.order);
  }
  return new UnitPlan(inserts, updates, updatedIds);
};
