// "Done means" of issue 7: two demo streets exported and merged (merged counts = the sum); then changes and
// deletions in one street, an incremental export, a merge, and the district reflects exactly those changes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDistrictSqlite } from '../../../src/core/exchange';
import { ok, tempDir } from '../../helpers';
import { demoStreet, exportTo, merge, register, rowsOf, sha, unzip } from './support';

async function summary(file: string) {
  const store = openDistrictSqlite(file, { create: false });
  try {
    return await store.summary();
  } finally {
    await store.close();
  }
}

function streetCounts(core: ReturnType<typeof demoStreet>) {
  const q = (sql: string) => core.db.sqlite.prepare(sql).pluck().get() as number;
  return {
    communities: q('select count(*) from community where deleted_at is null'),
    grids: q('select count(*) from grid where deleted_at is null'),
    units: q('select count(*) from unit where deleted_at is null'),
    members: q("select count(*) from member where deleted_at is null and status = 'active'"),
    activities: q('select count(*) from activity where deleted_at is null'),
    participations: q('select count(*) from activity_participant'),
    meetings: q('select count(*) from meeting where deleted_at is null'),
    decisions: q('select count(*) from decision'),
  };
}

describe('district merge of two demo streets', () => {
  it('merged counts equal the sum; an incremental package brings exactly the changes and deletions', async () => {
    const dir = tempDir('sg-district-');
    const a = demoStreet('110101001', 300);
    const b = demoStreet('110101002', 200);
    const pa = await exportTo(a.db, path.join(dir, 'a'));
    const pb = await exportTo(b.db, path.join(dir, 'b'));
    expect(pa.batch.full).toBe(true);
    const district = path.join(dir, 'district.db');
    await register(district, a.db);
    await register(district, b.db);
    const out = await merge(district, [pb.batch.filePath, pa.batch.filePath]);
    expect(out.map((o) => o.status)).toEqual(['applied', 'applied']);

    const ca = streetCounts(a);
    const cb = streetCounts(b);
    const s = await summary(district);
    expect(s.map((x) => x.streetCode)).toEqual(['110101001', '110101002']);
    expect(s[0]!.totals).toEqual(ca);
    expect(s[1]!.totals).toEqual(cb);
    const sum = (k: keyof typeof ca) => s.reduce((acc, x) => acc + x.totals[k], 0);
    for (const k of Object.keys(ca) as (keyof typeof ca)[]) expect(sum(k)).toBe(ca[k] + cb[k]);
    // The district keeps each row's line exactly as it was in the package.
    for (const t of ['member', 'activity_participant', 'meeting_minutes']) {
      const lines = (await unzip(pb.batch.filePath))
        .find(([n]) => n === `data/${t}.ndjson`)![1]
        .toString('utf8')
        .split('\n')
        .filter(Boolean);
      const store = openDistrictSqlite(district, { create: false });
      const stored = store.db
        .prepare(`select data from d_${t} where street_code = '110101002' order by id`)
        .pluck()
        .all() as string[];
      await store.close();
      expect(stored).toEqual(lines);
    }
    // Same rows, row by row, for a table.
    const aMembers = a.db.sqlite.prepare('select id, name from member order by id').all() as {
      id: number;
      name: string;
    }[];
    expect(rowsOf(district, 'member', '110101001').map((r) => ({ id: r.id, name: r.name }))).toEqual(aMembers);

    // Changes in street A: rename a member, soft-delete another, remove a participant (hard delete), delete a
    // pending commitment (hard delete), delete an activity's whole participant list by SQL cascade.
    const m1 = aMembers[0]!;
    ok(a, 'members.update', { id: m1.id, name: '改名测试' });
    const m2 = (
      a.db.sqlite
        .prepare(
          'select id from member where deleted_at is null and id not in (select member_id from liaison_assignment where end_date is null) and id != ? limit 1',
        )
        .get(m1.id) as { id: number }
    ).id;
    ok(a, 'members.delete', { id: m2 });
    const part = a.db.sqlite.prepare('select id from activity_participant order by id limit 1').get() as { id: number };
    ok(a, 'activities.removeParticipant', { id: part.id });
    const com = a.db.sqlite.prepare("select id from commitment where status = 'pending' limit 1").get() as
      { id: number } | undefined;
    if (com) ok(a, 'commitments.delete', { id: com.id });
    const pa2 = await exportTo(a.db, path.join(dir, 'a'));
    expect(pa2.batch.full).toBe(false);
    expect(pa2.batch.seq).toBe(2);
    expect(pa2.batch.baseSeq).toBe(1);
    expect(pa2.batch.counts.member!.rows).toBe(2);
    expect(pa2.batch.counts.activity_participant!.tombstones).toBe(1);
    if (com) expect(pa2.batch.counts.commitment!.tombstones).toBe(1);

    const bBefore = rowsOf(district, 'member', '110101002');
    await merge(district, [pa2.batch.filePath]);
    const after = rowsOf(district, 'member', '110101001');
    expect(after.find((r) => r.id === m1.id)!.name).toBe('改名测试');
    expect(after.find((r) => r.id === m2)!.deleted_at).not.toBeNull();
    expect(rowsOf(district, 'activity_participant', '110101001').some((r) => r.id === part.id)).toBe(false);
    if (com) expect(rowsOf(district, 'commitment', '110101001').some((r) => r.id === com.id)).toBe(false);
    // Street B untouched; totals follow street A exactly.
    expect(rowsOf(district, 'member', '110101002')).toEqual(bBefore);
    const s2 = await summary(district);
    expect(s2[0]!.totals).toEqual(streetCounts(a));
    expect(s2[0]!.lastSeq).toBe(2);
    expect(s2[1]!.totals).toEqual(cb);
    // Every row of street A's district copy equals the street DB now (ids and change_seq).
    for (const t of ['member', 'activity_participant', 'commitment', 'activity']) {
      const street = a.db.sqlite.prepare(`select id, change_seq from ${t} order by id`).all();
      expect(rowsOf(district, t, '110101001').map((r) => ({ id: r.id, change_seq: r.change_seq }))).toEqual(street);
    }

    // A hard delete by cascade (activity → participants) also travels as tombstones.
    const act = a.db.sqlite
      .prepare('select activity_id as id, count(*) as n from activity_participant group by activity_id limit 1')
      .get() as { id: number; n: number };
    a.db.sqlite.transaction(() => {
      a.db.sqlite.prepare("update counters set value = value + 1 where name = 'change'").run();
      a.db.sqlite.prepare('delete from activity where id = ?').run(act.id);
    })();
    const pa3 = await exportTo(a.db, path.join(dir, 'a'));
    expect(pa3.batch.counts.activity!.tombstones).toBe(1);
    expect(pa3.batch.counts.activity_participant!.tombstones).toBe(act.n);
    await merge(district, [pa3.batch.filePath]);
    expect(rowsOf(district, 'activity', '110101001').some((r) => r.id === act.id)).toBe(false);
    expect(rowsOf(district, 'activity_participant', '110101001').some((r) => r.activity_id === act.id)).toBe(false);

    // A full package after incrementals is accepted (it carries every row and every tombstone) and changes nothing
    // that was already right.
    const full = await exportTo(a.db, path.join(dir, 'a'), { full: true });
    expect([full.batch.seq, full.batch.baseSeq, full.batch.full]).toEqual([4, 0, true]);
    const beforeFull = rowsOf(district, 'member', '110101001');
    await merge(district, [full.batch.filePath]);
    expect(rowsOf(district, 'member', '110101001')).toEqual(beforeFull);
    expect((await summary(district))[0]!.lastSeq).toBe(4);

    // Merging the same packages again: a no-op with a message, the file unchanged.
    const h = sha(district);
    const again = await merge(district, [pa.batch.filePath, pa2.batch.filePath, pa3.batch.filePath]);
    expect(again.every((o) => o.status === 'replayed')).toBe(true);
    expect(again[0]!.message).toContain('此前已合并过');
    expect(sha(district)).toBe(h);
  });
});
