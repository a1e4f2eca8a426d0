// The street's signing key (Ed25519, node:crypto) and the keyed hash of ID numbers. The key pair and the hash
// secret are made together on first export and never leave the street DB; only the public key is exported (a
// small JSON file plus a fingerprint short enough to read over the phone).
import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';

export interface StreetKey {
  keyId: string;
  publicKey: string;
  privateKey: string;
  hashSecret: string;
  createdAt: string;
}

export const PUBKEY_FORMAT = 'streetgrid-pubkey';

/** key id = first 16 hex digits of SHA-256 of the SPKI DER public key. */
export function keyIdOf(publicKeyB64: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex').slice(0, 16);
}

/** The phone-readable fingerprint: the key id in four groups, upper case (e.g. 3F2A-91C0-77DE-0B14). */
export function fingerprint(keyId: string): string {
  return (keyId.toUpperCase().match(/.{1,4}/g) ?? []).join('-');
}

export function readKey(db: StreetGridDb): StreetKey | null {
  const r = db.sqlite
    .prepare(
      'select key_id as keyId, public_key as publicKey, private_key as privateKey, hash_secret as hashSecret, created_at as createdAt from exchange_key order by id desc limit 1',
    )
    .get() as StreetKey | undefined;
  return r ?? null;
}

/** The street's key, made (and audit-logged) in this action if there is none yet. */
export function ensureKey(ctx: ActionCtx): StreetKey {
  const existing = readKey(ctx.db);
  if (existing) return existing;
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const priv = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const secret = crypto.randomBytes(32).toString('base64');
  const keyId = keyIdOf(pub);
  ctx.db.sqlite
    .prepare(
      'insert into exchange_key (created_at, updated_at, change_seq, key_id, public_key, private_key, hash_secret) values (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(ctx.now, ctx.now, ctx.seq(), keyId, pub, priv, secret);
  ctx.audit({ action: 'create', entity: 'exchange_key', summary: EXCHANGE.auditKey(keyId), after: { keyId } });
  return { keyId, publicKey: pub, privateKey: priv, hashSecret: secret, createdAt: ctx.now };
}

export function sign(privateKeyB64: string, data: Buffer): Buffer {
  const key = crypto.createPrivateKey({ key: Buffer.from(privateKeyB64, 'base64'), format: 'der', type: 'pkcs8' });
  return crypto.sign(null, data, key);
}

export function verifySignature(publicKeyB64: string, data: Buffer, sig: Buffer): boolean {
  try {
    const key = crypto.createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return crypto.verify(null, data, key, sig);
  } catch {
    return false;
  }
}

/** HMAC-SHA256 of the ID number (upper-cased) with the street's secret, hex. */
export function idHasher(secretB64: string): (idNumber: string) => string {
  const secret = Buffer.from(secretB64, 'base64');
  return (id) => crypto.createHmac('sha256', secret).update(id.trim().toUpperCase()).digest('hex');
}

export const PublicKeyFile = z
  .object({
    format: z.literal(PUBKEY_FORMAT),
    version: z.literal(1),
    algorithm: z.literal('Ed25519'),
    street_code: z.string().regex(/^\d{9}$/),
    street_name: z.string().min(1).max(100),
    district_code: z.string().regex(/^\d{6}$/),
    district_name: z.string().max(100),
    key_id: z.string().regex(/^[0-9a-f]{16}$/),
    fingerprint: z.string(),
    public_key: z.string().min(40).max(200),
    created_at: z.string(),
  })
  .strict();
export type PublicKeyFileT = z.output<typeof PublicKeyFile>;

export function publicKeyFile(
  key: StreetKey,
  street: { code: string; name: string; districtCode: string; districtName: string },
): PublicKeyFileT {
  return {
    format: PUBKEY_FORMAT,
    version: 1,
    algorithm: 'Ed25519',
    street_code: street.code,
    street_name: street.name,
    district_code: street.districtCode,
    district_name: street.districtName,
    key_id: key.keyId,
    fingerprint: fingerprint(key.keyId),
    public_key: key.publicKey,
    created_at: key.createdAt,
  };
}

/** Parses and checks a public key file: the key must be Ed25519 and its id must match the key. */
export function parsePublicKeyFile(text: string): PublicKeyFileT {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', EXCHANGE.pubkeyFileInvalid);
  }
  const p = PublicKeyFile.safeParse(raw);
  if (!p.success) throw new AppError('VALIDATION', EXCHANGE.pubkeyFileInvalid);
  try {
    const k = crypto.createPublicKey({ key: Buffer.from(p.data.public_key, 'base64'), format: 'der', type: 'spki' });
    if (k.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    throw new AppError('VALIDATION', EXCHANGE.pubkeyFileInvalid);
  }
  if (keyIdOf(p.data.public_key) !== p.data.key_id) throw new AppError('VALIDATION', EXCHANGE.pubkeyFileInvalid);
  return p.data;
}

/** Normalises a fingerprint typed by a person (case, dashes, spaces) for comparison. */
export function normalizeFingerprint(s: string): string {
  return s.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
}
