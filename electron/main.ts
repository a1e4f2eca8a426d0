// App lifecycle: single instance, open the DB (refusing foreign/newer files with a clear screen), register IPC,
// serve the renderer over app:// and create the one hardened window.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Core } from '../src/core/api';
import {
  damagedState,
  formatWhen,
  goodBackups,
  recoverDatabase,
  startDailyBackups,
  startupBackup,
  type Damaged,
} from '../src/core/backup';
import { openDatabase, type StreetGridDb } from '../src/core/db/connection';
import { setPdfRenderer } from '../src/core/documents/pdf-port';
import { setResourcesDir } from '../src/core/divisions';
import { backupDirFor, defaultUserDataDir, setMigrationsDir } from '../src/core/paths';
import { resolveStatic } from '../src/core/static';
import { CHANGED_CHANNEL } from '../src/shared/bridge';
import { AppError } from '../src/shared/errors';
import { APP_NAME, BACKUP, ERR } from '../src/shared/messages';
import { registerIpc } from './ipc';
import { electronPdfRenderer } from './print';
import { APP_HOST, APP_SCHEME, CSP, hardenContents, hardenSession, mainWindowOptions } from './security';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// One data folder for Electron, browser mode and the CLI. A test/development override is honoured only unpackaged.
const dataDir =
  !app.isPackaged && process.env.STREETGRID_DATA_DIR ? process.env.STREETGRID_DATA_DIR : defaultUserDataDir();
app.setPath('userData', dataDir);

if (app.isPackaged) {
  setMigrationsDir(path.join(process.resourcesPath, 'drizzle'));
  setResourcesDir(path.join(process.resourcesPath, 'resources'));
}

let mainWindow: BrowserWindow | null = null;
let db: StreetGridDb | null = null;
let getDb: () => StreetGridDb | null = () => db;
let stopDailyBackups: () => void = () => undefined;

const here = path.dirname(fileURLToPath(import.meta.url));

function rendererDir(): string {
  return path.join(here, '..', 'renderer');
}

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = resolveStatic(rendererDir(), url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

/** `--db FILE` picks another database file; otherwise streetgrid.db in the data folder. */
function dbFile(): string {
  const i = process.argv.indexOf('--db');
  const given = i >= 0 ? process.argv[i + 1] : undefined;
  return given ? path.resolve(given) : path.join(app.getPath('userData'), 'streetgrid.db');
}

/**
 * issue 8: a damaged DB (garbage header, unopenable, failing quick_check) is never opened and never silently
 * replaced: the user is offered the newest good backup, or picks a backup file, or quits. The damaged file is kept
 * beside the DB as *.damaged-<timestamp>. Loops only on the user's own choices, never restarts itself.
 */
async function offerRecovery(damaged: Damaged): Promise<boolean> {
  for (;;) {
    const newest = goodBackups(backupDirFor(damaged.file))[0];
    const buttons = [...(newest ? [BACKUP.electronRestore] : []), BACKUP.electronPick, BACKUP.electronQuit];
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: APP_NAME,
      message: BACKUP.damagedTitle,
      detail: `${BACKUP.electronDamaged(damaged.problem)}\n\n${
        newest
          ? BACKUP.electronOffer(formatWhen(newest.createdAt), BACKUP.reasons[newest.reason] ?? newest.reason)
          : BACKUP.electronNoBackup
      }`,
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
      noLink: true,
    });
    const choice = buttons[response];
    let source: string | undefined;
    if (choice === BACKUP.electronRestore && newest) source = newest.path;
    else if (choice === BACKUP.electronPick) {
      const picked = await dialog.showOpenDialog({
        title: BACKUP.electronPickTitle,
        properties: ['openFile'],
        filters: [{ name: BACKUP.electronFilter, extensions: ['db', 'sqlite', 'bak'] }],
      });
      if (picked.canceled || !picked.filePaths[0]) continue;
      source = picked.filePaths[0];
    } else return false;
    try {
      // Recovered and checked; openDb() below opens it like any other start.
      (await recoverDatabase(damaged.file, source)).db.close();
      return true;
    } catch (e) {
      console.error(e);
      dialog.showErrorBox(APP_NAME, BACKUP.electronRecoverFailed(e instanceof AppError ? e.message : ERR.internal));
    }
  }
}

/** Before the DB is opened (so before any migration): recovery of a damaged file, else the 启动 backup. */
async function prepareDb(): Promise<boolean> {
  const file = dbFile();
  try {
    const damaged = damagedState(file);
    if (damaged) return await offerRecovery(damaged);
    await startupBackup(file, (e) => console.error('[backup.startup]', e));
  } catch (e) {
    console.error('[backup.prepare]', e); // openDb() then says what is wrong with the file
  }
  return true;
}

function openDb(): StreetGridDb | null {
  const file = dbFile();
  try {
    return openDatabase({
      file,
      // Electron's ABI build of better-sqlite3 kept apart from the Node build (see scripts/start.mjs).
      ...(!app.isPackaged && process.env.STREETGRID_NATIVE_BINDING
        ? { nativeBinding: process.env.STREETGRID_NATIVE_BINDING }
        : {}),
    });
  } catch (e) {
    const message = e instanceof AppError ? e.message : ERR.internal;
    console.error(e);
    dialog.showErrorBox(APP_NAME, message);
    return null;
  }
}

function createWindow(core: Core): void {
  const win = new BrowserWindow(mainWindowOptions(path.join(here, '..', 'preload', 'index.cjs'), APP_NAME));
  mainWindow = win;
  core.onChanged = (tables) => {
    if (!win.isDestroyed()) win.webContents.send(CHANGED_CHANNEL, tables);
  };
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    serveApp();
    if (!(await prepareDb())) {
      app.quit();
      return;
    }
    db = openDb();
    if (!db) {
      app.quit();
      return;
    }
    setPdfRenderer(electronPdfRenderer);
    const core: Core = { db, mode: 'electron', logError: (e, m) => console.error(`[${m}]`, e) };
    // The core's DB changes on a restore (backup.restore reopens it): always go through core.db from here on.
    getDb = () => core.db;
    stopDailyBackups = startDailyBackups(getDb, { onError: (e) => console.error('[backup.daily]', e) });
    registerIpc(ipcMain, core, () => mainWindow?.webContents.mainFrame);
    createWindow(core);
  });

  app.on('window-all-closed', () => {
    stopDailyBackups();
    (getDb() ?? db)?.close();
    app.quit();
  });
}
