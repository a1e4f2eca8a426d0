// fast-check arbitraries derived from the contract's zod schemas: for every method an input of the right shape,
// with values drawn both from what the office really types (valid ID numbers, phones, 统一社会信用代码, dates,
// periods, ids of rows that exist) and from hostile noise (wrong types, huge and odd strings, unknown keys).
import fc from 'fast-check';
import type { z } from 'zod';
import { makePhone, makeUscc, nthId } from '../../fixtures/excel';

interface Def {
  type: string;
  [k: string]: unknown;
}
type Schema = { _zod: { def: Def } };

function defOf(s: unknown): Def {
  return (s as Schema)._zod.def;
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

function checksOf(d: Def): CheckDef[] {
  return ((d.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def);
}

const NASTY = [
  '',
  ' ',
  '   ',
  '\u0000',
  '\t\n',
  'null',
  'undefined',
  '<script>alert(1)</script>',
  "'; drop table member; --",
  '%s%n',
  '../../etc/passwd',
  '𠀀𠀁𪚥',
  '👨‍👩‍👧',
  '\u202e反向',
  'Ａ１２３',
  '１１０１０１',
  '0',
  '-1',
  '1e309',
  'NaN',
];

const CJK = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 1, maxLength: 12 })
  .map((cs) => String.fromCodePoint(...cs));

const isoDate = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringPool(key: string): fc.Arbitrary<string>[] {
  const k = key.toLowerCase();
  const pools: fc.Arbitrary<string>[] = [];
  if (k.includes('idnumber') || k === 'idtail')
    pools.push(
      fc.nat(20_000).map((i) => nthId(i).id),
      fc.nat(20_000).map((i) => nthId(i).id.slice(-4)),
    );
  if (k.includes('phone') || k.includes('mobile')) pools.push(fc.nat(1_000_000).map(makePhone));
  if (k.includes('uscc') || k.includes('credit')) pools.push(fc.nat(100_000).map(makeUscc));
  if (k.includes('date') || k.endsWith('at') || k === 'from' || k === 'to' || k === 'deadline' || k === 'day')
    pools.push(isoDate);
  if (k.includes('period'))
    pools.push(
      fc.constantFrom('2026', '2026H1', '2026H2', '2026Q1', '2026Q4', '2026-11', '2025-02', '1999Q5', '2026-13'),
    );
  if (k.includes('year')) pools.push(fc.integer({ min: 1990, max: 2110 }).map(String));
  if (k.includes('code'))
    pools.push(
      fc.constantFrom('110101001', '110101001001', '110101001002', '110101002', '11', '1101', '110101'),
      fc.nat(999).map((n) => `110101001${String(n).padStart(3, '0')}`),
    );
  if (k.includes('time')) pools.push(fc.constantFrom('09:00', '14:30', '23:59', '24:00', '9:5'));
  if (k === 'base64') pools.push(fc.base64String({ maxLength: 64 }), fc.constant('UEsDBAoAAAAAAA=='));
  return pools;
}

/** A string for field `key` under the schema's own checks (regex, length); sometimes just past the limits. */
function stringArb(key: string, d: Def): fc.Arbitrary<string> {
  const checks = checksOf(d);
  let max = 200;
  let min = 0;
  const regexes: RegExp[] = [];
  for (const c of checks) {
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = c.maximum;
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = c.minimum;
    if (c.check === 'string_format' && c.format === 'regex' && c.pattern) regexes.push(c.pattern);
  }
  const cap = Math.min(max + 2, 5_000);
  const options: fc.Arbitrary<string>[] = [
    ...stringPool(key),
    ...regexes.map((r) => fc.stringMatching(r).filter((s) => s.length <= cap)),
    CJK,
    fc.string({ minLength: min, maxLength: Math.min(cap, 40) }),
    fc.string({ unit: 'grapheme', maxLength: Math.min(cap, 40) }),
    fc.constantFrom(...NASTY),
  ];
  // exactly at the limit and one past it (for the usual limits; a 30 MB base64 field is exercised elsewhere)
  if (max <= 5_000) options.push(fc.constant('长'.repeat(max)), fc.constant('超'.repeat(max + 1)));
  return fc.oneof(...options);
}

function numberArb(key: string, d: Def): fc.Arbitrary<number> {
  const checks = checksOf(d);
  const isInt = checks.some((c) => c.check === 'number_format');
  let lo = isInt ? -1_000_000 : -1e9;
  let hi = isInt ? 1_000_000_000 : 1e12;
  for (const c of checks) {
    if (c.check === 'greater_than' && typeof c.value === 'number') lo = c.value + (c.inclusive ? 0 : isInt ? 1 : 0);
    if (c.check === 'less_than' && typeof c.value === 'number') hi = c.value - (c.inclusive ? 0 : isInt ? 1 : 0);
  }
  lo = Math.max(lo, Number.MIN_SAFE_INTEGER);
  hi = Math.min(hi, Number.MAX_SAFE_INTEGER);
  const k = key.toLowerCase();
  const idLike = k === 'id' || k.endsWith('id') || k.endsWith('ids');
  const options: fc.Arbitrary<number>[] = [
    isInt ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true }),
    fc.constantFrom(0, -1, 1, 2, lo, hi, lo - 1, hi + 1, 2 ** 31, 2 ** 53, 0.5),
  ];
  if (idLike) options.unshift(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 14 }));
  if (k.includes('year')) options.unshift(fc.integer({ min: 1999, max: 2101 }));
  if (k === 'limit' || k === 'offset') options.unshift(fc.integer({ min: 0, max: 300 }));
  return fc.oneof(...options);
}

/** An arbitrary for a zod schema: values of its shape, mostly plausible, sometimes at or past its limits. */
export function arbitraryFor(schema: z.ZodType | unknown, key = '', depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  if (depth > 8) return fc.constant(null);
  switch (d.type) {
    case 'object': {
      const shape = d.shape as Record<string, unknown>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [k, v] of Object.entries(shape)) {
        model[k] = arbitraryFor(v, k, depth + 1);
        const t = defOf(v).type;
        if (t !== 'optional' && t !== 'default') required.push(k);
      }
      // often just the required keys: a short valid input reaches the service more often than a long one
      const minimal: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of required) minimal[k] = model[k] as fc.Arbitrary<unknown>;
      return fc.oneof(fc.record(model, { requiredKeys: required }), fc.record(minimal));
    }
    case 'string':
      return stringArb(key, d);
    case 'number':
      return numberArb(key, d);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'optional':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'prefault':
      return arbitraryFor(d.innerType, key, depth);
    case 'nullable':
      return fc.option(arbitraryFor(d.innerType, key, depth), { nil: null, freq: 4 });
    case 'array':
      return fc.array(arbitraryFor(d.element, key, depth + 1), { maxLength: 4 });
    case 'union':
      return fc.oneof(...(d.options as unknown[]).map((o) => arbitraryFor(o, key, depth + 1)));
    case 'pipe':
      return arbitraryFor(d.in, key, depth);
    case 'tuple':
      return fc.tuple(...(d.items as unknown[]).map((o) => arbitraryFor(o, key, depth + 1)));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), arbitraryFor(d.valueType, key, depth + 1), { maxKeys: 3 });
    case 'lazy':
      return arbitraryFor((d.getter as () => unknown)(), key, depth + 1);
    default:
      return fc.anything();
  }
}

/** Breaks a well-shaped input in one of the ways a confused or hostile caller would. */
export function mutate(input: unknown): fc.Arbitrary<unknown> {
  const obj =
    typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const keys = Object.keys(obj);
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.constant(input),
    fc.constant(input),
    fc.constant(input),
    fc.constant(input),
    fc.constant(input),
    fc.jsonValue(),
    fc.record({ k: fc.string({ maxLength: 10 }), v: fc.jsonValue() }).map(({ k, v }) => ({ ...obj, [k || 'x']: v })),
  ];
  if (keys.length > 0) {
    mutations.push(
      fc.constantFrom(...keys).map((k) => {
        const { [k]: _drop, ...rest } = obj;
        return rest;
      }),
      fc
        .record({ k: fc.constantFrom(...keys), v: fc.oneof(fc.anything(), fc.constantFrom(...NASTY)) })
        .map(({ k, v }) => ({ ...obj, [k]: v })),
      fc.constantFrom(...keys).map((k) => ({ ...obj, [k]: null })),
      fc.constantFrom(...keys).map((k) => ({ ...obj, [k]: [obj[k]] })),
    );
  }
  return fc.oneof(...mutations);
}
