#!/usr/bin/env node
// `npm test`: typecheck + lint + migration check + unit + integration + build + e2e. Installs nothing.
// Ends with one plain summary line "N passed, N failed" counted from the test runners' JSON reports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (p) => path.join(root, 'node_modules', p);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
for (const f of ['vitest.json', 'playwright.json']) fs.rmSync(path.join(results, f), { force: true });

const steps = [
  ['typecheck', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
  ['lint', [bin('eslint/bin/eslint.js'), '.']],
  ['format', [bin('prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']],
  ['migrations', [path.join(root, 'scripts/check-migrations.mjs')]],
  [
    'unit + integration',
    [bin('vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'],
  ],
  ['build', [bin('electron-vite/bin/electron-vite.js'), 'build']],
  ['e2e', [bin('@playwright/test/cli.js'), 'test']],
];

const only = process.argv.slice(2);
let failedSteps = 0;
const timings = [];
for (const [name, args] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  if (name === 'e2e' && !fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    console.log(`\n✗ ${name}: no build of the renderer to test`);
    failedSteps++;
    continue;
  }
  console.log(`\n▶ ${name}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${name} ${secs}s`);
  if (r.status !== 0) {
    failedSteps++;
    console.log(`✗ ${name} failed (${secs}s)`);
  } else {
    console.log(`✓ ${name} (${secs}s)`);
    if (name === 'build') fs.writeFileSync(path.join(root, 'out', '.build-stamp'), new Date().toISOString());
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const v = JSON.parse(fs.readFileSync(path.join(results, 'vitest.json'), 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} catch {
  /* step not run */
}
try {
  const p = JSON.parse(fs.readFileSync(path.join(results, 'playwright.json'), 'utf8'));
  passed += p.stats.expected + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
} catch {
  /* step not run */
}
// Steps that are not test runners (typecheck, lint, migrations, build) count as one check each.
const checks = ['typecheck', 'lint', 'migrations', 'build'];
console.log(`\n${timings.join(' · ')}`);
if (failedSteps > 0 && failed === 0) failed = failedSteps;
if (failedSteps === 0) passed += checks.filter((c) => !only.length || only.some((o) => c.includes(o))).length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps > 0 ? 1 : 0);
