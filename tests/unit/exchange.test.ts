// Pure parts of the exchange package: fingerprints, safe entry names, the manifest's own consistency rules and the
// content hash (stable for the same data, different for different data).
import { describe, expect, it } from 'vitest';
import { fingerprint, keyIdOf, normalizeFingerprint } from '../../src/core/exchange/keys';
import { Manifest, contentHash, type ManifestT } from '../../src/core/exchange/manifest';
import { EXCHANGE_TABLES, dataFileName } from '../../src/core/exchange/tables';
import { entryNameProblem } from '../../src/core/exchange/verify';

const H = 'a'.repeat(64);

function manifest(over: Partial<ManifestT> = {}): ManifestT {
  const body = {
    format: 'streetgrid-exchange' as const,
    format_version: 1,
    package_id: '3b241101-e2bb-4255-8caf-4136c566a962',
    street: { code: '110101001', name: '东华门街道', district_code: '110101', district_name: '东城区' },
    schema_version: 6,
    created_at: '2026-11-23T13:32:07.320Z',
    seq: 2,
    base_seq: 1,
    full: false,
    change_range: { from: 10, to: 20 },
    tombstone_range: { from: 0, to: 3 },
    deidentified: true,
    key_id: '0123456789abcdef',
    tables: EXCHANGE_TABLES.map((t) => ({
      name: t,
      file: dataFileName(t),
      columns: ['id', 'created_at', 'updated_at', 'change_seq'],
      rows: 0,
      size: 0,
      sha256: H,
    })),
    tombstones: { file: 'tombstones.ndjson', rows: 0, size: 0, sha256: H },
    ...over,
  };
  return { ...body, content_hash: contentHash(body) } as ManifestT;
}

describe('fingerprints', () => {
  it('are the key id in four groups, compared ignoring case, dashes and spaces', () => {
    expect(fingerprint('d5bdb25cb0c428b6')).toBe('D5BD-B25C-B0C4-28B6');
    expect(normalizeFingerprint(' d5bd b25c-B0C4-28b6 ')).toBe('d5bdb25cb0c428b6');
    expect(keyIdOf(Buffer.from('x').toString('base64'))).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('zip entry names', () => {
  it.each(['../x', '/etc/passwd', 'data/../../x', 'a\\b', 'C:/x', 'data/./x', 'x\u0000y', '', 'dir/'])(
    'refuses %j',
    (n) => {
      expect(entryNameProblem(n)).not.toBeNull();
    },
  );
  it.each(['manifest.json', 'data/member.ndjson', 'tombstones.ndjson'])('accepts %s', (n) => {
    expect(entryNameProblem(n)).toBeNull();
  });
});

describe('manifest', () => {
  it('accepts a consistent manifest', () => {
    expect(Manifest.safeParse(manifest()).success).toBe(true);
  });
  it.each([
    ['full with a base', { full: true, base_seq: 1 }],
    ['incremental without a base', { base_seq: 0 }],
    ['base not before seq', { base_seq: 2 }],
    ['reversed range', { change_range: { from: 30, to: 20 } }],
    ['full not from 0', { full: true, base_seq: 0 }],
    ['tables missing', { tables: [] }],
    ['unknown key', { extra: 1 } as Partial<ManifestT>],
  ])('refuses %s', (_l, over) => {
    expect(Manifest.safeParse(manifest(over)).success).toBe(false);
  });
  it('content hash: same data → same hash whatever the package id and time; other data → other hash', () => {
    const a = manifest();
    const b = manifest({ package_id: '9b241101-e2bb-4255-8caf-4136c566a962', created_at: '2027-01-01T00:00:00.000Z' });
    expect(b.content_hash).toBe(a.content_hash);
    expect(manifest({ seq: 3, base_seq: 2 }).content_hash).not.toBe(a.content_hash);
    expect(manifest({ deidentified: false }).content_hash).not.toBe(a.content_hash);
  });
});
