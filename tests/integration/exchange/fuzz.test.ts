// Property test of the verifier: any corruption of a real package (flipped bytes, cut tails, junk appended) is
// either refused with a Chinese AppError — never a crash or another error — or, when it hit bytes no check depends
// on (e.g. a local header's timestamp), read back with exactly the original manifest and rows.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Core } from '../../../src/core/api';
import { openDatabase, type StreetGridDb } from '../../../src/core/db/connection';
import { publicKeyOf, verifyPackageFile } from '../../../src/core/exchange';
import { AppError } from '../../../src/shared/errors';
import { OPERATOR, exportTo } from './support';

let dir: string;
let db: StreetGridDb;
let pkg: Buffer;
let pub: string;
let original: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'sg-fuzz-'));
  db = openDatabase({ file: path.join(dir, 's.db') });
  const core: Core = { db, mode: 'cli' };
  call(core, 'street.setup', { streetCode: '110101001' });
  call(core, 'demo.seed', { members: 20 });
  const { batch } = await exportTo(db, path.join(dir, 'out'));
  pkg = fs.readFileSync(batch.filePath);
  pub = JSON.stringify(publicKeyOf(db, OPERATOR));
  original = JSON.stringify((await verifyPackageFile(batch.filePath, pub)).manifest);
}, 60_000);

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('package verifier under corruption', () => {
  it('refuses with an AppError or reads exactly the original', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            kind: fc.constant('flip' as const),
            at: fc.nat({ max: 1_000_000 }),
            xor: fc.integer({ min: 1, max: 255 }),
          }),
          fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: 1_000_000 }), xor: fc.constant(0) }),
          fc.record({
            kind: fc.constant('append' as const),
            at: fc.nat({ max: 64 }),
            xor: fc.integer({ min: 0, max: 255 }),
          }),
        ),
        async ({ kind, at, xor }) => {
          const b = Buffer.from(pkg);
          let bad: Buffer;
          if (kind === 'flip') {
            const i = at % b.length;
            b[i] = b[i]! ^ xor;
            bad = b;
          } else if (kind === 'cut') bad = b.subarray(0, at % b.length);
          else bad = Buffer.concat([b, Buffer.alloc(at + 1, xor)]);
          const f = path.join(dir, `f${++n}.zip`);
          fs.writeFileSync(f, bad);
          try {
            const r = await verifyPackageFile(f, pub);
            expect(JSON.stringify(r.manifest)).toBe(original);
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect((e as AppError).message).toMatch(/[\u4e00-\u9fa5]/);
          } finally {
            fs.rmSync(f, { force: true });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
