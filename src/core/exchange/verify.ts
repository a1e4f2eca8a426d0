// Reading a package: every check of docs/package-format.md, in order, before anyone may write a row. The zip is read
// with yauzl (central directory first, names validated, the signed manifest and its signature); the data files —
// declared sizes compared with the manifest before a byte is inflated, actual sizes and SHA-256, every line parsed
// and checked — are read in the exchange workers, several at once (verify-file.ts, pool.ts). When several files
// fail, the first in the manifest's order is reported, as a reader going through them one by one would.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type yauzl from 'yauzl';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import { knownMigrations } from '../db/connection';
import { verifySignature } from './keys';
import {
  FORMAT_VERSION,
  MANIFEST_FILE,
  MANIFEST_MAX_BYTES,
  Manifest,
  ManifestHead,
  PACKAGE_FORMAT,
  SIGNATURE_FILE,
  SIGNATURE_MAX_BYTES,
  contentHash,
  type ManifestT,
} from './manifest';
import { exchangePool } from './pool';
import type { ExchangeTable } from './tables';
import {
  MAX_FILE_BYTES,
  openStream,
  openZip,
  type FileRows,
  type PackageTombstone,
  type VerifyFileInput,
} from './verify-file';

export type { FileRows, PackageTombstone } from './verify-file';

export interface VerifiedPackage {
  file: string;
  manifest: ManifestT;
  /** SHA-256 of the .zip file. */
  sha256: string;
  signatureChecked: boolean;
  /** Each table's lines exactly as in the package (the district stores them as is), when asked to keep them. */
  rows: Map<ExchangeTable, FileRows>;
  tombstones: PackageTombstone[];
}

/** The public key to check the signature with, or null to skip the signature (package verify without --pubkey). */
export type KeyResolver = (m: ManifestT) => { publicKey: string; keyId: string } | null;

export interface ReadOptions {
  resolveKey: KeyResolver;
  /** Keep the rows (district merge); verify alone only checks them. */
  keepRows?: boolean;
  /** The zip's SHA-256 when it was first read: a file that changed since is refused. */
  expectSha256?: string;
  /** After the signature check: return 'stop' to skip the data files (a replayed package). */
  afterSignature?: (m: ManifestT) => 'stop' | 'continue';
  /** Only the manifest, the signature and the list of files: the data files are not read. */
  headOnly?: boolean;
}

const MAX_ENTRIES = 100;

function refuse(message: string): never {
  throw new AppError('VALIDATION', message);
}

function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      if (list.length > MAX_ENTRIES) {
        reject(new AppError('VALIDATION', EXCHANGE.zipTooManyEntries(zip.entryCount)));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', (e) => reject(new AppError('VALIDATION', EXCHANGE.notZip).withCause(e)));
    zip.readEntry();
  });
}

const SAFE_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

export function entryNameProblem(name: string): string | null {
  if (name.endsWith('/')) return EXCHANGE.zipEntryDirectory(name);
  if (!SAFE_NAME.test(name) || name.split('/').some((s) => s === '..' || s === '.'))
    return EXCHANGE.zipEntryBadName(printable(name));
  return null;
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}

async function readSmall(zip: yauzl.ZipFile, e: yauzl.Entry, name: string, max: number): Promise<Buffer> {
  if (e.uncompressedSize > max)
    refuse(name === MANIFEST_FILE ? EXCHANGE.manifestTooLarge : EXCHANGE.signatureBadFormat);
  const chunks: Buffer[] = [];
  try {
    const s = await openStream(zip, e);
    for await (const c of s) chunks.push(c as Buffer);
  } catch (err) {
    throw new AppError('VALIDATION', EXCHANGE.fileRead(name)).withCause(err);
  }
  return Buffer.concat(chunks);
}

/** Data files up to this size are inflated in one piece; larger ones are streamed. */
let WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/** Tests: force the streaming reader (0) or restore the default (undefined). */
export function setWholeFileLimit(bytes?: number): void {
  WHOLE_FILE_BYTES = bytes ?? 256 * 1024 * 1024;
}

/** Reads and verifies a package. Throws an AppError with the precise Chinese reason on the first failure. */
export async function readPackage(file: string, opts: ReadOptions): Promise<VerifiedPackage> {
  const zipSha = await sha256File(file);
  if (opts.expectSha256 !== undefined && opts.expectSha256 !== zipSha) refuse(EXCHANGE.changedSinceVerified);
  const zip = await openZip(file);
  try {
    const list = await entries(zip);
    const byName = new Map<string, yauzl.Entry>();
    for (const e of list) {
      const name = e.fileNameRaw.toString('utf8');
      const problem = entryNameProblem(name);
      if (problem) refuse(problem);
      if (byName.has(name)) refuse(EXCHANGE.zipEntryDuplicate(name));
      if (e.isEncrypted()) refuse(EXCHANGE.zipEncrypted(name));
      byName.set(name, e);
    }
    const me = byName.get(MANIFEST_FILE);
    if (!me) refuse(EXCHANGE.manifestMissing);
    const se = byName.get(SIGNATURE_FILE);
    if (!se) refuse(EXCHANGE.signatureMissing);
    const mBytes = await readSmall(zip, me, MANIFEST_FILE, MANIFEST_MAX_BYTES);
    const sigText = (await readSmall(zip, se, SIGNATURE_FILE, SIGNATURE_MAX_BYTES)).toString('ascii').trim();
    let raw: unknown;
    try {
      raw = JSON.parse(mBytes.toString('utf8'));
    } catch {
      refuse(EXCHANGE.manifestNotJson);
    }
    const head = ManifestHead.safeParse(raw);
    if (!head.success || head.data.format !== PACKAGE_FORMAT) refuse(EXCHANGE.notExchangePackage);
    if (head.data.format_version > FORMAT_VERSION)
      refuse(EXCHANGE.formatNewer(head.data.format_version, FORMAT_VERSION));
    if (head.data.format_version < FORMAT_VERSION) refuse(EXCHANGE.formatOlder(head.data.format_version));
    const parsed = Manifest.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      refuse(EXCHANGE.manifestInvalid(`${i?.path.join('.') ?? ''} ${i?.message ?? ''}`.trim()));
    }
    const m = parsed.data;
    const supported = knownMigrations().length;
    if (m.schema_version > supported) refuse(EXCHANGE.schemaNewer(m.schema_version, supported));

    // Signature, against the key registered for the street (or given on the command line).
    const key = opts.resolveKey(m);
    let signatureChecked = false;
    if (key) {
      if (key.keyId !== m.key_id) refuse(EXCHANGE.keyIdMismatch(m.key_id, key.keyId));
      if (!/^[A-Za-z0-9+/]{86}==$/.test(sigText)) refuse(EXCHANGE.signatureBadFormat);
      if (!verifySignature(key.publicKey, mBytes, Buffer.from(sigText, 'base64'))) refuse(EXCHANGE.signatureInvalid);
      signatureChecked = true;
    }
    const result: VerifiedPackage = {
      file,
      manifest: m,
      sha256: zipSha,
      signatureChecked,
      rows: new Map(),
      tombstones: [],
    };
    if (opts.afterSignature?.(m) === 'stop') return result;

    // Exactly the files the manifest lists.
    const expected = [MANIFEST_FILE, SIGNATURE_FILE, ...m.tables.map((t) => t.file), m.tombstones.file];
    for (const name of expected) if (!byName.has(name)) refuse(EXCHANGE.fileMissing(name));
    const expectedSet = new Set(expected);
    for (const name of byName.keys()) if (!expectedSet.has(name)) refuse(EXCHANGE.fileExtra(name));
    const { content_hash: _h, ...body } = m;
    if (contentHash(body) !== m.content_hash) refuse(EXCHANGE.contentHash);

    if (opts.headOnly) return result;

    // The data files, biggest first, on the workers; the first failure in the manifest's order is the one reported.
    const files: { name: string; input: VerifyFileInput }[] = [
      ...m.tables.map((t) => ({
        name: t.file,
        input: {
          zip: file,
          name: t.file,
          offset: byName.get(t.file)!.relativeOffsetOfLocalHeader,
          expected: { size: t.size, sha256: t.sha256, rows: t.rows },
          rules: { kind: 'table', columns: t.columns, full: m.full, ...m.change_range },
          keep: !!opts.keepRows,
          wholeLimit: WHOLE_FILE_BYTES,
        } satisfies VerifyFileInput,
      })),
      {
        name: m.tombstones.file,
        input: {
          zip: file,
          name: m.tombstones.file,
          offset: byName.get(m.tombstones.file)!.relativeOffsetOfLocalHeader,
          expected: { size: m.tombstones.size, sha256: m.tombstones.sha256, rows: m.tombstones.rows },
          rules: { kind: 'tombstones', ...m.tombstone_range },
          keep: !!opts.keepRows,
          wholeLimit: WHOLE_FILE_BYTES,
        } satisfies VerifyFileInput,
      },
    ];
    // Declared sizes first, in order, before anything is inflated.
    for (const f of files) {
      const e = byName.get(f.name)!;
      const size = f.input.expected.size;
      if (e.uncompressedSize !== size || size > MAX_FILE_BYTES)
        refuse(EXCHANGE.fileDeclaredSize(f.name, size, e.uncompressedSize));
    }
    const pool = exchangePool();
    const order = [...files.keys()].sort((a, b) => files[b]!.input.expected.size - files[a]!.input.expected.size);
    const settled: PromiseSettledResult<Awaited<ReturnType<typeof pool.run<'verifyFile'>>>>[] = new Array(files.length);
    await Promise.all(
      order.map((i) =>
        pool.run('verifyFile', files[i]!.input).then(
          (value) => void (settled[i] = { status: 'fulfilled', value }),
          (reason: unknown) => void (settled[i] = { status: 'rejected', reason }),
        ),
      ),
    );
    for (const [i, r] of settled.entries()) {
      if (r.status === 'rejected') throw r.reason;
      const out = r.value;
      if (out.kind === 'table' && out.kept) result.rows.set(m.tables[i]!.name, out.kept);
      if (out.kind === 'tombstones') result.tombstones = out.tombstones;
    }
    return result;
  } finally {
    zip.close();
  }
}

async function sha256File(file: string): Promise<string> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('NOT_FOUND', EXCHANGE.packageFileMissing(file));
  const h = crypto.createHash('sha256');
  for await (const c of fs.createReadStream(file)) h.update(c as Buffer);
  return h.digest('hex');
}
