// `streetgrid backup --db FILE --out FILE|FOLDER [--json]`, `streetgrid backup --db FILE --list [--json]` and
// `streetgrid restore --db FILE --from FILE [--json]` (issue 8). A failed backup (disk full, read-only or missing
// destination) prints a Chinese message, exits 1 and leaves the DB untouched.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  auditOnce,
  backupToFolder,
  copyVerified,
  formatSize,
  formatWhen,
  listBackups,
  previewRestore,
  restoreFile,
  type Inspected,
} from '../core/backup';
import { dbFacts } from '../core/backup/inspect';
import { openRaw } from '../core/db/sqlite-file';
import { knownMigrations, openDatabase } from '../core/db/connection';
import { backupDirFor } from '../core/paths';
import { AppError } from '../shared/errors';
import { BACKUP, CLI } from '../shared/messages';

function out(s: string): void {
  process.stdout.write(s + '\n');
}

function need(v: string | undefined, name: string, usage: (m: string) => Error): string {
  if (!v) throw usage(CLI.missingOption(name));
  return v;
}

const counts = (i: Inspected) => BACKUP.ui.countsLine(i.counts);

function publicInfo(i: Inspected) {
  const { unknownMigrations: _u, ...rest } = i;
  return rest;
}

/** Writes the audit row of a CLI backup, only into a DB already at the current schema (never migrates here). */
function auditIfCurrent(file: string, info: Inspected, summary: string): void {
  const probe = openRaw(file, true);
  let current: boolean;
  try {
    const f = dbFacts(probe);
    current = f.schemaVersion === knownMigrations().length && f.unknownMigrations === 0;
  } finally {
    probe.close();
  }
  if (!current) return;
  const db = openDatabase({ file });
  try {
    auditOnce(db, {
      action: 'backup',
      entity: 'backup',
      summary,
      after: {
        file: info.path,
        street: info.street,
        counts: BACKUP.ui.countsLine(info.counts),
        schemaVersion: info.schemaVersion,
      },
    });
  } finally {
    db.close();
  }
}

export async function cmdBackup(args: string[], usage: (m: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, out: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' } },
    strict: true,
  });
  const file = path.resolve(need(values.db, 'db', usage));
  if (values.list) {
    const dir = backupDirFor(file);
    const rows = listBackups(dir);
    if (values.json) out(JSON.stringify(rows.map(publicInfo), null, 2));
    else if (rows.length === 0) out(BACKUP.cliListEmpty(dir));
    else
      for (const r of rows)
        out(
          BACKUP.cliListLine(
            formatWhen(r.createdAt),
            BACKUP.reasons[r.reason] ?? r.reason,
            formatSize(r.sizeBytes),
            r.street?.name ?? '—',
            counts(r),
            r.integrityOk ? BACKUP.ui.ok : BACKUP.ui.bad,
            r.name ?? r.path,
          ),
        );
    return 0;
  }
  const target = path.resolve(need(values.out, 'out', usage));
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', CLI.dbMissing(file));
  const isDir = fs.existsSync(target) && fs.statSync(target).isDirectory();
  const info = isDir ? await backupToFolder(file, target) : await copyVerified(file, target, 'manual');
  auditIfCurrent(file, info, BACKUP.auditToFolder(info.path));
  if (values.json) out(JSON.stringify(publicInfo(info), null, 2));
  else out(BACKUP.cliBackupDone(info.path, formatSize(info.sizeBytes)));
  return 0;
}

export async function cmdRestore(args: string[], usage: (m: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const file = path.resolve(need(values.db, 'db', usage));
  const from = path.resolve(need(values.from, 'from', usage));
  if (!fs.existsSync(from)) throw new AppError('NOT_FOUND', BACKUP.notFound(from));
  const { info } = previewRestore(from, null);
  if (!values.json && info.problem === null)
    out(BACKUP.cliPreview(info.street?.name ?? '—', formatWhen(info.createdAt), info.schemaVersion, counts(info)));
  const r = await restoreFile(file, { path: from });
  if (values.json)
    out(
      JSON.stringify(
        {
          restored: publicInfo(r.restored),
          preRestoreBackup: r.preRestoreBackup ? publicInfo(r.preRestoreBackup) : null,
        },
        null,
        2,
      ),
    );
  else out(BACKUP.cliRestored(file, r.preRestoreBackup?.path ?? null));
  return 0;
}
