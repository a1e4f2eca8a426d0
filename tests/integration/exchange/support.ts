// Helpers of the exchange tests: demo streets, packages, district files, and re-zipping a package with changes
// (optionally re-signed with the street's real key, to reach the checks behind the signature).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { Core } from '../../../src/core/api';
import type { StreetGridDb } from '../../../src/core/db/connection';
import { exportPackage, mergePackages, openDistrictSqlite, publicKeyOf, registerKey } from '../../../src/core/exchange';
import { readKey, sign } from '../../../src/core/exchange/keys';
import { contentHash, manifestBytes, type ManifestT } from '../../../src/core/exchange/manifest';
import { ok, streetCore } from '../../helpers';

export const OPERATOR = '测试员';

export function demoStreet(code: string, members: number): Core {
  const core = streetCore(code);
  ok(core, 'demo.seed', { members });
  return core;
}

export async function exportTo(db: StreetGridDb, dir: string, opts: { full?: boolean; identified?: boolean } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  return exportPackage(db, OPERATOR, { full: !!opts.full, identified: !!opts.identified, outDir: dir });
}

export function pubkeyText(db: StreetGridDb): string {
  return JSON.stringify(publicKeyOf(db, OPERATOR));
}

export async function register(districtFile: string, db: StreetGridDb): Promise<void> {
  const store = openDistrictSqlite(districtFile, { create: true });
  try {
    await registerKey(store, pubkeyText(db));
  } finally {
    await store.close();
  }
}

export async function merge(districtFile: string, files: string[]) {
  const store = openDistrictSqlite(districtFile, { create: false });
  try {
    return await mergePackages(store, files);
  } finally {
    await store.close();
  }
}

/** Merges and returns the refusal message (fails the test if the merge went through). */
export async function mergeRefused(districtFile: string, files: string[]): Promise<string> {
  try {
    await merge(districtFile, files);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the merge to be refused');
}

export function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file of a zip, in order, by raw name. */
export function unzip(file: string): Promise<[string, Buffer][]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: false }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: [string, Buffer][] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.push([e.fileNameRaw.toString('utf8'), Buffer.concat(chunks)]);
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export function writeZip(file: string, entries: [string, Buffer][]): Promise<void> {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const [name, buf] of entries) z.addBuffer(buf, name, { mtime: new Date(2026, 0, 1) });
    z.end();
    const out = fs.createWriteStream(file);
    out.on('close', () => resolve());
    out.on('error', reject);
    z.outputStream.pipe(out);
  });
}

export interface Rezip {
  /** Edit the entries (names and contents). */
  entries?: (e: [string, Buffer][]) => [string, Buffer][];
  /** Edit the parsed manifest. */
  manifest?: (m: ManifestT) => void;
  /** Recompute file sizes/hashes/content hash from the entries and re-sign with this street's key. */
  resign?: StreetGridDb;
}

export async function rezip(src: string, dst: string, r: Rezip): Promise<string> {
  let entries = await unzip(src);
  if (r.entries) entries = r.entries(entries);
  const mi = entries.findIndex(([n]) => n === 'manifest.json');
  if (mi >= 0 && (r.manifest || r.resign)) {
    const m = JSON.parse(entries[mi]![1].toString('utf8')) as ManifestT;
    if (r.resign) {
      const byName = new Map(entries);
      for (const t of [...m.tables, m.tombstones]) {
        const b = byName.get(t.file);
        if (!b) continue;
        t.size = b.length;
        t.sha256 = crypto.createHash('sha256').update(b).digest('hex');
        t.rows = b.toString('utf8').split('\n').length - 1;
      }
    }
    r.manifest?.(m);
    if (r.resign) {
      const { content_hash: _c, ...body } = m;
      m.content_hash = contentHash(body);
    }
    const bytes = manifestBytes(m);
    entries[mi] = ['manifest.json', bytes];
    if (r.resign) {
      const key = readKey(r.resign)!;
      const si = entries.findIndex(([n]) => n === 'manifest.sig');
      entries[si] = ['manifest.sig', Buffer.from(sign(key.privateKey, bytes).toString('base64') + '\n')];
    }
  }
  await writeZip(dst, entries);
  return dst;
}

export function rowsOf(districtFile: string, table: string, street: string): Record<string, unknown>[] {
  const store = openDistrictSqlite(districtFile, { create: false });
  try {
    return (
      store.db.prepare(`select data from d_${table} where street_code = ? order by id`).all(street) as {
        data: string;
      }[]
    ).map((r) => JSON.parse(r.data) as Record<string, unknown>);
  } finally {
    void store.close();
  }
}

export const base = (f: string) => path.basename(f);
