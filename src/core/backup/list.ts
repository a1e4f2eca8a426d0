// The backups folder as a list, newest first. Reads each file's sidecar manifest; a file without one (e.g. the
// pre-migration backup written by db/connection.ts, or a manifest lost on the way) is inspected with a full
// integrity check once and gets its manifest then.
import fs from 'node:fs';
import path from 'node:path';
import { parseBackupName } from './files';
import { inspectFile, readManifest, writeManifest, type Inspected } from './inspect';

export function listBackups(dir: string): Inspected[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Inspected[] = [];
  for (const name of names) {
    if (!parseBackupName(name)) continue;
    const file = path.join(dir, name);
    const m = readManifest(file);
    let size = -1;
    try {
      size = fs.statSync(file).size;
    } catch {
      continue;
    }
    if (m && m.sizeBytes === size) {
      out.push(inspectFile(file, { check: false, inFolder: true }));
      continue;
    }
    const info = inspectFile(file, { check: true, inFolder: true });
    if (info.problem === null) {
      writeManifest(file, {
        format: 1,
        createdAt: info.createdAt,
        reason: info.reason,
        sizeBytes: info.sizeBytes,
        street: info.street,
        counts: info.counts,
        schemaVersion: info.schemaVersion,
        integrityOk: true,
      });
    }
    out.push(info);
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.name ?? '').localeCompare(a.name ?? ''));
}

/** Backups that passed their integrity check, newest first (what the recovery offers). */
export function goodBackups(dir: string): Inspected[] {
  return listBackups(dir).filter((b) => b.integrityOk && b.problem === null && b.street !== null);
}
