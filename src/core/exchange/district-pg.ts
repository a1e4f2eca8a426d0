// The district store on PostgreSQL (`streetgrid district merge --pg postgres://…`): the same schema (district-schema.ts),
// the same verification (district.ts does it before calling the store) and one transaction per merge.
import pg from 'pg';
import { AppError } from '../../shared/errors';
import { EXCHANGE } from '../../shared/messages';
import {
  appliedRow,
  packageRowFrom,
  summaryFrom,
  summarySql,
  type AppliedPackageRow,
  type DistrictStore,
  type StreetReg,
  type StreetSummary,
} from './district';
import { DISTRICT_SCHEMA_VERSION, districtDdl, districtTable } from './district-schema';
import type { PublicKeyFileT } from './keys';
import { EXCHANGE_TABLES, type ExchangeTable } from './tables';
import type { VerifiedPackage } from './verify';
import { jsonArrayTexts } from './verify-file';

const CHUNK = 5000;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openDistrictPg(url: string, opts: { create: boolean }): Promise<PgDistrictStore> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new AppError('NOT_FOUND', EXCHANGE.pgConnect(redactUrl(url))).withCause(e);
  }
  try {
    const exists = (await client.query("select to_regclass('public.district_meta') is not null as e")).rows[0] as {
      e: boolean;
    };
    if (!exists.e) {
      if (!opts.create) throw new AppError('NOT_FOUND', EXCHANGE.districtMissing(redactUrl(url)));
      await client.query('begin');
      for (const s of districtDdl()) await client.query(s);
      await client.query("insert into district_meta (key, value) values ('format', 'streetgrid-district')");
      await client.query("insert into district_meta (key, value) values ('schema_version', $1)", [
        String(DISTRICT_SCHEMA_VERSION),
      ]);
      await client.query("insert into district_meta (key, value) values ('created_at', $1)", [
        new Date().toISOString(),
      ]);
      await client.query('commit');
    } else {
      const meta = new Map(
        ((await client.query('select key, value from district_meta')).rows as { key: string; value: string }[]).map(
          (r) => [r.key, r.value],
        ),
      );
      if (meta.get('format') !== 'streetgrid-district')
        throw new AppError('DB_REFUSED', EXCHANGE.districtNotDistrictDb(redactUrl(url)));
      if (Number(meta.get('schema_version') ?? 0) > DISTRICT_SCHEMA_VERSION)
        throw new AppError('DB_REFUSED', EXCHANGE.districtNewer(redactUrl(url)));
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  return new PgDistrictStore(client, redactUrl(url));
}

export class PgDistrictStore implements DistrictStore {
  constructor(
    readonly client: pg.Client,
    readonly label: string,
  ) {}
  async districtCode(): Promise<string | null> {
    const r = await this.client.query("select value from district_meta where key = 'district_code'");
    return r.rows.length ? String((r.rows[0] as { value: string }).value) : null;
  }
  async registry(): Promise<StreetReg[]> {
    const r = await this.client.query('select * from street_registry order by street_code');
    return (r.rows as Record<string, unknown>[]).map((x) => ({
      streetCode: String(x.street_code),
      streetName: String(x.street_name),
      districtCode: String(x.district_code),
      districtName: String(x.district_name),
      keyId: String(x.key_id),
      publicKey: String(x.public_key),
      registeredAt: String(x.registered_at),
      lastSeq: Number(x.last_seq),
      lastPackageId: x.last_package_id == null ? null : String(x.last_package_id),
      lastAppliedAt: x.last_applied_at == null ? null : String(x.last_applied_at),
    }));
  }
  async appliedIds(): Promise<Set<string>> {
    const r = await this.client.query('select package_id from applied_package');
    return new Set((r.rows as { package_id: string }[]).map((x) => x.package_id));
  }
  async register(reg: PublicKeyFileT, replace: boolean, now: string): Promise<void> {
    const c = this.client;
    await c.query('begin');
    try {
      const ex = await c.query('select key_id from street_registry where street_code = $1', [reg.street_code]);
      if (ex.rows.length === 0) {
        await c.query(
          `insert into street_registry (street_code, street_name, district_code, district_name, key_id, public_key,
            registered_at) values ($1, $2, $3, $4, $5, $6, $7)`,
          [reg.street_code, reg.street_name, reg.district_code, reg.district_name, reg.key_id, reg.public_key, now],
        );
      } else if ((ex.rows[0] as { key_id: string }).key_id !== reg.key_id && replace) {
        for (const t of EXCHANGE_TABLES)
          await c.query(`delete from ${districtTable(t)} where street_code = $1`, [reg.street_code]);
        await c.query(
          `update street_registry set street_name = $1, key_id = $2, public_key = $3, registered_at = $4, last_seq = 0,
            last_change = 0, last_tombstone = 0, last_package_id = null, last_applied_at = null where street_code = $5`,
          [reg.street_name, reg.key_id, reg.public_key, now, reg.street_code],
        );
      }
      await c.query(
        "insert into district_meta (key, value) values ('district_code', $1) on conflict (key) do nothing",
        [reg.district_code],
      );
      await c.query('commit');
    } catch (e) {
      await c.query('rollback');
      throw e;
    }
  }
  async begin(): Promise<void> {
    await this.client.query('begin');
  }
  async commit(): Promise<void> {
    await this.client.query('commit');
  }
  async rollback(): Promise<void> {
    await this.client.query('rollback');
  }
  async applyPackage(pkg: VerifiedPackage, now: string): Promise<void> {
    const c = this.client;
    const m = pkg.manifest;
    const code = m.street.code;
    for (const t of EXCHANGE_TABLES) {
      const rows = pkg.rows.get(t);
      if (!rows) continue;
      for (const batch of jsonArrayTexts(rows)) {
        // json (not jsonb) keeps each element's text exactly as in the package.
        await c.query(
          `insert into ${districtTable(t)} (street_code, id, change_seq, deleted_at, package_seq, data)
           select $1, (e ->> 'id')::bigint, (e ->> 'change_seq')::bigint, e ->> 'deleted_at', $2, e::text
             from json_array_elements($3::json) as e
           on conflict (street_code, id) do update set change_seq = excluded.change_seq,
             deleted_at = excluded.deleted_at, package_seq = excluded.package_seq, data = excluded.data`,
          [code, m.seq, batch],
        );
      }
    }
    const byTable = new Map<ExchangeTable, number[]>();
    for (const tb of pkg.tombstones) {
      const list = byTable.get(tb.table) ?? [];
      list.push(tb.id);
      byTable.set(tb.table, list);
    }
    for (const [t, ids] of byTable)
      for (let i = 0; i < ids.length; i += CHUNK)
        await c.query(`delete from ${districtTable(t)} where street_code = $1 and id = any($2::bigint[])`, [
          code,
          ids.slice(i, i + CHUNK),
        ]);
    await c.query(
      `insert into applied_package (package_id, street_code, seq, base_seq, full_export, deidentified, created_at,
        applied_at, change_from, change_to, row_count, tombstone_count, content_hash, package_sha256, file_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      appliedRow(pkg, now),
    );
    await c.query(
      `update street_registry set last_seq = $1, last_change = $2, last_tombstone = $3, last_package_id = $4,
        last_applied_at = $5 where street_code = $6`,
      [m.seq, m.change_range.to, m.tombstone_range.to, m.package_id, now, code],
    );
  }
  async summary(): Promise<StreetSummary[]> {
    const r = await this.client.query(summarySql("(x.data::jsonb ->> 'status')"));
    return (r.rows as Record<string, unknown>[]).map(summaryFrom);
  }
  async packages(): Promise<AppliedPackageRow[]> {
    const r = await this.client.query('select * from applied_package order by applied_at desc, street_code, seq desc');
    return (r.rows as Record<string, unknown>[]).map(packageRowFrom);
  }
  async close(): Promise<void> {
    await this.client.end();
  }
}
