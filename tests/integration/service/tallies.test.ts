// The dashboard's tallies (member_tally, activity_tally, member_activity_year; drizzle/0004) are kept by triggers:
// after every kind of change — through the contract, through the importer, a hard delete with its cascade, and the
// demo seeder — they must equal the same figures recomputed from the base tables.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/api';
import { runAction } from '../../../src/core/db/action';
import { openDatabase, type StreetGridDb } from '../../../src/core/db/connection';
import { seedDemo } from '../../../src/core/demo/seed';
import { coreFor, ok, openTemp, ROOT, tempDir, track } from '../../helpers';
import { fixture, makeId } from './activity-fixtures';

const RAW = {
  member_tally: `select community_id, category, count(*) as n from member
                 where deleted_at is null and status = 'active' group by 1, 2`,
  activity_tally: `select activity_id, count(*) as participants, round(total(hours), 6) as hours
                   from activity_participant group by 1`,
  member_activity_year: `select p.member_id, cast(substr(a.date, 1, 4) as integer) as year, count(*) as n
                         from activity_participant p join activity a on a.id = p.activity_id
                         where p.member_id is not null and a.deleted_at is null group by 1, 2`,
};
const TALLY = {
  member_tally: 'select community_id, category, n from member_tally where n != 0',
  activity_tally:
    'select activity_id, participants, round(hours, 6) as hours from activity_tally where participants != 0',
  member_activity_year: 'select member_id, year, n from member_activity_year where n != 0',
};

function expectExact(db: StreetGridDb, when: string) {
  for (const t of Object.keys(RAW) as (keyof typeof RAW)[]) {
    const sorted = (sql: string) =>
      (db.sqlite.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    expect(sorted(TALLY[t]), `${t} after ${when}`).toEqual(sorted(RAW[t]));
    // Never negative: a decrement without its increment would show here.
    const neg = db.sqlite.prepare(
      `select count(*) from ${t} where ${t === 'activity_tally' ? 'participants' : 'n'} < 0`,
    );
    expect(neg.pluck().get(), `${t} negative after ${when}`).toBe(0);
  }
}

describe('dashboard tallies', () => {
  it('follow members, activities and participants through every contract write', () => {
    const f = fixture();
    const { core, c1, c2, m, acts } = f;
    const db = core.db;
    expectExact(db, 'the fixture');

    const extra = ok(core, 'members.create', {
      name: '周九',
      idNumber: makeId('1970-01-01', 61),
      communityId: c1,
      category: 'employed',
    } as never).id;
    expectExact(db, 'members.create');
    ok(core, 'members.update', { id: extra, category: 'mobile' } as never);
    expectExact(db, 'category change');
    ok(core, 'members.update', { id: extra, communityId: c2 } as never);
    expectExact(db, 'community change');
    ok(core, 'members.update', { id: m.zhao, status: 'deceased' } as never);
    expectExact(db, 'leaving the register');
    ok(core, 'members.update', { id: m.zhao, status: 'active' } as never);
    expectExact(db, 'back on the register');
    ok(core, 'members.delete', { id: extra });
    expectExact(db, 'members.delete');

    ok(core, 'activities.addParticipants', { activityId: acts.a1, memberIds: [m.li, m.qian], hours: 1.5 });
    expectExact(db, 'addParticipants');
    const detail = ok(core, 'activities.get', { id: acts.a1 });
    const li = detail.participants.find((p) => p.memberId === m.li)!;
    ok(core, 'activities.updateParticipant', { id: li.id, hours: 4 });
    expectExact(db, 'updateParticipant');
    ok(core, 'activities.removeParticipant', { id: li.id });
    expectExact(db, 'removeParticipant');
    // Moving an activity to another year moves its members' counts.
    ok(core, 'activities.update', { id: acts.a2, date: '2025-12-30' } as never);
    expectExact(db, 'date moved to 2025');
    ok(core, 'activities.update', { id: acts.a2, date: '2026-01-02' } as never);
    expectExact(db, 'date moved back');
    ok(core, 'activities.delete', { id: acts.a4 });
    expectExact(db, 'activities.delete');
    const created = ok(core, 'activities.create', {
      date: '2026-02-01',
      communityId: c2,
      title: '新春慰问',
      category: 'culture',
      organizerKind: 'community',
      participants: [
        { memberId: m.zhang, hours: 2 },
        { memberId: m.wang, hours: 1 },
      ],
    } as never);
    expectExact(db, 'activities.create with participants');
    ok(core, 'activities.update', {
      id: created.id,
      participants: [{ memberId: m.sun, hours: 3 }],
    } as never);
    expectExact(db, 'participants replaced');

    // A hard delete (not done by the app, but by a repair or a future purge): the cascade keeps the tallies exact.
    db.sqlite.prepare('delete from activity where id = ?').run(acts.a1);
    expectExact(db, 'hard delete with cascade');
  });

  it('follow an Excel-sized batch of demo data and are exact in the demo street', () => {
    const core: Core = coreFor(openTemp());
    ok(core, 'street.setup', { streetCode: '110101001' });
    runAction(core.db, 'test', (ctx) => seedDemo(ctx, { members: 600 }));
    expectExact(core.db, 'seeding 600 members');
    const n = core.db.sqlite.prepare('select total(n) from member_tally').pluck().get() as number;
    expect(n).toBeGreaterThan(500);
  });

  it('are filled by the migration from rows that existed before it', () => {
    // A DB migrated only up to 0003 (before the tallies), with demo data, then opened with every migration.
    const dir = tempDir();
    const folder = path.join(dir, 'drizzle-0003');
    fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'drizzle/meta/_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    journal.entries = journal.entries.filter((e) => e.idx <= 3);
    fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries)
      fs.copyFileSync(path.join(ROOT, 'drizzle', `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
    const file = path.join(dir, 'old.db');
    const old = openDatabase({ file, migrationsFolder: folder });
    expect(old.sqlite.prepare("select count(*) from sqlite_master where name = 'member_tally'").pluck().get()).toBe(0);
    ok(coreFor(old), 'street.setup', { streetCode: '110101001' });
    runAction(old, 'test', (ctx) => seedDemo(ctx, { members: 300 }));
    old.close();
    const upgraded = track(openDatabase({ file }));
    expect(upgraded.sqlite.prepare('select total(n) from member_tally').pluck().get()).toBeGreaterThan(250);
    expectExact(upgraded, 'the migration');
  });
});
