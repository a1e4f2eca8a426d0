// 服务活动 with participants from Excel, through the contract (the UI's path): a good sign-in workbook imports exactly;
// every rule refuses with (row, column, Chinese reason) and writes nothing; template, export and the CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, callAsync, invokeAsync, type Core } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import type { ImportProblemT, ImportResultT } from '../../../src/shared/contract';
import { ACTIVITY, EXCEL } from '../../../src/shared/messages';
import { todayIso } from '../../../src/shared/period';
import {
  ACTIVITY_HEADERS,
  importXlsx,
  makeId,
  makeUscc,
  personName,
  readBook,
  workbook,
  type ActivityRecord,
} from '../../fixtures/excel';
import { fails, ok, ROOT, snapshot, streetCore, tempDir } from '../../helpers';

interface Reg {
  core: Core;
  c1: number;
  c2: number;
  unitId: number;
  uscc: string;
  teamId: number;
  /** 12 members with distinct names: name, full ID, tail. */
  members: { id: number; name: string; idNumber: string; tail: string }[];
  /** Two members both called 王芳 whose IDs end in the same four characters. */
  twins: { tail: string; ids: number[] };
}

/** The street 110101001 with 12 members, one unit (with its 统一社会信用代码), one team and the 王芳 namesakes. */
function registry(core: Core = streetCore('110101001')): Reg {
  const [a, b] = ok(core, 'communities.list', {});
  const c1 = a!.id; // 多福巷社区
  const c2 = b!.id; // 银闸社区
  const uscc = makeUscc(7);
  const unitId = ok(core, 'units.create', { name: '东城区税务局', type: 'organ', uscc }).id;
  const teamId = ok(core, 'teams.create', { name: '多福巷红袖标志愿服务队', communityId: c1 }).id;
  const members = Array.from({ length: 12 }, (_, i) => {
    const name = `${personName(i * 5 + 1)}${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`;
    const idNumber = makeId(`19${60 + i}-0${(i % 9) + 1}-1${i % 10}`, 100 + i * 2);
    const id = ok(core, 'members.create', { name, idNumber, communityId: i < 8 ? c1 : c2, category: 'employed' }).id;
    return { id, name, idNumber, tail: idNumber.slice(-4) };
  });
  // Two IDs with the same last four characters (same sequence number, a check digit that happens to agree).
  const first = makeId('1970-01-01', 123);
  let second = '';
  for (let d = 2; !second; d++) {
    const candidate = makeId(
      `1970-${String(Math.ceil(d / 28)).padStart(2, '0')}-${String((d % 28) + 1).padStart(2, '0')}`,
      123,
    );
    if (candidate !== first && candidate.slice(-4) === first.slice(-4)) second = candidate;
  }
  const ids = [first, second].map(
    (idNumber) => ok(core, 'members.create', { name: '王芳', idNumber, communityId: c1, category: 'retired' }).id,
  );
  return { core, c1, c2, unitId, uscc, teamId, members, twins: { tail: first.slice(-4), ids } };
}

/**
 * Three activities × 10 participants (30 rows, sheet rows 2–31):
 *   A 2026-03-15 09:00–11:30 多福巷社区 社区文艺汇演 文体, organised by the community; every row repeats every activity
 *     column; members 0–9 by name + tail, 2 h each (member 0: 3 h, 主持人).
 *   B 2026-06-01 (no times) street-wide 全街道环境整治 环境卫生, organised by the unit (by its code); activity columns
 *     only on its first row; members 2–10 (member 4 by full ID in 参与者, member 5 with the full ID in the tail
 *     column) 1.5 h, and the unit itself 4 h.
 *   C 2026-07-10 14:00–16:00 (Excel time fractions) 银闸社区 (by code) 义诊进社区 卫生, organised by the team;
 *     members 0–9, 1 h each, residents served 80.
 */
function goodRows(r: Reg): ActivityRecord[] {
  const m = r.members;
  const a = m.slice(0, 10).map((p, i) => ({
    活动日期: '2026-03-15',
    开始时间: '09:00',
    结束时间: '11:30',
    所在社区: '多福巷社区',
    活动名称: '社区文艺汇演',
    活动类别: '文体',
    组织方类型: '社区',
    组织方名称: null,
    活动地点: '社区活动室',
    活动内容: '迎春文艺汇演',
    服务居民人数: 120,
    参与者类型: '党员',
    参与者: p.name,
    身份证号后四位: p.tail,
    '服务时长（小时）': i === 0 ? 3 : 2,
    角色: i === 0 ? '主持人' : null,
  }));
  const b: ActivityRecord[] = m.slice(2, 11).map((p, i) => ({
    活动日期: '2026/6/1',
    活动名称: '全街道环境整治',
    参与者: p === m[4] ? p.idNumber : p.name,
    身份证号后四位: p === m[4] ? null : p === m[5] ? p.idNumber : p.tail,
    '服务时长（小时）': 1.5,
    ...(i === 0 ? { 活动类别: '环境卫生', 组织方类型: '驻区单位', 组织方名称: r.uscc, 活动地点: '街道各社区' } : {}),
  }));
  b.push({
    活动日期: '2026-06-01',
    活动名称: '全街道环境整治',
    参与者类型: '驻区单位',
    参与者: '东城区税务局',
    '服务时长（小时）': 4,
  });
  const c = m.slice(0, 10).map((p) => ({
    活动日期: '2026年7月10日',
    开始时间: 14 / 24,
    结束时间: 16 / 24,
    所在社区: '110101001002',
    活动名称: '义诊进社区',
    活动类别: '卫生',
    组织方类型: '志愿服务队',
    组织方名称: '多福巷红袖标志愿服务队',
    服务居民人数: 80,
    参与者: p.name,
    身份证号后四位: p.tail,
    '服务时长（小时）': 1,
  }));
  return [...a, ...b, ...c];
}

function file(rows: readonly ActivityRecord[]): Promise<Buffer> {
  return workbook(ACTIVITY_HEADERS, rows as Record<string, unknown>[]);
}

/** Imports and expects a refusal that wrote nothing; returns the problems. */
async function refused(core: Core, rows: readonly ActivityRecord[]): Promise<ImportProblemT[]> {
  const before = snapshot(core.db);
  const r = await importXlsx(core, 'activities', await file(rows));
  expect(r.ok, JSON.stringify(r.problems)).toBe(false);
  expect(r.inserted + r.updated).toBe(0);
  expect(r.problems.length).toBeGreaterThan(0);
  expect(snapshot(core.db)).toEqual(before);
  return r.problems;
}

/** The good file with row `sheetRow` (2-based sheet row) changed. */
function edit(r: Reg, sheetRow: number, patch: ActivityRecord): ActivityRecord[] {
  const rows = goodRows(r);
  rows[sheetRow - 2] = { ...rows[sheetRow - 2], ...patch };
  return rows;
}

function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return todayIso(d);
}

describe('activities import: a good sign-in workbook', () => {
  it('imports 3 activities with 30 participation rows exactly, one audit row, one transaction', async () => {
    const r = registry();
    const { core, c1, c2, unitId, teamId, members: m } = r;
    const res = await importXlsx(core, 'activities', await file(goodRows(r)));
    expect(res, JSON.stringify(res.problems)).toEqual({ ok: true, total: 30, inserted: 3, updated: 0, problems: [] });

    const list = ok(core, 'activities.list', {});
    expect(list.total).toBe(3);
    const byTitle = new Map(list.rows.map((x) => [x.title, x]));
    const a = ok(core, 'activities.get', { id: byTitle.get('社区文艺汇演')!.id });
    expect(a).toMatchObject({
      date: '2026-03-15',
      startTime: '09:00',
      endTime: '11:30',
      communityId: c1,
      category: 'culture',
      organizerKind: 'community',
      organizerUnitId: null,
      organizerTeamId: null,
      place: '社区活动室',
      description: '迎春文艺汇演',
      residentsServed: 120,
      participantCount: 10,
      memberCount: 10,
      totalHours: 21,
    });
    expect(a.participants.find((p) => p.memberId === m[0]!.id)).toMatchObject({ hours: 3, role: '主持人' });
    expect(new Set(a.participants.map((p) => p.memberId))).toEqual(new Set(m.slice(0, 10).map((p) => p.id)));

    const b = ok(core, 'activities.get', { id: byTitle.get('全街道环境整治')!.id });
    expect(b).toMatchObject({
      date: '2026-06-01',
      startTime: null,
      endTime: null,
      communityId: null,
      category: 'environment',
      organizerKind: 'unit',
      organizerUnitId: unitId,
      place: '街道各社区',
      residentsServed: 0,
      participantCount: 10,
      memberCount: 9,
      totalHours: 9 * 1.5 + 4,
    });
    expect(b.participants.find((p) => p.unitId === unitId)).toMatchObject({ hours: 4, role: null });
    expect(new Set(b.participants.flatMap((p) => (p.memberId ? [p.memberId] : [])))).toEqual(
      new Set(m.slice(2, 11).map((p) => p.id)),
    );

    const c = ok(core, 'activities.get', { id: byTitle.get('义诊进社区')!.id });
    expect(c).toMatchObject({
      date: '2026-07-10',
      startTime: '14:00',
      endTime: '16:00',
      communityId: c2,
      category: 'health',
      organizerKind: 'team',
      organizerTeamId: teamId,
      residentsServed: 80,
      participantCount: 10,
      totalHours: 10,
    });

    const rows = core.db.sqlite.prepare('select count(*) from activity_participant').pluck().get();
    expect(rows).toBe(30);
    // One change sequence for the whole import, one audit row summarising it.
    const seqs = core.db.sqlite
      .prepare(
        'select count(distinct change_seq) from (select change_seq from activity union all select change_seq from activity_participant)',
      )
      .pluck()
      .get();
    expect(seqs).toBe(1);
    const audits = core.db.sqlite.prepare("select entity, summary, after from audit where action = 'import'").all() as {
      entity: string;
      summary: string;
      after: string;
    }[];
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity: 'activity', summary: '导入服务活动 3 次、参与记录 30 条（表中 30 行）' });
    expect(JSON.parse(audits[0]!.after)).toMatchObject({ fileRows: 30, inserted: 3, activities: 3, participants: 30 });
  });

  it('reports the changed tables (activity, activity_participant, audit) to the renderer', async () => {
    const r = registry();
    const base64 = (await file(goodRows(r))).toString('base64');
    const res = await invokeAsync(r.core, 'excel.import', { kind: 'activities', base64 });
    expect(res.ok).toBe(true);
    if (res.ok)
      expect(new Set((res as { changed?: string[] }).changed)).toEqual(
        new Set(['activity', 'activity_participant', 'audit']),
      );
  });

  it('accepts times written as 9:30, 9点半 and time cells; an activity row without participants', async () => {
    const r = registry();
    const rows: ActivityRecord[] = [
      {
        活动日期: '2026-05-04',
        开始时间: '9点半',
        结束时间: '10：45',
        所在社区: '多福巷社区',
        活动名称: '青年座谈会',
        活动类别: '党员教育',
        组织方类型: '社区',
        组织方名称: '多福巷社区',
      },
    ];
    const res = await importXlsx(r.core, 'activities', await file(rows));
    expect(res, JSON.stringify(res.problems)).toMatchObject({ ok: true, total: 1, inserted: 1 });
    const [a] = ok(r.core, 'activities.list', {}).rows;
    expect(a).toMatchObject({ startTime: '09:30', endTime: '10:45', participantCount: 0, organizerKind: 'community' });
  });
});

describe('activities import: every rule gives (row, column, reason) and writes nothing', () => {
  const H = '服务时长（小时）';
  it.each<[string, number, ActivityRecord, string, string]>([
    ['hours 0', 5, { [H]: 0 }, H, ACTIVITY.hoursRange],
    ['hours 25', 6, { [H]: 25 }, H, ACTIVITY.hoursRange],
    ['hours negative', 6, { [H]: -1 }, H, ACTIVITY.hoursRange],
    ['hours not a number', 7, { [H]: '两小时' }, H, '应为数字'],
    ['hours empty', 7, { [H]: null }, H, '不能为空'],
    ['end before start', 2, { 结束时间: '08:30' }, '结束时间', ACTIVITY.endBeforeStart],
    ['time out of range', 31, { 开始时间: '25:00', 结束时间: '26:00' }, '开始时间', ACTIVITY.timeFormat],
    ['time not a time', 3, { 结束时间: '中午' }, '结束时间', ACTIVITY.timeFormat],
    ['unknown member', 4, { 参与者: '查无此人' }, '参与者', '找不到姓名为「查无此人」'],
    ['wrong tail', 4, { 身份证号后四位: '0000' }, '参与者', '身份证号后四位为 0000 的党员'],
    ['tail missing', 4, { 身份证号后四位: null }, '身份证号后四位', EXCEL.idTailRequired],
    ['tail malformed', 4, { 身份证号后四位: '12' }, '身份证号后四位', EXCEL.idTailFormat],
    ['unknown full ID', 4, { 参与者: makeId('1999-09-09', 1), 身份证号后四位: null }, '参与者', '找不到身份证号为'],
    ['ID mangled into a number', 4, { 参与者: 1.1010519491231e17 }, '参与者', EXCEL.idMangled],
    ['unknown community', 2, { 所在社区: '不存在社区' }, '所在社区', '找不到社区「不存在社区」'],
    ['unknown category label', 3, { 活动类别: '体育' }, '活动类别', '应为 科技、文体、教育'],
    ['unknown organiser kind', 3, { 组织方类型: '街道' }, '组织方类型', '应为 社区、驻区单位、志愿服务队 之一'],
    ['unknown participant kind', 3, { 参与者类型: '群众' }, '参与者类型', '应为 党员、驻区单位 之一'],
    ['role too long', 3, { 角色: '角'.repeat(31) }, '角色', '不能超过 30 个字符'],
    ['title too long', 2, { 活动名称: '长'.repeat(101) }, '活动名称', '不能超过 100 个字符'],
    ['residents not an integer', 2, { 服务居民人数: 1.5 }, '服务居民人数', '必须是整数'],
    ['date impossible', 2, { 活动日期: '2026-02-30' }, '活动日期', '日期格式不正确'],
    ['date empty', 2, { 活动日期: null }, '活动日期', '不能为空'],
    ['unknown organiser unit', 12, { 组织方名称: '不存在的单位' }, '组织方名称', '找不到驻区单位「不存在的单位」'],
    ['unknown unit participant', 21, { 参与者: '不存在的单位' }, '参与者', '找不到驻区单位「不存在的单位」'],
    ['tail given for a unit', 21, { 身份证号后四位: '1234' }, '身份证号后四位', EXCEL.idTailForUnit],
    [
      'participant empty but hours given',
      22,
      { 参与者: null, 身份证号后四位: null },
      '参与者',
      EXCEL.participantMissing,
    ],
  ])('%s', async (_name, row, patch, column, reason) => {
    const r = registry();
    const problems = await refused(r.core, edit(r, row, patch));
    const hit = problems.find((p) => p.row === row && p.column === column);
    expect(hit, JSON.stringify(problems)).toBeDefined();
    expect(hit!.message).toContain(reason);
  });

  it('a future date (tomorrow) is refused on every row that has it', async () => {
    const r = registry();
    const rows = goodRows(r).map((x, i) => (i < 10 ? { ...x, 活动日期: tomorrow() } : x));
    const problems = await refused(r.core, rows);
    const dated = problems.filter((p) => p.column === '活动日期');
    expect(dated.map((p) => p.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(dated[0]!.message).toContain('不能晚于今天');
  });

  it('a member listed twice in one activity names the second row and the first', async () => {
    const r = registry();
    const m0 = r.members[0]!;
    const problems = await refused(r.core, edit(r, 7, { 参与者: m0.name, 身份证号后四位: m0.tail }));
    expect(problems).toEqual([{ row: 7, column: '参与者', message: EXCEL.participantTwice(m0.name, 2) }]);
  });

  it('the same member by name + tail and by full ID is still the same participant', async () => {
    const r = registry();
    const m0 = r.members[0]!;
    const problems = await refused(r.core, edit(r, 7, { 参与者: m0.idNumber, 身份证号后四位: null }));
    expect(problems).toEqual([{ row: 7, column: '参与者', message: EXCEL.participantTwice(m0.name, 2) }]);
  });

  it('an ambiguous name + tail asks for the full ID; the full ID then resolves it', async () => {
    const r = registry();
    const problems = await refused(r.core, edit(r, 4, { 参与者: '王芳', 身份证号后四位: r.twins.tail }));
    expect(problems).toEqual([{ row: 4, column: '参与者', message: EXCEL.memberAmbiguous('王芳', r.twins.tail, 2) }]);
    const idNumber = r.core.db.sqlite.prepare('select id_number from member where id = ?').pluck().get(r.twins.ids[1]);
    const res = await importXlsx(
      r.core,
      'activities',
      await file(edit(r, 4, { 参与者: '王芳', 身份证号后四位: idNumber })),
    );
    expect(res.ok, JSON.stringify(res.problems)).toBe(true);
    const a = ok(r.core, 'activities.list', { q: '文艺' }).rows[0]!;
    expect(ok(r.core, 'activities.get', { id: a.id }).participants.some((p) => p.memberId === r.twins.ids[1])).toBe(
      true,
    );
  });

  it('conflicting activity cells across the rows of one activity name the row, the column and the first row', async () => {
    const r = registry();
    const rows = edit(r, 5, { 活动地点: '社区广场' });
    rows[7] = { ...rows[7], 活动类别: '教育', 服务居民人数: 100 };
    rows[13] = { ...rows[13], 组织方名称: '东城区税务局', 活动地点: '别处' }; // B, sheet row 15 (first row: 12)
    const problems = await refused(r.core, rows);
    expect(problems).toEqual([
      { row: 5, column: '活动地点', message: EXCEL.activityConflict(2, '活动地点') },
      { row: 9, column: '活动类别', message: EXCEL.activityConflict(2, '活动类别') },
      { row: 9, column: '服务居民人数', message: EXCEL.activityConflict(2, '服务居民人数') },
      { row: 15, column: '组织方名称', message: EXCEL.activityConflict(12, '组织方名称') },
      { row: 15, column: '活动地点', message: EXCEL.activityConflict(12, '活动地点') },
    ]);
  });

  it('organiser rules: a community organiser needs the community; unit/team organisers need a name', async () => {
    const r = registry();
    const rows: ActivityRecord[] = [
      { 活动日期: '2026-05-01', 活动名称: '甲', 活动类别: '其他', 组织方类型: '社区' },
      { 活动日期: '2026-05-01', 活动名称: '乙', 活动类别: '其他', 组织方类型: '驻区单位' },
      { 活动日期: '2026-05-01', 活动名称: '丙', 活动类别: '其他', 组织方类型: '志愿服务队', 组织方名称: '无此队' },
      {
        活动日期: '2026-05-01',
        所在社区: '多福巷社区',
        活动名称: '丁',
        活动类别: '其他',
        组织方类型: '社区',
        组织方名称: '银闸社区',
      },
      { 活动日期: '2026-05-01', 活动名称: '戊' },
    ];
    expect(await refused(r.core, rows)).toEqual([
      { row: 2, column: '组织方类型', message: EXCEL.organizerCommunityRequired },
      { row: 3, column: '组织方名称', message: EXCEL.organizerNameRequired('驻区单位') },
      { row: 4, column: '组织方名称', message: EXCEL.teamNotFound('无此队') },
      { row: 5, column: '组织方名称', message: EXCEL.organizerNotCommunity('多福巷社区') },
      { row: 6, column: '活动类别', message: '不能为空' },
      { row: 6, column: '组织方类型', message: '不能为空' },
    ]);
  });

  it('an activity already registered is refused (also with updateExisting); nothing is written', async () => {
    const r = registry();
    const good = await file(goodRows(r));
    expect((await importXlsx(r.core, 'activities', good)).ok).toBe(true);
    const before = snapshot(r.core.db);
    for (const updateExisting of [false, true]) {
      const again = await importXlsx(r.core, 'activities', good, updateExisting);
      expect(again.ok).toBe(false);
      expect(again.problems).toEqual([
        { row: 2, column: '活动名称', message: EXCEL.activityExists('2026-03-15', '社区文艺汇演') },
        { row: 12, column: '活动名称', message: EXCEL.activityExists('2026-06-01', '全街道环境整治') },
        { row: 22, column: '活动名称', message: EXCEL.activityExists('2026-07-10', '义诊进社区') },
      ]);
    }
    expect(snapshot(r.core.db)).toEqual(before);
    // A different start time is a different activity.
    const other = goodRows(r)
      .slice(0, 10)
      .map((x) => ({ ...x, 开始时间: '14:00', 结束时间: '15:00' }));
    expect((await importXlsx(r.core, 'activities', await file(other))).ok).toBe(true);
  });

  it('a deleted activity does not block importing it again', async () => {
    const r = registry();
    const rows = goodRows(r).slice(0, 10);
    expect((await importXlsx(r.core, 'activities', await file(rows))).ok).toBe(true);
    const [a] = ok(r.core, 'activities.list', {}).rows;
    ok(r.core, 'activities.delete', { id: a!.id });
    expect((await importXlsx(r.core, 'activities', await file(rows))).ok).toBe(true);
  });

  it('many problems at once are all listed, in row order', async () => {
    const r = registry();
    const rows = goodRows(r);
    rows[1] = { ...rows[1], [H]: 0 };
    rows[15] = { ...rows[15], 参与者: '查无此人' };
    rows[25] = { ...rows[25], 所在社区: '不存在社区' };
    const problems = await refused(r.core, rows);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, H],
      [17, '参与者'],
      [27, '所在社区'],
    ]);
  });

  it('a missing required column is reported on row 1', async () => {
    const r = registry();
    const headers = ACTIVITY_HEADERS.filter((h) => h !== '服务时长（小时）');
    const before = snapshot(r.core.db);
    const res = await importXlsx(
      r.core,
      'activities',
      await workbook(headers, goodRows(r) as Record<string, unknown>[]),
    );
    expect(res.problems).toEqual([
      { row: 1, column: '服务时长（小时）', message: EXCEL.missingColumn('服务时长（小时）') },
    ]);
    expect(snapshot(r.core.db)).toEqual(before);
  });
});

describe('activities import keeps the rules of activities.create (parity)', () => {
  it.each<[string, Record<string, unknown>, ActivityRecord, string]>([
    ['hours 0', { participants: [{ memberId: 0, hours: 0 }] }, { '服务时长（小时）': 0 }, ACTIVITY.hoursRange],
    ['hours 25', { participants: [{ memberId: 0, hours: 25 }] }, { '服务时长（小时）': 25 }, ACTIVITY.hoursRange],
    [
      'end before start',
      { startTime: '09:00', endTime: '08:00' },
      { 开始时间: '09:00', 结束时间: '08:00' },
      ACTIVITY.endBeforeStart,
    ],
    ['future date', { date: 'TOMORROW' }, { 活动日期: 'TOMORROW' }, '不能晚于今天'],
  ])('%s: the API and the import both refuse, with the same reason', async (_n, api, sheet, reason) => {
    const r = registry();
    const m0 = r.members[0]!.id;
    const fix = (v: unknown) => (v === 'TOMORROW' ? tomorrow() : v);
    const input: Record<string, unknown> = {
      date: '2026-05-01',
      communityId: r.c1,
      title: '对照活动',
      category: 'other',
      organizerKind: 'community',
      participants: [{ memberId: m0, hours: 1 }],
    };
    for (const [k, v] of Object.entries(api)) input[k] = fix(v);
    if (Array.isArray(api.participants))
      input.participants = (api.participants as { hours: number }[]).map((p) => ({ memberId: m0, hours: p.hours }));
    const e = fails(r.core, 'activities.create', input);
    expect(e.message).toContain(reason);

    const row: ActivityRecord = {
      活动日期: '2026-05-01',
      所在社区: '多福巷社区',
      活动名称: '对照活动',
      活动类别: '其他',
      组织方类型: '社区',
      参与者: r.members[0]!.name,
      身份证号后四位: r.members[0]!.tail,
      '服务时长（小时）': 1,
    };
    for (const [k, v] of Object.entries(sheet)) row[k as keyof ActivityRecord] = fix(v);
    const problems = await refused(r.core, [row]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.row).toBe(2);
    expect(problems[0]!.message).toContain(reason);
  });
});

/** Dropdown formula of a cell, as the regular exceljs reader exposes it. */
function dropdown(ws: ExcelJS.Worksheet, address: string): string[] | undefined {
  const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } })
    .dataValidations.model[address];
  return dv?.type === 'list' ? dv.formulae : undefined;
}

describe('activities template and export', () => {
  it('the template has the headers, dropdowns and a 填写说明 row for every column', async () => {
    const core = streetCore();
    const t = await callAsync(core, 'excel.template', { kind: 'activities' });
    expect(t.fileName).toBe('服务活动导入模板.xlsx');
    const book = await readBook(t.base64);
    expect(book.sheetNames).toEqual(['服务活动', '填写说明']);
    expect(book.rows).toEqual([[...ACTIVITY_HEADERS]]);
    const ws = book.workbook.worksheets[0]!;
    expect(dropdown(ws, 'F2')).toEqual([
      '"科技,文体,教育,卫生,法治,安全,扶贫济困,平安创建,信访,环境卫生,党员教育,志愿服务,其他"',
    ]);
    expect(dropdown(ws, 'G2')).toEqual(['"社区,驻区单位,志愿服务队"']);
    expect(dropdown(ws, 'L2')).toEqual(['"党员,驻区单位"']);
    const guide = book.workbook.worksheets[1]!;
    const lines: string[][] = [];
    guide.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(lines[0]![0]).toBe('服务活动导入表 填写说明');
    for (const h of ACTIVITY_HEADERS) {
      const line = lines.find((l) => l[0] === h);
      expect(line, h).toBeDefined();
      expect(line![2]!.length, h).toBeGreaterThan(5);
    }
    const notes = lines.map((l) => l.join(' ')).join('\n');
    expect(notes).toContain('活动日期、所在社区、活动名称、开始时间四列都相同的行属于同一次活动');
    expect(notes).toContain('不能再次导入');
    // The template itself, filled in, imports.
    const r = registry(core);
    const res = await importXlsx(r.core, 'activities', await file(goodRows(r).slice(0, 10)));
    expect(res.ok).toBe(true);
  });

  it('exports one row per participant in the template layout (members named by ID tail only)', async () => {
    const r = registry();
    expect((await importXlsx(r.core, 'activities', await file(goodRows(r)))).ok).toBe(true);
    const out = await callAsync(r.core, 'excel.export', { kind: 'activities' });
    const book = await readBook(out.base64);
    expect(book.rows[0]).toEqual([...ACTIVITY_HEADERS]);
    expect(book.rows).toHaveLength(31);
    const text = JSON.stringify(book.rows);
    for (const m of r.members) expect(text).not.toContain(m.idNumber);
    const first = book.rows[1]!;
    expect(first.slice(0, 8)).toEqual([
      '2026-03-15',
      '09:00',
      '11:30',
      '多福巷社区',
      '社区文艺汇演',
      '文体',
      '社区',
      '多福巷社区',
    ]);
    const c2only = await callAsync(r.core, 'excel.export', { kind: 'activities', communityId: r.c2 });
    expect((await readBook(c2only.base64)).rows).toHaveLength(11);
  });

  it('an exported file imports into another database with the same registry', async () => {
    const r = registry();
    expect((await importXlsx(r.core, 'activities', await file(goodRows(r)))).ok).toBe(true);
    const out = await callAsync(r.core, 'excel.export', { kind: 'activities' });
    const other = registry();
    const res = await importXlsx(other.core, 'activities', out.base64);
    expect(res, JSON.stringify(res.problems)).toMatchObject({ ok: true, total: 30, inserted: 3 });
    const strip = (core: Core) =>
      ok(core, 'activities.list', {}).rows.map(({ id: _id, updatedAt: _u, ...rest }) => rest);
    expect(strip(other.core)).toEqual(strip(r.core));
  });
});

function cli(...args: string[]) {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('streetgrid template / import / list --kind activities', () => {
  it('writes the template, imports a sign-in workbook (exit 0), refuses a bad one (exit 1) and lists as JSON', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'streetgrid.db');
    const db = openDatabase({ file: dbFile });
    let rows: ActivityRecord[];
    try {
      call({ db, mode: 'cli' }, 'street.setup', { streetCode: '110101001' });
      rows = goodRows(registry({ db, mode: 'cli' }));
    } finally {
      db.close();
    }

    const tpl = path.join(dir, 'tpl.xlsx');
    const t = cli('template', '--kind', 'activities', tpl);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('已生成服务活动导入模板');
    expect((await readBook(fs.readFileSync(tpl))).rows).toEqual([[...ACTIVITY_HEADERS]]);

    const bad = path.join(dir, 'bad.xlsx');
    const badRows = [...rows];
    badRows[1] = { ...badRows[1], '服务时长（小时）': 25 };
    fs.writeFileSync(bad, await file(badRows));
    const no = cli('import', '--db', dbFile, '--kind', 'activities', bad);
    expect(no.code).toBe(1);
    expect(no.stderr.trim().split('\n')).toEqual([
      '导入失败，未写入任何数据。共 1 个问题：',
      `第 3 行「服务时长（小时）」：${ACTIVITY.hoursRange}`,
    ]);

    const good = path.join(dir, 'good.xlsx');
    fs.writeFileSync(good, await file(rows));
    const yes = cli('import', '--db', dbFile, '--kind', 'activities', good);
    expect(yes.stderr).toBe('');
    expect(yes.code).toBe(0);
    expect(yes.stdout.trim()).toBe('导入成功：服务活动 30 行（新增 3，更新 0）。');

    const list = cli('list', '--db', dbFile, '--kind', 'activities', '--json', '--limit', '2');
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(listed.map((x) => [x.date, x.title, x.participantCount])).toEqual([
      ['2026-07-10', '义诊进社区', 10],
      ['2026-06-01', '全街道环境整治', 10],
    ]);
    const plain = cli('list', '--db', dbFile, '--kind', 'activities');
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim().split('\n')).toHaveLength(3);
    expect(plain.stdout).toContain('2026-03-15\t社区文艺汇演\t多福巷社区\tculture\t10\t21');
  });
});

describe('activities import under random cell garbage (fast-check)', () => {
  const cell: fc.Arbitrary<unknown> = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.date({ min: new Date('1890-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
    fc.constantFrom('09:00', '9点半', '24:00', '党员', '驻区单位', '社区', '文体', '王芳', '0', '2026-02-30', '  '),
    fc.constantFrom<ExcelJS.CellValue>({ formula: '1+1' }, { error: '#N/A' }, { richText: [{ text: '张' }] }),
  );

  it('never throws across the boundary; a refusal writes nothing, a success writes what it says', async () => {
    const r = registry();
    const base = goodRows(r);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.nat(base.length - 1),
            fc.array(fc.tuple(fc.nat(ACTIVITY_HEADERS.length - 1), cell), { maxLength: 3 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (picks) => {
          const rows = picks.map(([i, patches]) => {
            const out: unknown[] = ACTIVITY_HEADERS.map((h) => base[i]![h] ?? null);
            for (const [col, v] of patches) out[col] = v;
            return out;
          });
          const before = snapshot(r.core.db);
          const activities = r.core.db.sqlite.prepare('select count(*) from activity').pluck().get() as number;
          const env = await invokeAsync(r.core, 'excel.import', {
            kind: 'activities',
            base64: (await workbook(ACTIVITY_HEADERS, rows)).toString('base64'),
          });
          expect(env.ok, JSON.stringify(env)).toBe(true);
          const res = (env as { data: ImportResultT }).data;
          if (res.ok) {
            const now = r.core.db.sqlite.prepare('select count(*) from activity').pluck().get() as number;
            expect(now).toBe(activities + res.inserted);
          } else {
            expect(res.problems.length).toBeGreaterThan(0);
            for (const p of res.problems) expect(p.message.length).toBeGreaterThan(0);
            expect(snapshot(r.core.db)).toEqual(before);
          }
        },
      ),
      { numRuns: 60, seed: 20261122 },
    );
  });
});
