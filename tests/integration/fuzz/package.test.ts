// Fuzzing the district package verifier (src/core/exchange): a real signed package of a demo street, damaged by
// random byte flips, truncations and spliced junk, then verified with the street's public key. Every damaged copy is
// either refused with a Chinese AppError, or — when the damage hit bytes that carry nothing (zip padding, a comment)
// — accepted with exactly the original content. Nothing else: no crash, no non-AppError, no altered rows let through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Core } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import { exportPackage, publicKeyOf, verifyPackageFile } from '../../../src/core/exchange';
import { AppError } from '../../../src/shared/errors';
import { FUZZ_SEED, runs } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-fuzz-pkg-'));
let core: Core;
let good: Buffer;
let pubkey: string;
let original: string;
const tally = { refused: 0, acceptedUnchanged: 0 };

/** The verified content, comparable: manifest and every row of every table. */
function contentOf(v: Awaited<ReturnType<typeof verifyPackageFile>>): string {
  return JSON.stringify({
    manifest: v.manifest,
    rows: [...v.rows.entries()].map(([t, r]) => [t, r]),
    tombstones: v.tombstones,
  });
}

beforeAll(async () => {
  const db = openDatabase({ file: path.join(dir, 'street.db') });
  core = { db, mode: 'cli' };
  call(core, 'street.setup', { streetCode: '110101001' });
  call(core, 'demo.seed', { members: 40 });
  fs.mkdirSync(path.join(dir, 'out'));
  const { built } = await exportPackage(db, '本机用户', {
    full: true,
    identified: false,
    outDir: path.join(dir, 'out'),
  });
  good = fs.readFileSync(built.filePath);
  pubkey = JSON.stringify(publicKeyOf(db, '本机用户'));
  const v = await verifyPackageFile(built.filePath, pubkey);
  expect(v.signatureChecked).toBe(true);
  original = contentOf(await verifyPackageFile(built.filePath, pubkey));
}, 120_000);

afterAll(() => {
  core.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `[fuzz] package seed ${FUZZ_SEED}; package ${good?.length} bytes; damaged copies: ${JSON.stringify(tally)}`,
  );
});

describe('fuzz: the district package verifier', () => {
  it('damaged copies of a real signed package are refused in Chinese or carry exactly the original content', async () => {
    const damaged = fc.oneof(
      fc
        .array(fc.record({ at: fc.nat(good.length - 1), byte: fc.nat(255) }), { minLength: 1, maxLength: 16 })
        .map((flips) => {
          const b = Buffer.from(good);
          for (const f of flips) b[f.at] = f.byte;
          return b;
        }),
      fc.record({ at: fc.nat(good.length - 1), bit: fc.nat(7) }).map(({ at, bit }) => {
        const b = Buffer.from(good);
        b[at] = (b[at] as number) ^ (1 << bit);
        return b;
      }),
      fc.nat(good.length - 1).map((n) => good.subarray(0, n)),
      fc
        .record({ at: fc.nat(good.length), junk: fc.uint8Array({ minLength: 1, maxLength: 64 }) })
        .map(({ at, junk }) => Buffer.concat([good.subarray(0, at), Buffer.from(junk), good.subarray(at)])),
      fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)),
    );
    let i = 0;
    await fc.assert(
      fc.asyncProperty(damaged, async (b) => {
        const file = path.join(dir, `damaged-${i++ % 4}.zip`);
        fs.writeFileSync(file, b);
        let verified: Awaited<ReturnType<typeof verifyPackageFile>> | null = null;
        try {
          verified = await verifyPackageFile(file, pubkey);
        } catch (e) {
          expect(e, `not an AppError: ${String(e)}`).toBeInstanceOf(AppError);
          expect((e as AppError).message).toMatch(/[\u4e00-\u9fa5]/);
          expect((e as AppError).code).not.toBe('INTERNAL');
          tally.refused++;
          return;
        }
        expect(contentOf(verified), 'a damaged package was accepted with different content').toBe(original);
        tally.acceptedUnchanged++;
      }),
      { seed: FUZZ_SEED + 20, numRuns: runs(500) },
    );
  }, 300_000);
});
