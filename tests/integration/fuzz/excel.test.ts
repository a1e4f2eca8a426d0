// Fuzzing the Excel importers through the real path (excel.import via invokeAsync, as the app and the CLI call it):
// workbooks for every kind with shuffled, missing, duplicated or unknown headers, wrong or extra sheets, and cells of
// every kind exceljs can write — strings of any length (up to 100,000 characters), numbers, booleans, dates, formulas
// with and without cached results, rich text, hyperlinks, error values — mixed with valid rows; plus byte flips and
// truncations of a real workbook. Every import either succeeds or is refused with problems that name the row and
// column in Chinese; a refused import writes nothing; nothing ever crashes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, invokeAsync, type Core } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import { COLUMNS } from '../../../src/core/excel';
import { EXCEL_KINDS, type ExcelKind, type ImportResultT } from '../../../src/shared/contract';
import { makePhone, makeUscc, nthId, personName } from '../../fixtures/excel';
import { dbState, FUZZ_SEED, runs } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-fuzz-excel-'));
let core: Core;
const unexpected: { method: string; error: unknown }[] = [];
let communities: string[] = [];
const tally = { accepted: 0, refused: 0, refusedFile: 0, inserted: 0 };
let serial = 50_000; // ID numbers of generated rows: fresh ones, so that valid files can really import

beforeAll(() => {
  const db = openDatabase({ file: path.join(dir, 'fuzz-excel.db') });
  core = { db, mode: 'cli', logError: (error, method) => unexpected.push({ method, error }) };
  call(core, 'street.setup', { streetCode: '110101001' });
  call(core, 'demo.seed', { members: 40 });
  communities = db.sqlite.prepare('select name from community order by id').pluck().all() as string[];
});

afterAll(() => {
  core.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`[fuzz] excel seed ${FUZZ_SEED}; imports: ${JSON.stringify(tally)}`);
});

const NASTY_TEXT = ['', ' ', '\u0000', '=1+1', '@SUM(A1)', '+86 138', '−12', '１３８００１３８０００', '\u202e', '𠀀'];

/** A plausible value for a column (what a careful secretary types). */
function plausible(kind: ExcelKind, key: string, list?: readonly string[]): fc.Arbitrary<unknown> {
  if (list && list.length > 0) return fc.constantFrom(...list);
  const k = key.toLowerCase();
  if (k.includes('idnumber') || k.includes('idtail'))
    return fc.constant(null).map(() => {
      const id = nthId(serial++).id;
      return k.includes('tail') ? id.slice(-4) : id;
    });
  if (k.includes('phone')) return fc.nat(999_999).map(makePhone);
  if (k.includes('uscc') || k.includes('credit')) return fc.nat(99_999).map((i) => makeUscc(i + 10_000));
  if (k.includes('community')) return fc.constantFrom(...communities);
  if (k.includes('date')) return fc.constantFrom('2026-03-15', '2025-11-01', new Date('2026-05-04T00:00:00Z'), 46000);
  if (k.includes('time')) return fc.constantFrom('09:00', '14:30');
  if (k.includes('name') || k.includes('leader') || k.includes('person') || k === 'participant')
    return fc.nat(5000).map(personName);
  if (k.includes('count') || k.includes('households') || k.includes('hours') || k.includes('beneficiar'))
    return fc.oneof(fc.nat(500), fc.constantFrom('12', '1.5'));
  if (k.includes('code'))
    return fc.nat(999).map((n) => (kind === 'grids' ? `G${n}` : `110101001${String(n).padStart(3, '0')}`));
  return fc.oneof(fc.constantFrom('汉族', '法律咨询、书法', '无'), fc.string({ maxLength: 10 }));
}

/** Anything a cell can hold. */
const wildCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...NASTY_TEXT),
  fc.integer({ min: 2, max: 40_000 }).map((n) => '长'.repeat(n)),
  fc.constant('x'.repeat(100_000)),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.constantFrom(1e20, -0, 11010119900101, 2 ** 53 + 1),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc
    .record({
      formula: fc.constantFrom('A1+1', 'SUM(1,2)', 'NOW()', '1/0', 'B2&"x"'),
      result: fc.option(fc.oneof(fc.string(), fc.integer()), { nil: undefined }),
    })
    .map((r) => (r.result === undefined ? { formula: r.formula } : r)),
  fc
    .array(fc.record({ text: fc.string({ maxLength: 12 }), bold: fc.boolean() }), { minLength: 1, maxLength: 3 })
    .map((parts) => ({ richText: parts.map((p) => ({ text: p.text, font: { bold: p.bold } })) })),
  fc.record({
    text: fc.string({ maxLength: 12 }),
    hyperlink: fc.constantFrom('https://example.com', 'mailto:a@b.c', 'javascript:x'),
  }),
  fc.constantFrom({ error: '#N/A' }, { error: '#DIV/0!' }, { error: '#REF!' }),
);

interface Book {
  kind: ExcelKind;
  updateExisting: boolean;
  sheets: { name: string; rows: readonly (readonly unknown[])[] }[];
}

/** A workbook for `kind`: valid rows, damaged rows or both, under headers that may be wrong, in sheets that may be. */
const book: fc.Arbitrary<Book> = fc.constantFrom(...EXCEL_KINDS).chain((kind) => {
  const cols = COLUMNS[kind];
  const headers = fc.oneof(
    { weight: 5, arbitrary: fc.constant(cols.map((c) => c.header)) },
    fc.shuffledSubarray(
      cols.map((c) => c.header),
      { minLength: 0 },
    ),
    fc.constant([...cols.map((c) => c.header), cols[0]?.header ?? '姓名']),
    fc.constant(cols.map((c) => c.aliases?.[0] ?? c.header)),
    fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...cols.map((c) => c.header))), { maxLength: 14 }),
  );
  return headers.chain((hs) => {
    const specs = hs.map((h) => cols.find((c) => c.header === h || c.aliases?.includes(h)));
    const validRow = fc.tuple(...specs.map((s) => (s ? plausible(kind, s.key, s.list) : wildCell)));
    const row = fc.oneof(
      { weight: 3, arbitrary: validRow },
      validRow.chain((r) =>
        fc
          .record({ at: fc.nat(Math.max(0, r.length - 1)), v: wildCell })
          .map(({ at, v }) => r.map((x, i) => (i === at ? v : x))),
      ),
      fc.array(wildCell, { maxLength: hs.length + 2 }),
    );
    return fc.record({
      kind: fc.constant(kind),
      updateExisting: fc.boolean(),
      sheets: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.array(row, { maxLength: 12 }).map((rows) => [{ name: '数据', rows: [hs, ...rows] }]),
        },
        // the data behind a guide sheet, or behind a sheet of junk, or no header row at all
        fc.array(row, { maxLength: 6 }).map((rows) => [
          { name: '填写说明', rows: [['列名', '说明']] },
          { name: 'Sheet2', rows: [hs, ...rows] },
        ]),
        fc.array(row, { maxLength: 6 }).map((rows) => [{ name: 'x'.repeat(31), rows }]),
        fc.constant([{ name: '空', rows: [] }]),
      ) as fc.Arbitrary<Book['sheets']>,
    });
  });
});

async function write(b: Book): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of b.sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow([...r] as ExcelJS.CellValue[]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const KIND_TABLE: Record<ExcelKind, string> = {
  members: 'member',
  units: 'unit',
  communities: 'community',
  grids: 'grid',
  activities: 'activity',
};

async function importAndCheck(
  kind: ExcelKind,
  base64: string,
  updateExisting: boolean,
  what: string,
  maxRow = Number.MAX_SAFE_INTEGER,
): Promise<void> {
  const before = dbState(core.db);
  const table = KIND_TABLE[kind];
  const rowsBefore = core.db.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;
  const n = unexpected.length;
  const r = await invokeAsync(core, 'excel.import', { kind, base64, updateExisting });
  expect(unexpected.length, `non-AppError inside excel.import (${what}): ${String(unexpected[n]?.error)}`).toBe(n);
  if (!r.ok) {
    // refused at the boundary (e.g. a file over the size limit): Chinese, nothing written
    expect(r.error.code, what).not.toBe('INTERNAL');
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(dbState(core.db)).toBe(before);
    tally.refusedFile++;
    return;
  }
  const res = r.data as ImportResultT;
  if (!res.ok) {
    tally.refused++;
    expect(res.problems.length, what).toBeGreaterThan(0);
    expect(res.inserted + res.updated).toBe(0);
    for (const p of res.problems) {
      expect(Number.isInteger(p.row) && p.row >= 0, `${what}: ${JSON.stringify(p)}`).toBe(true);
      // a problem in a data row names its column (file- and header-level problems may concern no single column)
      if (p.row >= 2) expect(p.column.length, `${what}: no column named: ${JSON.stringify(p)}`).toBeGreaterThan(0);
      expect(p.message, JSON.stringify(p)).toMatch(/[\u4e00-\u9fa5]/);
      // 0 = the file as a whole, 1 = the header row, 2… = data rows: row numbers as Excel shows them
      expect(p.row, JSON.stringify(p)).toBeLessThanOrEqual(maxRow);
    }
    expect(dbState(core.db), `a refused import wrote (${what})`).toBe(before);
  } else {
    tally.accepted++;
    tally.inserted += res.inserted;
    const rowsAfter = core.db.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;
    if (kind !== 'activities') expect(rowsAfter - rowsBefore, what).toBe(res.inserted);
  }
}

describe('fuzz: the Excel importers', () => {
  it('generated workbooks of every kind: imported whole or refused with row and column named, never half', async () => {
    await fc.assert(
      fc.asyncProperty(book, async (b) => {
        const buf = await write(b);
        await importAndCheck(
          b.kind,
          buf.toString('base64'),
          b.updateExisting,
          `${b.kind} ${JSON.stringify(b.sheets.map((s) => ({ name: s.name, rows: s.rows.slice(0, 3) }))).replace(
            /(.{400}).*/,
            '$1…',
          )}`,
          Math.max(1, ...b.sheets.map((s) => s.rows.length)),
        );
      }),
      { seed: FUZZ_SEED + 10, numRuns: runs(450) },
    );
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 300_000);

  it('byte flips, truncations and splices of a real workbook never crash and never write', async () => {
    const cols = COLUMNS.members;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员');
    ws.addRow(cols.map((c) => c.header));
    for (let i = 0; i < 5; i++) {
      const { id, birthDate, gender } = nthId(90_000 + i);
      const v: Record<string, unknown> = {
        name: personName(i),
        gender,
        birthDate,
        idNumber: id,
        category: '离退休党员',
        community: communities[0],
        status: '在册',
      };
      ws.addRow(cols.map((c) => v[c.key] ?? null));
    }
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const damaged = fc.oneof(
      fc
        .array(fc.record({ at: fc.nat(good.length - 1), byte: fc.nat(255) }), { minLength: 1, maxLength: 20 })
        .map((flips) => {
          const b = Buffer.from(good);
          for (const f of flips) b[f.at] = f.byte;
          return b;
        }),
      fc.nat(good.length - 1).map((n) => good.subarray(0, n)),
      fc
        .record({ at: fc.nat(good.length - 1), junk: fc.uint8Array({ minLength: 1, maxLength: 64 }) })
        .map(({ at, junk }) => Buffer.concat([good.subarray(0, at), Buffer.from(junk), good.subarray(at)])),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (b) => {
        // a flip may leave the file readable (in a string, say): then it imports, once; any later copy is refused
        await importAndCheck('members', b.toString('base64'), false, `damaged workbook of ${b.length} bytes`);
      }),
      { seed: FUZZ_SEED + 11, numRuns: runs(350) },
    );
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 300_000);
});
