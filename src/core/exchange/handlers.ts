// The contract's 数据交换包 / 区级汇总 methods, spread into api.ts' handler table at the exchange marker. District
// methods take the district DB's path and never touch the street DB.
import fs from 'node:fs';
import path from 'node:path';
import type { DistrictStateT, ExportBatchT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import type { Handlers } from '../api';
import type { StreetGridDb } from '../db/connection';
import { getSettings } from '../services/settings';
import { requireStreet } from '../services/street';
import { buildPackage, recordBatch, type BatchRow, type BuiltPackage, type ExportProgress } from './build';
import { backupBefore } from '../backup';
import { SUMMARY_KEYS, SqliteDistrictStore, mergePackages, registerKey, type DistrictStore } from './district';
import { copyBatch, listBatches, previewExport, reexportBatch, streetKey, withDistrict } from './index';
import { ensureKey, fingerprint, publicKeyFile, readKey } from './keys';

type ExchangeMethods =
  | 'package.preview'
  | 'package.export'
  | 'package.progress'
  | 'package.history'
  | 'package.reexport'
  | 'package.copy'
  | 'package.publicKey'
  | 'district.open'
  | 'district.register'
  | 'district.merge';

const progress = new WeakMap<StreetGridDb, ExportProgress | null>();

/** Packages go to an `exchange` folder beside the DB unless the user picks another folder. */
export function defaultOutDir(db: StreetGridDb): string {
  return path.join(path.dirname(db.file), 'exchange');
}

function outDirOf(db: StreetGridDb, given: string | undefined): string {
  if (given) return path.resolve(given);
  const d = defaultOutDir(db);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

function batchOut(b: BatchRow): ExportBatchT {
  return {
    id: b.id,
    packageId: b.packageId,
    seq: b.seq,
    baseSeq: b.baseSeq,
    full: b.full,
    identified: b.identified,
    changeFrom: b.changeFrom,
    changeTo: b.changeTo,
    rowCount: b.rowCount,
    tombstoneCount: b.tombstoneCount,
    counts: b.counts,
    contentHash: b.contentHash,
    packageSha256: b.packageSha256,
    packageSize: b.packageSize,
    fileName: b.fileName,
    filePath: b.filePath,
    createdAt: b.createdAt,
    fileExists: fs.existsSync(b.filePath),
  };
}

async function districtState(store: DistrictStore, file: string): Promise<DistrictStateT> {
  return {
    path: file,
    districtCode: await store.districtCode(),
    streets: await store.summary(),
    packages: await store.packages(),
    columns: SUMMARY_KEYS.map((k) => ({ key: k, label: EXCHANGE.summaryLabels[k] ?? k })),
  };
}

export const exchangeHandlers: Pick<Handlers, ExchangeMethods> = {
  'package.preview': {
    read: (core, i) => {
      const key = readKey(core.db);
      return {
        ...previewExport(core.db, { full: i.full }),
        defaultOutDir: defaultOutDir(core.db),
        keyFingerprint: key ? fingerprint(key.keyId) : null,
      };
    },
  },
  'package.export': {
    prepare: async (core, i) => {
      if (i.identified && !i.confirmIdentified)
        throw new AppError('VALIDATION', EXCHANGE.identifiedNeedsConfirm, { field: 'confirmIdentified' });
      const outDir = outDirOf(core.db, i.outDir);
      streetKey(core.db, getSettings(core.db).operatorName);
      progress.set(core.db, { phase: 'snapshot', done: 0, total: 0 });
      try {
        return await buildPackage(core.db, {
          full: i.full,
          identified: i.identified,
          outDir,
          onProgress: (p) => progress.set(core.db, p),
        });
      } finally {
        progress.set(core.db, null);
      }
    },
    commit: (ctx, _i, prepared) => {
      const built = prepared as BuiltPackage;
      try {
        return batchOut(recordBatch(ctx, built));
      } catch (e) {
        fs.rmSync(built.filePath, { force: true });
        throw e;
      }
    },
  },
  'package.progress': {
    read: (core) => {
      const p = progress.get(core.db);
      return p ? { phase: p.phase, table: p.table ?? null, done: p.done, total: p.total } : null;
    },
  },
  'package.history': { read: (core) => listBatches(core.db).map(batchOut) },
  'package.reexport': {
    readAsync: async (core, i) => {
      const r = await reexportBatch(core.db, getSettings(core.db).operatorName, i.batchId, outDirOf(core.db, i.outDir));
      return { filePath: r.filePath, sameBytes: r.sameBytes };
    },
  },
  'package.copy': {
    readAsync: (core, i) => copyBatch(core.db, getSettings(core.db).operatorName, i.batchId, i.dir),
  },
  'package.publicKey': {
    write: (ctx) => {
      const street = requireStreet(ctx.db);
      const f = publicKeyFile(ensureKey(ctx), street);
      return {
        fileName: `streetgrid-${street.code}.pub.json`,
        mimeType: 'application/json',
        base64: Buffer.from(JSON.stringify(f, null, 2) + '\n', 'utf8').toString('base64'),
        fingerprint: f.fingerprint,
        keyId: f.key_id,
      };
    },
  },
  'district.open': {
    readAsync: (_core, i) => withDistrict(i.path, !!i.create, (s) => districtState(s, path.resolve(i.path))),
  },
  'district.register': {
    readAsync: async (_core, i) => {
      const pub = path.resolve(i.pubkeyPath);
      if (!fs.existsSync(pub) || !fs.statSync(pub).isFile())
        throw new AppError('NOT_FOUND', EXCHANGE.packageFileMissing(pub), { field: 'pubkeyPath' });
      const text = fs.readFileSync(pub, 'utf8');
      return withDistrict(i.path, true, async (s) => {
        const r = await registerKey(s, text, {
          ...(i.fingerprint ? { fingerprint: i.fingerprint } : {}),
          replace: !!i.replace,
        });
        const message =
          r.status === 'unchanged'
            ? EXCHANGE.cli.alreadyRegistered(r.streetName, r.streetCode, r.fingerprint)
            : EXCHANGE.cli.registered(r.streetName, r.streetCode, r.fingerprint);
        return { state: await districtState(s, path.resolve(i.path)), message };
      });
    },
  },
  'district.merge': {
    readAsync: (_core, i) =>
      withDistrict(i.path, false, async (s) => {
        const out = await mergePackages(
          s,
          i.files.map((f) => path.resolve(f)),
          {
            // The district file is backed up (backups/<file name>/) after every package is verified, before the
            // one write transaction; if the backup fails nothing is written.
            beforeWrite: async () => {
              if (s instanceof SqliteDistrictStore) await backupBefore(s.db, 'merge');
            },
          },
        );
        const messages = [
          ...out.map((o) => o.message),
          EXCHANGE.cli.mergedTotal(out.filter((o) => o.status === 'applied').length),
        ];
        return { state: await districtState(s, path.resolve(i.path)), messages };
      }),
  },
};
