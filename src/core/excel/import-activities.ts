// 服务活动 import: one row per participant, the activity's columns repeated on its rows (a sign-in sheet). Rows with
// the same 活动日期 + 所在社区 + 活动名称 + 开始时间 are one activity. Every rule of activities.create holds (the
// contract's own field schemas, then the same cross-field checks as src/core/services/activities.ts checkRecord and
// resolveParticipants), plus the sheet's own: members found by 姓名 + 身份证号后四位 (or the full ID), units by name or
// 统一社会信用代码, organisers by name, conflicting activity cells across an activity's rows, and an activity already
// registered (always refused: the import only creates activities; `updateExisting` does not apply to them).
import type { z } from 'zod';
import { ActivityInput, ParticipantInput } from '../../shared/contract';
import { ACTIVITY_CATEGORY_LABELS, ORGANIZER_KIND_LABELS, type OrganizerKind } from '../../shared/enums';
import { ACTIVITY, ERR, EXCEL } from '../../shared/messages';
import { maskIdNumber } from '../../shared/validators';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { asCode, asDate, asEnum, asNumber, asText, Bad, CellFault, type Cell, type Conv } from './cells';
import { ACTIVITY_COLUMNS, type ColumnKey } from './columns';
import type { CommitResult, KindPrepare, Plan } from './import';
import { Lookups } from './lookups';
import { columnIndex, issueMessage, RowProblems } from './problems';

type K = ColumnKey<typeof ACTIVITY_COLUMNS>;
const IDX = columnIndex<K>(ACTIVITY_COLUMNS);
const POS = Object.fromEntries(ACTIVITY_COLUMNS.map((c, i) => [c.key, i])) as Record<K, number>;

const SHAPE = ActivityInput.shape;
type ActivityField = keyof typeof SHAPE;

/** Activity columns that may be filled on only the first row of an activity, and must agree where repeated. */
const SHARED = [
  'endTime',
  'category',
  'organizerKind',
  'organizerName',
  'place',
  'description',
  'residentsServed',
] as const;
type SharedKey = (typeof SHARED)[number];

/** Contract field → the column it is typed in. */
const FIELD_COLUMN: Partial<Record<string, K>> = {
  date: 'date',
  startTime: 'startTime',
  endTime: 'endTime',
  communityId: 'community',
  title: 'title',
  category: 'category',
  organizerKind: 'organizerKind',
  organizerUnitId: 'organizerName',
  organizerTeamId: 'organizerName',
  place: 'place',
  description: 'description',
  residentsServed: 'residentsServed',
};

const PARTICIPANT_FIELD_COLUMN: Partial<Record<string, K>> = { hours: 'hours', role: 'role' };

const ACTIVITY_SQL = `insert into activity (date, start_time, end_time, community_id, title, category, organizer_kind,
  organizer_unit_id, organizer_team_id, place, description, residents_served, created_at, updated_at, change_seq)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const ACTIVITY_STAMP = 12;
const PARTICIPANT_SQL = `insert into activity_participant (activity_id, member_id, unit_id, hours, role, created_at,
  updated_at, change_seq) values (?, ?, ?, ?, ?, ?, ?, ?)`;

// ---------------------------------------------------------------------------------------------- cells

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

function hhmm(minutes: number): Conv<string> {
  if (minutes < 0 || minutes >= 1440) return new Bad(ACTIVITY.timeFormat);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/**
 * 开始时间 / 结束时间: 09:30, 9:30, 9：30, 09:30:00, 9点, 9点30(分), 9点半, an Excel time (a fraction of a day) or a
 * time/date-time cell. The result is HH:mm text; the contract's schema then checks the range.
 */
export function asTime(c: Cell): Conv<string> {
  if (c === null) return undefined;
  if (c instanceof CellFault) return new Bad(c.message);
  if (c instanceof Date) {
    const ms = ((c.getTime() % DAY_MS) + DAY_MS) % DAY_MS;
    return hhmm(Math.round(ms / 60_000));
  }
  if (typeof c === 'number') return c >= 0 && c < 1 ? hhmm(Math.round(c * 1440)) : new Bad(ACTIVITY.timeFormat);
  if (typeof c === 'boolean') return new Bad(ACTIVITY.timeFormat);
  const colon = /^(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*\d{2})?$/.exec(c);
  if (colon) return `${pad2(Number(colon[1]))}:${colon[2]}`;
  const dian = /^(\d{1,2})\s*点\s*(?:(\d{1,2})\s*分?|(半))?$/.exec(c);
  if (dian) return `${pad2(Number(dian[1]))}:${dian[3] ? '30' : pad2(Number(dian[2] ?? 0))}`;
  return new Bad(ACTIVITY.timeFormat);
}

type Tail = { tail: string } | { idNumber: string };

/** 身份证号后四位: 4 characters (a number cell 123 was typed as 0123), a full ID, or a masked ID (its tail). */
function asTail(c: Cell): Conv<Tail> {
  if (typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < 10_000) return { tail: String(c).padStart(4, '0') };
  const t = asCode(c, EXCEL.idMangled);
  if (t === undefined || t instanceof Bad) return t;
  const v = t.replace(/\s+/g, '').toUpperCase();
  if (/^\d{3}[\dX]$/.test(v)) return { tail: v };
  if (/^\d{17}[\dX]$/.test(v)) return { idNumber: v };
  if (/^\d{6}\*+\d{3}[\dX]$/.test(v)) return { tail: v.slice(-4) };
  return new Bad(EXCEL.idTailFormat);
}

// ---------------------------------------------------------------------------------------------- lookups

interface MemberRef {
  id: number;
  name: string;
  tail: string;
  idNumber: string;
}

interface NamedRef {
  id: number;
  name: string;
  uscc?: string | null;
  communityId?: number | null;
}

type Found = { id: number; name: string } | Bad;

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Members (by ID number / by name, one indexed query per distinct value), units and teams (loaded once). */
class People {
  private readonly byName = new Map<string, MemberRef[]>();
  private readonly byId = new Map<string, MemberRef | null>();
  private units: { byUscc: Map<string, NamedRef>; byName: Map<string, NamedRef[]> } | null = null;
  private teams: Map<string, NamedRef[]> | null = null;
  private readonly nameQuery;
  private readonly idQuery;

  constructor(private readonly db: StreetGridDb) {
    const cols = 'id, name, id_tail as tail, id_number as idNumber';
    this.nameQuery = db.sqlite.prepare(`select ${cols} from member where name = ? and deleted_at is null`);
    this.idQuery = db.sqlite.prepare(`select ${cols} from member where id_number = ? and deleted_at is null`);
  }

  private named(name: string): MemberRef[] {
    let list = this.byName.get(name);
    if (!list) {
      list = this.nameQuery.all(name) as MemberRef[];
      this.byName.set(name, list);
    }
    return list;
  }

  private byIdNumber(idNumber: string): MemberRef | null {
    let m = this.byId.get(idNumber);
    if (m === undefined) {
      m = (this.idQuery.get(idNumber) as MemberRef | undefined) ?? null;
      this.byId.set(idNumber, m);
    }
    return m;
  }

  /** 参与者 (name or full ID) + 身份证号后四位 (tail, full ID, or nothing). `tailColumn` says where a problem lies. */
  member(text: string, tail: Tail | undefined): { found: Found; onTail: boolean } {
    const full = /^\d{17}[\dX]$/i.test(text) ? text.toUpperCase() : null;
    if (full) {
      const m = this.byIdNumber(full);
      if (!m) return { found: new Bad(EXCEL.memberIdNotFound(maskIdNumber(full))), onTail: false };
      if (tail && 'tail' in tail && tail.tail !== m.tail)
        return { found: new Bad(EXCEL.idTailMismatch(m.tail)), onTail: true };
      if (tail && 'idNumber' in tail && tail.idNumber !== full)
        return { found: new Bad(EXCEL.idTailMismatch(m.tail)), onTail: true };
      return { found: m, onTail: false };
    }
    if (text.includes('*')) return { found: new Bad(EXCEL.idMasked), onTail: false };
    if (!tail) return { found: new Bad(EXCEL.idTailRequired), onTail: true };
    if ('idNumber' in tail) {
      const m = this.byIdNumber(tail.idNumber);
      if (!m) return { found: new Bad(EXCEL.memberIdNotFound(maskIdNumber(tail.idNumber))), onTail: true };
      if (m.name !== text)
        return { found: new Bad(EXCEL.memberIdNameMismatch(maskIdNumber(m.idNumber), m.name, text)), onTail: false };
      return { found: m, onTail: false };
    }
    const hits = this.named(text).filter((m) => m.tail === tail.tail);
    if (hits.length === 0) return { found: new Bad(EXCEL.memberNotFound(text, tail.tail)), onTail: false };
    if (hits.length > 1) return { found: new Bad(EXCEL.memberAmbiguous(text, tail.tail, hits.length)), onTail: false };
    return { found: hits[0]!, onTail: false };
  }

  /** A live unit by 统一社会信用代码 or exact name. */
  unit(text: string): Found {
    if (!this.units) {
      const rows = this.db.sqlite
        .prepare('select id, name, uscc from unit where deleted_at is null')
        .all() as NamedRef[];
      const units = { byUscc: new Map<string, NamedRef>(), byName: new Map<string, NamedRef[]>() };
      for (const u of rows) {
        if (u.uscc) units.byUscc.set(u.uscc, u);
        push(units.byName, u.name, u);
      }
      this.units = units;
    }
    const byCode = this.units.byUscc.get(text.toUpperCase());
    if (byCode) return byCode;
    const same = this.units.byName.get(text) ?? [];
    if (same.length > 1) return new Bad(EXCEL.unitAmbiguous(text, same.length));
    return same[0] ?? new Bad(EXCEL.unitNotFound(text));
  }

  /** A live volunteer team by exact name; among namesakes, the one of the activity's community. */
  team(text: string, communityId: number | null): Found {
    if (!this.teams) {
      const rows = this.db.sqlite
        .prepare('select id, name, community_id as communityId from volunteer_team where deleted_at is null')
        .all() as NamedRef[];
      this.teams = new Map();
      for (const t of rows) push(this.teams, t.name, t);
    }
    let same = this.teams.get(text) ?? [];
    if (same.length > 1) {
      const here = same.filter((t) => t.communityId === communityId);
      if (here.length > 0) same = here;
    }
    if (same.length > 1) return new Bad(EXCEL.teamAmbiguous(text, same.length));
    return same[0] ?? new Bad(EXCEL.teamNotFound(text));
  }
}

// ---------------------------------------------------------------------------------------------- the plan

interface PreparedActivity {
  values: unknown[];
  participants: unknown[][];
}

class ActivityPlan implements Plan {
  constructor(
    readonly activities: PreparedActivity[],
    readonly fileRows: number,
  ) {}

  commit(ctx: ActionCtx): CommitResult {
    const now = ctx.now;
    const seq = ctx.seq();
    const insActivity = ctx.db.sqlite.prepare(ACTIVITY_SQL);
    const insParticipant = ctx.db.sqlite.prepare(PARTICIPANT_SQL);
    let first: number | null = null;
    let last: number | null = null;
    let participants = 0;
    for (const a of this.activities) {
      a.values[ACTIVITY_STAMP] = now;
      a.values[ACTIVITY_STAMP + 1] = now;
      a.values[ACTIVITY_STAMP + 2] = seq;
      const id = Number(insActivity.run(a.values).lastInsertRowid);
      if (first === null) first = id;
      last = id;
      for (const p of a.participants) {
        p[0] = id;
        p[5] = now;
        p[6] = now;
        p[7] = seq;
        insParticipant.run(p);
      }
      participants += a.participants.length;
    }
    return {
      inserted: this.activities.length,
      updated: 0,
      insertedIds: first !== null && last !== null ? [first, last] : null,
      updatedIds: [],
      touched: ['activity_participant'],
      summary: EXCEL.auditActivities(this.fileRows, this.activities.length, participants),
      detail: { activities: this.activities.length, participants },
    };
  }
}

// ---------------------------------------------------------------------------------------------- prepare

interface Sourced {
  value: unknown;
  row: number;
}

interface GroupParticipant {
  rowNo: number;
  memberId: number | null;
  unitId: number | null;
  hours: unknown;
  role: unknown;
}

interface Group {
  firstRow: number;
  date: string;
  startTime: string | null;
  communityId: number | null;
  communityName: string | null;
  title: string;
  fields: Partial<Record<SharedKey, Sourced>>;
  /** Shared columns with a refused value on some row (not reported again as missing). */
  bad: Set<SharedKey>;
  participants: GroupParticipant[];
  /** Participant key (m12 / u3) → the row it first appeared on. */
  seen: Map<string, number>;
}

export const prepareActivities: KindPrepare = (db: StreetGridDb, table, { problems }) => {
  const look = new Lookups(db);
  const people = new People(db);
  const rps = new Map<number, RowProblems<K>>();
  const rpOf = (rowNo: number): RowProblems<K> => {
    let rp = rps.get(rowNo);
    if (!rp) {
      rp = new RowProblems<K>(problems, rowNo, IDX);
      rps.set(rowNo, rp);
    }
    return rp;
  };
  const groups = new Map<string, Group>();

  for (const row of table.rows) {
    const rp = rpOf(row.rowNo);
    const cell = (k: K): Cell => row.cells[POS[k]] ?? null;
    /** The converted cell, checked with the contract's schema of `field` when given; `ok` false once reported. */
    const take = <T>(k: K, v: Conv<T>, field?: ActivityField): { ok: boolean; v: T | undefined } => {
      if (v instanceof Bad) {
        rp.add(k, v.message);
        return { ok: false, v: undefined };
      }
      if (field && v !== undefined) {
        const r = (SHAPE[field] as z.ZodType).safeParse(v);
        if (!r.success) {
          rp.add(k, issueMessage(r.error.issues[0]!, v));
          return { ok: false, v: undefined };
        }
      }
      return { ok: true, v };
    };
    const need = <T>(k: K, t: { ok: boolean; v: T | undefined }): T | undefined => {
      if (t.ok && t.v === undefined) rp.add(k, ERR.required);
      return t.ok ? t.v : undefined;
    };

    // The activity's key: 活动日期 + 所在社区 + 活动名称 + 开始时间.
    const date = need('date', take('date', asDate(cell('date'), table.date1904), 'date'));
    const start = take('startTime', asTime(cell('startTime')), 'startTime');
    const communityText = take('community', asText(cell('community')));
    let community: { id: number; name: string } | null = null;
    let communityOk = communityText.ok;
    if (communityText.v !== undefined) {
      const c = look.community(communityText.v);
      if (c instanceof Bad) {
        rp.add('community', c.message);
        communityOk = false;
      } else community = c;
    }
    const title = need('title', take('title', asText(cell('title')), 'title'));

    let group: Group | null = null;
    if (date !== undefined && title !== undefined && start.ok && communityOk) {
      const key = [date, community?.id ?? '', title, start.v ?? ''].join('\u0000');
      group = groups.get(key) ?? null;
      if (!group) {
        group = {
          firstRow: row.rowNo,
          date,
          startTime: start.v ?? null,
          communityId: community?.id ?? null,
          communityName: community?.name ?? null,
          title,
          fields: {},
          bad: new Set(),
          participants: [],
          seen: new Map(),
        };
        groups.set(key, group);
      }
    }

    // The activity's other columns: filled on at least one of its rows, the same wherever repeated.
    const shared: Record<SharedKey, { ok: boolean; v: unknown }> = {
      endTime: take('endTime', asTime(cell('endTime')), 'endTime'),
      category: take('category', asEnum(cell('category'), ACTIVITY_CATEGORY_LABELS)),
      organizerKind: take('organizerKind', asEnum(cell('organizerKind'), ORGANIZER_KIND_LABELS)),
      organizerName: take('organizerName', asText(cell('organizerName'))),
      place: take('place', asText(cell('place')), 'place'),
      description: take('description', asText(cell('description')), 'description'),
      residentsServed: take('residentsServed', asNumber(cell('residentsServed')), 'residentsServed'),
    };
    if (group) {
      for (const k of SHARED) {
        const s = shared[k];
        if (!s.ok) {
          group.bad.add(k);
          continue;
        }
        if (s.v === undefined) continue;
        const have = group.fields[k];
        if (!have) group.fields[k] = { value: s.v, row: row.rowNo };
        else if (JSON.stringify(have.value) !== JSON.stringify(s.v))
          rp.add(k, EXCEL.activityConflict(have.row, IDX[k].header));
      }
    }

    // The participant of this row (none: a row registering the activity only).
    const kindCell = take('participantKind', asEnum(cell('participantKind'), EXCEL.participantKinds));
    const kind = kindCell.v ?? 'member';
    const who = take('participant', asCode(cell('participant'), EXCEL.idMangled));
    const tail = take('idTail', asTail(cell('idTail')));
    const hours = take('hours', asNumber(cell('hours')));
    const role = take('role', asText(cell('role')));
    if (who.ok && who.v === undefined) {
      if (hours.v !== undefined || role.v !== undefined || tail.v !== undefined)
        rp.add('participant', EXCEL.participantMissing);
      continue;
    }
    let ref: { id: number; name: string } | null = null;
    if (who.v !== undefined && kindCell.ok) {
      if (kind === 'unit') {
        if (tail.v !== undefined) rp.add('idTail', EXCEL.idTailForUnit);
        const u = people.unit(who.v);
        if (u instanceof Bad) rp.add('participant', u.message);
        else ref = u;
      } else if (tail.ok) {
        const m = people.member(who.v, tail.v);
        if (m.found instanceof Bad) rp.add(m.onTail ? 'idTail' : 'participant', m.found.message);
        else ref = m.found;
      }
    }
    if (hours.ok && hours.v === undefined) rp.add('hours', ERR.required);
    // Hours and role by the contract's participant schema (with a stand-in id while the participant is unresolved).
    const memberId = kind === 'member' ? (ref?.id ?? 1) : null;
    const unitId = kind === 'unit' ? (ref?.id ?? 1) : null;
    const pInput = { memberId, unitId, hours: hours.v, role: role.v ?? null };
    const parsed = ParticipantInput.safeParse(pInput);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = issue.path[0];
        rp.add(
          (typeof f === 'string' ? PARTICIPANT_FIELD_COLUMN[f] : undefined) ?? 'participant',
          issueMessage(issue, pInput),
        );
      }
    }
    if (!group || !ref) continue;
    const pKey = `${kind === 'member' ? 'm' : 'u'}${ref.id}`;
    const prev = group.seen.get(pKey);
    if (prev !== undefined) {
      rp.add('participant', EXCEL.participantTwice(ref.name, prev));
      continue;
    }
    group.seen.set(pKey, row.rowNo);
    group.participants.push({ rowNo: row.rowNo, memberId, unitId, hours: hours.v, role: role.v ?? null });
  }

  // Per activity: required columns, the organiser, times, already registered, then the contract's whole schema.
  const exists = db.sqlite
    .prepare(
      `select 1 from activity where deleted_at is null and date = ? and title = ? and community_id is ?
       and coalesce(start_time, '') = ? limit 1`,
    )
    .pluck();
  const activities: PreparedActivity[] = [];
  for (const g of groups.values()) {
    const at = (k: SharedKey) => rpOf(g.fields[k]?.row ?? g.firstRow);
    const value = (k: SharedKey) => g.fields[k]?.value;
    for (const k of ['category', 'organizerKind'] as const)
      if (value(k) === undefined && !g.bad.has(k)) rpOf(g.firstRow).add(k, ERR.required);

    let organizerUnitId: number | null = null;
    let organizerTeamId: number | null = null;
    const kind = value('organizerKind') as OrganizerKind | undefined;
    const orgName = value('organizerName') as string | undefined;
    if (kind === 'community') {
      if (g.communityId === null) at('organizerKind').add('organizerKind', EXCEL.organizerCommunityRequired);
      else if (orgName !== undefined) {
        const c = look.community(orgName);
        if (c instanceof Bad || c.id !== g.communityId)
          at('organizerName').add('organizerName', EXCEL.organizerNotCommunity(g.communityName ?? ''));
      }
    } else if (kind === 'unit' || kind === 'team') {
      if (orgName === undefined) {
        if (!g.bad.has('organizerName'))
          at('organizerName').add('organizerName', EXCEL.organizerNameRequired(ORGANIZER_KIND_LABELS[kind]));
      } else {
        const o = kind === 'unit' ? people.unit(orgName) : people.team(orgName, g.communityId);
        if (o instanceof Bad) at('organizerName').add('organizerName', o.message);
        else if (kind === 'unit') organizerUnitId = o.id;
        else organizerTeamId = o.id;
      }
    }
    const endTime = value('endTime') as string | undefined;
    if (g.startTime && endTime && endTime <= g.startTime) at('endTime').add('endTime', ACTIVITY.endBeforeStart);
    if (exists.get(g.date, g.title, g.communityId, g.startTime ?? ''))
      rpOf(g.firstRow).add('title', EXCEL.activityExists(g.date, g.title));

    const input = {
      date: g.date,
      startTime: g.startTime,
      endTime: endTime ?? null,
      communityId: g.communityId,
      title: g.title,
      category: value('category'),
      organizerKind: kind,
      organizerUnitId,
      organizerTeamId,
      place: value('place') ?? null,
      description: value('description') ?? null,
      residentsServed: value('residentsServed') ?? 0,
      participants: g.participants.map((p) => ({
        memberId: p.memberId,
        unitId: p.unitId,
        hours: p.hours,
        role: p.role,
      })),
    };
    const parsed = ActivityInput.safeParse(input);
    if (!parsed.success) {
      reportGroupIssues(g, parsed.error, input, rpOf);
      continue;
    }
    if (problems.count > 0) continue;
    const v = parsed.data;
    activities.push({
      values: [
        v.date,
        v.startTime || null,
        v.endTime || null,
        v.communityId ?? null,
        v.title,
        v.category,
        v.organizerKind,
        v.organizerUnitId ?? null,
        v.organizerTeamId ?? null,
        v.place || null,
        v.description || null,
        v.residentsServed ?? 0,
        null,
        null,
        null,
      ],
      participants: (v.participants ?? []).map((p) => [
        null,
        p.memberId || null,
        p.unitId || null,
        p.hours,
        p.role || null,
        null,
        null,
        null,
      ]),
    });
  }
  return new ActivityPlan(activities, table.rows.length);
};

/** Issues of an activity's whole-schema parse, each on the row and column its value came from. */
function reportGroupIssues(g: Group, error: z.ZodError, input: unknown, rpOf: (rowNo: number) => RowProblems<K>): void {
  for (const issue of error.issues) {
    const [field, index, sub] = issue.path;
    if (field === 'participants' && typeof index === 'number') {
      const p = g.participants[index];
      const col = (typeof sub === 'string' ? PARTICIPANT_FIELD_COLUMN[sub] : undefined) ?? 'participant';
      rpOf(p?.rowNo ?? g.firstRow).add(col, issueMessage(issue, input));
      continue;
    }
    const col = (typeof field === 'string' ? FIELD_COLUMN[field] : undefined) ?? 'title';
    const src = (SHARED as readonly string[]).includes(col) ? g.fields[col as SharedKey]?.row : undefined;
    rpOf(src ?? g.firstRow).add(col, issueMessage(issue, input));
  }
  // A parse that failed without a mappable issue is never silent.
  if (error.issues.length === 0) rpOf(g.firstRow).add('title', ERR.invalidInput);
}
