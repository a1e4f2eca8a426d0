// Crash safety of the import path and of one long runAction (demo seeding): see scenarios.ts.
// Scenarios, counts and the printed seed: scenarios.ts; the harness (child process, SIGKILL, checks): harness.ts.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers';
import { runScenario, STRESS } from './harness';
import { importScenario, seedScenario, reports, SEED } from './scenarios';

describe('crash safety: SIGKILL at random points', () => {
  const timeout = STRESS ? 1_800_000 : 120_000;

  it(
    'a members import killed mid-way leaves whole batches only, and the DB opens and passes integrity_check',
    async () => {
      const r = await runScenario(importScenario(), tempDir('sg-crash-'), SEED);
      reports.push(r);
      expect(r.landed).toBeGreaterThanOrEqual(Math.ceil(r.kills * 0.7));
    },
    timeout,
  );

  it(
    'demo seeding killed mid-way leaves the DB as before or fully seeded',
    async () => {
      const r = await runScenario(seedScenario(), tempDir('sg-crash-'), SEED + 1);
      reports.push(r);
      expect(r.landed).toBeGreaterThanOrEqual(Math.ceil(r.kills * 0.7));
    },
    timeout,
  );
});
