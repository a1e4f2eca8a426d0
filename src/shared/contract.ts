// The API contract: every method the renderer (or CLI/harness) can call, with zod schemas for input and output.
// One source of truth: electron/ipc.ts and the browser harness validate input against it; src/core/api.ts
// implements it (a missing or mistyped method is a compile error); the renderer client is typed from it.
import { z } from 'zod';
import {
  COMMUNITY_KINDS,
  GENDERS,
  MEMBER_CATEGORIES,
  MEMBER_STATUSES,
  NETWORK_ROLES,
  SPACE_OWNERSHIPS,
  UNIT_TYPES,
} from './enums';
import { ERR } from './messages';
import { idNumberFacts, isValidIdNumber, isValidMobile, isValidPhone, isValidUscc } from './validators';

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

// ---------------------------------------------------------------- registry: members, units, network, 报到

export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: ERR.dateFormat })
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      error: ERR.dateFormat,
    },
  );
const mobile = z
  .string()
  .trim()
  .refine((v) => v === '' || isValidMobile(v), { error: ERR.mobileFormat });
export const idNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => isValidIdNumber(v), { error: ERR.idNumberInvalid });
export const uscc = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => v === '' || isValidUscc(v), { error: ERR.usccInvalid });
const tags = (max: number) => z.array(requiredText(max)).max(30);

export const memberFields = {
  name: requiredText(30),
  gender: z.enum(GENDERS).optional(),
  birthDate: isoDate.optional(),
  ethnicity: optText(20),
  idNumber,
  phone: mobile.nullable().optional(),
  communityId: id,
  gridId: id.nullable().optional(),
  category: z.enum(MEMBER_CATEGORIES),
  employerUnitId: id.nullable().optional(),
  employerName: optText(100),
  employerPartyOrg: optText(100),
  skills: tags(20).optional(),
  reportDate: isoDate.nullable().optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  note: optText(500),
};

/** Gender and birth date, when given, must agree with the ID number (GB 11643 encodes both). */
export function checkIdConsistency(
  v: { idNumber?: string | undefined; gender?: string | undefined; birthDate?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!v.idNumber) return;
  const facts = idNumberFacts(v.idNumber);
  if (!facts) return;
  if (v.gender && v.gender !== facts.gender)
    ctx.addIssue({ code: 'custom', path: ['gender'], message: ERR.genderMismatch });
  if (v.birthDate && v.birthDate !== facts.birthDate)
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: ERR.birthDateMismatch(facts.birthDate) });
}

export const MemberInput = z.object(memberFields).strict().superRefine(checkIdConsistency);

export const LiaisonPosition = z.object({
  assignmentId: id,
  groupId: id,
  groupName: z.string(),
  stationId: id,
  stationName: z.string(),
  startDate: z.string(),
});

export const MemberRow = z.object({
  id,
  name: z.string(),
  gender: z.enum(GENDERS),
  birthDate: z.string(),
  ethnicity: z.string().nullable(),
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  communityId: id,
  communityName: z.string(),
  gridId: id.nullable(),
  gridName: z.string().nullable(),
  category: z.enum(MEMBER_CATEGORIES),
  employerUnitId: id.nullable(),
  employerName: z.string().nullable(),
  employerPartyOrg: z.string().nullable(),
  skills: z.array(z.string()),
  reportDate: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  note: z.string().nullable(),
  liaison: LiaisonPosition.nullable(),
  updatedAt: z.string(),
});

export const MemberReport = z.object({
  id,
  memberId: id,
  communityId: id,
  communityName: z.string(),
  reportDate: z.string(),
  serviceIntent: z.string().nullable(),
  skills: z.array(z.string()),
  letterReceived: z.boolean(),
  letterDate: z.string().nullable(),
  cardNo: z.string(),
  createdAt: z.string(),
});

export const MemberDetail = MemberRow.extend({ reports: z.array(MemberReport) });

export const MEMBER_SORTS = ['name', 'birthDate', 'reportDate', 'community', 'updatedAt'] as const;

export const MemberQuery = z
  .object({
    communityId: id.optional(),
    gridId: id.optional(),
    category: z.enum(MEMBER_CATEGORIES).optional(),
    status: z.enum(MEMBER_STATUSES).optional(),
    role: z.enum(NETWORK_ROLES).optional(),
    employerUnitId: id.optional(),
    reported: z.boolean().optional(),
    q: z.string().trim().max(50).optional(),
    sort: z.enum(MEMBER_SORTS).optional(),
    desc: z.boolean().optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const unitResource = z.object({ name: requiredText(30), description: text(200).optional().default('') }).strict();

export const unitFields = {
  name: requiredText(100),
  uscc: uscc.nullable().optional(),
  type: z.enum(UNIT_TYPES),
  communityId: id.nullable().optional(),
  partyOrgName: optText(100),
  partySecretary: optText(30),
  contactPerson: optText(30),
  contactPhone: phone.nullable().optional(),
  isCouncilMember: z.boolean().optional(),
  resources: z.array(unitResource).max(50).optional(),
};

export const Unit = z.object({
  id,
  name: z.string(),
  uscc: z.string().nullable(),
  type: z.enum(UNIT_TYPES),
  communityId: id.nullable(),
  communityName: z.string().nullable(),
  partyOrgName: z.string().nullable(),
  partySecretary: z.string().nullable(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  isCouncilMember: z.boolean(),
  resources: z.array(z.object({ name: z.string(), description: z.string() })),
  employedCount: z.number().int(),
  reportedCount: z.number().int(),
  updatedAt: z.string(),
});

export const UnitQuery = z
  .object({
    q: z.string().trim().max(50).optional(),
    type: z.enum(UNIT_TYPES).optional(),
    communityId: id.optional(),
    councilOnly: z.boolean().optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const NetworkMember = z.object({
  memberId: id,
  assignmentId: id,
  name: z.string(),
  category: z.enum(MEMBER_CATEGORIES),
  gridName: z.string().nullable(),
  startDate: z.string(),
});
export const NetworkGroup = z.object({
  id,
  stationId: id,
  name: z.string(),
  leaderName: z.string().nullable(),
  members: z.array(NetworkMember),
});
export const NetworkStation = z.object({
  id,
  communityId: id,
  gridId: id.nullable(),
  gridName: z.string().nullable(),
  name: z.string(),
  residentialArea: z.string().nullable(),
  leaderName: z.string().nullable(),
  groups: z.array(NetworkGroup),
  memberCount: z.number().int(),
});
export const NetworkTree = z.object({
  communityId: id,
  stations: z.array(NetworkStation),
  counts: z.object({
    stations: z.number().int(),
    groups: z.number().int(),
    liaisons: z.number().int(),
    unassigned: z.number().int(),
  }),
  unassigned: z.array(
    z.object({ id, name: z.string(), category: z.enum(MEMBER_CATEGORIES), gridName: z.string().nullable() }),
  ),
});

export const ReportInput = z
  .object({
    memberId: id,
    communityId: id,
    reportDate: isoDate,
    serviceIntent: optText(200),
    skills: tags(20).optional(),
    letterReceived: z.boolean(),
    letterDate: isoDate.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.letterReceived && !v.letterDate)
      ctx.addIssue({ code: 'custom', path: ['letterDate'], message: ERR.letterDateRequired });
  });

export const Document = z.object({ title: z.string(), html: z.string() });
/** A generated file crossing the boundary (xlsx, pdf, docx): the renderer saves or opens it. */
export const FileOut = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

export const EXCEL_KINDS = ['members', 'units', 'communities', 'grids'] as const;
export const ImportProblem = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const ImportResult = z.object({
  ok: z.boolean(),
  total: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Every problem found, by sheet row number (header = row 1) and column header. Non-empty ⇒ nothing written. */
  problems: z.array(ImportProblem),
});
const base64File = z.string().min(1, { error: ERR.required }).max(200_000_000);

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

  'members.list': method(MemberQuery, z.object({ rows: z.array(MemberRow), total: z.number().int() })),
  'members.get': method(z.object({ id }).strict(), MemberDetail),
  'members.create': method(MemberInput, MemberRow, ['member', 'audit']),
  'members.update': method(
    z
      .object({
        id,
        ...memberFields,
        idNumber: idNumber.optional(),
        name: requiredText(30).optional(),
        communityId: id.optional(),
        category: z.enum(MEMBER_CATEGORIES).optional(),
      })
      .strict()
      .superRefine(checkIdConsistency),
    MemberRow,
    ['member', 'audit'],
  ),
  'members.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), ['member', 'audit']),
  'members.reveal': method(
    z.object({ id, field: z.enum(['idNumber', 'phone']) }).strict(),
    z.object({ value: z.string().nullable() }),
    ['audit'],
  ),

  'units.list': method(UnitQuery, z.object({ rows: z.array(Unit), total: z.number().int() })),
  'units.get': method(z.object({ id }).strict(), Unit.extend({ members: z.array(MemberRow) })),
  'units.create': method(z.object(unitFields).strict(), Unit, ['unit', 'audit']),
  'units.update': method(
    z.object({ id, ...unitFields, name: requiredText(100).optional(), type: z.enum(UNIT_TYPES).optional() }).strict(),
    Unit,
    ['unit', 'audit'],
  ),
  'units.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), ['unit', 'audit']),

  'network.tree': method(z.object({ communityId: id }).strict(), NetworkTree),
  'network.createStation': method(
    z
      .object({
        communityId: id,
        gridId: id.nullable().optional(),
        name: requiredText(50),
        residentialArea: optText(50),
        leaderName: optText(30),
      })
      .strict(),
    NetworkStation.omit({ groups: true, memberCount: true }),
    ['liaison_station', 'audit'],
  ),
  'network.updateStation': method(
    z
      .object({
        id,
        gridId: id.nullable().optional(),
        name: requiredText(50).optional(),
        residentialArea: optText(50),
        leaderName: optText(30),
      })
      .strict(),
    NetworkStation.omit({ groups: true, memberCount: true }),
    ['liaison_station', 'audit'],
  ),
  'network.deleteStation': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), [
    'liaison_station',
    'audit',
  ]),
  'network.createGroup': method(
    z.object({ stationId: id, name: requiredText(50), leaderName: optText(30) }).strict(),
    NetworkGroup.omit({ members: true }),
    ['liaison_group', 'audit'],
  ),
  'network.updateGroup': method(
    z.object({ id, stationId: id.optional(), name: requiredText(50).optional(), leaderName: optText(30) }).strict(),
    NetworkGroup.omit({ members: true }),
    ['liaison_group', 'audit'],
  ),
  'network.deleteGroup': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), [
    'liaison_group',
    'audit',
  ]),
  'network.assign': method(
    z.object({ memberId: id, groupId: id, startDate: isoDate.optional() }).strict(),
    LiaisonPosition,
    ['liaison_assignment', 'member', 'audit'],
  ),
  'network.unassign': method(
    z.object({ memberId: id, endDate: isoDate.optional() }).strict(),
    z.object({ ended: z.boolean() }),
    ['liaison_assignment', 'member', 'audit'],
  ),

  'reports.create': method(ReportInput, MemberReport, ['member_report', 'member', 'audit']),
  'reports.list': method(z.object({ memberId: id }).strict(), z.array(MemberReport)),
  'documents.registrationCard': method(
    z.object({ reportId: id, paper: z.enum(['A4', 'A5']).optional() }).strict(),
    Document,
  ),
  'documents.registrationCardPdf': method(
    z.object({ reportId: id, paper: z.enum(['A4', 'A5']).optional() }).strict(),
    FileOut,
  ),

  'excel.template': method(z.object({ kind: z.enum(EXCEL_KINDS) }).strict(), FileOut),
  'excel.export': method(
    z
      .object({
        kind: z.enum(EXCEL_KINDS),
        members: MemberQuery.optional(),
        units: UnitQuery.optional(),
        communityId: id.optional(),
      })
      .strict(),
    FileOut,
  ),
  'excel.import': method(
    z.object({ kind: z.enum(EXCEL_KINDS), base64: base64File, updateExisting: z.boolean().optional() }).strict(),
    ImportResult,
    ['member', 'unit', 'community', 'grid', 'audit'],
  ),

  'demo.seed': method(
    z.object({ members: z.number().int().min(0).max(100_000).optional() }).strict(),
    z.object({
      units: z.number().int(),
      members: z.number().int(),
      grids: z.number().int(),
      stations: z.number().int(),
      groups: z.number().int(),
      liaisons: z.number().int(),
      reports: z.number().int(),
    }),
    [
      'grid',
      'unit',
      'member',
      'member_report',
      'liaison_station',
      'liaison_group',
      'liaison_assignment',
      'community',
      'audit',
    ],
  ),

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

  // ---- 共建协议 / 服务岗位 / 志愿服务队 (cobuild methods: insert above this line) ----

  // ---- 服务活动 / 评价 / 统计表 / 反馈表 (activity methods: insert above this line) ----
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

export type MemberRowT = z.output<typeof MemberRow>;
export type MemberDetailT = z.output<typeof MemberDetail>;
export type MemberReportT = z.output<typeof MemberReport>;
export type UnitT = z.output<typeof Unit>;
export type NetworkTreeT = z.output<typeof NetworkTree>;
export type LiaisonPositionT = z.output<typeof LiaisonPosition>;
export type MemberQueryT = z.output<typeof MemberQuery>;
export type UnitQueryT = z.output<typeof UnitQuery>;
export type DocumentT = z.output<typeof Document>;
export type FileOutT = z.output<typeof FileOut>;
export type ImportResultT = z.output<typeof ImportResult>;
export type ImportProblemT = z.output<typeof ImportProblem>;
export type ExcelKind = (typeof EXCEL_KINDS)[number];
