import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, knownMigrations } from '../../../src/core/db/connection';
import { migrationsDir } from '../../../src/core/paths';
import { APPLICATION_ID } from '../../../src/shared/enums';
import { AppError } from '../../../src/shared/errors';
import { ROOT, openTemp, tempDir, track } from '../../helpers';

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A copy of the real migrations plus one more, to play "the next release" (N+1) against the current one (N). */
function migrationsPlus(sqlText: string): string {
  const dir = tempDir('sg-mig-');
  fs.cpSync(migrationsDir(), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  const last = journal.entries[journal.entries.length - 1]!;
  const tag = `${String(last.idx + 1).padStart(4, '0')}_next`;
  journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag, breakpoints: true });
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  fs.writeFileSync(path.join(dir, `${tag}.sql`), sqlText);
  return dir;
}

describe('database file', () => {
  it('migrates an empty file to the current schema with the pragmas ARCHITECTURE.md asks for', () => {
    const db = openTemp();
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('temp_store', { simple: true })).toBe(2); // MEMORY: statement journals of trigger-firing writes
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(knownMigrations().length);
    const tables = db.sqlite.prepare("select name from sqlite_master where type='table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['street', 'community', 'community_funding', 'grid', 'audit', 'settings', 'counters']),
    );
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.preMigrationBackup).toBeNull();
  });

  it('reopens an up-to-date DB without backing it up again', () => {
    const dir = tempDir();
    const file = path.join(dir, 'streetgrid.db');
    openDatabase({ file }).close();
    const again = track(openDatabase({ file }));
    expect(again.preMigrationBackup).toBeNull();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('refuses a file that is not SQLite, leaving it byte-for-byte untouched', () => {
    const file = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(file, '这不是数据库，只是一段文字。'.repeat(20));
    const before = sha(file);
    expect(() => openDatabase({ file })).toThrowError(/不是有效的数据库文件/);
    expect(sha(file)).toBe(before);
  });

  it('refuses another application’s SQLite DB, untouched', () => {
    const file = path.join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec(
      "create table customers (id integer primary key, name text); insert into customers (name) values ('x');",
    );
    other.close();
    const before = sha(file);
    let err: unknown;
    try {
      openDatabase({ file });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/不是街道网格通的数据库/);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['other.db']);
  });

  it('backs up an existing DB before applying a new migration, keeps the data, and records the new version', () => {
    const dir = tempDir();
    const file = path.join(dir, 'streetgrid.db');
    const v1 = openDatabase({ file });
    v1.sqlite.prepare("insert into settings (key, value, updated_at) values ('operatorName', '\"王芳\"', 'x')").run();
    v1.close();

    const next = migrationsPlus('CREATE TABLE `next_feature` (`id` integer PRIMARY KEY NOT NULL, `label` text);');
    const v2 = track(openDatabase({ file, migrationsFolder: next }));
    expect(v2.preMigrationBackup).not.toBeNull();
    expect(fs.existsSync(v2.preMigrationBackup!)).toBe(true);
    expect(v2.schemaVersion).toBe(knownMigrations().length + 1);
    expect(v2.sqlite.prepare("select value from settings where key='operatorName'").pluck().get()).toBe('"王芳"');
    expect(v2.sqlite.prepare("select count(*) from sqlite_master where name='next_feature'").pluck().get()).toBe(1);

    // The backup is the pre-migration DB: old data, no new table, integrity ok.
    const b = new Database(v2.preMigrationBackup!, { readonly: true });
    expect(b.prepare("select value from settings where key='operatorName'").pluck().get()).toBe('"王芳"');
    expect(b.prepare("select count(*) from sqlite_master where name='next_feature'").pluck().get()).toBe(0);
    expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
    b.close();
  });

  it('refuses a DB from a newer schema, untouched', () => {
    const file = path.join(tempDir(), 'streetgrid.db');
    const next = migrationsPlus('CREATE TABLE `next_feature` (`id` integer PRIMARY KEY NOT NULL);');
    openDatabase({ file, migrationsFolder: next }).close();
    const before = sha(file);
    expect(() => openDatabase({ file })).toThrowError(/来自更新版本/);
    expect(sha(file)).toBe(before);
  });

  it('a failing migration rolls back completely and names the backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'streetgrid.db');
    const v1 = openDatabase({ file });
    v1.sqlite.prepare("insert into settings (key, value, updated_at) values ('minSpaceArea', '350', 'x')").run();
    v1.close();
    const broken = migrationsPlus(
      'CREATE TABLE `half_done` (`id` integer PRIMARY KEY);\n--> statement-breakpoint\nTHIS IS NOT SQL;',
    );
    let err: unknown;
    try {
      openDatabase({ file, migrationsFolder: broken });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/数据库升级失败/);
    expect((err as AppError).message).toContain(path.join(dir, 'backups'));
    const db = new Database(file, { readonly: true });
    expect(db.prepare("select count(*) from sqlite_master where name='half_done'").pluck().get()).toBe(0);
    expect(db.prepare("select value from settings where key='minSpaceArea'").pluck().get()).toBe('350');
    db.close();
    // Still opens with the released migrations.
    track(openDatabase({ file }));
  });
});

describe('released migrations', () => {
  it('are never edited: their hashes match the recorded ones', () => {
    const recorded = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'tests/fixtures/migration-hashes.json'), 'utf8'),
    ) as Record<string, string>;
    const dir = migrationsDir();
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const [name, hash] of Object.entries(recorded)) {
      expect(files, `${name} must still exist`).toContain(name);
      expect(sha(path.join(dir, name)), `${name} was edited after release`).toBe(hash);
    }
  });
});
