// 统计表 (stats.table, documents.statsTable(Pdf), excel.exportStatsTable): hand-computed figures on the small activity
// street, every table recomputed from raw SQL over the base tables on a seeded demo street (tallies not used), the
// Excel export re-opened with exceljs (same numbers, numbers as numbers), the PDF through pdftotext, and the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAsync, type Core } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import { closePdfRenderer } from '../../../src/core/documents/pdf-port';
import { loadExcelJs } from '../../../src/core/excel/load';
import type { StatTableKind, StatTableT } from '../../../src/shared/contract';
import { formatDateZh } from '../../../src/shared/validators';
import { fails, ok, ROOT, snapshot, tempDir } from '../../helpers';
import { fixture } from './activity-fixtures';

afterAll(async () => {
  await closePdfRenderer();
});

const row = (t: StatTableT, label: string) => {
  const r = t.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no row ${label} in ${t.rows.map((x) => x.label).join(', ')}`);
  return Object.fromEntries(t.columns.map((c, i) => [c.key, r.values[i]]));
};
const totals = (t: StatTableT) => Object.fromEntries(t.columns.map((c, i) => [c.key, t.totals[i]]));

describe('统计表 on the small street (figures by hand)', () => {
  it('members by community × category, 在册 only, with the reported 在职党员', () => {
    const f = fixture();
    const c1 = ok(f.core, 'communities.get', { id: f.c1 }).name;
    const c2 = ok(f.core, 'communities.get', { id: f.c2 }).name;
    // Not 在册: never counted.
    ok(f.core, 'members.update', { id: f.m.qian, status: 'transferred' } as never);
    const t = ok(f.core, 'stats.table', { kind: 'members', period: '2026' });
    expect(t.title).toBe('党员分类统计表');
    expect(t.streetName).toContain('东华门街道');
    // c1: 张三 李四 孙八 (在职, all reported) + 赵六 (离退休); c2: 王五 (在职, reported to c1).
    expect(row(t, c1)).toEqual({ employed: 3, reportedEmployed: 3, retired: 1, mobile: 0, total: 4 });
    expect(row(t, c2)).toEqual({ employed: 1, reportedEmployed: 1, retired: 0, mobile: 0, total: 1 });
    expect(totals(t)).toEqual({ employed: 4, reportedEmployed: 4, retired: 1, mobile: 0, total: 5 });
    // Every live community has its row (zeros included); one community → one row.
    expect(t.rows.length).toBe(ok(f.core, 'communities.list', {}).length);
    const one = ok(f.core, 'stats.table', { kind: 'members', period: '2026', communityId: f.c2 });
    expect(one.rows.map((r) => r.label)).toEqual([c2]);
    expect(one.communityName).toBe(c2);
  });

  it('activities by community × category with the street-wide row, for a year and a quarter', () => {
    const f = fixture();
    const c1 = ok(f.core, 'communities.get', { id: f.c1 }).name;
    const c2 = ok(f.core, 'communities.get', { id: f.c2 }).name;
    const t = ok(f.core, 'stats.table', { kind: 'activities', period: '2026' });
    // a1 c1 文体 (张三 2 + unit 3), a2 c1 卫生 (6 h, 80 served), a3 street 环境卫生 (4 h), a4 c2 安全 (6 h); a5 deleted.
    expect(row(t, c1)).toMatchObject({ culture: 1, health: 1, total: 2, participations: 5, hours: 11, served: 80 });
    expect(row(t, c2)).toMatchObject({ safety: 1, total: 1, participations: 2, hours: 6, served: 0 });
    const street = t.rows.find((r) => r.street)!;
    expect(street.label).toBe('街道（全街道范围）');
    expect(row(t, street.label)).toMatchObject({ environment: 1, total: 1, participations: 2, hours: 4 });
    expect(totals(t)).toMatchObject({ culture: 1, health: 1, safety: 1, environment: 1, other: 0, total: 4 });
    expect(totals(t)).toMatchObject({ participations: 9, hours: 21, served: 80 });
    const q3 = ok(f.core, 'stats.table', { kind: 'activities', period: '2026Q3' });
    expect(q3.periodLabel).toBe('2026年第三季度');
    expect(totals(q3)).toMatchObject({ health: 1, total: 1, hours: 6 });
    // One community: no street row.
    const only = ok(f.core, 'stats.table', { kind: 'activities', period: '2026', communityId: f.c2 });
    expect(only.rows.map((r) => r.label)).toEqual([c2]);
  });

  it('在职党员 participation by employer unit, with the text-employer row and the thresholds from the settings', () => {
    const f = fixture();
    const t = ok(f.core, 'stats.table', { kind: 'participation', period: '2026' });
    expect(t.columns.map((c) => c.label)).toEqual([
      '已报到在职党员',
      '参加活动≥1次',
      '参加活动≥4次',
      '参加活动人次',
      '服务时长（小时）',
    ]);
    // 东城区税务局: 张三 (a1 a2 a3: 6.5 h), 李四 (a2 a4: 6 h); 第二中学: 王五 (a2 a3: 3.5 h), 钱七 (a4: 2 h); 孙八 text.
    expect(row(t, '东城区税务局')).toEqual({ reported: 2, atLeastOne: 2, atLeastTarget: 0, joined: 5, hours: 12.5 });
    expect(row(t, '北京市第二中学')).toEqual({ reported: 2, atLeastOne: 2, atLeastTarget: 0, joined: 3, hours: 5.5 });
    expect(row(t, '其他单位（工作单位以文字填写）')).toEqual({
      reported: 1,
      atLeastOne: 0,
      atLeastTarget: 0,
      joined: 0,
      hours: 0,
    });
    expect(totals(t)).toEqual({ reported: 5, atLeastOne: 4, atLeastTarget: 0, joined: 8, hours: 18 });
    expect(t.rows.find((r) => r.label === '东城区税务局')!.unitId).toBe(f.u1);

    // H1: 李四 reported only on 08-15; only a1 (张三) falls in the half-year.
    const h1 = ok(f.core, 'stats.table', { kind: 'participation', period: '2026H1' });
    expect(row(h1, '东城区税务局')).toEqual({ reported: 1, atLeastOne: 1, atLeastTarget: 0, joined: 1, hours: 2 });
    expect(row(h1, '北京市第二中学')).toEqual({ reported: 2, atLeastOne: 0, atLeastTarget: 0, joined: 0, hours: 0 });

    // Reported to c1 only: 钱七 (reported to c2) leaves the school's row.
    const c1 = ok(f.core, 'stats.table', { kind: 'participation', period: '2026', communityId: f.c1 });
    expect(row(c1, '北京市第二中学')).toEqual({ reported: 1, atLeastOne: 1, atLeastTarget: 0, joined: 2, hours: 3.5 });
    expect(c1.notes.join('')).toContain('只计向');

    ok(f.core, 'settings.update', { participationMin: 2, participationTarget: 3 });
    const t2 = ok(f.core, 'stats.table', { kind: 'participation', period: '2026' });
    expect(t2.columns[1]!.label).toBe('参加活动≥2次');
    expect(t2.columns[2]!.label).toBe('参加活动≥3次');
    expect(row(t2, '东城区税务局')).toMatchObject({ atLeastOne: 2, atLeastTarget: 1 });
    expect(row(t2, '北京市第二中学')).toMatchObject({ atLeastOne: 1, atLeastTarget: 0 });
  });

  it('co-building by unit: agreements, commitments, claims, activities organised and joined', () => {
    const f = fixture();
    ok(f.core, 'agreements.create', {
      unitId: f.u2,
      communityId: f.c1,
      year: 2026,
      areas: ['party'],
      commitments: [
        { content: '开放操场', status: 'done', evidenceNote: '已开放', evidenceDate: '2026-05-01' },
        { content: '共建党课', status: 'in_progress', dueDate: '2026-02-01' },
        { content: '结对帮扶', dueDate: '2099-12-31' },
      ],
    } as never);
    ok(f.core, 'agreements.create', { unitId: f.u2, year: 2025, areas: ['health'] } as never);
    const post = ok(f.core, 'posts.create', {
      communityId: f.c2,
      name: '交通疏导',
      category: 'other',
      headcount: 2,
    } as never);
    const claim = ok(f.core, 'claims.create', { postId: post.id, unitId: f.u2, claimDate: '2026-05-01' } as never);
    ok(f.core, 'claims.approve', { id: claim.id } as never);
    const t = ok(f.core, 'stats.table', { kind: 'cobuild', period: '2026' });
    // 东城区税务局 organised a3 (street-wide) and took part in a1 as a unit.
    expect(row(t, '东城区税务局')).toEqual({
      agreements: 0,
      commitments: 0,
      done: 0,
      inProgress: 0,
      overdue: 0,
      claims: 0,
      organised: 1,
      joined: 1,
    });
    expect(row(t, '北京市第二中学')).toEqual({
      agreements: 1,
      commitments: 3,
      done: 1,
      inProgress: 1,
      overdue: 1,
      claims: 1,
      organised: 0,
      joined: 0,
    });
    // The 2025 agreement is another year; c2 only: the claim stays, the c1 agreement goes.
    const c2 = ok(f.core, 'stats.table', { kind: 'cobuild', period: '2026', communityId: f.c2 });
    expect(row(c2, '北京市第二中学')).toMatchObject({ agreements: 0, commitments: 0, claims: 1 });
    expect(c2.rows.map((r) => r.label)).toEqual(['北京市第二中学']);
  });

  it('meetings held vs required: quarterly and monthly bodies, met / missed / upcoming as the compliance grid', () => {
    const f = fixture();
    const { core, c1 } = f;
    const name = ok(core, 'communities.get', { id: c1 }).name;
    const q = ok(core, 'meetingBodies.create', {
      name: '协调议事小组',
      kind: 'cobuild',
      communityId: c1,
      frequency: 'quarterly',
    } as never);
    const m = ok(core, 'meetingBodies.create', {
      name: '联席会',
      kind: 'joint',
      communityId: c1,
      frequency: 'monthly',
    } as never);
    const meet = (bodyId: number, date: string) =>
      ok(core, 'meetings.create', { bodyId, date, subject: '议事' } as never);
    meet(q.id, '2026-02-10');
    meet(q.id, '2026-03-10');
    meet(q.id, '2026-08-01');
    meet(m.id, '2026-01-20');
    const t = ok(core, 'stats.table', { kind: 'meetings', period: '2026H1' });
    const today = t.today;
    // H1 (ended by today, 2026-11-23 or later): quarterly Q1 met, Q2 missed; monthly Jan met, Feb–Jun missed.
    if (today >= '2026-07-01') {
      expect(row(t, name)).toEqual({ bodies: 2, required: 8, held: 3, met: 2, missed: 6, upcoming: 0, rate: 2 / 8 });
    }
    const year = ok(core, 'stats.table', { kind: 'meetings', period: '2026' });
    const grid = ok(core, 'meetings.compliance', { year: 2026 });
    const cells = grid.rows.find((r) => r.communityId === c1)!.cells.map((c) => c.state);
    const quarterly = {
      met: cells.filter((s) => s === 'met').length,
      missed: cells.filter((s) => s === 'missed').length,
    };
    const r = row(year, name);
    expect(r.bodies).toBe(2);
    expect(r.required).toBe(4 + 12);
    expect(r.held).toBe(4);
    // The quarterly body's part is exactly the grid's.
    expect(r.met! - 1).toBe(quarterly.met);
    expect(Number(r.met) + Number(r.missed) + Number(r.upcoming)).toBe(16);
    expect(year.totals[year.columns.findIndex((c) => c.key === 'rate')]).toBeCloseTo(
      Number(r.met) / (Number(r.met) + Number(r.missed)),
    );
    void quarterly.missed;
  });

  it('rejects a bad period or an unknown community with a Chinese message', () => {
    const f = fixture();
    const before = snapshot(f.core.db);
    expect(fails(f.core, 'stats.table', { kind: 'members', period: '2026Q5' }).message).toMatch(/期间/);
    expect(fails(f.core, 'stats.table', { kind: 'nope', period: '2026' }).code).toBe('VALIDATION');
    expect(fails(f.core, 'stats.table', { kind: 'members', period: '2026', communityId: 9999 }).message).toMatch(
      /社区/,
    );
    expect(snapshot(f.core.db)).toEqual(before);
  });
});

// ---- demo street: every table recomputed from the base tables with plain SQL. One seeded DB for the whole block
// (the helpers close their tracked DBs after each test).
let demoDir = '';
let demoCore: Core | null = null;
function demo(): Core {
  if (demoCore) return demoCore;
  demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-stat-tables-'));
  const db = openDatabase({ file: path.join(demoDir, 'demo.db') });
  demoCore = { db, mode: 'cli' };
  ok(demoCore, 'street.setup', { streetCode: '110101001' });
  ok(demoCore, 'demo.seed', { members: 500 });
  return demoCore;
}
afterAll(() => {
  demoCore?.db.close();
  if (demoDir) fs.rmSync(demoDir, { recursive: true, force: true });
});

function byLabel(t: StatTableT): Map<string, Record<string, number | null>> {
  return new Map(
    t.rows.map((r) => [r.label, Object.fromEntries(t.columns.map((c, i) => [c.key, r.values[i] ?? null]))]),
  );
}

describe('统计表 on the demo street (raw SQL recomputation)', () => {
  let core: Core;
  let sql: Core['db']['sqlite'];
  beforeAll(() => {
    core = demo();
    sql = core.db.sqlite;
  });
  const year = new Date().getFullYear();
  const P = String(year);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;

  it('members', () => {
    const t = ok(core, 'stats.table', { kind: 'members', period: P });
    const raw = sql
      .prepare(
        `select c.name, m.category, count(*) as n from member m join community c on c.id = m.community_id
         where m.deleted_at is null and m.status = 'active' group by c.name, m.category`,
      )
      .all() as { name: string; category: string; n: number }[];
    const got = byLabel(t);
    for (const r of raw) expect(got.get(r.name)![r.category]).toBe(r.n);
    const all = sql.prepare("select count(*) from member where deleted_at is null and status = 'active'").pluck().get();
    expect(totals(t).total).toBe(all);
    const reported = sql
      .prepare(
        `select count(*) from member m where m.deleted_at is null and m.status = 'active' and m.category = 'employed'
         and (m.report_date is not null or exists (select 1 from member_report r where r.member_id = m.id and r.deleted_at is null))`,
      )
      .pluck()
      .get();
    expect(totals(t).reportedEmployed).toBe(reported);
  });

  it('activities', () => {
    const t = ok(core, 'stats.table', { kind: 'activities', period: P });
    const raw = sql
      .prepare(
        `select coalesce(c.name, '街道（全街道范围）') as name, a.category, count(*) as n from activity a
         left join community c on c.id = a.community_id
         where a.deleted_at is null and a.date between ? and ? group by 1, 2`,
      )
      .all(from, to) as { name: string; category: string; n: number }[];
    expect(raw.length).toBeGreaterThan(5);
    const got = byLabel(t);
    for (const r of raw) expect(got.get(r.name)![r.category]).toBe(r.n);
    const sums = sql
      .prepare(
        `select count(*) as parts, total(p.hours) as hours from activity_participant p join activity a on a.id = p.activity_id
         where a.deleted_at is null and a.date between ? and ?`,
      )
      .get(from, to) as { parts: number; hours: number };
    expect(totals(t).participations).toBe(sums.parts);
    expect(totals(t).hours).toBeCloseTo(sums.hours, 2);
    const served = sql
      .prepare('select total(residents_served) from activity where deleted_at is null and date between ? and ?')
      .pluck()
      .get(from, to);
    expect(totals(t).served).toBe(served);
  });

  it('participation by employer unit', () => {
    const t = ok(core, 'stats.table', { kind: 'participation', period: P });
    // Per member: reported by the year's end (a live 报到 record, or without any a 报到日期), then their activities.
    const raw = sql
      .prepare(
        `select coalesce(u.name, case when trim(coalesce(m.employer_name, '')) <> '' then '其他单位（工作单位以文字填写）'
                  else '未填写工作单位' end) as name,
                count(*) as reported,
                sum((select count(*) from activity_participant p join activity a on a.id = p.activity_id
                     where p.member_id = m.id and a.deleted_at is null and a.date between @from and @to) >= 1) as one,
                sum((select count(*) from activity_participant p join activity a on a.id = p.activity_id
                     where p.member_id = m.id and a.deleted_at is null and a.date between @from and @to) >= 4) as four
         from member m left join unit u on u.id = m.employer_unit_id
         where m.deleted_at is null and m.status = 'active' and m.category = 'employed'
           and (exists (select 1 from member_report r where r.member_id = m.id and r.deleted_at is null and r.report_date <= @to)
                or (m.report_date <= @to and not exists (select 1 from member_report r where r.member_id = m.id and r.deleted_at is null)))
         group by 1`,
      )
      .all({ from, to }) as { name: string; reported: number; one: number; four: number }[];
    expect(raw.length).toBeGreaterThan(3);
    const got = byLabel(t);
    for (const r of raw) {
      expect(got.get(r.name), r.name).toMatchObject({ reported: r.reported, atLeastOne: r.one, atLeastTarget: r.four });
    }
    expect(totals(t).reported).toBe(raw.reduce((s, r) => s + r.reported, 0));
  });

  it('co-building by unit', () => {
    const t = ok(core, 'stats.table', { kind: 'cobuild', period: P });
    const raw = sql
      .prepare(
        `select u.name, count(distinct ag.id) as agreements, count(k.id) as commitments,
                coalesce(sum(k.status = 'done'), 0) as done
         from agreement ag join unit u on u.id = ag.unit_id left join commitment k on k.agreement_id = ag.id
         where ag.deleted_at is null and ag.year = ? group by u.name`,
      )
      .all(year) as { name: string; agreements: number; commitments: number; done: number }[];
    expect(raw.length).toBeGreaterThan(0);
    const got = byLabel(t);
    for (const r of raw)
      expect(got.get(r.name)).toMatchObject({ agreements: r.agreements, commitments: r.commitments, done: r.done });
    const organised = sql
      .prepare(
        'select count(*) from activity where deleted_at is null and organizer_unit_id is not null and date between ? and ?',
      )
      .pluck()
      .get(from, to);
    expect(totals(t).organised).toBe(organised);
  });

  it('meetings: the demo street’s quarterly bodies match meetings.compliance', () => {
    const t = ok(core, 'stats.table', { kind: 'meetings', period: P });
    const grid = ok(core, 'meetings.compliance', { year });
    const got = byLabel(t);
    for (const g of grid.rows) {
      const states = g.cells.map((c) => c.state);
      expect(got.get(g.communityName), g.communityName).toMatchObject({
        met: states.filter((s) => s === 'met').length,
        missed: states.filter((s) => s === 'missed').length,
        upcoming: states.filter((s) => s === 'upcoming').length,
      });
    }
    const held = sql
      .prepare(
        `select count(*) from meeting m join meeting_body b on b.id = m.body_id
         where m.deleted_at is null and b.deleted_at is null and m.date between ? and ? and m.date <= ?`,
      )
      .pluck()
      .get(from, to, t.today);
    expect(totals(t).held).toBe(held);
  });

  it('exports every table to Excel that re-opens with the same numbers (as numbers), title, street, period and date', async () => {
    const ExcelJs = await loadExcelJs();
    for (const kind of ['members', 'activities', 'participation', 'cobuild', 'meetings'] as StatTableKind[]) {
      const t = ok(core, 'stats.table', { kind, period: P });
      const file = await callAsync(core, 'excel.exportStatsTable', { kind, period: P });
      expect(file.fileName).toBe(`${t.title}-全街道-${P}.xlsx`);
      const wb = new ExcelJs.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
      const ws = wb.worksheets[0]!;
      expect(ws.getCell('A1').value).toBe(t.title);
      expect(String(ws.getCell('A2').value)).toContain(t.streetName);
      expect(String(ws.getCell('A2').value)).toContain(kind === 'members' ? '截至' : t.periodLabel);
      const written = ws.getRow(2).values as unknown[];
      expect(written.some((v) => typeof v === 'string' && v.includes(formatDateZh(t.today)))).toBe(true);
      expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
        '序号',
        t.rowHeader,
        ...t.columns.map((c) => c.label),
      ]);
      t.rows.forEach((r, i) => {
        const cells = (ws.getRow(4 + i).values as unknown[]).slice(1);
        expect(cells[1]).toBe(r.label);
        r.values.forEach((v, j) => {
          const cell = cells[2 + j];
          if (v === null) expect(cell ?? null).toBeNull();
          else {
            expect(typeof cell).toBe('number');
            expect(cell).toBeCloseTo(v, 6);
          }
        });
      });
      const tot = (ws.getRow(4 + t.rows.length).values as unknown[]).slice(1);
      expect(tot[0]).toBe('合计');
      t.totals.forEach((v, j) => {
        if (v === null) expect(tot[2 + j] ?? null).toBeNull();
        else expect(tot[2 + j]).toBeCloseTo(v, 6);
      });
    }
    // Raw SQL on the workbook's members total.
    const file = await callAsync(core, 'excel.exportStatsTable', { kind: 'members', period: P });
    const wb = new ExcelJs.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const t = ok(core, 'stats.table', { kind: 'members', period: P });
    const last = wb.worksheets[0]!.getRow(4 + t.rows.length).getCell(2 + t.columns.length).value;
    expect(last).toBe(
      sql.prepare("select count(*) from member where deleted_at is null and status = 'active'").pluck().get(),
    );
  }, 60_000);

  it('prints the table as a PDF with the title, the street, the period and the date', async () => {
    const doc = ok(core, 'documents.statsTable', { kind: 'activities', period: P });
    expect(doc.html).toContain('服务活动分类统计表');
    const pdf = await callAsync(core, 'documents.statsTablePdf', { kind: 'activities', period: P });
    expect(pdf.mimeType).toBe('application/pdf');
    const dir = tempDir();
    const target = path.join(dir, pdf.fileName);
    fs.writeFileSync(target, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', target, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
    const t = ok(core, 'stats.table', { kind: 'activities', period: P });
    expect(text).toContain('服务活动分类统计表');
    expect(text).toContain(t.streetName);
    expect(text).toContain(`${year}年`);
    expect(text).toContain(formatDateZh(t.today));
    expect(text).toContain('合计');
    expect(text).toContain(String(totals(t).participations));
  }, 60_000);
});

describe('streetgrid stats --table', () => {
  it('prints a table as JSON and writes the Excel file; a bad table name is refused', () => {
    const db = path.join(tempDir(), 'st.db');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/streetgrid.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
    expect(cli('init', '--db', db, '--street', '110101001').status).toBe(0);
    expect(cli('seed', '--db', db, '--demo', '--members', '200').status).toBe(0);
    const r = cli('stats', '--db', db, '--table', 'members', '--json');
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as StatTableT;
    expect(j.title).toBe('党员分类统计表');
    const check = openDatabase({ file: db });
    const active = check.sqlite
      .prepare("select count(*) from member where deleted_at is null and status = 'active'")
      .pluck()
      .get();
    check.close();
    expect(j.totals[4]).toBe(active);
    const out = path.join(path.dirname(db), 'm.xlsx');
    const x = cli('stats', '--db', db, '--table', 'activities', '--period', '2026Q4', '--out', out);
    expect(x.status).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    const bad = cli('stats', '--db', db, '--table', 'nope');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--table 应为');
  }, 60_000);
});
