// Check characters of the national codes the demo data carries, computed rather than faked:
// GB 11643 (citizen ID number), GB 11714 (organisation code) and GB 32100 (unified social credit code).
import type { Rng } from './random';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] as string;
}

/**
 * An 18-digit ID number: 6-digit area code, birth date YYYYMMDD, 3-digit sequence (odd for men, even for women),
 * GB 11643 check character.
 */
export function makeIdNumber(area: string, birthDate: string, seq: number): string {
  const first17 = `${area}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A sequence number 1..999 whose parity encodes the gender (GB 11643: odd = male). */
export function idSequence(rng: Rng, male: boolean): number {
  const k = rng.int(0, 499);
  const seq = k * 2 + (male ? 1 : 0);
  return seq === 0 ? 2 : seq;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code: 8 digits and their check character (0-9 or X). */
export function makeOrgCode(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body8[i]) * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** GB 32100 check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] as string;
}

/**
 * A unified social credit code: registration authority + organisation type (e.g. "11" 机构编制·机关, "12" 事业单位,
 * "51" 民政·社会团体, "52" 民办非企业单位, "91" 工商·企业), the 6-digit division code where it registered, the
 * 9-character GB 11714 organisation code, and the GB 32100 check character.
 */
export function makeUscc(authorityAndType: string, division: string, orgBody8: string): string {
  const first17 = `${authorityAndType}${division}${makeOrgCode(orgBody8)}`;
  return first17 + usccCheckChar(first17);
}

/** Mobile prefixes of the three carriers, weighted roughly by how often they appear. */
// prettier-ignore
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '170', '176', '177', '178',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
  '198', '199',
];

export function makeMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Telephone area codes of a few big cities, by 4-digit city code or 2-digit municipality code. */
const AREA_PHONE: Record<string, string> = {
  '11': '010',
  '12': '022',
  '31': '021',
  '50': '023',
  '4401': '020',
  '4403': '0755',
  '3201': '025',
  '3301': '0571',
  '4201': '027',
  '5101': '028',
  '6101': '029',
  '3702': '0532',
  '3502': '0592',
};

/** A landline with the city's area code when we know it (010-65123456), otherwise a mobile. */
export function makeOfficePhone(rng: Rng, districtCode: string): string {
  const code = AREA_PHONE[districtCode.slice(0, 4)] ?? AREA_PHONE[districtCode.slice(0, 2)];
  if (!code || rng.chance(0.25)) return makeMobile(rng);
  return `${code}-${rng.int(5, 8)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0..999 as Chinese numerals the way ordinals are written in names: 十二, 二十七, 一百零一. */
export function chineseNumber(n: number): string {
  if (n < 0 || n > 999 || !Number.isInteger(n)) throw new Error(`chineseNumber: ${n}`);
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return `${DIGITS[h]}百`;
  if (rest < 10) return `${DIGITS[h]}百零${DIGITS[rest]}`;
  if (rest < 20) return `${DIGITS[h]}百一十${rest % 10 ? DIGITS[rest % 10] : ''}`;
  return `${DIGITS[h]}百${chineseNumber(rest)}`;
}
