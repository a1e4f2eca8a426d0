// 目标考评 (stats.scorecard and its documents / Excel) and the 考评设置 (settings.update): figures and scores by hand on
// the small activity street, weights and thresholds from the settings (validated in Chinese, nothing written on
// error), the raw figures recomputed from SQL on the demo street, the Excel round trip and the PDF (one page per
// community).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callAsync } from '../../../src/core/api';
import { closePdfRenderer } from '../../../src/core/documents/pdf-port';
import { loadExcelJs } from '../../../src/core/excel/load';
import { DEFAULT_SCORE_SETTINGS, SCORE_INDICATORS } from '../../../src/shared/contract';
import { formatDateZh } from '../../../src/shared/validators';
import { fails, ok, snapshot, streetCore, tempDir } from '../../helpers';
import { fixture } from './activity-fixtures';

afterAll(async () => {
  await closePdfRenderer();
});

/**
 * The activity street plus one 2026 agreement of 第二中学 with c1: one commitment done, one in progress.
 * c1 by hand: coverage 0 (no network), participation 张三 3 activities of 4 reported (张三 李四 王五 孙八) → 0 at ≥4,
 * meetings 0 (no body), commitments 1/2, posts 2 filled / 10 headcount = 0.2, 三有 0 (no profile, no funding).
 */
function small() {
  const f = fixture();
  ok(f.core, 'agreements.create', {
    unitId: f.u2,
    communityId: f.c1,
    year: 2026,
    areas: ['party'],
    commitments: [
      { content: '开放操场', status: 'done', evidenceNote: '已开放', evidenceDate: '2026-05-01' },
      { content: '共建党课', status: 'in_progress' },
    ],
  } as never);
  return f;
}

describe('目标考评 on the small street', () => {
  it('scores with equal default weights, shows the raw figures, weights and points, and ranks ties together', () => {
    const f = small();
    const card = ok(f.core, 'stats.scorecard', { year: 2026 });
    expect(card.indicators.map((i) => i.key)).toEqual([...SCORE_INDICATORS]);
    expect(card.indicators.every((i) => i.enabled && Math.abs(i.weight - 1 / 6) < 1e-9)).toBe(true);
    expect(card.indicators.find((i) => i.key === 'participation')!.definition).toContain('不少于 4 次');
    const c1 = card.rows.find((r) => r.communityId === f.c1)!;
    expect(c1.rank).toBe(1);
    // (0 + 0 + 0 + 0.5 + 0.2 + 0) / 6 × 100 = 11.67 → 11.7
    expect(c1.score).toBe(11.7);
    expect(c1.figures.commitmentsDone).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, points: 8.33 });
    expect(c1.figures.postsClaimed).toMatchObject({ value: 0.2, numerator: 2, denominator: 10, points: 3.33 });
    expect(c1.figures.participation).toMatchObject({ value: 0, numerator: 0, denominator: 4 });
    expect(c1.figures.participation.detail).toBe('参加活动≥4次 0 名 / 已报到在职党员 4 名');
    expect(c1.figures.sanYou.detail).toContain('有人管事✗');
    // Everyone else scores 0 and shares rank 2.
    expect(card.rows.filter((r) => r.communityId !== f.c1).every((r) => r.score === 0 && r.rank === 2)).toBe(true);
    // The dashboard shows the same scores.
    const d = ok(f.core, 'stats.dashboard', { year: 2026 });
    expect(d.scorecard.map((s) => [s.communityId, s.score, s.rank])).toEqual(
      card.rows.map((r) => [r.communityId, r.score, r.rank]),
    );
  });

  it('uses the weights, the enabled indicators and the participation target from the settings', () => {
    const f = small();
    const s = ok(f.core, 'settings.update', {
      scoreWeights: {
        networkCoverage: 0,
        participation: 0,
        meetingsHeld: 0,
        commitmentsDone: 30,
        postsClaimed: 10,
        sanYou: 0,
      },
    });
    // Normalised over the enabled indicators.
    expect(s.scoreWeights.commitmentsDone).toBeCloseTo(0.75, 6);
    expect(s.scoreWeights.postsClaimed).toBeCloseTo(0.25, 6);
    let c1 = ok(f.core, 'stats.scorecard', { year: 2026 }).rows.find((r) => r.communityId === f.c1)!;
    // 0.75 × 0.5 + 0.25 × 0.2 = 0.425
    expect(c1.score).toBe(42.5);
    expect(c1.figures.commitmentsDone.points).toBe(37.5);
    expect(c1.figures.postsClaimed.points).toBe(5);
    const d = ok(f.core, 'stats.dashboard', { year: 2026 });
    expect(d.indicators.find((i) => i.key === 'commitmentsDone')!.weight).toBeCloseTo(0.75, 6);

    // Disabling commitments leaves posts alone at 100 %.
    ok(f.core, 'settings.update', { scoreEnabled: SCORE_INDICATORS.filter((k) => k !== 'commitmentsDone') });
    const card = ok(f.core, 'stats.scorecard', { year: 2026 });
    c1 = card.rows.find((r) => r.communityId === f.c1)!;
    expect(c1.score).toBe(20);
    expect(card.indicators.find((i) => i.key === 'commitmentsDone')).toMatchObject({ enabled: false, weight: 0 });
    expect(c1.figures.commitmentsDone.points).toBe(0);
    expect(ok(f.core, 'stats.dashboard', { year: 2026 }).indicators.map((i) => i.key)).not.toContain('commitmentsDone');

    // Back to the defaults, with a target of 3 activities: 张三 (3) of 4 reported.
    ok(f.core, 'settings.update', {
      scoreWeights: DEFAULT_SCORE_SETTINGS.scoreWeights,
      scoreEnabled: [...SCORE_INDICATORS],
      participationTarget: 3,
    });
    const again = ok(f.core, 'stats.scorecard', { year: 2026 });
    c1 = again.rows.find((r) => r.communityId === f.c1)!;
    expect(c1.figures.participation).toMatchObject({ value: 0.25, numerator: 1, denominator: 4 });
    // (0.25 + 0.5 + 0.2) / 6 = 0.1583
    expect(c1.score).toBe(15.8);
    expect(again.indicators.find((i) => i.key === 'participation')!.definition).toContain('不少于 3 次');
    expect(ok(f.core, 'stats.dashboard', { year: 2026 }).participation.thresholds).toEqual({
      atLeastOne: 1,
      atLeastFour: 3,
    });
  });

  it('refuses bad settings with a Chinese message naming the field, and writes nothing', () => {
    const f = small();
    const before = snapshot(f.core.db);
    const w = { ...DEFAULT_SCORE_SETTINGS.scoreWeights };
    const neg = fails(f.core, 'settings.update', { scoreWeights: { ...w, networkCoverage: -1 } });
    expect(neg.message).toBe('输入有误：「联络网络覆盖权重」权重不能为负数');
    expect(neg.field).toBe('scoreWeights.networkCoverage');
    const zero = fails(f.core, 'settings.update', {
      scoreWeights: Object.fromEntries(SCORE_INDICATORS.map((k) => [k, 0])),
    });
    expect(zero.message).toBe('已启用的考评指标中至少要有一项权重大于 0');
    // Only a zero-weight indicator enabled: nothing to score with.
    const onlyZero = fails(f.core, 'settings.update', {
      scoreWeights: { ...w, sanYou: 0 },
      scoreEnabled: ['sanYou'],
    });
    expect(onlyZero.message).toBe('已启用的考评指标中至少要有一项权重大于 0');
    expect(fails(f.core, 'settings.update', { scoreEnabled: [] }).message).toBe('至少要启用一项考评指标');
    const order = fails(f.core, 'settings.update', { participationMin: 5 });
    expect(order.message).toBe('「参与次数起点」（5 次）不能高于「参与次数达标线」（4 次）');
    expect(order.field).toBe('participationMin');
    expect(fails(f.core, 'settings.update', { participationTarget: 0 }).message).toContain('「参与次数达标线」');
    expect(fails(f.core, 'settings.update', { participationTarget: 2.5 }).message).toContain('应为整数');
    expect(fails(f.core, 'settings.update', { scoreWeights: { networkCoverage: 1 } }).code).toBe('VALIDATION');
    expect(snapshot(f.core.db)).toEqual(before);
    // The defaults are what a new street gets.
    const s = ok(f.core, 'settings.get', {});
    expect(s.participationMin).toBe(1);
    expect(s.participationTarget).toBe(4);
    expect(s.scoreEnabled).toEqual([...SCORE_INDICATORS]);
  });

  it('falls back to the defaults when the stored settings are unusable', () => {
    const f = small();
    const put = f.core.db.sqlite.prepare(
      "insert into settings (key, value, updated_at) values (?, ?, '2026-01-01T00:00:00Z') on conflict (key) do update set value = excluded.value",
    );
    put.run('scoreWeights', JSON.stringify({ networkCoverage: 'x' }));
    put.run('scoreEnabled', JSON.stringify(['nope']));
    const s = ok(f.core, 'settings.get', {});
    expect(s.scoreWeights).toEqual(DEFAULT_SCORE_SETTINGS.scoreWeights);
    expect(s.scoreEnabled).toEqual([...SCORE_INDICATORS]);
  });
});

describe('目标考评 on the demo street', () => {
  it('matches raw SQL, exports to Excel with the same numbers and prints one page per community', async () => {
    const core = streetCore('110101001');
    ok(core, 'demo.seed', { members: 500 });
    const year = new Date().getFullYear();
    const card = ok(core, 'stats.scorecard', { year });
    const sql = core.db.sqlite;
    expect(card.rows.length).toBe(
      sql.prepare('select count(*) from community where deleted_at is null and retired_at is null').pluck().get(),
    );
    for (const r of card.rows) {
      const k = sql
        .prepare(
          `select count(*) as total, coalesce(sum(k.status = 'done'), 0) as done from commitment k
           join agreement a on a.id = k.agreement_id where a.deleted_at is null and a.year = ? and a.community_id = ?`,
        )
        .get(year, r.communityId) as { total: number; done: number };
      expect(r.figures.commitmentsDone).toMatchObject({ numerator: k.done, denominator: k.total });
      const members = sql
        .prepare("select count(*) from member where deleted_at is null and status = 'active' and community_id = ?")
        .pluck()
        .get(r.communityId);
      expect(r.figures.networkCoverage.denominator).toBe(members);
      const posts = sql
        .prepare(
          `select total(sp.headcount) as headcount,
                  total(min(sp.headcount, (select count(*) from post_claim c where c.post_id = sp.id and c.status = 'approved'))) as filled
           from service_post sp where sp.deleted_at is null and sp.community_id = ?`,
        )
        .get(r.communityId) as { headcount: number; filled: number };
      expect(r.figures.postsClaimed).toMatchObject({ numerator: posts.filled, denominator: posts.headcount });
      const expected = SCORE_INDICATORS.reduce((s, key) => s + r.figures[key].value * r.figures[key].weight, 0) * 100;
      expect(Math.abs(r.score - expected)).toBeLessThan(0.06);
    }
    const scores = card.rows.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const file = await callAsync(core, 'excel.exportScorecard', { year });
    expect(file.fileName).toBe(`社区目标考评-${year}年.xlsx`);
    const ExcelJs = await loadExcelJs();
    const wb = new ExcelJs.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.getWorksheet('目标考评')!;
    expect(ws.getCell('A1').value).toBe(`${year}年度社区目标考评`);
    expect(String(ws.getCell('A2').value)).toContain(card.streetName);
    card.rows.forEach((r, i) => {
      const v = (ws.getRow(4 + i).values as unknown[]).slice(1);
      expect(v[0]).toBe(r.rank);
      expect(v[1]).toBe(r.communityName);
      expect(v[2]).toBe(r.score);
      SCORE_INDICATORS.forEach((k, j) => {
        expect(v[3 + j * 2]).toBeCloseTo(r.figures[k].value, 6);
        expect(v[4 + j * 2]).toBeCloseTo(r.figures[k].points, 6);
      });
    });
    const raw = wb.getWorksheet('原始数据')!;
    expect(raw.rowCount).toBe(1 + card.rows.length * SCORE_INDICATORS.length);
    expect(typeof raw.getRow(2).getCell(5).value).toBe('number');

    const one = ok(core, 'documents.scorecard', { year, communityId: card.rows[0]!.communityId });
    expect(one.html).toContain(card.rows[0]!.communityName);
    expect(one.html.match(/class="sc-page"/g)?.length).toBe(1);
    const pdf = await callAsync(core, 'documents.scorecardPdf', { year });
    const dir = tempDir();
    const target = path.join(dir, pdf.fileName);
    fs.writeFileSync(target, Buffer.from(pdf.base64, 'base64'));
    const info = execFileSync('pdfinfo', [target], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(card.rows.length);
    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', target, '-'], {
      encoding: 'utf8',
    }).replace(/[ \t]+/g, '');
    expect(text).toContain(`${year}年度社区目标考评表`);
    expect(text).toContain(card.streetName);
    expect(text).toContain(formatDateZh(card.today));
    expect(text).toContain(card.rows[0]!.communityName);
    expect(text).toContain(`第1名（共${card.rows.length}个社区）`);
    expect(fails(core, 'documents.scorecard', { year, communityId: 99999 }).code).toBe('NOT_FOUND');
  }, 90_000);
});
