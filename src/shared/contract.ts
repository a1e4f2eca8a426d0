// The API contract: every method the renderer (or CLI/harness) can call, with zod schemas for input and output.
// One source of truth: electron/ipc.ts and the browser harness validate input against it; src/core/api.ts
// implements it (a missing or mistyped method is a compile error); the renderer client is typed from it.
import { z } from 'zod';
import { COMMUNITY_KINDS, SPACE_OWNERSHIPS } from './enums';
import { ERR } from './messages';
import { isValidPhone } from './validators';

const id = z.number().int().positive();
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: ERR.tooLong(max) });
const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: ERR.required })
    .max(max, { error: ERR.tooLong(max) });
const optText = (max: number) => text(max).nullable().optional();
const count = z
  .number({ error: '应为数字' })
  .int({ error: ERR.mustBeInteger })
  .min(0, { error: ERR.notNegative })
  .max(100_000_000);
const money = z.number({ error: '应为数字' }).min(0, { error: ERR.notNegative }).max(1e11);
const area = z.number({ error: '应为数字' }).min(0, { error: ERR.notNegative }).max(1e7);
const year = z.number().int().min(2000, { error: ERR.yearRange }).max(2100, { error: ERR.yearRange });
const phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || isValidPhone(v), { error: ERR.phoneFormat });
const empty = z.object({}).strict();
const isoDateTime = z.string();

export const DivisionItem = z.object({ code: z.string(), name: z.string() });
export const StreetInfo = z.object({
  code: z.string(),
  name: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
});
export const VillageInfo = z.object({
  code: z.string(),
  officialName: z.string(),
  name: z.string(),
  kind: z.enum(COMMUNITY_KINDS),
});

export const Street = z.object({
  id,
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  cityName: z.string(),
  provinceName: z.string(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const ThreeHave = z.object({
  people: z.boolean(),
  money: z.boolean(),
  place: z.boolean(),
  year: z.number().int(),
});

export const Community = z.object({
  id,
  code: z.string(),
  name: z.string(),
  officialName: z.string().nullable(),
  kind: z.enum(COMMUNITY_KINDS),
  households: z.number().int().nullable(),
  population: z.number().int().nullable(),
  spaceArea: z.number().nullable(),
  spaceOwnership: z.enum(SPACE_OWNERSHIPS).nullable(),
  hasServiceHall: z.boolean(),
  functionRooms: z.array(z.string()),
  secretaryName: z.string().nullable(),
  directorName: z.string().nullable(),
  secretaryIsDirector: z.boolean(),
  deputySecretaryName: z.string().nullable(),
  careerStaffCount: z.number().int().nullable(),
  partyWorkerCount: z.number().int().nullable(),
  retiredAt: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const CommunityRow = Community.extend({ gridCount: z.number().int(), threeHave: ThreeHave });

export const Funding = z.object({
  id,
  communityId: id,
  year: z.number().int(),
  officeFunds: z.number(),
  partyFunds: z.number(),
  note: z.string().nullable(),
});

export const CommunityDetail = CommunityRow.extend({ funding: z.array(Funding) });

export const Grid = z.object({
  id,
  communityId: id,
  code: z.string(),
  name: z.string(),
  leaderName: z.string().nullable(),
  gridWorkers: z.array(z.string()),
  households: z.number().int().nullable(),
  buildings: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const Settings = z.object({
  operatorName: z.string(),
  minSpaceArea: z.number(),
  minFunding: z.number(),
});

export const AuditRow = z.object({
  id,
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  summary: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  changeSeq: z.number().int(),
});

export const AppStatus = z.object({
  initialized: z.boolean(),
  street: Street.nullable(),
  schemaVersion: z.number().int(),
  dbPath: z.string(),
  divisionDataVersion: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
});

const communityFields = {
  name: requiredText(50),
  officialName: optText(80),
  households: count.nullable().optional(),
  population: count.nullable().optional(),
  spaceArea: area.nullable().optional(),
  spaceOwnership: z.enum(SPACE_OWNERSHIPS).nullable().optional(),
  hasServiceHall: z.boolean().optional(),
  functionRooms: z.array(requiredText(30)).max(50).optional(),
  secretaryName: optText(20),
  directorName: optText(20),
  secretaryIsDirector: z.boolean().optional(),
  deputySecretaryName: optText(20),
  careerStaffCount: count.nullable().optional(),
  partyWorkerCount: count.nullable().optional(),
};

const gridFields = {
  code: z
    .string()
    .trim()
    .min(1, { error: ERR.required })
    .max(30, { error: ERR.tooLong(30) })
    .regex(/^[0-9A-Za-z-]+$/, { error: '只能包含数字、字母和短横线' }),
  name: requiredText(50),
  leaderName: optText(20),
  gridWorkers: z.array(requiredText(20)).max(50).optional(),
  households: count.nullable().optional(),
  buildings: optText(200),
};

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, writes: readonly string[] = []) {
  return { input, output, writes };
}

export const contract = {
  'app.status': method(empty, AppStatus),

  'divisions.provinces': method(empty, z.array(DivisionItem)),
  'divisions.cities': method(z.object({ provinceCode: z.string().regex(/^\d{2}$/) }).strict(), z.array(DivisionItem)),
  'divisions.areas': method(z.object({ cityCode: z.string().regex(/^\d{4}$/) }).strict(), z.array(DivisionItem)),
  'divisions.streets': method(z.object({ areaCode: z.string().regex(/^\d{6}$/) }).strict(), z.array(DivisionItem)),
  'divisions.street': method(z.object({ code: z.string().max(20) }).strict(), StreetInfo.nullable()),
  'divisions.villages': method(z.object({ streetCode: z.string().regex(/^\d{9}$/) }).strict(), z.array(VillageInfo)),

  'street.get': method(empty, Street.nullable()),
  'street.setup': method(
    z
      .object({
        streetCode: z
          .string()
          .trim()
          .regex(/^\d{9}$/, { error: ERR.streetCodeFormat }),
      })
      .strict(),
    z.object({ street: Street, communities: z.number().int() }),
    ['street', 'community', 'audit'],
  ),
  'street.update': method(
    z.object({ contactPerson: optText(20), contactPhone: phone.nullable().optional(), address: optText(100) }).strict(),
    Street,
    ['street', 'audit'],
  ),

  'communities.list': method(z.object({ includeRetired: z.boolean().optional() }).strict(), z.array(CommunityRow)),
  'communities.get': method(z.object({ id }).strict(), CommunityDetail),
  'communities.create': method(
    z
      .object({
        code: z
          .string()
          .trim()
          .regex(/^\d{12}$/, { error: ERR.communityCodeFormat }),
        kind: z.enum(COMMUNITY_KINDS).optional(),
        ...communityFields,
      })
      .strict(),
    Community,
    ['community', 'audit'],
  ),
  'communities.update': method(
    z.object({ id, ...communityFields, name: requiredText(50).optional() }).strict(),
    Community,
    ['community', 'audit'],
  ),
  'communities.retire': method(z.object({ id }).strict(), Community, ['community', 'audit']),
  'communities.restore': method(z.object({ id }).strict(), Community, ['community', 'audit']),

  'funding.upsert': method(
    z.object({ communityId: id, year, officeFunds: money, partyFunds: money, note: optText(200) }).strict(),
    Funding,
    ['community_funding', 'community', 'audit'],
  ),
  'funding.delete': method(z.object({ communityId: id, year }).strict(), z.object({ deleted: z.boolean() }), [
    'community_funding',
    'community',
    'audit',
  ]),

  'grids.list': method(z.object({ communityId: id.optional() }).strict(), z.array(Grid)),
  'grids.create': method(z.object({ communityId: id, ...gridFields }).strict(), Grid, ['grid', 'community', 'audit']),
  'grids.update': method(
    z
      .object({
        id,
        communityId: id.optional(),
        ...gridFields,
        code: gridFields.code.optional(),
        name: requiredText(50).optional(),
      })
      .strict(),
    Grid,
    ['grid', 'community', 'audit'],
  ),
  'grids.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), ['grid', 'community', 'audit']),

  'settings.get': method(empty, Settings),
  'settings.update': method(
    z
      .object({
        operatorName: requiredText(20).optional(),
        minSpaceArea: area.optional(),
        minFunding: money.optional(),
      })
      .strict(),
    Settings,
    ['settings', 'community', 'audit'],
  ),

  'audit.list': method(
    z
      .object({
        entity: z.string().max(40).optional(),
        entityId: id.optional(),
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    z.object({ rows: z.array(AuditRow), total: z.number().int() }),
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(m: unknown): m is MethodName {
  return typeof m === 'string' && Object.prototype.hasOwnProperty.call(contract, m);
}

export type StreetT = z.output<typeof Street>;
export type CommunityT = z.output<typeof Community>;
export type CommunityRowT = z.output<typeof CommunityRow>;
export type CommunityDetailT = z.output<typeof CommunityDetail>;
export type FundingT = z.output<typeof Funding>;
export type GridT = z.output<typeof Grid>;
export type SettingsT = z.output<typeof Settings>;
export type AuditRowT = z.output<typeof AuditRow>;
export type AppStatusT = z.output<typeof AppStatus>;
export type ThreeHaveT = z.output<typeof ThreeHave>;
