import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { invokeAsync } from '../../../src/core/api';
import {
  backupToBackupsFolder,
  checkDatabase,
  damagedState,
  openForServe,
  recoverDatabase,
  startFresh,
  startupBackup,
  type LongRunning,
} from '../../../src/core/backup';
import { openDatabase } from '../../../src/core/db/connection';
import { backupDirFor } from '../../../src/core/paths';
import { startServer, type RunningServer } from '../../../src/cli/server';
import { ok, tempDir, track } from '../../helpers';
import { corrupt, count, seededCore } from './support';

/** A seeded DB file (closed) with one good backup, and its member count. */
async function fileWithBackup(members = 20) {
  const core = seededCore(members);
  const n = count(core, 'member');
  const b = await backupToBackupsFolder(core.db, 'daily');
  const file = core.db.file;
  core.db.close();
  return { file, members: n, backup: b };
}

describe('damaged DB detection at start-up', () => {
  it.each([
    ['a garbage header', (f: string) => corrupt(f, 0, 100)],
    ['pages overwritten in the middle', (f: string) => corrupt(f, 4096 * 2, 4096 * 6)],
    ['a truncated file', (f: string) => fs.truncateSync(f, 4096 * 3 + 17)],
    ['a text file', (f: string) => fs.writeFileSync(f, '断电后只剩下这些文字。'.repeat(500))],
  ])('%s is detected; a healthy, missing or empty file is not', async (_label, damage) => {
    const { file } = await fileWithBackup(200);
    expect(checkDatabase(file)).toEqual({ ok: true });
    damage(file);
    const h = checkDatabase(file);
    expect(h.ok).toBe(false);
    if (!h.ok) expect(h.problem).toMatch(/数据库/);
    expect(checkDatabase(path.join(tempDir(), 'none.db'))).toEqual({ ok: true });
    const empty = path.join(tempDir(), 'empty.db');
    fs.writeFileSync(empty, '');
    expect(checkDatabase(empty)).toEqual({ ok: true });
  });

  it('the 启动 backup is taken before opening (so before any migration), and never for a damaged file', async () => {
    const { file } = await fileWithBackup(5);
    const dir = backupDirFor(file);
    const b = await startupBackup(file);
    expect(b?.reason).toBe('startup');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('-startup.db'))).toHaveLength(1);
    corrupt(file, 0, 64);
    const errors: unknown[] = [];
    expect(await startupBackup(file, (e) => errors.push(e))).toBeNull();
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('-startup.db'))).toHaveLength(1);
    // A backup that cannot be written does not stop the start: it is reported, not thrown.
    const { file: other } = await fileWithBackup(3);
    fs.rmSync(backupDirFor(other), { recursive: true });
    fs.writeFileSync(backupDirFor(other), 'x');
    expect(await startupBackup(other, (e) => errors.push(e))).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('another application’s SQLite file gets no 启动 backup (and no backups folder beside it)', async () => {
    const file = path.join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec('create table customers (id integer primary key); insert into customers default values;');
    other.close();
    expect(await startupBackup(file)).toBeNull();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['other.db']);
  });

  it('recovers from the newest good backup, keeping the damaged file aside, and logs it', async () => {
    const { file, members, backup } = await fileWithBackup(20);
    corrupt(file, 4096 * 2, 4096 * 4);
    const state = damagedState(file)!;
    expect(state.backups[0]?.path).toBe(backup.path);
    const damagedBytes = fs.readFileSync(file);
    const r = await recoverDatabase(file, state.backups[0]!.path);
    track(r.db);
    expect(path.basename(r.damagedFile)).toMatch(/^streetgrid\.db\.damaged-\d{8}-\d{6}$/);
    expect(fs.readFileSync(r.damagedFile).equals(damagedBytes)).toBe(true);
    const core = { db: r.db, mode: 'cli' as const };
    expect(count(core, 'member')).toBe(members);
    expect(ok(core, 'audit.search', { entity: 'backup' }).rows[0]?.summary).toMatch(/数据库损坏，已从备份恢复/);
    expect(checkDatabase(file)).toEqual({ ok: true });
  });

  it('a damaged backup is not offered; the explicit fresh start keeps the damaged file too', async () => {
    const { file, backup } = await fileWithBackup(5);
    corrupt(backup.path, 4096 * 2, 4096 * 2);
    fs.rmSync(`${backup.path}.json`); // without its manifest the list checks the file itself
    corrupt(file, 0, 64);
    const state = damagedState(file)!;
    expect(state.backups).toEqual([]);
    await expect(recoverDatabase(file, backup.path)).rejects.toThrow(/已损坏/);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('.damaged-'))).toEqual([]);
    const r = startFresh(file);
    track(r.db);
    expect(fs.existsSync(r.damagedFile)).toBe(true);
    expect(ok({ db: r.db, mode: 'cli' }, 'app.status', {}).initialized).toBe(false);
  });
});

// ---- browser mode: the recovery page ---------------------------------------------------------------------------

let server: RunningServer | null = null;
let running: LongRunning | null = null;
afterEach(async () => {
  await server?.close();
  running?.stop();
  server = null;
  running = null;
});

function request(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('streetgrid serve on a damaged DB', () => {
  it('serves a Chinese recovery page instead of the app; 恢复 restores the newest backup and the app comes back', async () => {
    const { file, members, backup } = await fileWithBackup(20);
    corrupt(file, 0, 100);
    running = await openForServe(file, 'browser', () => undefined);
    expect(running.damaged?.problem).toMatch(/文件头已损坏/);
    const renderer = tempDir();
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>街道网格通 app</title>');
    server = await startServer({ core: running.core, recovery: running.recovery, rendererDir: renderer });
    const origin = `http://127.0.0.1:${server.port}`;
    const headers = { host: `127.0.0.1:${server.port}`, cookie: `sg_token=${server.token}` };

    const pageRes = await request(server.port, { headers });
    expect(pageRes.status).toBe(503);
    expect(pageRes.body).toContain('数据库已损坏');
    expect(pageRes.body).toContain(backup.name!);
    expect(pageRes.body).toContain('恢复');
    expect(pageRes.headers['content-security-policy']).toMatch(/form-action 'self'/);
    expect(pageRes.headers['content-security-policy']).not.toMatch(/script-src/);
    // The API answers with a Chinese refusal instead of crashing on a missing DB.
    const api = await request(server.port, {
      method: 'POST',
      path: '/invoke',
      headers: { ...headers, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'app.status', input: {} }),
    });
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'DB_REFUSED' } });
    // A cross-site form post is refused.
    const evil = await request(server.port, {
      method: 'POST',
      path: '/recover',
      headers: { ...headers, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=${backup.name!}`,
    });
    expect(evil.status).toBe(403);
    expect(running.recovery!.active()).toBe(true);
    // A bad path shows the error on the page, still in recovery.
    const wrong = await request(server.port, {
      method: 'POST',
      path: '/recover',
      headers: { ...headers, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'path=relative.db',
    });
    expect(wrong.body).toContain('请填写完整路径');
    expect(running.recovery!.active()).toBe(true);

    const done = await request(server.port, {
      method: 'POST',
      path: '/recover',
      headers: { ...headers, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=${encodeURIComponent(backup.name!)}`,
    });
    expect(done.status).toBe(200);
    expect(done.body).toContain('已从');
    expect(done.body).toContain('http-equiv="refresh"');
    expect(running.recovery!.active()).toBe(false);
    expect(count(running.core, 'member')).toBe(members);
    const app = await request(server.port, { headers });
    expect(app.body).toContain('街道网格通 app');
    const status = await invokeAsync(running.core, 'app.status', {});
    expect(status.ok).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).some((n) => n.includes('.damaged-'))).toBe(true);
  });

  it('a healthy DB gets its 启动 backup and opens normally (no gate)', async () => {
    const { file } = await fileWithBackup(3);
    running = await openForServe(file, 'browser', () => undefined);
    expect(running.recovery).toBeUndefined();
    expect(fs.readdirSync(backupDirFor(file)).some((n) => n.endsWith('-startup.db'))).toBe(true);
    expect(running.core.db.file).toBe(file);
    // A brand-new data folder: nothing to back up, a new DB.
    const fresh = await openForServe(path.join(tempDir(), 'streetgrid.db'), 'browser', () => undefined);
    expect(fresh.recovery).toBeUndefined();
    fresh.stop();
  });
});

describe('the pre-migration backup', () => {
  it('lands in the same backups folder as every other backup', async () => {
    const { file } = await fileWithBackup(3);
    const db = openDatabase({ file });
    expect(db.preMigrationBackup).toBeNull();
    db.close();
    expect(backupDirFor(file)).toBe(path.join(path.dirname(file), 'backups'));
  });
});
