// Crash safety of backups (src/core/backup) and of the district merge (src/core/exchange): see scenarios.ts.
// Scenarios, counts and the printed seed: scenarios.ts; the harness (child process, SIGKILL, checks): harness.ts.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers';
import { runScenario, STRESS } from './harness';
import { backupScenario, mergeScenario, reports, SEED } from './scenarios';

describe('crash safety: SIGKILL at random points', () => {
  const timeout = STRESS ? 1_800_000 : 120_000;

  it(
    'a district merge killed mid-way leaves the district store as before or with the whole package',
    async () => {
      const r = await runScenario(mergeScenario(), tempDir('sg-crash-'), SEED + 3);
      reports.push(r);
      expect(r.landed).toBeGreaterThanOrEqual(Math.ceil(r.kills * 0.7));
    },
    timeout,
  );

  it(
    'a backup killed mid-way leaves the DB untouched and no half-written backup counted',
    async () => {
      const r = await runScenario(backupScenario(), tempDir('sg-crash-'), SEED + 2);
      reports.push(r);
      expect(r.landed).toBeGreaterThanOrEqual(Math.ceil(r.kills * 0.7));
    },
    timeout,
  );
});
