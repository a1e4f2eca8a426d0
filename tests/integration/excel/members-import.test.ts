import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { callAsync, invokeAsync, type Core } from '../../../src/core/api';
import { runAction } from '../../../src/core/db/action';
import { prepareImport, readSheet, writeImport } from '../../../src/core/excel';
import type { ImportProblemT } from '../../../src/shared/contract';
import {
  importXlsx,
  liveCount,
  makeId,
  memberRecord,
  MEMBER_HEADERS,
  nthId,
  workbook,
  workbookBase64,
  type MemberRecord,
} from '../../fixtures/excel';
import { ok, snapshot, streetCore } from '../../helpers';

const MANGLED = '身份证号被 Excel 转成了数字，请把该列设为文本后重新填写';

function setup(): { core: Core; c1: number; c2: number } {
  const core = streetCore('110101001');
  const [a, b] = ok(core, 'communities.list', {});
  return { core, c1: a!.id, c2: b!.id };
}

/** Imports the rows and expects a refusal that wrote nothing; returns the problems. */
async function refused(core: Core, rows: MemberRecord[] | Buffer, updateExisting?: boolean): Promise<ImportProblemT[]> {
  const before = snapshot(core.db);
  const file = Buffer.isBuffer(rows) ? rows : await workbook(MEMBER_HEADERS, rows);
  const r = await importXlsx(core, 'members', file, updateExisting);
  expect(r.ok, JSON.stringify(r.problems)).toBe(false);
  expect(r.inserted + r.updated).toBe(0);
  expect(r.problems.length).toBeGreaterThan(0);
  expect(snapshot(core.db)).toEqual(before);
  return r.problems;
}

describe('members import: every rule gives (row, column, reason) and writes nothing', () => {
  const id = nthId(5);
  it.each<[string, Partial<MemberRecord>, string, string]>([
    ['bad check digit', { 身份证号: id.id.slice(0, 17) + (id.id.endsWith('0') ? '1' : '0') }, '身份证号', 'GB 11643'],
    [
      'impossible birth date in the ID',
      { 身份证号: makeId('1949-13-31', 1).slice(0, 17) + '0' },
      '身份证号',
      '身份证号不正确',
    ],
    ['empty ID', { 身份证号: null }, '身份证号', '不能为空'],
    ['ID mangled into a number', { 身份证号: 1.1010519491231e17 }, '身份证号', MANGLED],
    ['masked ID', { 身份证号: '110101********1234' }, '身份证号', '脱敏'],
    ['gender against the ID', { 性别: id.gender === '男' ? '女' : '男' }, '性别', '性别与身份证号不一致'],
    ['gender label', { 性别: '男性' }, '性别', '应为 男、女 之一'],
    [
      'birth date against the ID',
      { 出生日期: '1999-01-01' },
      '出生日期',
      `出生日期与身份证号不一致（身份证号中为 ${id.birthDate}）`,
    ],
    ['birth date text', { 出生日期: '去年' }, '出生日期', '日期格式不正确'],
    ['mobile', { 手机号: '12345678901' }, '手机号', '手机号格式不正确'],
    ['mobile too short (number cell)', { 手机号: 1381234567 }, '手机号', '手机号格式不正确'],
    ['category label', { 类别: '党员' }, '类别', '应为 在职党员、离退休党员、流动党员 之一'],
    ['category empty', { 类别: null }, '类别', '不能为空'],
    ['community unknown', { 所在社区: '不存在社区' }, '所在社区', '找不到社区「不存在社区」'],
    ['community code unknown', { 所在社区: '110101001777' }, '所在社区', '找不到社区'],
    ['community empty', { 所在社区: null }, '所在社区', '不能为空'],
    ['grid unknown in the community', { 所在网格: '第九网格' }, '所在网格', '在「多福巷社区」中找不到网格「第九网格」'],
    ['name empty', { 姓名: '   ' }, '姓名', '不能为空'],
    ['name too long', { 姓名: '张'.repeat(31) }, '姓名', '不能超过 30 个字符'],
    ['ethnicity too long', { 民族: '族'.repeat(21) }, '民族', '不能超过 20 个字符'],
    ['report date impossible', { 报到日期: '2026-02-30' }, '报到日期', '日期格式不正确'],
    ['report date text', { 报到日期: '三月' }, '报到日期', '日期格式不正确'],
    [
      'skill too long',
      { 专业特长: `书法、${'长'.repeat(21)}` },
      '专业特长',
      `「${'长'.repeat(21)}」不能超过 20 个字符`,
    ],
    ['note too long', { 备注: '注'.repeat(501) }, '备注', '不能超过 500 个字符'],
    ['employer too long', { 工作单位: '单'.repeat(101) }, '工作单位', '不能超过 100 个字符'],
    ['error cell', { 姓名: { error: '#N/A' } }, '姓名', '错误值 #N/A'],
    ['formula without a cached result', { 姓名: { formula: 'A1&"x"' } }, '姓名', '公式没有计算结果'],
  ])('%s', async (_label, patch, column, message) => {
    const { core } = setup();
    const rows = [memberRecord(4), memberRecord(5, '多福巷社区', patch), memberRecord(6)];
    const problems = await refused(core, rows);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 3, column });
    expect(problems[0]!.message).toContain(message);
  });

  it('reports every problem of every row, by row then column order', async () => {
    const { core } = setup();
    const rows = [
      memberRecord(1),
      memberRecord(2, '多福巷社区', { 姓名: null, 手机号: '123', 类别: '群众' }),
      memberRecord(3),
      memberRecord(4, '无此社区', { 身份证号: 1.1e17, 出生日期: '1999/99/99' }),
    ];
    const problems = await refused(core, rows);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '姓名'],
      [3, '手机号'],
      [3, '类别'],
      [5, '出生日期'],
      [5, '身份证号'],
      [5, '所在社区'],
    ]);
    expect(problems.find((p) => p.row === 5 && p.column === '身份证号')!.message).toBe(MANGLED);
  });

  it('the same ID twice in the file names both rows', async () => {
    const { core } = setup();
    const dup = memberRecord(9);
    const problems = await refused(core, [memberRecord(1), { ...dup, 姓名: '王芳' }, memberRecord(2), dup]);
    expect(problems).toEqual([
      { row: 3, column: '身份证号', message: '与第 5 行重复' },
      { row: 5, column: '身份证号', message: '与第 3 行重复' },
    ]);
  });

  it('an ID already registered is refused naming the member; with updateExisting the row updates that member', async () => {
    const { core, c1, c2 } = setup();
    const existing = nthId(3);
    const m = ok(core, 'members.create', {
      name: '赵建国',
      idNumber: existing.id,
      communityId: c1,
      category: 'retired',
      note: '原备注',
      skills: ['书法'],
    });
    const grid = ok(core, 'grids.create', { communityId: c2, code: 'YZ-01', name: '银闸一网格' });
    // Only 身份证号, 手机号 and a new community + grid are filled: the rest must stay as it was.
    const row: MemberRecord = {
      ...memberRecord(0),
      姓名: null,
      性别: null,
      出生日期: null,
      民族: null,
      身份证号: existing.id.toLowerCase(),
      手机号: '13900001111',
      类别: null,
      所在社区: '110101001002',
      所在网格: '银闸一网格',
      工作单位: null,
      专业特长: null,
      报到日期: null,
      备注: null,
    };
    const problems = await refused(core, [memberRecord(10), row]);
    expect(problems).toEqual([
      {
        row: 3,
        column: '身份证号',
        message: '身份证号已登记在党员「赵建国」名下。如要用本表更新已有党员，请选择“更新已有记录”后重新导入',
      },
    ]);

    const r = await importXlsx(core, 'members', await workbook(MEMBER_HEADERS, [memberRecord(10), row]), true);
    expect(r).toEqual({ ok: true, total: 2, inserted: 1, updated: 1, problems: [] });
    const after = ok(core, 'members.get', { id: m.id });
    expect(after).toMatchObject({
      name: '赵建国',
      category: 'retired',
      note: '原备注',
      skills: ['书法'],
      phoneMasked: '139****1111',
      communityId: c2,
      gridId: grid.id,
    });
    expect(ok(core, 'members.list', { q: '1111' }).rows.map((x) => x.id)).toEqual([m.id]);
    expect(liveCount(core, 'member')).toBe(2);
    // One audit row for the whole import.
    const audit = ok(core, 'audit.list', { entity: 'member' }).rows.filter((a) => a.action === 'import');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toBe('导入党员 2 人（新增 1，更新 1）');
  });

  it('header problems: unknown, repeated and missing columns are named on row 1', async () => {
    const { core } = setup();
    const headers = ['姓名', '籍贯', '身份证号', '类别', '所在社区', '类别'];
    const p1 = await refused(
      core,
      await workbook(headers, [['张三', '北京', nthId(1).id, '在职党员', '多福巷社区', '在职党员']]),
    );
    expect(p1).toEqual([
      { row: 1, column: '类别', message: '列「类别」出现了不止一次' },
      { row: 1, column: '籍贯', message: '无法识别的列「籍贯」，请删除该列或改用模板中的列名' },
    ]);
    const p2 = await refused(core, await workbook(['姓名', '类别', '所在社区'], [['张三', '在职党员', '多福巷社区']]));
    expect(p2).toEqual([{ row: 1, column: '身份证号', message: '缺少必填列「身份证号」，请使用导入模板' }]);
    const p3 = await refused(core, await workbook([], [], { edit: (ws) => (ws.getCell('A3').value = 'x') }));
    expect(p3[0]).toMatchObject({ row: 1, message: expect.stringContaining('表头') as unknown });
    const p4 = await refused(
      core,
      await workbook(MEMBER_HEADERS, [memberRecord(1)], { edit: (ws) => (ws.getCell('O2').value = '多出来的数据') }),
    );
    expect(p4).toEqual([{ row: 1, column: 'O 列', message: '第 O 列有数据但没有列名' }]);
  });

  it.each<[string, () => Promise<Buffer> | Buffer, string]>([
    ['random bytes', () => Buffer.from('这不是一个 Excel 文件'.repeat(20)), '不是 Excel 工作簿'],
    ['an empty file', () => Buffer.alloc(0), '不是 Excel 工作簿'],
    [
      'an old .xls file',
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      '.xls',
    ],
    ['a truncated xlsx', async () => (await workbook(MEMBER_HEADERS, [memberRecord(1)])).subarray(0, 900), '损坏'],
    [
      'a zip without a workbook',
      () => Buffer.from('504b0506000000000000000000000000000000000000', 'hex'),
      '不是 Excel 工作簿',
    ],
  ])('%s: ok:false with one problem on row 0, never an exception', async (_label, make, message) => {
    const { core } = setup();
    const before = snapshot(core.db);
    const env = await invokeAsync(core, 'excel.import', {
      kind: 'members',
      base64: (await make()).toString('base64') || 'AA==',
    });
    expect(env.ok).toBe(true);
    const r = (env as { data: { ok: boolean; problems: ImportProblemT[] } }).data;
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 0, message: expect.stringContaining(message) as unknown });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('a sheet with only the header (or only empty rows) has nothing to import', async () => {
    const { core } = setup();
    const problems = await refused(core, await workbook(MEMBER_HEADERS, [[], [null, '   '], []]));
    expect(problems).toEqual([{ row: 0, column: '文件', message: expect.stringContaining('没有数据') as unknown }]);
  });

  it('more rows than the cap is refused with a clear message', async () => {
    const buf = await workbook(
      MEMBER_HEADERS,
      [1, 2, 3, 4].map((i) => memberRecord(i)),
    );
    expect(await readSheet(buf, { maxRows: 3 })).toEqual({
      ok: false,
      message: '文件超过 3 行数据，请拆分成多个文件分批导入。',
    });
    const r = await readSheet(buf, { maxRows: 4 });
    expect(r.ok && r.sheet.rows.length).toBe(4);
  });
});

describe('members import: what Excel hands over is understood', () => {
  it('dates in every accepted form, numbers for phones, lowercase x, formulas, rich text, blanks and empty rows', async () => {
    const { core, c1 } = setup();
    const unit = ok(core, 'units.create', { name: '东城区第一中学', type: 'school' });
    const grid = ok(core, 'grids.create', { communityId: c1, code: 'DF-01', name: '第一网格' });
    const ids = [1, 2, 3, 4, 5, 6].map((i) => nthId(i * 1000 + 1));
    const xId = makeId('1980-05-05', 1); // check digit may be X
    const rows: unknown[][] = [
      [
        '张一',
        null,
        ids[0]!.birthDate,
        '汉族',
        ids[0]!.id,
        13812345678,
        '在职党员',
        '多福巷社区',
        'DF-01',
        '东城区第一中学',
        '书法',
        '2026/11/22',
        null,
      ],
      [],
      [
        '  李二  ',
        null,
        null,
        null,
        ids[1]!.id,
        ' 13912345678 ',
        '流动党员',
        '110101001001',
        '第一网格',
        '不在册的公司',
        '法律咨询,摄影；心理疏导',
        '2026年11月22日',
        null,
      ],
      [
        '王三',
        null,
        null,
        null,
        ids[2]!.id,
        null,
        '离退休党员',
        '多福巷社区',
        null,
        null,
        null,
        new Date(Date.UTC(2026, 10, 22)),
        null,
      ],
      ['赵四', null, null, null, ids[3]!.id, null, '离退休党员', '多福巷社区', null, null, null, 46348, null],
      [
        { formula: '"钱"&"五"', result: '钱五' },
        null,
        null,
        null,
        { richText: [{ text: ids[4]!.id.slice(0, 6) }, { text: ids[4]!.id.slice(6) }] },
        null,
        '离退休党员',
        '多福巷社区',
        null,
        null,
        null,
        '20261122',
        null,
      ],
      [
        '孙六',
        null,
        null,
        null,
        xId.toLowerCase(),
        null,
        '离退休党员',
        '多福巷社区',
        null,
        null,
        null,
        ' 2026-11-22 ',
        null,
      ],
    ];
    const r = await importXlsx(core, 'members', await workbook(MEMBER_HEADERS, rows));
    expect(r).toEqual({ ok: true, total: 6, inserted: 6, updated: 0, problems: [] });
    const list = ok(core, 'members.list', { sort: 'name' }).rows;
    const by = (n: string) => list.find((m) => m.name === n)!;
    expect(list.map((m) => m.reportDate)).toEqual(Array(6).fill('2026-11-22'));
    expect(by('张一')).toMatchObject({
      phoneMasked: '138****5678',
      employerUnitId: unit.id,
      gridId: grid.id,
      skills: ['书法'],
    });
    expect(by('李二')).toMatchObject({
      phoneMasked: '139****5678',
      employerUnitId: null,
      employerName: '不在册的公司',
      gridId: grid.id,
      skills: ['法律咨询', '摄影', '心理疏导'],
    });
    expect(by('钱五').idMasked.slice(-4)).toBe(ids[4]!.id.slice(-4));
    expect(by('孙六').idMasked.slice(-4)).toBe(xId.slice(-4).toUpperCase());
  });

  it('the data sheet is found even when 填写说明 comes first', async () => {
    const { core } = setup();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填写说明').addRow(['说明']);
    const ws = wb.addWorksheet('党员');
    ws.addRow([...MEMBER_HEADERS]);
    ws.addRow(MEMBER_HEADERS.map((h) => memberRecord(1)[h] ?? null));
    const r = await importXlsx(core, 'members', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r).toMatchObject({ ok: true, inserted: 1 });
  });

  it('headers tolerate spaces, required-markers and common aliases', async () => {
    const { core } = setup();
    const headers = MEMBER_HEADERS.map((h) => (h === '身份证号' ? '公民身份号码' : h === '姓名' ? '*姓 名' : h));
    const rec = memberRecord(1);
    const r = await importXlsx(core, 'members', await workbook(headers, [MEMBER_HEADERS.map((h) => rec[h] ?? null)]));
    expect(r).toMatchObject({ ok: true, inserted: 1 });
  });

  it('writes one audit row with the id range, and touches the member table', async () => {
    const { core } = setup();
    const env = await invokeAsync(core, 'excel.import', {
      kind: 'members',
      base64: await workbookBase64(
        MEMBER_HEADERS,
        [1, 2, 3].map((i) => memberRecord(i)),
      ),
    });
    expect(env).toMatchObject({ ok: true, changed: expect.arrayContaining(['member', 'audit']) as unknown });
    const audit = ok(core, 'audit.list', {}).rows.filter((a) => a.action === 'import');
    expect(audit).toHaveLength(1);
    const ids = ok(core, 'members.list', {})
      .rows.map((m) => m.id)
      .sort((a, b) => a - b);
    expect(audit[0]).toMatchObject({
      entity: 'member',
      summary: '导入党员 3 人（新增 3，更新 0）',
      after: { fileRows: 3, inserted: 3, updated: 0, insertedIds: { first: ids[0], last: ids[2] } },
    });
  });

  it('a change to the database between prepare and commit cancels the import, writing nothing', async () => {
    const { core, c1 } = setup();
    const input = { kind: 'members' as const, base64: await workbookBase64(MEMBER_HEADERS, [memberRecord(1)]) };
    const prepared = await prepareImport(core.db, input);
    ok(core, 'members.create', { name: '插队者', idNumber: nthId(1).id, communityId: c1, category: 'retired' });
    const before = snapshot(core.db);
    const r = runAction(core.db, 'test', (ctx) => writeImport(ctx, input, prepared));
    expect(r.value).toMatchObject({
      ok: false,
      problems: [{ row: 0, message: expect.stringContaining('重新导入') as unknown }],
    });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('writeImport refuses something prepareImport did not make', async () => {
    const { core } = setup();
    const input = { kind: 'members' as const, base64: 'AA==' };
    expect(() => runAction(core.db, 'test', (ctx) => writeImport(ctx, input, { plan: null }))).toThrow();
    const prepared = await prepareImport(core.db, input);
    expect(() =>
      runAction(core.db, 'test', (ctx) => writeImport(ctx, { ...input, kind: 'units' }, prepared)),
    ).toThrow();
    expect(await callAsync(core, 'excel.import', input)).toMatchObject({ ok: false });
  });
});
