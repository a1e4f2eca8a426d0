import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds streetgrid.db and its backups: the same in Electron, browser mode and the CLI. */
export function defaultUserDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'StreetGrid');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'StreetGrid');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'StreetGrid');
}

export function defaultDbFile(): string {
  return path.join(defaultUserDataDir(), 'streetgrid.db');
}

/** Backups live beside the database, in a `backups` folder. */
export function backupDirFor(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

/** Walks up from this module until `rel` exists (works from src/, from a bundle in out/, and from tests). */
export function findUp(rel: string, from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, rel);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

let migrationsOverride: string | null = null;
/** Packaged Electron points this at process.resourcesPath/drizzle. */
export function setMigrationsDir(dir: string): void {
  migrationsOverride = dir;
}

export function migrationsDir(): string {
  if (migrationsOverride) return migrationsOverride;
  if (process.env.STREETGRID_MIGRATIONS_DIR) return process.env.STREETGRID_MIGRATIONS_DIR;
  const journal = findUp(path.join('drizzle', 'meta', '_journal.json'));
  if (!journal) throw new Error('drizzle migrations folder not found');
  return path.dirname(path.dirname(journal));
}
