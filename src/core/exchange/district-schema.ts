// The district DB (区级汇总): a separate file (or a PostgreSQL database) with its own schema — never a street DB.
// The same DDL runs on SQLite and PostgreSQL: the street registry with public keys and the last applied batch, the
// packages applied, and one table per exchanged table keyed by (street_code, id) holding the row as its JSON line.
import { EXCHANGE_TABLES, type ExchangeTable } from './tables';

/** PRAGMA application_id of a district SQLite file: ASCII "SGDT" (a street DB is "SGRD"). */
export const DISTRICT_APPLICATION_ID = 0x53474454;
export const DISTRICT_SCHEMA_VERSION = 1;

export const districtTable = (t: ExchangeTable): string => `d_${t}`;

export function districtDdl(): string[] {
  const ddl = [
    `create table if not exists district_meta (
      key text primary key,
      value text not null
    )`,
    `create table if not exists street_registry (
      street_code text primary key,
      street_name text not null,
      district_code text not null,
      district_name text not null,
      key_id text not null,
      public_key text not null,
      registered_at text not null,
      last_seq bigint not null default 0,
      last_change bigint not null default 0,
      last_tombstone bigint not null default 0,
      last_package_id text,
      last_applied_at text
    )`,
    `create table if not exists applied_package (
      package_id text primary key,
      street_code text not null references street_registry (street_code),
      seq bigint not null,
      base_seq bigint not null,
      full_export integer not null,
      deidentified integer not null,
      created_at text not null,
      applied_at text not null,
      change_from bigint not null,
      change_to bigint not null,
      row_count bigint not null,
      tombstone_count bigint not null,
      content_hash text not null,
      package_sha256 text not null,
      file_name text not null,
      unique (street_code, seq)
    )`,
  ];
  for (const t of EXCHANGE_TABLES) {
    ddl.push(`create table if not exists ${districtTable(t)} (
      street_code text not null,
      id bigint not null,
      change_seq bigint not null,
      deleted_at text,
      package_seq bigint not null,
      data text not null,
      primary key (street_code, id)
    )`);
  }
  return ddl;
}
