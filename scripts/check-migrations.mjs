#!/usr/bin/env node
// Fails if the drizzle schema has changes that no committed migration covers (drizzle-kit generate would write one).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-drizzle-check-'));
try {
  const out = path.join(tmp, 'drizzle');
  fs.cpSync(path.join(root, 'drizzle'), out, { recursive: true });
  const config = path.join(tmp, 'drizzle.config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ dialect: 'sqlite', schema: './src/core/db/schema/index.ts', out: path.relative(root, out) }),
  );
  const before = fs.readdirSync(out).sort();
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', `--config=${config}`],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  // drizzle-kit can exit 0 on errors: look at its output too.
  if (r.status !== 0 || /error/i.test(r.stderr) || /ENOENT/.test(r.stdout)) {
    console.error(r.stdout, r.stderr);
    console.error('drizzle-kit generate failed');
    process.exit(1);
  }
  const after = fs.readdirSync(out).sort();
  const added = after.filter((f) => !before.includes(f));
  if (added.length > 0) {
    console.error(
      `Schema changes without a migration: drizzle-kit generate would add ${added.join(', ')}. Run npm run db:generate and commit it.`,
    );
    process.exit(1);
  }
  console.log('migrations: schema and committed migrations agree');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
