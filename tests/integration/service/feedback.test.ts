// 在职党员活动情况反馈表 (HTML, batch PDF by employer unit) and the 参加社区活动情况统计表 PDF through real Chromium (the
// default adapter of the PDF port), checked with poppler; the CLI's `print feedback` and `export --kind participation`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callAsync, type Core } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import { closePdfRenderer } from '../../../src/core/documents/pdf-port';
import { loadExcelJs } from '../../../src/core/excel/load';
import { todayIso } from '../../../src/shared/period';
import { formatDateZh } from '../../../src/shared/validators';
import { fails, ok, ROOT, snapshot, tempDir } from '../../helpers';
import { fixture, makeId, ZHANG_ID, ZHANG_MASKED, type Fixture } from './activity-fixtures';

afterAll(async () => {
  await closePdfRenderer();
});

function save(dir: string, name: string, base64: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

function pdfText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}

function pdfPages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

function pageSize(file: string): string {
  const m = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return m ? `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}` : '';
}

function evaluate(f: Fixture): void {
  ok(f.core, 'evaluations.save', {
    communityId: f.c1,
    period: '2026H2',
    items: [
      { memberId: f.m.zhang, grade: 'excellent', comment: '积极参加社区活动，带头认领服务岗位。' },
      { memberId: f.m.li, grade: 'basic' },
    ],
  });
}

const WRITTEN = formatDateZh(todayIso());

describe('在职党员活动情况反馈表', () => {
  it('one member: masked ID, unit and 党组织, 报到日期, activities and hours, posts, evaluation, seal and date', () => {
    const f = fixture();
    evaluate(f);
    const doc = ok(f.core, 'documents.feedback', { memberId: f.m.zhang, period: '2026H2' });
    expect(doc.title).toBe('在职党员活动情况反馈表-张三-2026H2');
    for (const s of [
      '在职党员活动情况反馈表',
      '（2026年下半年）',
      '东城区税务局机关党委：',
      '现将贵单位在职党员张三同志2026年下半年到社区报到服务的情况反馈如下：',
      ZHANG_MASKED,
      '女',
      '东城区税务局',
      '2026年3月1日',
      '2026年7月10日',
      '义诊进社区',
      '全街道环境整治',
      '环境卫生',
      '本期间共参加社区活动 2 次，累计服务 4.5 小时。',
      '政策宣讲员、治安巡逻',
      '<span class="box">√</span>优秀',
      '<span class="box"></span>合格',
      '积极参加社区活动，带头认领服务岗位。',
      '社区党组织（盖章）',
      WRITTEN,
    ]) {
      expect(doc.html, s).toContain(s);
    }
    expect(doc.html).not.toContain(ZHANG_ID);
    expect(doc.html).not.toContain('社区文艺汇演'); // first half-year
    expect(doc.html).not.toMatch(/<script|https?:\/\//i);

    // Not evaluated yet: four empty boxes; no activities: a line saying so.
    const sun = ok(f.core, 'documents.feedback', { memberId: f.m.sun, period: '2026H2' }).html;
    expect(sun.match(/<span class="box"><\/span>/g)).toHaveLength(4);
    expect(sun).toContain('本期间未参加社区活动。');
    expect(sun).toContain('北京某某律师事务所党支部：');
  });

  it('refuses a member without a 反馈表, an unknown member and a period that is not a half-year', () => {
    const f = fixture();
    expect(fails(f.core, 'documents.feedback', { memberId: f.m.zhao, period: '2026H2' })).toMatchObject({
      code: 'VALIDATION',
      field: 'memberId',
      message: expect.stringContaining('「赵六」不是2026年下半年结束前已向社区报到'),
    });
    // 李四 reported on 2026-08-15: no form for the first half-year.
    expect(fails(f.core, 'documents.feedback', { memberId: f.m.li, period: '2026H1' }).field).toBe('memberId');
    expect(fails(f.core, 'documents.feedback', { memberId: 9999, period: '2026H2' }).code).toBe('NOT_FOUND');
    expect(fails(f.core, 'documents.feedback', { memberId: f.m.zhang, period: '2026Q4' })).toMatchObject({
      field: 'period',
      message: expect.stringContaining('2026H2'),
    });
  });

  it('groups the forms by employer unit', () => {
    const f = fixture();
    expect(ok(f.core, 'documents.feedbackUnits', { period: '2026H2' })).toEqual([
      { unitId: f.u2, unitName: '北京市第二中学', partyOrg: '北京市第二中学党总支', count: 2 },
      { unitId: f.u1, unitName: '东城区税务局', partyOrg: '东城区税务局机关党委', count: 2 },
      { unitId: null, unitName: '北京某某律师事务所', partyOrg: '北京某某律师事务所党支部', count: 1 },
    ]);
    expect(ok(f.core, 'documents.feedbackUnits', { period: '2026H1' }).map((u) => [u.unitName, u.count])).toEqual([
      ['北京市第二中学', 2],
      ['东城区税务局', 1],
      ['北京某某律师事务所', 1],
    ]);
  });

  it('batch PDF: a cover per unit then its forms, one page each; masked IDs only; one unit on request', async () => {
    const f = fixture();
    evaluate(f);
    const dir = tempDir('sg-fb-');
    const all = await callAsync(f.core, 'documents.feedbackBatchPdf', { period: '2026H2' });
    expect(all.fileName).toBe('反馈表-全部单位-2026H2.pdf');
    expect(all.mimeType).toBe('application/pdf');
    const file = save(dir, 'all.pdf', all.base64);
    expect(pdfPages(file)).toBe(3 + 5);
    expect(pageSize(file)).toBe('595x842');
    const text = pdfText(file);
    for (const id of Object.values(f.ids)) expect(text).not.toContain(id);
    expect(text).toContain(ZHANG_MASKED);
    for (const id of [f.ids.li, f.ids.wang, f.ids.qian, f.ids.sun])
      expect(text).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
    // Page order: cover 二中, 王五/钱七 (by community then name), cover 税务局, 李四/张三, cover 律师事务所, 孙八.
    const first = (p: number) => pdfText(file, p).replace(/\s+/g, ' ');
    expect(first(1)).toContain('送达单位： 北京市第二中学');
    expect(first(1)).toContain('本册共 2 份');
    expect(first(1)).toContain('东城区东华门街道党工委');
    expect(first(4)).toContain('东城区税务局');
    expect(first(4)).toContain('送达单位');
    expect(first(5)).toContain('李四');
    expect(first(6)).toContain('张三');
    expect(first(6)).toContain('积极参加社区活动');
    expect(first(7)).toContain('北京某某律师事务所');
    expect(first(8)).toContain('孙八');
    for (const p of [2, 3, 5, 6, 8]) expect(first(p)).toContain('社区党组织（盖章）');

    const one = await callAsync(f.core, 'documents.feedbackBatchPdf', { period: '2026H2', unitId: f.u1 });
    expect(one.fileName).toBe('反馈表-东城区税务局-2026H2.pdf');
    const oneFile = save(dir, 'one.pdf', one.base64);
    expect(pdfPages(oneFile)).toBe(3);
    expect(pdfText(oneFile)).not.toContain('王五');

    const before = snapshot(f.core.db);
    const lonely = ok(f.core, 'units.create', { name: '没有党员的单位', type: 'other' }).id;
    await expect(callAsync(f.core, 'documents.feedbackBatchPdf', { period: '2026H2', unitId: lonely })).rejects.toThrow(
      '「没有党员的单位」在2026年下半年没有需要反馈的在职党员',
    );
    await expect(callAsync(f.core, 'documents.feedbackBatchPdf', { period: '2026H2', unitId: 999 })).rejects.toThrow(
      '找不到',
    );
    await expect(callAsync(f.core, 'documents.feedbackBatchPdf', { period: '2025H2' })).rejects.toThrow(
      '2025年下半年没有已报到的在职党员',
    );
    expect(snapshot(f.core.db).member_evaluation).toEqual(before.member_evaluation);
  });

  it('a form with long names, many activities and a long comment still fits one page', async () => {
    const f = fixture();
    const longUnit = ok(f.core, 'units.create', {
      name: '北京市东城区某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某有限责任公司',
      type: 'private',
      partyOrgName:
        '中共北京市东城区某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某有限责任公司委员会',
    }).id;
    const m = ok(f.core, 'members.create', {
      name: '欧阳长名字',
      idNumber: makeId('1982-02-03', 71),
      communityId: f.c1,
      category: 'employed',
      employerUnitId: longUnit,
    }).id;
    ok(f.core, 'reports.create', { memberId: m, communityId: f.c1, reportDate: '2026-01-05', letterReceived: false });
    for (let i = 0; i < 20; i++) {
      ok(f.core, 'activities.create', {
        date: `2026-${String(7 + (i % 4)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`,
        communityId: f.c1,
        title: `第${i + 1}次社区志愿服务活动：为辖区老年人提供健康咨询、政策宣讲和生活照料等综合服务，名称很长很长很长`,
        category: 'volunteer',
        organizerKind: 'community',
        participants: [{ memberId: m, hours: 1.5 }],
      });
    }
    ok(f.core, 'evaluations.save', {
      communityId: f.c1,
      period: '2026H2',
      items: [{ memberId: m, grade: 'qualified', comment: '该同志'.repeat(66) + '好' }],
    });
    const html = ok(f.core, 'documents.feedback', { memberId: m, period: '2026H2' }).html;
    expect(html).toMatch(/另有 \d+ 次活动（共 [\d.]+ 小时）未逐条列出/);
    expect(html).toContain('本期间共参加社区活动 20 次，累计服务 30 小时。');
    const pdf = await callAsync(f.core, 'documents.feedbackBatchPdf', { period: '2026H2', unitId: longUnit });
    const file = save(process.env.SG_KEEP_PDF ?? tempDir('sg-fb-'), 'long.pdf', pdf.base64);
    expect(pdfPages(file)).toBe(2); // cover + one form

    // Short texts: all 8 activities listed, even with a 200-character comment.
    const plain = ok(f.core, 'units.create', {
      name: '东城区图书馆',
      type: 'institution',
      partyOrgName: '东城区图书馆党支部',
    }).id;
    const p = ok(f.core, 'members.create', {
      name: '周九',
      idNumber: makeId('1988-08-08', 81),
      communityId: f.c1,
      category: 'employed',
      employerUnitId: plain,
    }).id;
    ok(f.core, 'reports.create', { memberId: p, communityId: f.c1, reportDate: '2026-01-05', letterReceived: false });
    for (let i = 0; i < 8; i++) {
      ok(f.core, 'activities.create', {
        date: `2026-09-${String(1 + i).padStart(2, '0')}`,
        communityId: f.c1,
        title: `读书会第${i + 1}期`,
        category: 'education',
        organizerKind: 'community',
        participants: [{ memberId: p, hours: 2 }],
      });
    }
    ok(f.core, 'evaluations.save', {
      communityId: f.c1,
      period: '2026H2',
      items: [{ memberId: p, grade: 'excellent', comment: '认真'.repeat(100) }],
    });
    const plainHtml = ok(f.core, 'documents.feedback', { memberId: p, period: '2026H2' }).html;
    expect(plainHtml.match(/<tr><td>2026年9月/g)).toHaveLength(8);
    expect(plainHtml).not.toContain('未逐条列出');
    const plainPdf = await callAsync(f.core, 'documents.feedbackBatchPdf', { period: '2026H2', unitId: plain });
    expect(pdfPages(save(tempDir('sg-fb-'), 'plain.pdf', plainPdf.base64))).toBe(2);
  });
});

describe('参加社区活动情况统计表 PDF', () => {
  it('A4 landscape with the rows, totals, period, masked IDs and page numbers', async () => {
    const f = fixture();
    const doc = ok(f.core, 'documents.participationTable', { communityId: f.c1, period: '2026Q4' });
    expect(doc.html).toContain('size: A4 landscape;');
    const pdf = await callAsync(f.core, 'documents.participationTablePdf', { communityId: f.c1, period: '2026Q4' });
    const t = ok(f.core, 'reports.participation', { communityId: f.c1, period: '2026Q4' });
    expect(pdf.fileName).toBe(`参加社区活动情况统计表-${t.communityName}-2026Q4.pdf`);
    const file = save(tempDir('sg-pt-'), 'table.pdf', pdf.base64);
    expect(pdfPages(file)).toBe(1);
    expect(pageSize(file)).toBe('842x595');
    const text = pdfText(file).replace(/\s+/g, '');
    for (const s of [
      '参加社区活动情况统计表',
      '东城区东华门街道',
      t.communityName,
      '2026年第四季度（2026年10月1日至2026年12月31日）',
      '李四',
      '孙八',
      '王五',
      '张三',
      ZHANG_MASKED,
      '政策宣讲员、治安巡逻',
      '合计',
      '4 人',
      '参加活动 3 人，占已报到在职党员 4 人的 75%',
      '社区党组织（盖章）',
      `填表日期：${WRITTEN}`,
      '第 1 页 共 1 页',
    ]) {
      expect(text, s).toContain(s.replace(/\s+/g, ''));
    }
    for (const id of Object.values(f.ids)) expect(text).not.toContain(id);
  });
});

describe('CLI', () => {
  function cli(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** The fixture written to a file the CLI can open. */
  function fixtureDb(dir: string): { file: string; f: Fixture } {
    const f = fixture();
    evaluate(f);
    const file = path.join(dir, 'streetgrid.db');
    f.core.db.sqlite.prepare('vacuum into ?').run(file);
    return { file, f };
  }

  it('print feedback: one PDF per unit into a folder, or one PDF; export participation to Excel', async () => {
    const dir = tempDir('sg-cli-');
    const { file: db, f } = fixtureDb(dir);
    const out = path.join(dir, 'out');
    const r = cli('print', 'feedback', '--db', db, '--period', '2026H2', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`已生成反馈表 5 份，共 3 个 PDF：${out}`);
    expect(fs.readdirSync(out).sort()).toEqual(
      [
        '反馈表-东城区税务局-2026H2.pdf',
        '反馈表-北京市第二中学-2026H2.pdf',
        '反馈表-北京某某律师事务所-2026H2.pdf',
      ].sort(),
    );
    expect(pdfPages(path.join(out, '反馈表-东城区税务局-2026H2.pdf'))).toBe(3);
    expect(pdfPages(path.join(out, '反馈表-北京某某律师事务所-2026H2.pdf'))).toBe(2);
    for (const name of fs.readdirSync(out)) {
      const text = pdfText(path.join(out, name));
      for (const id of Object.values(f.ids)) expect(text).not.toContain(id);
    }

    const single = path.join(dir, 'one', 'tax.pdf');
    const r2 = cli('print', 'feedback', '--db', db, '--period', '2026h2', '--unit', String(f.u1), '--out', single);
    expect(r2.code).toBe(0);
    expect(r2.stdout.trim()).toBe(`已生成反馈表 2 份，共 1 个 PDF：${single}`);
    expect(pdfPages(single)).toBe(3);

    const bad = cli('print', 'feedback', '--db', db, '--period', '2026Q4', '--out', path.join(dir, 'x.pdf'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('半年');
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);

    const xlsx = path.join(dir, 'tj.xlsx');
    const code = f.core.db.sqlite.prepare('select code from community where id = ?').pluck().get(f.c1) as string;
    const e = cli('export', '--db', db, '--kind', 'participation', '--period', '2026Q4', '--community', code, xlsx);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(e.stdout.trim()).toBe(`已导出参加社区活动情况统计表：${xlsx}`);
    const ExcelJs = await loadExcelJs();
    const wb = new ExcelJs.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets).toHaveLength(1);
    expect(wb.worksheets[0]!.getCell('B4').value).toBe('李四');
    const noPeriod = cli('export', '--db', db, '--kind', 'participation', xlsx);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toContain('--period');
    // The opened copy still reads fine (the CLI wrote nothing to the database).
    const check = openDatabase({ file: db });
    try {
      const core: Core = { db: check, mode: 'cli' };
      expect(ok(core, 'evaluations.list', { communityId: f.c1, period: '2026H2' }).counts.excellent).toBe(1);
    } finally {
      check.close();
    }
  });
});
