import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { callAsync } from '../../../src/core/api';
import type { ExcelKind } from '../../../src/shared/contract';
import {
  GRID_HEADERS,
  importXlsx,
  makeId,
  makePhone,
  makeUscc,
  MEMBER_HEADERS,
  ACTIVITY_HEADERS,
  readBook,
  UNIT_HEADERS,
} from '../../fixtures/excel';
import { ok, streetCore } from '../../helpers';

const COMMUNITY_HEADERS = [
  '统计代码',
  '名称',
  '正式名称',
  '类型',
  '户数',
  '人口',
  '阵地面积',
  '产权',
  '一门式服务大厅',
  '功能室',
  '书记',
  '主任',
  '书记主任一肩挑',
  '专职副书记',
  '事业编制人数',
  '专职党务工作者人数',
];

const HEADERS: Record<ExcelKind, readonly string[]> = {
  members: MEMBER_HEADERS,
  units: UNIT_HEADERS,
  communities: COMMUNITY_HEADERS,
  grids: GRID_HEADERS,
  activities: ACTIVITY_HEADERS,
};

/** Dropdown formula of a cell, as the regular exceljs reader exposes it. */
function dropdown(ws: ExcelJS.Worksheet, address: string): string[] | undefined {
  const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } })
    .dataValidations.model[address];
  return dv?.type === 'list' ? dv.formulae : undefined;
}

/** Loads a template and fills rows into its data sheet, as a user does in Excel. */
async function fillTemplate(base64: string, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    r.forEach((v, j) => {
      row.getCell(j + 1).value = v as ExcelJS.CellValue;
    });
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Excel templates', () => {
  it.each(Object.keys(HEADERS) as ExcelKind[])(
    '%s: exact headers, bold frozen header, widths and 填写说明',
    async (kind) => {
      const core = streetCore();
      const t = await callAsync(core, 'excel.template', { kind });
      expect(t.fileName).toMatch(/导入模板\.xlsx$/);
      expect(t.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = await readBook(t.base64);
      expect(book.sheetNames).toHaveLength(2);
      expect(book.sheetNames[1]).toBe('填写说明');
      expect(book.rows).toEqual([[...HEADERS[kind]]]);
      const ws = book.workbook.worksheets[0]!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (let c = 1; c <= HEADERS[kind].length; c++) {
        expect(ws.getRow(1).getCell(c).font?.bold, `header ${c} bold`).toBe(true);
        expect(ws.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(7);
      }
      // Every column is explained on the 填写说明 sheet.
      const guide = book.workbook.getWorksheet('填写说明')!;
      const explained = new Set<string>();
      guide.eachRow((row) => explained.add(String(row.getCell(1).value)));
      for (const h of HEADERS[kind]) expect(explained.has(h), h).toBe(true);
    },
  );

  it('members template: text format for 身份证号/手机号, dropdowns for 性别 and 类别, masked-export note', async () => {
    const core = streetCore();
    const t = await callAsync(core, 'excel.template', { kind: 'members' });
    const book = await readBook(t.base64);
    const ws = book.workbook.worksheets[0]!;
    expect(ws.getColumn(5).numFmt).toBe('@');
    expect(ws.getColumn(6).numFmt).toBe('@');
    expect(dropdown(ws, 'B2')).toEqual(['"男,女"']);
    expect(dropdown(ws, 'G100')).toEqual(['"在职党员,离退休党员,流动党员"']);
    let text = '';
    book.workbook.getWorksheet('填写说明')!.eachRow((row) => {
      text += row.values?.toString() ?? '';
    });
    expect(text).toContain('脱敏');
    expect(text).toContain('2026年11月22日');
  });

  it('units template: dropdowns for 单位类型 and 是/否', async () => {
    const core = streetCore();
    const book = await readBook((await callAsync(core, 'excel.template', { kind: 'units' })).base64);
    const ws = book.workbook.worksheets[0]!;
    expect(dropdown(ws, 'C2')).toEqual(['"机关,事业单位,国有企业,非公企业,社会组织,学校,医院,其他"']);
    expect(dropdown(ws, 'I2')).toEqual(['"是,否"']);
    expect(ws.getColumn(2).numFmt).toBe('@');
  });

  it('round trip: download the members template, fill it with exceljs, import, and the list shows the rows', async () => {
    const core = streetCore();
    const [c1] = ok(core, 'communities.list', {});
    const grid = ok(core, 'grids.create', { communityId: c1!.id, code: 'G-01', name: '第一网格' });
    const unit = ok(core, 'units.create', { name: '北京市东城区第一中学', type: 'school' });
    const t = await callAsync(core, 'excel.template', { kind: 'members' });
    const id1 = makeId('1975-06-01', 31);
    const id2 = makeId('1960-02-29', 42);
    const file = await fillTemplate(t.base64, [
      [
        '张伟',
        '男',
        '1975-06-01',
        '汉族',
        id1,
        makePhone(7),
        '在职党员',
        '多福巷社区',
        '第一网格',
        '北京市东城区第一中学',
        '法律咨询、书法',
        new Date(Date.UTC(2026, 2, 15)),
        '  首批  ',
      ],
      [
        '李秀英',
        null,
        null,
        '回族',
        id2,
        null,
        '离退休党员',
        '110101001001',
        'G-01',
        '某街道社区卫生服务中心',
        '医疗保健，心理疏导;政策宣讲',
        null,
        null,
      ],
    ]);
    const r = await importXlsx(core, 'members', file);
    expect(r).toEqual({ ok: true, total: 2, inserted: 2, updated: 0, problems: [] });
    const rows = ok(core, 'members.list', { sort: 'birthDate' }).rows;
    expect(rows.map((m) => m.name)).toEqual(['李秀英', '张伟']);
    expect(rows[1]).toMatchObject({
      gender: 'male',
      birthDate: '1975-06-01',
      idMasked: `110101********${id1.slice(-4)}`,
      phoneMasked: '170****0007',
      category: 'employed',
      communityId: c1!.id,
      gridId: grid.id,
      employerUnitId: unit.id,
      employerName: '北京市东城区第一中学',
      skills: ['法律咨询', '书法'],
      reportDate: '2026-03-15',
      note: '首批',
    });
    expect(rows[0]).toMatchObject({
      gender: 'female',
      birthDate: '1960-02-29',
      category: 'retired',
      gridId: grid.id,
      employerUnitId: null,
      employerName: '某街道社区卫生服务中心',
      skills: ['医疗保健', '心理疏导', '政策宣讲'],
      phoneMasked: null,
    });
  });

  it('round trip: units, communities and grids templates filled and imported', async () => {
    const core = streetCore();
    const units = await callAsync(core, 'excel.template', { kind: 'units' });
    const u = await importXlsx(
      core,
      'units',
      await fillTemplate(units.base64, [
        [
          '东城区人民医院',
          makeUscc(1),
          '医院',
          '多福巷社区',
          '东城区人民医院党委',
          '王建国',
          '刘芳',
          '010-65123456',
          '是',
          '会议室：可容纳 50 人、停车位',
        ],
      ]),
    );
    expect(u).toMatchObject({ ok: true, inserted: 1 });
    expect(ok(core, 'units.list', {}).rows[0]).toMatchObject({
      name: '东城区人民医院',
      uscc: makeUscc(1),
      type: 'hospital',
      isCouncilMember: true,
      contactPhone: '010-65123456',
      resources: [
        { name: '会议室', description: '可容纳 50 人' },
        { name: '停车位', description: '' },
      ],
    });

    const communities = await callAsync(core, 'excel.template', { kind: 'communities' });
    const c = await importXlsx(
      core,
      'communities',
      await fillTemplate(communities.base64, [
        [
          '110101001001',
          '多福巷社区',
          null,
          null,
          1200,
          3400,
          320.5,
          '自有',
          '是',
          '党员活动室、图书室',
          '赵红',
          '赵红',
          '是',
          null,
          2,
          3,
        ],
        [
          '110101001099',
          '新建社区',
          '新建社区居委会',
          '社区',
          10,
          20,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ],
      ]),
    );
    expect(c).toMatchObject({ ok: true, inserted: 1, updated: 1 });
    const list = ok(core, 'communities.list', {});
    expect(list.find((x) => x.code === '110101001001')).toMatchObject({
      name: '多福巷社区',
      officialName: '多福巷社区居委会',
      households: 1200,
      population: 3400,
      spaceArea: 320.5,
      spaceOwnership: 'owned',
      hasServiceHall: true,
      functionRooms: ['党员活动室', '图书室'],
      secretaryName: '赵红',
      secretaryIsDirector: true,
      careerStaffCount: 2,
      partyWorkerCount: 3,
    });
    expect(list.find((x) => x.code === '110101001099')).toMatchObject({
      name: '新建社区',
      kind: 'community',
      households: 10,
    });

    const grids = await callAsync(core, 'excel.template', { kind: 'grids' });
    const g = await importXlsx(
      core,
      'grids',
      await fillTemplate(grids.base64, [
        ['多福巷社区', 'DFX-01', '第一网格', '孙丽', '周强、吴敏', 320, '1-6号楼'],
        ['110101001099', 'XJ-01', '新建一网格', null, null, null, null],
      ]),
    );
    expect(g).toMatchObject({ ok: true, inserted: 2 });
    expect(ok(core, 'grids.list', {}).map((x) => [x.code, x.name, x.gridWorkers, x.households])).toEqual([
      ['DFX-01', '第一网格', ['周强', '吴敏'], 320],
      ['XJ-01', '新建一网格', [], null],
    ]);
  });
});
