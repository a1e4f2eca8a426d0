// The contract's 备份与恢复 / 操作日志 methods, spread into api.ts' handler table at the backup marker.
import path from 'node:path';
import type { BackupInfoT } from '../../shared/contract';
import { BACKUP } from '../../shared/messages';
import type { Handlers } from '../api';
import { backupDirFor } from '../paths';
import { auditEntities, auditWorkbook, searchAudit } from '../services/audit';
import { updateSettings } from '../services/settings';
import { backupToBackupsFolder, backupToFolder } from './create';
import { dbFacts, type Inspected } from './inspect';
import { listBackups } from './list';
import { previewRestore, resolveSource, restoreRunning } from './restore';
import { rotationOf } from './rotation';

type BackupMethods =
  | 'backup.list'
  | 'backup.create'
  | 'backup.toFolder'
  | 'backup.inspect'
  | 'backup.restore'
  | 'backup.setRotation'
  | 'audit.search'
  | 'audit.entities'
  | 'audit.export';

/** The public shape (drops the internal `unknownMigrations`). */
function pub(i: Inspected): BackupInfoT {
  const { unknownMigrations: _unknown, ...rest } = i;
  return rest;
}

function auditAfter(i: Inspected) {
  return {
    file: i.path,
    backupReason: BACKUP.reasons[i.reason] ?? i.reason,
    street: i.street,
    counts: BACKUP.ui.countsLine(i.counts),
    schemaVersion: i.schemaVersion,
    sizeBytes: i.sizeBytes,
  };
}

export const backupHandlers: Pick<Handlers, BackupMethods> = {
  'backup.list': {
    read: (core) => {
      const dir = backupDirFor(core.db.file);
      const facts = dbFacts(core.db.sqlite);
      return {
        dir,
        rows: listBackups(dir).map(pub),
        rotation: rotationOf(core.db),
        current: { street: facts.street, counts: facts.counts },
      };
    },
  },
  'backup.create': {
    prepare: (core) => backupToBackupsFolder(core.db, 'manual'),
    commit: (ctx, _i, prepared) => {
      const info = prepared as Inspected;
      ctx.audit({
        action: 'backup',
        entity: 'backup',
        summary: BACKUP.auditManual(path.basename(info.path)),
        after: auditAfter(info),
      });
      return pub(info);
    },
  },
  'backup.toFolder': {
    prepare: (core, i) => backupToFolder(core.db, i.folder),
    commit: (ctx, _i, prepared) => {
      const info = prepared as Inspected;
      ctx.audit({
        action: 'backup',
        entity: 'backup',
        summary: BACKUP.auditToFolder(info.path),
        after: auditAfter(info),
      });
      return pub(info);
    },
  },
  'backup.inspect': {
    read: (core, i) => {
      const src = resolveSource(core.db.file, i);
      const { info, refusal } = previewRestore(src.file, dbFacts(core.db.sqlite).street, src.inFolder);
      return { ...pub(info), restorable: refusal === null, refusal };
    },
  },
  'backup.restore': {
    readAsync: async (core, i) => {
      const r = await restoreRunning(core, i);
      return { restored: pub(r.restored), preRestoreBackup: r.preRestoreBackup ? pub(r.preRestoreBackup) : null };
    },
  },
  'backup.setRotation': {
    write: (ctx, i) => {
      const s = updateSettings(ctx, {
        backupKeepDaily: i.keepDaily,
        backupKeepWeekly: i.keepWeekly,
        backupKeepMonthly: i.keepMonthly,
      });
      return { keepDaily: s.backupKeepDaily, keepWeekly: s.backupKeepWeekly, keepMonthly: s.backupKeepMonthly };
    },
  },
  'audit.search': { read: (core, i) => searchAudit(core.db, i) },
  'audit.entities': { read: (core) => auditEntities(core.db) },
  'audit.export': {
    prepare: (core, i) => auditWorkbook(core.db, i),
    commit: (ctx, i, prepared) => {
      const { file, rows } = prepared as Awaited<ReturnType<typeof auditWorkbook>>;
      ctx.audit({
        action: 'export',
        entity: 'audit',
        summary: BACKUP.auditExport(rows),
        after: { fileName: file.fileName, ...i },
      });
      return file;
    },
  },
};
