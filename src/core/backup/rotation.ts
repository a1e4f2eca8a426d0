// Rotation of the backups folder. The rule (also shown on the 备份与恢复 screen):
// - 启动 and 每日 backups are "scheduled": of them we keep the newest of each of the last `keepDaily` days that have
//   one, the newest of each of the last `keepWeekly` ISO weeks, and the newest of each of the last `keepMonthly`
//   months (the union), and always the newest one.
// - 导入前, 合并前 and 恢复前 backups: the newest KEEP_EVENT of each kind.
// - 手动 (manual) and 升级前 (pre-migration) backups are never deleted automatically.
// - Files we do not recognise by name are never touched; stale temp files of an interrupted backup are removed.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { StreetGridDb } from '../db/connection';
import { parseBackupName, removeDbFiles, sidecarOf, type FolderReason } from './files';

export interface Rotation {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export const DEFAULT_ROTATION: Rotation = { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };
export const KEEP_EVENT = 10;
const STALE_TMP_MS = 60 * 60 * 1000;

/** The rotation settings stored in the DB's settings table (defaults when absent or unreadable). */
export function rotationOf(src: StreetGridDb | Database.Database | string): Rotation {
  if (typeof src === 'string') return DEFAULT_ROTATION;
  const sqlite = 'sqlite' in src ? src.sqlite : src;
  const out = { ...DEFAULT_ROTATION };
  try {
    const rows = sqlite
      .prepare(
        "select key, value from settings where key in ('backupKeepDaily', 'backupKeepWeekly', 'backupKeepMonthly')",
      )
      .all() as { key: string; value: string }[];
    for (const r of rows) {
      const v: unknown = JSON.parse(r.value);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) continue;
      if (r.key === 'backupKeepDaily') out.keepDaily = v;
      if (r.key === 'backupKeepWeekly') out.keepWeekly = v;
      if (r.key === 'backupKeepMonthly') out.keepMonthly = v;
    }
  } catch {
    // an old schema without settings: defaults
  }
  return out;
}

interface Entry {
  name: string;
  reason: FolderReason;
  at: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
function weekKey(d: Date): string {
  // ISO week (local time): the Thursday of this week decides the year.
  const t = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const day = (t.getDay() + 6) % 7;
  t.setDate(t.getDate() - day + 3);
  const firstThursday = new Date(t.getFullYear(), 0, 4);
  const week =
    1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getDay() + 6) % 7)) / 7);
  return `${t.getFullYear()}-W${pad(week)}`;
}

/** Newest entry of each of the first `n` buckets (entries sorted newest first). */
function newestPerBucket(entries: Entry[], key: (d: Date) => string, n: number): Entry[] {
  const seen = new Set<string>();
  const out: Entry[] = [];
  for (const e of entries) {
    if (seen.size >= n) break;
    const k = key(e.at);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}

/** Which of these backups the rule keeps (exported for tests and for the screen's explanation). */
export function keptBy(entries: Entry[], r: Rotation): Set<string> {
  const keep = new Set<string>();
  const sorted = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const scheduled = sorted.filter((e) => e.reason === 'startup' || e.reason === 'daily');
  if (scheduled[0]) keep.add(scheduled[0].name);
  for (const e of newestPerBucket(scheduled, dayKey, r.keepDaily)) keep.add(e.name);
  for (const e of newestPerBucket(scheduled, weekKey, r.keepWeekly)) keep.add(e.name);
  for (const e of newestPerBucket(scheduled, monthKey, r.keepMonthly)) keep.add(e.name);
  for (const reason of ['import', 'merge', 'restore'] as const) {
    for (const e of sorted.filter((x) => x.reason === reason).slice(0, KEEP_EVENT)) keep.add(e.name);
  }
  for (const e of sorted) if (e.reason === 'manual' || e.reason === 'migrate') keep.add(e.name);
  return keep;
}

/** Applies the rule to the backups folder. Returns the names it deleted. Never throws. */
export function rotate(dir: string, r: Rotation, now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const entries: Entry[] = [];
  for (const name of names) {
    const p = parseBackupName(name);
    if (p) entries.push({ name, ...p });
    else if (/^streetgrid-.*\.db\.tmp-\d+-[0-9a-f]+$/.test(name)) {
      try {
        if (now - fs.statSync(path.join(dir, name)).mtimeMs > STALE_TMP_MS) removeDbFiles(path.join(dir, name));
      } catch {
        // gone already
      }
    }
  }
  const keep = keptBy(entries, r);
  const deleted: string[] = [];
  for (const e of entries) {
    if (keep.has(e.name)) continue;
    const file = path.join(dir, e.name);
    try {
      fs.rmSync(file, { force: true });
      fs.rmSync(sidecarOf(file), { force: true });
      deleted.push(e.name);
    } catch {
      // locked (Windows): try again at the next rotation
    }
  }
  return deleted;
}
