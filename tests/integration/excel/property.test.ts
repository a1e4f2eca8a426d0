import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invokeAsync } from '../../../src/core/api';
import type { ImportResultT } from '../../../src/shared/contract';
import { liveCount, makePhone, memberRecord, MEMBER_HEADERS, nthId, workbook } from '../../fixtures/excel';
import { snapshot, streetCore } from '../../helpers';

/** Anything a person (or Excel) can put in a cell. */
const cell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 600 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.date({ min: new Date('1890-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
  fc.constantFrom(
    '男',
    '女',
    '在职党员',
    '离退休党员',
    '流动党员',
    '多福巷社区',
    '110101001001',
    '2026-11-22',
    '2026/2/30',
    '2026年11月22日',
    '110101********1234',
    '138****5678',
    '  ',
    '是',
    '、、，；',
  ),
  fc.nat(100_000).map((i) => nthId(i).id),
  fc.nat(100_000).map((i) => Number(makePhone(i))),
  fc.constantFrom<ExcelJS.CellValue>(
    { formula: 'A1&B1' },
    { formula: '1+1', result: 2 },
    { error: '#N/A' },
    { richText: [{ text: '张' }, { text: '三' }] },
  ),
);

/** A member row: mostly valid, with a few cells replaced by garbage. */
const row = fc
  .tuple(fc.nat(50_000), fc.array(fc.tuple(fc.nat(MEMBER_HEADERS.length - 1), cell), { maxLength: 4 }))
  .map(([i, patches]) => {
    const r: unknown[] = MEMBER_HEADERS.map((h) => memberRecord(i)[h] ?? null);
    for (const [col, v] of patches) r[col] = v;
    return r;
  });

describe('members import under random cell garbage (fast-check)', () => {
  it('never throws across the boundary and, when it refuses, writes nothing', async () => {
    const core = streetCore();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 4, arbitrary: row }, { weight: 1, arbitrary: fc.array(cell, { maxLength: 15 }) }), {
          maxLength: 6,
        }),
        fc.boolean(),
        fc.option(fc.nat(MEMBER_HEADERS.length - 1), { freq: 5 }),
        async (rows, updateExisting, dropHeader) => {
          const headers = MEMBER_HEADERS.filter((_, i) => i !== dropHeader);
          const file = await workbook(headers, rows);
          const before = snapshot(core.db);
          const members = liveCount(core, 'member');
          const env = await invokeAsync(core, 'excel.import', {
            kind: 'members',
            base64: file.toString('base64'),
            updateExisting,
          });
          expect(env.ok, JSON.stringify(env)).toBe(true);
          const r = (env as { data: ImportResultT }).data;
          for (const p of r.problems) {
            expect(p.row).toBeGreaterThanOrEqual(0);
            expect(p.message.length).toBeGreaterThan(0);
          }
          if (r.ok) {
            expect(r.problems).toEqual([]);
            expect(liveCount(core, 'member')).toBe(members + r.inserted);
          } else {
            expect(r.problems.length).toBeGreaterThan(0);
            expect(snapshot(core.db)).toEqual(before);
          }
        },
      ),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('damaged bytes of a real workbook are reported, never thrown', async () => {
    const core = streetCore();
    const good = await workbook(MEMBER_HEADERS, [memberRecord(1), memberRecord(2)]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(good.length - 1), { freq: 3 }),
        async (flips, cut) => {
          const bad = Buffer.from(good.subarray(0, cut ?? good.length));
          for (const [at, byte] of flips) if (at < bad.length) bad[at] = byte;
          const before = snapshot(core.db);
          const env = await invokeAsync(core, 'excel.import', {
            kind: 'members',
            base64: bad.toString('base64') || 'AA==',
          });
          expect(env.ok, JSON.stringify(env)).toBe(true);
          if (!(env as { data: ImportResultT }).data.ok) expect(snapshot(core.db)).toEqual(before);
        },
      ),
      { numRuns: 60, seed: 11643 },
    );
  });
});
