// The exchange package, street side and district side, as the CLI and the contract handlers use it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { runAction } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { requireStreet } from '../services/street';
import { buildPackage, getBatch, recordBatch, type BatchRow, type BuiltPackage, type ExportProgress } from './build';
import { openDistrictSqlite, type DistrictStore } from './district';
import { ensureKey, fingerprint, parsePublicKeyFile, publicKeyFile, readKey, type PublicKeyFileT } from './keys';
import { readPackage, type VerifiedPackage } from './verify';

export { listBatches, getBatch, previewExport, type BatchRow, type ExportPlan, type ExportProgress } from './build';
export { mergePackages, registerKey, openDistrictSqlite, SUMMARY_KEYS, type DistrictStore } from './district';
export { fingerprint } from './keys';

/** The street's key, made in its own audited action on first use. */
export function streetKey(db: StreetGridDb, operator: string) {
  requireStreet(db);
  return readKey(db) ?? runAction(db, operator, (ctx) => ensureKey(ctx)).value;
}

/** Builds a package (outside any transaction) — the `prepare` half of an export. */
export async function preparePackage(
  db: StreetGridDb,
  operator: string,
  opts: { full: boolean; identified: boolean; outDir: string; onProgress?: (p: ExportProgress) => void },
): Promise<BuiltPackage> {
  streetKey(db, operator);
  return buildPackage(db, opts);
}

/** Records the built package as a batch; if that fails the file is removed (no package without its batch). */
export function commitPackage(
  db: StreetGridDb,
  operator: string,
  built: BuiltPackage,
): { batch: BatchRow; changed: string[] } {
  try {
    const r = runAction(db, operator, (ctx) => {
      ctx.touch('audit');
      return recordBatch(ctx, built);
    });
    return { batch: r.value, changed: r.changed };
  } catch (e) {
    fs.rmSync(built.filePath, { force: true });
    throw e;
  }
}

export async function exportPackage(
  db: StreetGridDb,
  operator: string,
  opts: { full: boolean; identified: boolean; outDir: string; onProgress?: (p: ExportProgress) => void },
): Promise<{ batch: BatchRow; built: BuiltPackage }> {
  const built = await preparePackage(db, operator, opts);
  return { batch: commitPackage(db, operator, built).batch, built };
}

/** Rebuilds the latest batch into outDir: the same seq, range and content (and, with the same key, the same bytes). */
export async function reexportBatch(
  db: StreetGridDb,
  operator: string,
  batchId: number,
  outDir: string,
): Promise<{ batch: BatchRow; filePath: string; packageSha256: string; sameBytes: boolean }> {
  const batch = getBatch(db, batchId);
  const built = await buildPackage(db, { full: batch.full, identified: batch.identified, outDir, reexport: batch });
  runAction(db, operator, (ctx) =>
    ctx.audit({
      action: 'reexport',
      entity: 'export_batch',
      entityId: batch.id,
      summary: EXCHANGE.auditReexport(batch.seq),
      after: { file: built.filePath, sha256: built.packageSha256 },
    }),
  );
  return {
    batch,
    filePath: built.filePath,
    packageSha256: built.packageSha256,
    sameBytes: built.packageSha256 === batch.packageSha256,
  };
}

/** Copies a batch's file to a folder the user chose (a USB stick), checking the copy's SHA-256. */
export async function copyBatch(
  db: StreetGridDb,
  operator: string,
  batchId: number,
  dir: string,
): Promise<{ filePath: string }> {
  const batch = getBatch(db, batchId);
  const target = path.resolve(dir);
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory())
    throw new AppError('VALIDATION', EXCHANGE.outDirMissing(target), { field: 'dir' });
  if (!fs.existsSync(batch.filePath)) throw new AppError('NOT_FOUND', EXCHANGE.packageFileMissing(batch.filePath));
  const dest = path.join(target, batch.fileName);
  if (path.resolve(dest) !== path.resolve(batch.filePath)) {
    const partial = `${dest}.partial`;
    try {
      await fs.promises.copyFile(batch.filePath, partial);
    } catch (e) {
      fs.rmSync(partial, { force: true });
      throw new AppError('VALIDATION', EXCHANGE.outDirNotWritable(target), { field: 'dir' }).withCause(e);
    }
    const h = crypto.createHash('sha256');
    for await (const c of fs.createReadStream(partial)) h.update(c as Buffer);
    if (h.digest('hex') !== batch.packageSha256) {
      fs.rmSync(partial, { force: true });
      throw new AppError('VALIDATION', EXCHANGE.fileHash(batch.fileName));
    }
    fs.renameSync(partial, dest);
  }
  runAction(db, operator, (ctx) =>
    ctx.audit({
      action: 'copy',
      entity: 'export_batch',
      entityId: batch.id,
      summary: EXCHANGE.auditCopy(batch.seq, target),
    }),
  );
  return { filePath: dest };
}

export function publicKeyOf(db: StreetGridDb, operator: string): PublicKeyFileT {
  const street = requireStreet(db);
  const key = streetKey(db, operator);
  return publicKeyFile(key, street);
}

/** package verify: every check; the signature too when a public key file is given. */
export async function verifyPackageFile(file: string, pubkeyText?: string): Promise<VerifiedPackage> {
  const key = pubkeyText === undefined ? null : parsePublicKeyFile(pubkeyText);
  return readPackage(path.resolve(file), {
    resolveKey: (m) => {
      if (!key) return null;
      if (key.street_code !== m.street.code)
        throw new AppError('VALIDATION', EXCHANGE.pubkeyStreetMismatch(m.street.code, key.street_code));
      return { publicKey: key.public_key, keyId: key.key_id };
    },
  });
}

/** Runs fn on a district SQLite store and closes it. */
export async function withDistrict<T>(
  file: string,
  create: boolean,
  fn: (store: DistrictStore) => Promise<T>,
): Promise<T> {
  const store = openDistrictSqlite(file, { create });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const fingerprintOf = fingerprint;
