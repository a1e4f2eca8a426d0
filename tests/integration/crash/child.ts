// The child process of the crash suite: one long write through the app's real code path, reporting its progress on
// stdout (one marker per line, written synchronously) so that the parent can SIGKILL it at a chosen point.
//
//   node --import tsx tests/integration/crash/child.ts <scenario> <db file> [args…]
//
// Scenarios:
//   import <xlsx…>   members imports, one after another, each through the excel.import handler of src/core/api.ts
//                    (prepare outside the transaction, commit inside runAction, exactly as invokeAsync runs it)
//   seed <members>   demo.seed as one runAction (the longest single transaction the app has)
//   backup <n>       n backups into the DB's backups folder (src/core/backup), one after another
//   merge <zip…>     district merge of street packages into <db>, a district store (src/core/exchange)
// Markers: `prepare <i>`, `write <i>`, `committed <i>`, `done` (merge: also `verified 0`, before its transaction).
import fs from 'node:fs';
import { handlers, type Core } from '../../../src/core/api';
import { runAction } from '../../../src/core/db/action';
import { openDatabase } from '../../../src/core/db/connection';
import { seedDemo } from '../../../src/core/demo/seed';
import { getSettings } from '../../../src/core/services/settings';
import { contract } from '../../../src/shared/contract';

function mark(m: string): void {
  fs.writeSync(1, `${m}\n`);
}

const [scenario, dbFile, ...args] = process.argv.slice(2);
if (!scenario || !dbFile) {
  process.stderr.write('usage: child.ts <scenario> <db> [args…]\n');
  process.exit(2);
}

if (scenario === 'merge') {
  const { mergePackages, withDistrict } = await import('../../../src/core/exchange');
  mark('open');
  await withDistrict(dbFile, false, async (store) => {
    mark('write 0');
    // beforeWrite: every package verified, the one write transaction is about to start
    await mergePackages(store, args, { beforeWrite: () => Promise.resolve(mark('verified 0')) });
    mark('committed 0');
  });
  mark('done');
  process.exit(0);
}

const db = openDatabase({ file: dbFile });
const core: Core = { db, mode: 'cli' };
const operator = getSettings(db).operatorName;
mark('open');

switch (scenario) {
  case 'import': {
    const h = handlers['excel.import'] as Extract<(typeof handlers)['excel.import'], { prepare: unknown }>;
    for (const [i, file] of args.entries()) {
      mark(`prepare ${i}`);
      const input = contract['excel.import'].input.parse({
        kind: 'members',
        base64: fs.readFileSync(file).toString('base64'),
      });
      const prepared = await h.prepare(core, input);
      mark(`write ${i}`);
      const r = runAction(db, operator, (ctx) => h.commit(ctx, input, prepared)).value;
      if (!r.ok) throw new Error(`import ${i} refused: ${JSON.stringify(r.problems.slice(0, 3))}`);
      mark(`committed ${i}`);
    }
    break;
  }
  case 'seed': {
    const members = Number(args[0] ?? 1000);
    mark('write 0');
    runAction(db, operator, (ctx) => seedDemo(ctx, { members }));
    mark('committed 0');
    break;
  }
  case 'backup': {
    // src/core/backup: backups into the DB's backups folder, one after another (online backup API, verify, rename)
    const { backupToBackupsFolder } = await import('../../../src/core/backup');
    const n = Number(args[0] ?? 3);
    for (let i = 0; i < n; i++) {
      mark(`write ${i}`);
      await backupToBackupsFolder(db, 'manual');
      mark(`committed ${i}`);
    }
    break;
  }
  // ---- more crash scenarios: insert above this line ----
  default:
    process.stderr.write(`unknown scenario ${scenario}\n`);
    process.exit(2);
}
db.close();
mark('done');
