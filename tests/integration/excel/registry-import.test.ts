import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/api';
import type { ImportProblemT } from '../../../src/shared/contract';
import type { ExcelKind } from '../../../src/shared/contract';
import {
  GRID_HEADERS,
  importXlsx,
  liveCount,
  makeUscc,
  memberRecord,
  MEMBER_HEADERS,
  UNIT_HEADERS,
  workbook,
} from '../../fixtures/excel';
import { ok, snapshot, streetCore } from '../../helpers';

const COMMUNITY_HEADERS = [
  '统计代码',
  '名称',
  '户数',
  '人口',
  '阵地面积',
  '产权',
  '一门式服务大厅',
  '书记',
  '书记主任一肩挑',
  '专职党务工作者人数',
];

async function refused(
  core: Core,
  kind: ExcelKind,
  headers: readonly string[],
  rows: unknown[][],
  updateExisting?: boolean,
) {
  const before = snapshot(core.db);
  const r = await importXlsx(core, kind, await workbook(headers, rows), updateExisting);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  expect(snapshot(core.db)).toEqual(before);
  return r.problems;
}

function unitRow(
  name: string,
  uscc: string | null,
  extra: Partial<Record<(typeof UNIT_HEADERS)[number], unknown>> = {},
) {
  const r: Record<string, unknown> = {
    单位名称: name,
    统一社会信用代码: uscc,
    单位类型: '非公企业',
    所在社区: '多福巷社区',
    党组织名称: `${name}党支部`,
    党组织书记: '陈明',
    联系人: '林芳',
    联系电话: '13800001234',
    是否协调议事小组成员单位: '否',
    资源清单: '会议室、停车位',
    ...extra,
  };
  return UNIT_HEADERS.map((h) => r[h] ?? null);
}

describe('units import', () => {
  it('checks the 统一社会信用代码 with GB 32100 (91350100M000100Y4Z refused, 91350100M000100Y43 accepted)', async () => {
    const core = streetCore();
    const problems = await refused(core, 'units', UNIT_HEADERS, [
      unitRow('福州某科技有限公司', '91350100M000100Y4Z'),
      unitRow('未知类型单位', null, { 单位类型: '公司', 是否协调议事小组成员单位: '也许', 联系电话: '12345' }),
      unitRow('被转成数字的单位', null, { 统一社会信用代码: 911101010000000000 }),
    ]);
    expect(problems).toEqual([
      { row: 2, column: '统一社会信用代码', message: '统一社会信用代码不正确（应为 18 位，且校验码符合 GB 32100）' },
      {
        row: 3,
        column: '单位类型',
        message: '应为 机关、事业单位、国有企业、非公企业、社会组织、学校、医院、其他 之一',
      },
      { row: 3, column: '联系电话', message: '电话号码格式不正确（手机 11 位，或带区号的固定电话）' },
      { row: 3, column: '是否协调议事小组成员单位', message: '应填“是”或“否”' },
      {
        row: 4,
        column: '统一社会信用代码',
        message: '统一社会信用代码被 Excel 转成了数字，请把该列设为文本后重新填写',
      },
    ]);
    const r = await importXlsx(
      core,
      'units',
      await workbook(UNIT_HEADERS, [
        unitRow('福州某科技有限公司', '91350100m000100y43', { 是否协调议事小组成员单位: '是' }),
      ]),
    );
    expect(r).toMatchObject({ ok: true, inserted: 1 });
    expect(ok(core, 'units.list', {}).rows[0]).toMatchObject({
      uscc: '91350100M000100Y43',
      type: 'private',
      isCouncilMember: true,
      resources: [
        { name: '会议室', description: '' },
        { name: '停车位', description: '' },
      ],
    });
  });

  it('duplicates in the file and against the database; updateExisting updates by code or by name', async () => {
    const core = streetCore();
    const a = ok(core, 'units.create', {
      name: '东城区图书馆',
      uscc: makeUscc(1),
      type: 'institution',
      contactPerson: '原联系人',
    });
    const b = ok(core, 'units.create', { name: '社区服务中心', type: 'social' });
    const dupInFile = await refused(core, 'units', UNIT_HEADERS, [
      unitRow('甲公司', makeUscc(5)),
      unitRow('乙公司', makeUscc(5)),
      unitRow('无代码单位', null),
      unitRow('无代码单位', null),
    ]);
    expect(dupInFile.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, '统一社会信用代码', '与第 3 行重复'],
      [3, '统一社会信用代码', '与第 2 行重复'],
      [4, '单位名称', '与第 5 行重复'],
      [5, '单位名称', '与第 4 行重复'],
    ]);
    const rows = [
      unitRow('东城区图书馆（新馆）', makeUscc(1), { 单位类型: null, 联系人: '新联系人', 所在社区: null }),
      unitRow('社区服务中心', null, { 单位类型: null, 资源清单: '场地：周末开放' }),
      unitRow('新来的公司', makeUscc(9)),
    ];
    const conflict = await refused(core, 'units', UNIT_HEADERS, rows);
    expect(conflict.map((p) => [p.row, p.column])).toEqual([
      [2, '统一社会信用代码'],
      [3, '单位名称'],
    ]);
    expect(conflict[0]!.message).toContain('东城区图书馆');
    const r = await importXlsx(core, 'units', await workbook(UNIT_HEADERS, rows), true);
    expect(r).toEqual({ ok: true, total: 3, inserted: 1, updated: 2, problems: [] });
    expect(ok(core, 'units.get', { id: a.id })).toMatchObject({
      name: '东城区图书馆（新馆）',
      type: 'institution',
      contactPerson: '新联系人',
    });
    expect(ok(core, 'units.get', { id: b.id }).resources).toEqual([{ name: '场地', description: '周末开放' }]);
    expect(ok(core, 'units.list', { q: 'dcqtsg' }).rows.map((u) => u.id)).toEqual([a.id]);
  });
});

describe('communities import', () => {
  it('updates existing communities by code and adds new ones under the street prefix', async () => {
    const core = streetCore();
    const before = ok(core, 'communities.list', {});
    const r = await importXlsx(
      core,
      'communities',
      await workbook(COMMUNITY_HEADERS, [
        ['110101001001', null, 1500, 4200, 260, '租用', '是', '钱芳', '否', 2],
        [110101001002, '银闸社区', null, null, null, null, null, null, null, null],
        ['110101001088', '新设社区', 100, 300, null, null, null, null, null, null],
      ]),
    );
    expect(r).toEqual({ ok: true, total: 3, inserted: 1, updated: 2, problems: [] });
    const after = ok(core, 'communities.list', {});
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((c) => c.code === '110101001001')).toMatchObject({
      name: before[0]!.name,
      households: 1500,
      population: 4200,
      spaceArea: 260,
      spaceOwnership: 'rented',
      hasServiceHall: true,
      secretaryName: '钱芳',
      partyWorkerCount: 2,
    });
    expect(after.find((c) => c.code === '110101001088')).toMatchObject({
      name: '新设社区',
      kind: 'community',
      hasServiceHall: false,
    });
    const audit = ok(core, 'audit.list', { entity: 'community' }).rows[0]!;
    expect(audit).toMatchObject({ action: 'import', summary: '导入社区 3 个（新增 1，更新 2）' });
  });

  it('refuses bad codes, codes outside the street, negative or non-numeric counts and unknown labels', async () => {
    const core = streetCore();
    const problems = await refused(core, 'communities', COMMUNITY_HEADERS, [
      ['11010100100', '短代码', null, null, null, null, null, null, null, null],
      ['110102001001', '外街道', null, null, null, null, null, null, null, null],
      ['110101001001', null, -5, '很多', null, '公有', null, null, null, 1.5],
      ['110101001077', null, null, null, null, null, null, null, null, null],
      ['110101001002', null, null, null, null, null, null, null, null, null],
      ['110101001002', null, null, null, null, null, null, null, null, null],
    ]);
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, '统计代码', '社区代码应为 12 位数字。'],
      [3, '统计代码', '社区代码必须以本街道代码 110101001 开头（12 位数字）。'],
      [4, '户数', '不能为负数'],
      [4, '人口', '应为数字'],
      [4, '产权', '应为 自有、租用、借用 之一'],
      [4, '专职党务工作者人数', '必须是整数'],
      [5, '名称', '不能为空'],
      [6, '统计代码', '与第 7 行重复'],
      [7, '统计代码', '与第 6 行重复'],
    ]);
  });
});

describe('grids import', () => {
  it('adds grids by community name or code, refuses duplicates, updates with updateExisting; members then match them', async () => {
    const core = streetCore();
    const rows = [
      ['多福巷社区', 'DFX-01', '多福巷一网格', '孙丽', '周强、吴敏', 300, '1-6号楼'],
      ['110101001001', 'DFX-02', '多福巷二网格', null, null, null, null],
      ['银闸社区', 'YZ-01', '银闸一网格', null, null, null, null],
    ];
    expect(await importXlsx(core, 'grids', await workbook(GRID_HEADERS, rows))).toMatchObject({
      ok: true,
      inserted: 3,
    });
    const problems: ImportProblemT[] = await refused(core, 'grids', GRID_HEADERS, [
      ['多福巷社区', 'DFX-01', '多福巷一网格', '新网格长', null, null, null],
      ['无此社区', 'X 1', '坏网格', null, null, -1, null],
      ['多福巷社区', 'DFX-09', null, null, null, null, null],
      ['多福巷社区', 'DFX-09', '重复', null, null, null, null],
    ]);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, '网格编码'],
      [3, '所在社区'],
      [3, '网格编码'],
      [3, '户数'],
      [4, '网格编码'],
      [4, '网格名称'],
      [5, '网格编码'],
    ]);
    expect(problems[0]!.message).toContain('网格编码 DFX-01 已存在（多福巷社区）');
    const upd = await importXlsx(
      core,
      'grids',
      await workbook(GRID_HEADERS, [[null, 'DFX-01', null, '新网格长', null, 320, null]]),
      true,
    );
    expect(upd).toMatchObject({ ok: true, inserted: 0, updated: 1 });
    const grids = ok(core, 'grids.list', {});
    expect(grids.find((g) => g.code === 'DFX-01')).toMatchObject({
      name: '多福巷一网格',
      leaderName: '新网格长',
      gridWorkers: ['周强', '吴敏'],
      households: 320,
      buildings: '1-6号楼',
    });

    // Members match grids by name or code, only within their community.
    const m = await importXlsx(
      core,
      'members',
      await workbook(MEMBER_HEADERS, [
        MEMBER_HEADERS.map((h) => memberRecord(1, '多福巷社区', { 所在网格: '多福巷二网格' })[h] ?? null),
        MEMBER_HEADERS.map((h) => memberRecord(2, '多福巷社区', { 所在网格: 'YZ-01' })[h] ?? null),
      ]),
    );
    expect(m.ok).toBe(false);
    expect(m.problems).toEqual([
      { row: 3, column: '所在网格', message: '在「多福巷社区」中找不到网格「YZ-01」（可填网格名称或网格编码）' },
    ]);
    expect(liveCount(core, 'member')).toBe(0);
  });
});
