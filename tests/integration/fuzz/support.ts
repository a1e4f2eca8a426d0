// Shared by the fuzz suites: the printed, repeatable seed, run counts (×5 under npm run test:stress), and the
// "did anything get written" fingerprint of a DB.
import type { StreetGridDb } from '../../../src/core/db/connection';

export const FUZZ_SEED = Number(process.env.SG_FUZZ_SEED ?? Date.now() % 2_147_483_647);
const STRESS = process.env.SG_STRESS === '1';

export function runs(n: number): number {
  return STRESS ? n * 5 : n;
}

export const tally = { rejected: 0, readOk: 0, writeOk: 0 };

const counters = new WeakMap<StreetGridDb, () => string>();

/**
 * The global change sequence (counters 'change', bumped by every runAction that writes) and the row count of every
 * table: equal before and after ⇒ nothing was written.
 */
export function dbState(db: StreetGridDb): string {
  let f = counters.get(db);
  if (!f) {
    const tables = db.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    const q = db.sqlite
      .prepare(
        `select ${["(select group_concat(name || '=' || value) from counters)", ...tables.map((t) => `(select count(*) from "${t}")`)].join(', ')}`,
      )
      .raw();
    f = () => JSON.stringify(q.get());
    counters.set(db, f);
  }
  return f();
}
