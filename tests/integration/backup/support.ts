// Shared set-up of the backup suites: a real street DB with demo data, counts, byte-level corruption.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { call, type Core } from '../../../src/core/api';
import { openDatabase } from '../../../src/core/db/connection';
import { tempDir, track } from '../../helpers';

export function seededCore(members = 40, streetCode = '110101001'): Core {
  const file = path.join(tempDir('sg-backup-'), 'streetgrid.db');
  const core: Core = { db: track(openDatabase({ file })), mode: 'cli' };
  call(core, 'street.setup', { streetCode });
  call(core, 'demo.seed', { members });
  return core;
}

export function count(core: Core, table: string): number {
  return core.db.sqlite.prepare(`select count(*) from ${table} where deleted_at is null`).pluck().get() as number;
}

/** Overwrites `length` bytes at `offset` with garbage (what a bad sector or a pulled stick leaves). */
export function corrupt(file: string, offset: number, length: number, byte = 0x5a): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(length, byte), 0, length, offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Tries to mount a tiny tmpfs (root only). Returns the mount point, or null if the system refuses. */
export function tinyTmpfs(sizeKb: number): string | null {
  const dir = tempDir('sg-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`tmpfs mount refused (${(r.stderr || r.error?.message || '').trim()}): disk-full case skipped`);
    return null;
  }
  return dir;
}

export function umount(dir: string): void {
  spawnSync('umount', [dir]);
}
