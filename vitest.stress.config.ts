// `npm run test:stress`: the long proofs that are too slow for `npm test` — the crash suite with 50 SIGKILLs and
// bigger imports, and the fuzz suite with more generated inputs (both read SG_STRESS).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 1,
    include: ['tests/integration/crash/**/*.test.ts', 'tests/integration/fuzz/**/*.test.ts'],
    environment: 'node',
    env: { SG_STRESS: '1' },
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
  },
});
