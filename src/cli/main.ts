// `streetgrid` — the headless CLI on the same core as the app.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { call, type Core } from '../core/api';
import { openDatabase, type StreetGridDb } from '../core/db/connection';
import { getStreet } from '../core/divisions';
import { findUp, defaultDbFile } from '../core/paths';
import { listCommunities } from '../core/services/communities';
import { listGrids } from '../core/services/grids';
import { currentStreet } from '../core/services/street';
import { AppError, storageError } from '../shared/errors';
import { CLI, ERR } from '../shared/messages';
import { cmdExport, cmdImport, cmdList, cmdTemplate } from './excel-commands';
import { startServer } from './server';
import { cmdPrint } from './print-commands';
import { cmdSeed } from './seed-command';
import { cmdStats } from './stats-command';
import { cmdDistrict, cmdPackage } from './exchange-command';
// ---- exchange command imports: insert above this line ----
import { cmdBackup, cmdRestore } from './backup-command';
import { openForServe } from '../core/backup';
import { BACKUP } from '../shared/messages';
// ---- backup command imports: insert above this line ----

export class UsageError extends Error {}

function out(s: string): void {
  process.stdout.write(s + '\n');
}

function need(v: string | undefined, name: string): string {
  if (!v) throw new UsageError(CLI.missingOption(name));
  return v;
}

function openExisting(file: string): StreetGridDb {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(file)));
  return openDatabase({ file });
}

function cmdInit(args: string[]): number {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, street: { type: 'string' } }, strict: true });
  const file = need(values.db, 'db');
  const code = need(values.street, 'street').trim();
  // Validate before touching the file system: a wrong code creates nothing.
  if (!/^\d{9}$/.test(code)) throw new AppError('VALIDATION', ERR.streetCodeFormat, { field: 'streetCode' });
  if (!getStreet(code)) throw new AppError('VALIDATION', ERR.unknownStreet(code), { field: 'streetCode' });
  const existed = fs.existsSync(file);
  if (existed) {
    const probe = openDatabase({ file });
    try {
      if (currentStreet(probe)) throw new AppError('ALREADY_INITIALIZED', CLI.dbExists(path.resolve(file)));
    } finally {
      probe.close();
    }
  }
  const db = openDatabase({ file });
  try {
    const core: Core = { db, mode: 'cli' };
    const r = call(core, 'street.setup', { streetCode: code });
    out(CLI.initDone(r.street.name, r.communities, db.file));
    return 0;
  } finally {
    db.close();
  }
}

function cmdInfo(args: string[]): number {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const db = openExisting(need(values.db, 'db'));
  try {
    const st = currentStreet(db);
    const communities = listCommunities(db, { includeRetired: false });
    const grids = listGrids(db).length;
    if (values.json) {
      out(
        JSON.stringify(
          {
            street: st ? { code: st.code, name: st.name, district: st.districtName } : null,
            communities: communities.map((c) => ({
              code: c.code,
              name: c.name,
              officialName: c.officialName,
              kind: c.kind,
            })),
            grids,
          },
          null,
          2,
        ),
      );
    } else if (!st) {
      out(ERR.notInitialized);
    } else {
      out(CLI.infoStreet(st.provinceName, st.cityName, st.districtName, st.name, st.code));
      out(CLI.infoCounts(communities.length, grids));
      for (const c of communities) out(CLI.infoLine(c.code, c.name, c.kind === 'village', c.gridCount));
    }
    return 0;
  } finally {
    db.close();
  }
}

async function cmdServe(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' } },
    strict: true,
  });
  // STREETGRID_DATA_DIR: the development/test data-folder override (the CLI is never part of the packaged app).
  const file =
    values.db ??
    (process.env.STREETGRID_DATA_DIR ? path.join(process.env.STREETGRID_DATA_DIR, 'streetgrid.db') : defaultDbFile());
  const rendererDir = values.renderer ?? findUp(path.join('out', 'renderer', 'index.html'));
  if (!rendererDir) throw new AppError('NOT_FOUND', CLI.rendererMissing);
  // issue 8: 启动 backup before opening, a recovery page instead of the app for a damaged DB, daily backups.
  const { core, recovery, damaged, stop } = await openForServe(path.resolve(file), 'browser', (e, m) =>
    console.error(`[${m}]`, e),
  );
  const server = await startServer({
    core,
    recovery,
    rendererDir: rendererDir.endsWith('index.html') ? path.dirname(rendererDir) : rendererDir,
    port: values.port ? Number(values.port) : 0,
  });
  out(CLI.serverReady(server.openUrl));
  out(CLI.dbPath(path.resolve(file)));
  if (damaged) process.stderr.write(`${BACKUP.damagedTitle}：${damaged.problem}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  stop();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'init':
        return cmdInit(rest);
      case 'info':
        return cmdInfo(rest);
      case 'serve':
        return await cmdServe(rest);
      case 'import':
        return await cmdImport(rest, (m) => new UsageError(m));
      case 'export':
        return await cmdExport(rest, (m) => new UsageError(m));
      case 'template':
        return await cmdTemplate(rest, (m) => new UsageError(m));
      case 'list':
        return cmdList(rest, (m) => new UsageError(m));
      case 'seed':
        return cmdSeed(rest, (m) => new UsageError(m));
      case 'stats':
        return await cmdStats(rest, (m) => new UsageError(m));
      case 'print':
        return await cmdPrint(rest, (m) => new UsageError(m));
      case 'package':
        return await cmdPackage(rest, (m) => new UsageError(m));
      case 'district':
        return await cmdDistrict(rest, (m) => new UsageError(m));
      // ---- exchange commands (package / district): insert above this line ----
      case 'backup':
        return await cmdBackup(rest, (m) => new UsageError(m));
      case 'restore':
        return await cmdRestore(rest, (m) => new UsageError(m));
      // ---- backup commands (backup / restore): insert above this line ----
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(CLI.usage);
        return 0;
      default:
        throw new UsageError(CLI.unknownCommand(cmd));
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${CLI.usage}\n`);
      return 2;
    }
    if (e instanceof AppError) {
      process.stderr.write(`${CLI.errorPrefix}${e.message}\n`);
      return 1;
    }
    if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${CLI.argsError}${e.message}\n\n${CLI.usage}\n`);
      return 2;
    }
    const storage = storageError(e);
    if (storage) {
      process.stderr.write(`${CLI.errorPrefix}${storage.message}\n`);
      return 1;
    }
    process.stderr.write(`${ERR.internal}\n`);
    console.error(e);
    return 1;
  }
}
