// 数据交换包 (issue 7): the street's signing key, the export history (上报批次) and tombstones for deleted rows.
// Tombstones are written by AFTER DELETE triggers (hand-added in drizzle/0005_exchange.sql) on every table that goes
// into a package, so a hard delete is never lost: a row missing from a package never means a deletion.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { base } from './common';

/** The street's Ed25519 key pair (made on first export) and the secret of the keyed ID-number hash. */
export const exchangeKey = sqliteTable('exchange_key', {
  ...base,
  /** First 16 hex digits of SHA-256 of the raw public key. */
  keyId: text('key_id').notNull(),
  /** SPKI DER, base64. */
  publicKey: text('public_key').notNull(),
  /** PKCS#8 DER, base64. Never leaves the street DB. */
  privateKey: text('private_key').notNull(),
  /** 32 random bytes, base64: the HMAC-SHA256 key of de-identified ID numbers. Never exported. */
  hashSecret: text('hash_secret').notNull(),
});

/** 上报批次: every package built for the district. */
export const exportBatch = sqliteTable(
  'export_batch',
  {
    ...base,
    packageId: text('package_id').notNull(),
    seq: integer('seq').notNull(),
    baseSeq: integer('base_seq').notNull(),
    full: integer('full', { mode: 'boolean' }).notNull(),
    identified: integer('identified', { mode: 'boolean' }).notNull(),
    /** Rows with change_seq in (change_from, change_to]. */
    changeFrom: integer('change_from').notNull(),
    changeTo: integer('change_to').notNull(),
    /** Tombstones with id in (tombstone_from, tombstone_to]. */
    tombstoneFrom: integer('tombstone_from').notNull(),
    tombstoneTo: integer('tombstone_to').notNull(),
    /** The manifest's created_at (kept so a re-export rebuilds the same bytes). */
    packageCreatedAt: text('package_created_at').notNull(),
    keyId: text('key_id').notNull(),
    rowCount: integer('row_count').notNull(),
    tombstoneCount: integer('tombstone_count').notNull(),
    /** { table: { rows, tombstones } } */
    counts: text('counts', { mode: 'json' }).$type<Record<string, { rows: number; tombstones: number }>>().notNull(),
    contentHash: text('content_hash').notNull(),
    packageSha256: text('package_sha256').notNull(),
    packageSize: integer('package_size').notNull(),
    fileName: text('file_name').notNull(),
    /** Where the file was written (absolute path on this PC). */
    filePath: text('file_path').notNull(),
  },
  (t) => [
    uniqueIndex('export_batch_seq_uq').on(t.seq),
    uniqueIndex('export_batch_package_uq').on(t.packageId),
    index('export_batch_seq_ix').on(t.changeSeq),
  ],
);

/** One row per deleted row of an exported table (filled by triggers). */
export const tombstone = sqliteTable(
  'tombstone',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    rowId: integer('row_id').notNull(),
    changeSeq: integer('change_seq').notNull(),
    deletedAt: text('deleted_at').notNull(),
  },
  (t) => [index('tombstone_table_ix').on(t.tableName, t.id)],
);
