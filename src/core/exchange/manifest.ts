// manifest.json of a district exchange package (format version 1, see docs/package-format.md).
import crypto from 'node:crypto';
import { z } from 'zod';
import { EXCHANGE_TABLES, TOMBSTONE_FILE, dataFileName } from './tables';

export const PACKAGE_FORMAT = 'streetgrid-exchange';
export const FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
/** manifest.json and manifest.sig are small; anything bigger is not ours. */
export const MANIFEST_MAX_BYTES = 1024 * 1024;
export const SIGNATURE_MAX_BYTES = 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const nonneg = z.number().int().min(0);

export const FileEntry = z
  .object({
    file: z.string(),
    rows: nonneg,
    size: nonneg,
    sha256: hex64,
  })
  .strict();

export const TableEntry = FileEntry.extend({
  name: z.enum(EXCHANGE_TABLES),
  columns: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1),
}).strict();

export const Manifest = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    format_version: z.number().int().positive(),
    package_id: z.string().uuid(),
    street: z
      .object({
        code: z.string().regex(/^\d{9}$/),
        name: z.string().min(1).max(100),
        district_code: z.string().regex(/^\d{6}$/),
        district_name: z.string().max(100),
      })
      .strict(),
    schema_version: z.number().int().positive(),
    created_at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
    seq: z.number().int().positive(),
    base_seq: nonneg,
    full: z.boolean(),
    change_range: z.object({ from: nonneg, to: nonneg }).strict(),
    tombstone_range: z.object({ from: nonneg, to: nonneg }).strict(),
    deidentified: z.boolean(),
    key_id: z.string().regex(/^[0-9a-f]{16}$/),
    tables: z.array(TableEntry),
    tombstones: FileEntry,
    content_hash: hex64,
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.base_seq >= m.seq) ctx.addIssue({ code: 'custom', message: 'base_seq 必须小于 seq', path: ['base_seq'] });
    if (m.full !== (m.base_seq === 0))
      ctx.addIssue({ code: 'custom', message: '全量包的 base_seq 必须为 0，增量包不能为 0', path: ['full'] });
    if (m.change_range.from > m.change_range.to)
      ctx.addIssue({ code: 'custom', message: '变更范围起点大于终点', path: ['change_range'] });
    if (m.tombstone_range.from > m.tombstone_range.to)
      ctx.addIssue({ code: 'custom', message: '删除记录范围起点大于终点', path: ['tombstone_range'] });
    if (m.full && m.change_range.from !== 0)
      ctx.addIssue({ code: 'custom', message: '全量包的变更范围必须从 0 开始', path: ['change_range'] });
    const names = m.tables.map((t) => t.name);
    if (names.length !== EXCHANGE_TABLES.length || EXCHANGE_TABLES.some((t, i) => names[i] !== t))
      ctx.addIssue({ code: 'custom', message: `数据表应依次为 ${EXCHANGE_TABLES.join('、')}`, path: ['tables'] });
    for (const t of m.tables) {
      if (t.file !== dataFileName(t.name))
        ctx.addIssue({ code: 'custom', message: `数据表 ${t.name} 的文件名应为 ${dataFileName(t.name)}` });
      for (const c of ['id', 'change_seq'])
        if (!t.columns.includes(c)) ctx.addIssue({ code: 'custom', message: `数据表 ${t.name} 缺少字段 ${c}` });
      if (new Set(t.columns).size !== t.columns.length)
        ctx.addIssue({ code: 'custom', message: `数据表 ${t.name} 的字段重复` });
    }
    if (m.tombstones.file !== TOMBSTONE_FILE)
      ctx.addIssue({ code: 'custom', message: `删除记录文件名应为 ${TOMBSTONE_FILE}` });
  });
export type ManifestT = z.output<typeof Manifest>;

/** Only the format fields, read first so a newer format is refused with its own message. */
export const ManifestHead = z.object({ format: z.string(), format_version: z.number() }).passthrough();

/**
 * The content hash: SHA-256 of the canonical JSON of what the package says about the street's data (not its
 * package id or creation time), so re-exporting the same range gives the same hash.
 */
export function contentHash(m: Omit<ManifestT, 'content_hash' | 'package_id' | 'created_at' | 'key_id'>): string {
  const canonical = JSON.stringify([
    m.format,
    m.format_version,
    m.street.code,
    m.schema_version,
    m.seq,
    m.base_seq,
    m.full,
    [m.change_range.from, m.change_range.to],
    [m.tombstone_range.from, m.tombstone_range.to],
    m.deidentified,
    m.tables.map((t) => [t.name, t.columns, t.rows, t.size, t.sha256]),
    [m.tombstones.rows, m.tombstones.size, m.tombstones.sha256],
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** Manifest bytes as written (and signed): pretty JSON, UTF-8, trailing newline. */
export function manifestBytes(m: ManifestT): Buffer {
  return Buffer.from(JSON.stringify(m, null, 2) + '\n', 'utf8');
}
