// Upgrading real databases: one fixture DB per released schema version (tests/fixtures/migrations/, made by
// scripts/make-migration-fixtures.ts) is opened by the app's own openDatabase, which must back it up, migrate it to
// the current schema — whatever the newest migration in drizzle/ is — and leave every row as it was: the same row
// counts, the same sample rows (every column the old version had), a sound file, and an app that works on it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call, invoke, type Core } from '../../../src/core/api';
import { knownMigrations, openDatabase } from '../../../src/core/db/connection';
import { ROOT, tempDir, track } from '../../helpers';

interface FixtureManifest {
  version: number;
  migrations: string[];
  file: string;
  counts: Record<string, number>;
  samples: Record<string, { rowid: number; row: Record<string, unknown> }[]>;
}

const DIR = path.join(ROOT, 'tests/fixtures/migrations');
const manifests = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as FixtureManifest[];
const released = Object.keys(
  JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/migration-hashes.json'), 'utf8')) as Record<
    string,
    string
  >,
).sort();
// "current" is whatever drizzle/ holds now, never a number written here
const current = knownMigrations().length;

describe('fixture databases of released schema versions', () => {
  it('exist for every released version from 1 on, each built from the released migrations', () => {
    const versions = manifests.map((m) => m.version).sort((a, b) => a - b);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(versions.length).toBeGreaterThanOrEqual(4);
    for (const m of manifests) {
      expect(m.migrations).toEqual(released.slice(0, m.version));
      expect(fs.existsSync(path.join(DIR, m.file)), m.file).toBe(true);
    }
    const missing = released.map((_, i) => i + 1).filter((v) => v < current && !versions.includes(v));
    if (missing.length > 0)
      console.warn(
        `[migrations] released versions without a fixture yet: ${missing.join(', ')} — run npx tsx scripts/make-migration-fixtures.ts`,
      );
  });

  it.each(manifests.map((m) => [m.version, m] as const))(
    'version %i upgrades to the current schema with every row intact',
    (version, m) => {
      const file = path.join(tempDir(), 'streetgrid.db');
      fs.copyFileSync(path.join(DIR, m.file), file);
      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(version);
      raw.close();

      const db = track(openDatabase({ file }));
      expect(db.schemaVersion).toBe(current);
      expect(db.sqlite.pragma('user_version', { simple: true })).toBe(current);
      if (version < current) {
        // the app backed the old file up before touching it, and the backup is the old version, complete
        expect(db.preMigrationBackup).not.toBeNull();
        const backup = new Database(db.preMigrationBackup as string, { readonly: true });
        expect(backup.pragma('user_version', { simple: true })).toBe(version);
        expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
        backup.close();
      }
      const applied = db.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get();
      expect(applied).toBe(current);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);

      // every table of the old version: same number of rows, and the sample rows unchanged in every old column
      for (const [table, n] of Object.entries(m.counts)) {
        expect(db.sqlite.prepare(`select count(*) from "${table}"`).pluck().get(), `${table} rows`).toBe(n);
        for (const s of m.samples[table] ?? []) {
          const now = db.sqlite.prepare(`select * from "${table}" where rowid = ?`).get(s.rowid) as
            Record<string, unknown> | undefined;
          expect(now, `${table} rowid ${s.rowid}`).toBeDefined();
          const old = Object.fromEntries(Object.keys(s.row).map((k) => [k, now?.[k]]));
          expect(old, `${table} rowid ${s.rowid}`).toEqual(s.row);
        }
      }

      // and the app works on it: reads through the contract, then a write with its audit row
      const core: Core = { db, mode: 'cli' };
      const status = invoke(core, 'app.status', {});
      expect(status).toMatchObject({ ok: true, data: { schemaVersion: current, initialized: true } });
      const members = m.counts.member ?? 0;
      if (members > 0) {
        const active = db.sqlite
          .prepare("select count(*) from member where deleted_at is null and status = 'active'")
          .pluck()
          .get() as number;
        expect(call(core, 'members.list', { status: 'active', limit: 10 }).total).toBe(active);
        expect(invoke(core, 'network.tree', { communityId: 1 }).ok).toBe(true);
      }
      if ((m.counts.activity ?? 0) > 0) expect(invoke(core, 'activities.list', {}).ok).toBe(true);
      if ((m.counts.meeting ?? 0) > 0) expect(invoke(core, 'meetings.list', {}).ok).toBe(true);
      expect(invoke(core, 'stats.dashboard', {}).ok).toBe(true);
      const audits = db.sqlite.prepare('select count(*) from audit').pluck().get() as number;
      const community = call(core, 'communities.list', {})[0];
      expect(community).toBeDefined();
      call(core, 'communities.update', { id: community!.id, households: 1234 });
      expect(call(core, 'communities.get', { id: community!.id }).households).toBe(1234);
      expect(db.sqlite.prepare('select count(*) from audit').pluck().get()).toBe(audits + 1);
    },
  );
});
