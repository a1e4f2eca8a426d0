// The API contract: every method the renderer (or CLI/harness) can call, with zod schemas for input and output.
// One source of truth: electron/ipc.ts and the browser harness validate input against it; src/core/api.ts
// implements it (a missing or mistyped method is a compile error); the renderer client is typed from it.
import { DASHBOARD_CHARTS } from './dashboard-tables';
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
import { AGREEMENT_AREAS, CLAIM_STATUSES, COMMITMENT_STATUSES, POST_CATEGORIES } from './enums';
import { COBUILD } from './messages';
import { ACTIVITY_CATEGORIES, EVALUATION_GRADES, ORGANIZER_KINDS } from './enums';
import { ACTIVITY } from './messages';
import { ATTENDANCE_KINDS, DECISION_STATUSES, MEETING_BODY_KINDS, MEETING_FREQUENCIES } from './enums';
import { MEETING } from './messages';
import { parsePeriod, todayIso } from './period';
import { formatDateZh } from './validators';
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
  // 备份保留份数 (issue 8, set through backup.setRotation)
  backupKeepDaily: z.number(),
  backupKeepWeekly: z.number(),
  backupKeepMonthly: z.number(),
  // 目标考评 / 在职党员参与 (issue 6, set through settings.update; defaults DEFAULT_SCORE_SETTINGS)
  participationMin: z.number(),
  participationTarget: z.number(),
  scoreWeights: z.object({
    networkCoverage: z.number(),
    participation: z.number(),
    meetingsHeld: z.number(),
    commitmentsDone: z.number(),
    postsClaimed: z.number(),
    sanYou: z.number(),
  }),
  scoreEnabled: z.array(
    z.enum(['networkCoverage', 'participation', 'meetingsHeld', 'commitmentsDone', 'postsClaimed', 'sanYou']),
  ),
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

export const EXCEL_KINDS = ['members', 'units', 'communities', 'grids', 'activities'] as const;
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

// ==== cobuild schemas (共建协议 / 服务岗位 / 志愿服务队) ====

const agreementAreas = z
  .array(z.enum(AGREEMENT_AREAS))
  .min(1, { error: COBUILD.err.areasRequired })
  .max(AGREEMENT_AREAS.length)
  .refine((a) => new Set(a).size === a.length, { error: COBUILD.err.areasDuplicate });

const agreementFields = {
  unitId: id,
  /** null or absent: street-wide (全街道). */
  communityId: id.nullable().optional(),
  year,
  title: optText(100),
  areas: agreementAreas,
  signatoryA: optText(30),
  signatoryB: optText(30),
  liaisonPerson: optText(30),
  liaisonPhone: phone.nullable().optional(),
  signedDate: isoDate.nullable().optional(),
  dutiesA: optText(2000),
  dutiesB: optText(2000),
  note: optText(500),
};

const commitmentFields = {
  content: requiredText(200),
  area: z.enum(AGREEMENT_AREAS).nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  status: z.enum(COMMITMENT_STATUSES).optional(),
  evidenceNote: optText(500),
  evidenceDate: isoDate.nullable().optional(),
};

export const Commitment = z.object({
  id,
  agreementId: id,
  content: z.string(),
  area: z.enum(AGREEMENT_AREAS).nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(COMMITMENT_STATUSES),
  evidenceNote: z.string().nullable(),
  evidenceDate: z.string().nullable(),
  sortOrder: z.number().int(),
  /** dueDate before today and not 已完成. */
  overdue: z.boolean(),
  updatedAt: z.string(),
});

const statusCounts = z.object({
  pending: z.number().int(),
  in_progress: z.number().int(),
  done: z.number().int(),
  unfulfilled: z.number().int(),
});

export const AgreementRow = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  communityId: id.nullable(),
  /** The community's name, or 全街道 for a street-wide agreement. */
  communityName: z.string(),
  year: z.number().int(),
  title: z.string(),
  areas: z.array(z.enum(AGREEMENT_AREAS)),
  signatoryA: z.string().nullable(),
  signatoryB: z.string().nullable(),
  liaisonPerson: z.string().nullable(),
  liaisonPhone: z.string().nullable(),
  signedDate: z.string().nullable(),
  dutiesA: z.string().nullable(),
  dutiesB: z.string().nullable(),
  note: z.string().nullable(),
  commitmentCount: z.number().int(),
  statusCounts,
  overdueCount: z.number().int(),
  updatedAt: z.string(),
});
export const AgreementDetail = AgreementRow.extend({ commitments: z.array(Commitment) });

export const AgreementQuery = z
  .object({
    year: year.optional(),
    /** null: street-wide agreements only. */
    communityId: id.nullable().optional(),
    unitId: id.optional(),
    overdueOnly: z.boolean().optional(),
    q: z.string().trim().max(50).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const headcount = z
  .number({ error: COBUILD.err.headcountRange })
  .int({ error: COBUILD.err.headcountRange })
  .min(1, { error: COBUILD.err.headcountRange })
  .max(1000, { error: COBUILD.err.headcountRange });

const postFields = {
  name: requiredText(50),
  category: z.enum(POST_CATEGORIES),
  headcount,
  requiredSkills: tags(20).optional(),
  description: optText(500),
};

export const ServicePostRow = z.object({
  id,
  communityId: id,
  communityName: z.string(),
  name: z.string(),
  category: z.enum(POST_CATEGORIES),
  headcount: z.number().int(),
  requiredSkills: z.array(z.string()),
  description: z.string().nullable(),
  approvedCount: z.number().int(),
  pendingCount: z.number().int(),
  /** headcount − approved (never negative). */
  remaining: z.number().int(),
  updatedAt: z.string(),
});

export const PostClaim = z.object({
  id,
  postId: id,
  memberId: id.nullable(),
  unitId: id.nullable(),
  claimantKind: z.enum(['member', 'unit']),
  claimantName: z.string(),
  status: z.enum(CLAIM_STATUSES),
  claimDate: z.string(),
  decidedDate: z.string().nullable(),
  withdrawnDate: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export const ServicePostDetail = ServicePostRow.extend({ claims: z.array(PostClaim) });

export const PostQuery = z
  .object({
    communityId: id.optional(),
    category: z.enum(POST_CATEGORIES).optional(),
    openOnly: z.boolean().optional(),
    q: z.string().trim().max(50).optional(),
  })
  .strict();

export const PostSuggestion = z.object({
  memberId: id,
  name: z.string(),
  gender: z.enum(GENDERS),
  category: z.enum(MEMBER_CATEGORIES),
  gridName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  skills: z.array(z.string()),
  /** The member's skills that match one of the post's required skills. */
  matched: z.array(z.string()),
});

export const ClaimInput = z
  .object({
    postId: id,
    memberId: id.optional(),
    unitId: id.optional(),
    claimDate: isoDate.optional(),
    note: optText(200),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.memberId === undefined) === (v.unitId === undefined))
      ctx.addIssue({ code: 'custom', path: ['memberId'], message: COBUILD.err.claimantXor });
  });

const teamFields = {
  name: requiredText(50),
  theme: optText(100),
  communityId: id.nullable().optional(),
  leaderMemberId: id.nullable().optional(),
  foundedDate: isoDate.nullable().optional(),
  description: optText(500),
};

export const TeamRow = z.object({
  id,
  name: z.string(),
  theme: z.string().nullable(),
  communityId: id.nullable(),
  communityName: z.string(),
  leaderMemberId: id.nullable(),
  leaderName: z.string().nullable(),
  foundedDate: z.string().nullable(),
  description: z.string().nullable(),
  memberCount: z.number().int(),
  updatedAt: z.string(),
});
export const TeamMember = z.object({
  memberId: id,
  name: z.string(),
  gender: z.enum(GENDERS),
  category: z.enum(MEMBER_CATEGORIES),
  communityName: z.string(),
  gridName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  skills: z.array(z.string()),
  joinedDate: z.string().nullable(),
  isLeader: z.boolean(),
});
export const TeamDetail = TeamRow.extend({ members: z.array(TeamMember) });

const memberIdList = z.array(id).min(1, { error: COBUILD.err.memberIdsRequired }).max(2000);

export type CommitmentT = z.output<typeof Commitment>;
export type AgreementRowT = z.output<typeof AgreementRow>;
export type AgreementDetailT = z.output<typeof AgreementDetail>;
export type AgreementQueryT = z.output<typeof AgreementQuery>;
export type ServicePostRowT = z.output<typeof ServicePostRow>;
export type ServicePostDetailT = z.output<typeof ServicePostDetail>;
export type PostClaimT = z.output<typeof PostClaim>;
export type PostQueryT = z.output<typeof PostQuery>;
export type PostSuggestionT = z.output<typeof PostSuggestion>;
export type TeamRowT = z.output<typeof TeamRow>;
export type TeamMemberT = z.output<typeof TeamMember>;
export type TeamDetailT = z.output<typeof TeamDetail>;

// ==== end cobuild schemas ====

// ==== activity schemas (服务活动 / 评价 / 统计表 / 反馈表) ====

/** HH:mm, 24-hour clock. */
const hhmm = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: ACTIVITY.timeFormat });
/** Hours of service of one participant on one day. */
const serviceHours = z
  .number({ error: '应为数字' })
  .gt(0, { error: ACTIVITY.hoursRange })
  .max(24, { error: ACTIVITY.hoursRange });
/** A completed activity's date: a real date, today at the latest (the computer's calendar day). */
const activityDate = isoDate.refine((v) => v <= todayIso(), {
  error: () => ACTIVITY.dateInFuture(formatDateZh(todayIso())),
});
/** '2026-11' (month), '2026Q4', '2026H2' or '2026' (year); see src/shared/period.ts. */
export const periodCode = z
  .string()
  .trim()
  .refine((v) => parsePeriod(v) !== null, { error: ACTIVITY.periodFormat });
/** Evaluations and 反馈表 go by half-year: '2026H1' / '2026H2'. */
export const halfYearCode = z
  .string()
  .trim()
  .refine((v) => parsePeriod(v)?.kind === 'half', { error: ACTIVITY.halfYearFormat });

export const ParticipantInput = z
  .object({
    memberId: id.nullable().optional(),
    unitId: id.nullable().optional(),
    hours: serviceHours,
    role: optText(30),
  })
  .strict()
  .refine((p) => (p.memberId ? 1 : 0) + (p.unitId ? 1 : 0) === 1, {
    error: ACTIVITY.participantMemberXorUnit,
    path: ['memberId'],
  });

const activityFields = {
  date: activityDate,
  startTime: hhmm.nullable().optional(),
  endTime: hhmm.nullable().optional(),
  /** null: a street-wide activity. */
  communityId: id.nullable().optional(),
  title: requiredText(100),
  category: z.enum(ACTIVITY_CATEGORIES),
  organizerKind: z.enum(ORGANIZER_KINDS),
  organizerUnitId: id.nullable().optional(),
  organizerTeamId: id.nullable().optional(),
  place: optText(100),
  description: optText(2000),
  residentsServed: count.optional(),
  /** The whole participant list (replaces the current one on update). */
  participants: z.array(ParticipantInput).max(5000).optional(),
};

export const ActivityInput = z.object(activityFields).strict();
export const ActivityUpdate = z
  .object({
    id,
    ...activityFields,
    date: activityDate.optional(),
    title: requiredText(100).optional(),
    category: z.enum(ACTIVITY_CATEGORIES).optional(),
    organizerKind: z.enum(ORGANIZER_KINDS).optional(),
  })
  .strict();

export const ActivityRow = z.object({
  id,
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  communityId: id.nullable(),
  /** null for a street-wide activity. */
  communityName: z.string().nullable(),
  title: z.string(),
  category: z.enum(ACTIVITY_CATEGORIES),
  organizerKind: z.enum(ORGANIZER_KINDS),
  organizerUnitId: id.nullable(),
  organizerTeamId: id.nullable(),
  organizerName: z.string(),
  place: z.string().nullable(),
  residentsServed: z.number().int(),
  participantCount: z.number().int(),
  memberCount: z.number().int(),
  totalHours: z.number(),
  updatedAt: z.string(),
});

export const ActivityParticipant = z.object({
  id,
  activityId: id,
  memberId: id.nullable(),
  unitId: id.nullable(),
  /** Member or unit name. */
  name: z.string(),
  /** Members only: 110105********002X. */
  idMasked: z.string().nullable(),
  /** Members: employer; units: party organisation. */
  detail: z.string().nullable(),
  hours: z.number(),
  role: z.string().nullable(),
});

export const ActivityDetail = ActivityRow.extend({
  description: z.string().nullable(),
  createdAt: z.string(),
  participants: z.array(ActivityParticipant),
});

export const ActivityQuery = z
  .object({
    /** A community, or null for street-wide activities only; absent: all. */
    communityId: id.nullable().optional(),
    category: z.enum(ACTIVITY_CATEGORIES).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    q: z.string().trim().max(50).optional(),
    /** Activities this member took part in. */
    memberId: id.optional(),
    /** Activities this unit organised or took part in, itself or through its members. */
    unitId: id.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const MemberActivity = z.object({
  participantId: id,
  activityId: id,
  date: z.string(),
  title: z.string(),
  category: z.enum(ACTIVITY_CATEGORIES),
  communityName: z.string().nullable(),
  hours: z.number(),
  role: z.string().nullable(),
});
export const MemberActivities = z.object({
  memberId: id,
  count: z.number().int(),
  totalHours: z.number(),
  rows: z.array(MemberActivity),
});

export const UnitParticipation = z.object({
  unitId: id,
  unitName: z.string(),
  period: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  rows: z.array(
    z.object({
      memberId: id,
      name: z.string(),
      idMasked: z.string(),
      communityName: z.string(),
      reportDate: z.string().nullable(),
      activities: z.number().int(),
      hours: z.number(),
    }),
  ),
  totals: z.object({
    members: z.number().int(),
    activeMembers: z.number().int(),
    activities: z.number().int(),
    hours: z.number(),
  }),
  /** Activities the unit itself took part in (as a participant, not through its members). */
  unitActivities: z.number().int(),
  unitHours: z.number(),
});

export const EvaluationRow = z.object({
  memberId: id,
  name: z.string(),
  idMasked: z.string(),
  employerName: z.string().nullable(),
  reportDate: z.string(),
  activities: z.number().int(),
  hours: z.number(),
  grade: z.enum(EVALUATION_GRADES).nullable(),
  comment: z.string().nullable(),
});
export const EvaluationList = z.object({
  communityId: id,
  communityName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(EvaluationRow),
  counts: z.object({
    excellent: z.number().int(),
    qualified: z.number().int(),
    basic: z.number().int(),
    unqualified: z.number().int(),
    none: z.number().int(),
  }),
});
export const EvaluationItem = z
  .object({
    memberId: id,
    grade: z.enum(EVALUATION_GRADES, { error: ACTIVITY.gradeInvalid }),
    comment: optText(200),
  })
  .strict();

export const ParticipationRow = z.object({
  memberId: id,
  name: z.string(),
  idMasked: z.string(),
  employerName: z.string().nullable(),
  employerPartyOrg: z.string().nullable(),
  reportDate: z.string(),
  activities: z.number().int(),
  hours: z.number(),
  posts: z.array(z.string()),
});
export const ParticipationTable = z.object({
  streetName: z.string(),
  communityId: id,
  communityName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(ParticipationRow),
  totals: z.object({
    members: z.number().int(),
    activeMembers: z.number().int(),
    activities: z.number().int(),
    hours: z.number(),
    withPosts: z.number().int(),
  }),
});

export const FeedbackUnit = z.object({
  /** null: members whose employer is not a registered unit (grouped by the employer name they gave). */
  unitId: id.nullable(),
  unitName: z.string(),
  partyOrg: z.string().nullable(),
  count: z.number().int(),
});

export type ActivityRowT = z.output<typeof ActivityRow>;
export type ActivityDetailT = z.output<typeof ActivityDetail>;
export type ActivityParticipantT = z.output<typeof ActivityParticipant>;
export type ActivityQueryT = z.output<typeof ActivityQuery>;
export type MemberActivitiesT = z.output<typeof MemberActivities>;
export type UnitParticipationT = z.output<typeof UnitParticipation>;
export type EvaluationRowT = z.output<typeof EvaluationRow>;
export type EvaluationListT = z.output<typeof EvaluationList>;
export type ParticipationRowT = z.output<typeof ParticipationRow>;
export type ParticipationTableT = z.output<typeof ParticipationTable>;
export type FeedbackUnitT = z.output<typeof FeedbackUnit>;

// ==== end activity schemas ====

// ==== meeting schemas (协调议事会议 / 议定事项 / 会议纪要) ====

const meetingDate = isoDate;
const attendanceKind = z.enum(ATTENDANCE_KINDS);

export const MeetingBodyInput = z
  .object({
    name: requiredText(60),
    kind: z.enum(MEETING_BODY_KINDS),
    /** null = a street-level body. */
    communityId: id.nullable().optional(),
    frequency: z.enum(MEETING_FREQUENCIES).optional(),
    description: optText(500),
  })
  .strict();

export const BodyMemberInput = z
  .object({
    unitId: id.nullable().optional(),
    memberId: id.nullable().optional(),
    personName: optText(30),
    role: optText(30),
  })
  .strict()
  .refine((v) => !!(v.unitId || v.memberId || v.personName), { error: MEETING.bodyMemberEmpty, path: ['personName'] });

export const BodyMember = z.object({
  id,
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  memberId: id.nullable(),
  memberName: z.string().nullable(),
  personName: z.string().nullable(),
  role: z.string().nullable(),
});

export const MeetingBody = z.object({
  id,
  name: z.string(),
  kind: z.enum(MEETING_BODY_KINDS),
  communityId: id.nullable(),
  communityName: z.string().nullable(),
  frequency: z.enum(MEETING_FREQUENCIES),
  description: z.string().nullable(),
  memberCount: z.number().int(),
  meetingCount: z.number().int(),
  lastMeetingDate: z.string().nullable(),
});
export const MeetingBodyDetail = MeetingBody.extend({ members: z.array(BodyMember) });

/** One attendee: a member, a unit (its representative named in personName) or a named person. */
export const AttendeeInput = z
  .object({
    memberId: id.nullable().optional(),
    unitId: id.nullable().optional(),
    personName: requiredText(30),
    attendance: attendanceKind,
    reason: optText(100),
  })
  .strict();

export const DecisionInput = z
  .object({
    /** An existing decision keeps its follow-up trail. */
    id: id.optional(),
    content: requiredText(500),
    responsibleUnitId: id.nullable().optional(),
    responsibleName: optText(60),
    deadline: isoDate.nullable().optional(),
    /** Index into the meeting's agendaItems, when the decision belongs to one item. */
    agendaIndex: z.number().int().min(0).nullable().optional(),
  })
  .strict()
  .refine((v) => !!(v.responsibleUnitId || v.responsibleName), {
    error: MEETING.decisionResponsibleRequired,
    path: ['responsibleName'],
  });

export const AgendaItemInput = z.object({ title: requiredText(200), discussion: optText(5000) }).strict();

const meetingFields = {
  bodyId: id,
  date: meetingDate,
  startTime: hhmm.nullable().optional(),
  endTime: hhmm.nullable().optional(),
  place: optText(100),
  chairName: optText(30),
  recorderName: optText(30),
  subject: optText(100),
  attendees: z.array(AttendeeInput).max(500).optional(),
  agendaItems: z.array(AgendaItemInput).max(50).optional(),
  decisions: z.array(DecisionInput).max(100).optional(),
};

/** Rules that need the whole meeting: end after start, nobody twice, deadlines not before the meeting. */
function checkMeeting(
  v: {
    date?: string | undefined;
    startTime?: string | null | undefined;
    endTime?: string | null | undefined;
    attendees?:
      | {
          memberId?: number | null | undefined;
          unitId?: number | null | undefined;
          personName: string;
          attendance: string;
        }[]
      | undefined;
    agendaItems?: unknown[] | undefined;
    decisions?: { deadline?: string | null | undefined; agendaIndex?: number | null | undefined }[] | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (v.startTime && v.endTime && v.endTime <= v.startTime)
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: MEETING.endBeforeStart });
  const seen = new Map<string, string>();
  (v.attendees ?? []).forEach((a, i) => {
    const key = a.memberId ? `m${a.memberId}` : a.unitId ? `u${a.unitId}:${a.personName}` : `p${a.personName}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['attendees', i, 'attendance'],
        message: prev === a.attendance ? MEETING.attendeeTwice(a.personName) : MEETING.attendeeConflict(a.personName),
      });
    } else seen.set(key, a.attendance);
  });
  const items = v.agendaItems?.length ?? 0;
  (v.decisions ?? []).forEach((d, i) => {
    if (v.date && d.deadline && d.deadline < v.date)
      ctx.addIssue({ code: 'custom', path: ['decisions', i, 'deadline'], message: MEETING.deadlineBeforeMeeting });
    if (d.agendaIndex !== null && d.agendaIndex !== undefined && d.agendaIndex >= items)
      ctx.addIssue({ code: 'custom', path: ['decisions', i, 'agendaIndex'], message: MEETING.agendaIndexInvalid });
  });
}

export const MeetingInput = z.object(meetingFields).strict().superRefine(checkMeeting);
export const MeetingUpdateInput = z
  .object({ id, ...meetingFields, bodyId: id.optional(), date: meetingDate.optional() })
  .strict()
  .superRefine(checkMeeting);

export const Attendee = z.object({
  id,
  memberId: id.nullable(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  personName: z.string(),
  attendance: attendanceKind,
  reason: z.string().nullable(),
});
export const AgendaItem = z.object({ id, title: z.string(), discussion: z.string().nullable() });
export const DecisionNote = z.object({
  id,
  date: z.string(),
  note: z.string(),
  status: z.enum(DECISION_STATUSES),
  createdAt: z.string(),
});
export const Decision = z.object({
  id,
  meetingId: id,
  agendaItemId: id.nullable(),
  content: z.string(),
  responsibleUnitId: id.nullable(),
  responsibleUnitName: z.string().nullable(),
  responsibleName: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(DECISION_STATUSES),
  closedDate: z.string().nullable(),
  overdue: z.boolean(),
  notes: z.array(DecisionNote),
});
export const MeetingRow = z.object({
  id,
  bodyId: id,
  bodyName: z.string(),
  bodyKind: z.enum(MEETING_BODY_KINDS),
  communityId: id.nullable(),
  communityName: z.string().nullable(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string().nullable(),
  chairName: z.string().nullable(),
  subject: z.string().nullable(),
  presentCount: z.number().int(),
  observerCount: z.number().int(),
  leaveCount: z.number().int(),
  decisionCount: z.number().int(),
  openDecisionCount: z.number().int(),
  printedMinutes: z.number().int(),
});
export const MeetingDetail = MeetingRow.extend({
  recorderName: z.string().nullable(),
  attendees: z.array(Attendee),
  agendaItems: z.array(AgendaItem),
  decisions: z.array(Decision),
  updatedAt: z.string(),
});
export const MeetingQuery = z
  .object({
    bodyId: id.optional(),
    /** null = street-level bodies only. */
    communityId: id.nullable().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    q: z.string().trim().max(50).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const DecisionBoardRow = Decision.omit({ notes: true }).extend({
  meetingDate: z.string(),
  bodyName: z.string(),
  communityName: z.string().nullable(),
  lastNote: z.string().nullable(),
  lastNoteDate: z.string().nullable(),
});
export const DecisionBoardQuery = z
  .object({
    /** open = 未落实 + 推进中 (default); overdue = open and past the deadline; done; all. */
    status: z.enum(['open', 'overdue', 'done', 'all']).optional(),
    communityId: id.nullable().optional(),
    bodyId: id.optional(),
    q: z.string().trim().max(50).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const DecisionNoteInput = z
  .object({
    decisionId: id,
    date: isoDate.refine((v) => v <= todayIso(), { error: () => MEETING.noteDateInFuture }),
    note: requiredText(500),
    status: z.enum(DECISION_STATUSES),
  })
  .strict();

export const ComplianceCell = z.object({
  quarter: z.number().int().min(1).max(4),
  /** met: a meeting was held; missed: the quarter is over without one; upcoming: not over yet, none held so far. */
  state: z.enum(['met', 'missed', 'upcoming']),
  meetingIds: z.array(id),
});
export const ComplianceGrid = z.object({
  year: z.number().int(),
  today: z.string(),
  rows: z.array(
    z.object({
      communityId: id,
      communityName: z.string(),
      /** The community's body that must meet quarterly (its 共驻共建协调议事小组), null when it has none. */
      bodyId: id.nullable(),
      bodyName: z.string().nullable(),
      cells: z.array(ComplianceCell),
    }),
  ),
  totals: z.object({ met: z.number().int(), missed: z.number().int(), upcoming: z.number().int() }),
});

/** The 会议纪要 as edited before printing: plain structured text, laid out by the document (GB/T 9704). */
export const MinutesContent = z
  .object({
    title: requiredText(60),
    /** Optional 期号 line under the title, e.g. 第4期. */
    issue: optText(30),
    /** Opening paragraph(s): time, place, chair, what was discussed. */
    intro: z.array(text(2000)).max(20),
    /** Body sections: heading (一、…) and paragraphs; sub-headings inside paragraphs start with （一）. */
    sections: z
      .array(z.object({ heading: requiredText(100), paragraphs: z.array(text(3000)).max(50) }).strict())
      .max(30),
    present: z.array(text(60)).max(500),
    observers: z.array(text(60)).max(500),
    /** Absent with reason, already formatted: 张三（出差）. */
    leave: z.array(text(100)).max(500),
    /** 印发 line: issuing body and date (ISO). */
    issuer: optText(60),
    date: isoDate,
  })
  .strict();

export const MinutesVersion = z.object({
  id,
  meetingId: id,
  version: z.number().int(),
  title: z.string(),
  content: MinutesContent,
  printedAt: z.string().nullable(),
  format: z.string().nullable(),
  updatedAt: z.string(),
});
export const MinutesState = z.object({
  meetingId: id,
  /** The draft to edit: the saved unprinted version, or one generated from the meeting record (id null). */
  draft: MinutesContent,
  draftVersionId: id.nullable(),
  versions: z.array(MinutesVersion.omit({ content: true })),
});

export type MeetingBodyT = z.output<typeof MeetingBody>;
export type MeetingBodyDetailT = z.output<typeof MeetingBodyDetail>;
export type MeetingRowT = z.output<typeof MeetingRow>;
export type MeetingDetailT = z.output<typeof MeetingDetail>;
export type DecisionT = z.output<typeof Decision>;
export type DecisionBoardRowT = z.output<typeof DecisionBoardRow>;
export type ComplianceGridT = z.output<typeof ComplianceGrid>;
export type MinutesContentT = z.output<typeof MinutesContent>;
export type MinutesStateT = z.output<typeof MinutesState>;

// ==== end meeting schemas ====

// ==== stats schemas (dashboard / 目标考评) ====
const n = z.number().int();
const ratio = z.number().min(0).max(1);
const communityCodeKey = z.string().regex(/^\d{12}$/);
const quarterState = z.enum(['met', 'missed', 'upcoming']);
export const SCORE_INDICATORS = [
  'networkCoverage',
  'participation',
  'meetingsHeld',
  'commitmentsDone',
  'postsClaimed',
  'sanYou',
] as const;
export type ScoreIndicator = (typeof SCORE_INDICATORS)[number];
export const StatsDashboard = z.object({
  year: n,
  /** The office's local date the figures were computed on (quarters and overdue commitments depend on it). */
  today: z.string(),
  communityId: id.nullable(),
  /** The live communities the per-community figures are keyed by (all, or the one chosen), in code order. */
  communities: z.array(z.object({ id, code: communityCodeKey, name: z.string() })),
  members: z.object({
    /** 在册 members only (转出 / 去世 and deleted records never count). */
    total: n,
    /** 在册 在职党员 living in scope by age on the office's date: ≤35, 36–45, 46–55, ≥56 (labels in order). */
    employedAge: z.array(z.object({ label: z.string(), count: n, reported: n })),
    /** 在册 在职党员 living in scope, and how many of them have reported (a 报到 record or a 报到日期). */
    employedReporting: z.object({ employed: n, reported: n }),
    byCategory: z.object({ 在职党员: n, 离退休党员: n, 流动党员: n }),
    byCommunity: z.record(communityCodeKey, n),
    byCommunityCategory: z.record(communityCodeKey, z.object({ 在职党员: n, 离退休党员: n, 流动党员: n })),
  }),
  activities: z.object({
    total: n,
    /** Every month of the year ('2026-01' … '2026-12'), zero included. */
    byMonth: z.record(z.string(), n),
    /** Every category label (六进社区 …), zero included. */
    byCategory: z.record(z.string(), n),
    byMonthCategory: z.record(z.string(), z.record(z.string(), n)),
    hoursByMonth: z.record(z.string(), z.number()),
    hours: z.number(),
    participations: n,
    residentsServed: n,
  }),
  network: z.object({
    byCommunity: z.record(
      communityCodeKey,
      z.object({ stations: n, groups: n, liaisons: n, members: n, notInNetwork: n, coverage: ratio }),
    ),
  }),
  participation: z.object({
    thresholds: z.object({ atLeastOne: n, atLeastFour: n }),
    /** Distinct reported 在职党员 of the street (or of the community). */
    reported: n,
    atLeastOne: n,
    atLeastFour: n,
    byCommunity: z.record(communityCodeKey, z.object({ reported: n, atLeastOne: n, atLeastFour: n })),
  }),
  posts: z.object({
    byCommunity: z.record(communityCodeKey, z.object({ posts: n, headcount: n, filled: n, claimRate: ratio })),
  }),
  commitments: z.object({
    total: n,
    done: n,
    inProgress: n,
    overdue: n,
    byCommunity: z.record(communityCodeKey, z.object({ total: n, done: n, inProgress: n, overdue: n })),
  }),
  meetings: z.object({
    compliance: z.record(
      communityCodeKey,
      z.object({ Q1: quarterState, Q2: quarterState, Q3: quarterState, Q4: quarterState }),
    ),
    totals: z.object({ met: n, missed: n, upcoming: n }),
  }),
  /** 议定事项 of live meetings in scope (street-level meetings count for the street only): not done / overdue. */
  decisions: z.object({ open: n, overdue: n }),
  sanYou: z.record(communityCodeKey, ThreeHave),
  scorecard: z.array(
    z.object({
      communityId: id,
      communityCode: communityCodeKey,
      communityName: z.string(),
      /** 0–100, one decimal: the weighted mean of the indicators × 100. */
      score: z.number(),
      /** 1 = best; equal scores share a rank (1, 2, 2, 4). */
      rank: n,
      indicators: z.object({
        networkCoverage: ratio,
        participation: ratio,
        meetingsHeld: ratio,
        commitmentsDone: ratio,
        postsClaimed: ratio,
        sanYou: ratio,
      }),
    }),
  ),
  /** The scorecard's indicators in display order, with their weights (summing to 1) and Chinese definitions. */
  indicators: z.array(
    z.object({ key: z.enum(SCORE_INDICATORS), label: z.string(), weight: z.number(), definition: z.string() }),
  ),
});
export type StatsDashboardT = z.output<typeof StatsDashboard>;

// ---- 考评设置 / 统计表 / 目标考评 (issue 6: statistics tables and the year-end scorecard)
import { STATS_UI } from './messages';

/** Defaults of the scorecard settings: the seeds' norm (≥ 1 / ≥ 4 activities a year), equal weights, all enabled. */
export const DEFAULT_SCORE_SETTINGS = {
  participationMin: 1,
  participationTarget: 4,
  scoreWeights: {
    networkCoverage: 1 / 6,
    participation: 1 / 6,
    meetingsHeld: 1 / 6,
    commitmentsDone: 1 / 6,
    postsClaimed: 1 / 6,
    sanYou: 1 / 6,
  } as Record<ScoreIndicator, number>,
  scoreEnabled: [...SCORE_INDICATORS] as ScoreIndicator[],
};
const activityThreshold = (field: 'participationMin' | 'participationTarget') =>
  z
    .number({ error: STATS_UI.settings.numberRequired })
    .int({ error: STATS_UI.settings.wholeNumber })
    .min(1, { error: STATS_UI.settings.thresholdRange(field) })
    .max(366, { error: STATS_UI.settings.thresholdRange(field) });
const weight = z
  .number({ error: STATS_UI.settings.numberRequired })
  .min(0, { error: STATS_UI.settings.weightNegative })
  .max(1000, { error: STATS_UI.settings.weightTooLarge });
/** Weights as typed (any non-negative scale); the service normalises them to sum 1. */
const ScoreWeightsInput = z
  .object({
    networkCoverage: weight,
    participation: weight,
    meetingsHeld: weight,
    commitmentsDone: weight,
    postsClaimed: weight,
    sanYou: weight,
  })
  .strict();

export const STAT_TABLE_KINDS = ['members', 'activities', 'participation', 'cobuild', 'meetings'] as const;
export type StatTableKind = (typeof STAT_TABLE_KINDS)[number];
/** How a column's numbers read: counts, hours (two decimals) or shares 0–1 (shown as percentages). */
export const STAT_COLUMN_FORMATS = ['int', 'hours', 'ratio'] as const;
const statCell = z.number().nullable();
export const StatTable = z.object({
  kind: z.enum(STAT_TABLE_KINDS),
  title: z.string(),
  streetName: z.string(),
  /** The period asked for (2026, 2026Q4, 2026H2, 2026-11), its label and dates. */
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  /** The date the table was made (制表日期); also the "as of" date of current-state figures. */
  today: z.string(),
  communityId: id.nullable(),
  communityName: z.string().nullable(),
  /** The first column's header (社区 / 工作单位 / 驻区单位). */
  rowHeader: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), format: z.enum(STAT_COLUMN_FORMATS) })),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      /** What the row stands for, for click-through: a community, a unit, the street itself or a group of members. */
      communityId: id.nullable(),
      unitId: id.nullable(),
      street: z.boolean(),
      values: z.array(statCell),
    }),
  ),
  totals: z.array(statCell),
  /** Definitions printed under the table (what is counted, as of when). */
  notes: z.array(z.string()),
});
export type StatTableT = z.output<typeof StatTable>;

const figure = z.object({
  /** The share 0–1 and the raw figures behind it (numerator / denominator), with their Chinese wording. */
  value: ratio,
  numerator: z.number(),
  denominator: z.number(),
  /** e.g. "已编入联络网络 12 名 / 在册党员 30 名" */
  detail: z.string(),
  /** The normalised weight (0 when the indicator is disabled) and the points it earns (value × weight × 100). */
  weight: z.number(),
  points: z.number(),
});
export const Scorecard = z.object({
  year: n,
  today: z.string(),
  streetName: z.string(),
  participationTarget: n,
  indicators: z.array(
    z.object({
      key: z.enum(SCORE_INDICATORS),
      label: z.string(),
      definition: z.string(),
      enabled: z.boolean(),
      weight: z.number(),
    }),
  ),
  rows: z.array(
    z.object({
      communityId: id,
      communityCode: communityCodeKey,
      communityName: z.string(),
      score: z.number(),
      rank: n,
      figures: z.object({
        networkCoverage: figure,
        participation: figure,
        meetingsHeld: figure,
        commitmentsDone: figure,
        postsClaimed: figure,
        sanYou: figure,
      }),
    }),
  ),
});
export type ScorecardT = z.output<typeof Scorecard>;
// ==== end stats schemas ====

// ==== exchange schemas (数据交换包 / 区级汇总) ====
const ExchangeCount = z.object({
  table: z.string(),
  label: z.string(),
  rows: z.number().int(),
  tombstones: z.number().int(),
});
export const ExportPreview = z.object({
  seq: z.number().int(),
  baseSeq: z.number().int(),
  full: z.boolean(),
  first: z.boolean(),
  changeFrom: z.number().int(),
  changeTo: z.number().int(),
  counts: z.array(ExchangeCount),
  totalRows: z.number().int(),
  totalTombstones: z.number().int(),
  /** Where packages go unless the user picks another folder. */
  defaultOutDir: z.string(),
  keyFingerprint: z.string().nullable(),
});
export const ExportBatch = z.object({
  id: z.number().int(),
  packageId: z.string(),
  seq: z.number().int(),
  baseSeq: z.number().int(),
  full: z.boolean(),
  identified: z.boolean(),
  changeFrom: z.number().int(),
  changeTo: z.number().int(),
  rowCount: z.number().int(),
  tombstoneCount: z.number().int(),
  counts: z.record(z.string(), z.object({ rows: z.number().int(), tombstones: z.number().int() })),
  contentHash: z.string(),
  packageSha256: z.string(),
  packageSize: z.number().int(),
  fileName: z.string(),
  filePath: z.string(),
  createdAt: z.string(),
  /** Whether the file is still where it was written. */
  fileExists: z.boolean(),
});
export const ExportProgressOut = z
  .object({
    phase: z.enum(['snapshot', 'rows', 'zip', 'done']),
    table: z.string().nullable(),
    done: z.number(),
    total: z.number(),
  })
  .nullable();
const folderPath = z.string().trim().min(1, { error: ERR.required }).max(1000);
export const PackageExportInput = z
  .object({
    full: z.boolean(),
    identified: z.boolean(),
    /** Required (true) when identified: the user confirmed the full ID numbers and phones leave the office. */
    confirmIdentified: z.boolean().optional(),
    outDir: folderPath.optional(),
  })
  .strict();
const DistrictStreet = z.object({
  streetCode: z.string(),
  streetName: z.string(),
  keyId: z.string(),
  fingerprint: z.string(),
  lastSeq: z.number().int(),
  lastAppliedAt: z.string().nullable(),
  totals: z.record(z.string(), z.number()),
});
export const DistrictState = z.object({
  path: z.string(),
  districtCode: z.string().nullable(),
  streets: z.array(DistrictStreet),
  packages: z.array(
    z.object({
      packageId: z.string(),
      streetCode: z.string(),
      seq: z.number().int(),
      baseSeq: z.number().int(),
      full: z.boolean(),
      deidentified: z.boolean(),
      createdAt: z.string(),
      appliedAt: z.string(),
      rowCount: z.number().int(),
      tombstoneCount: z.number().int(),
      fileName: z.string(),
    }),
  ),
  /** Summary columns in display order, with their Chinese labels. */
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
});
export type ExportPreviewT = z.output<typeof ExportPreview>;
export type ExportBatchT = z.output<typeof ExportBatch>;
export type DistrictStateT = z.output<typeof DistrictState>;
// ==== end exchange schemas ====

// ==== exchange schemas (数据交换包 / 区级汇总): insert above this line ====

// ---------------------------------------------------------------- 备份与恢复 / 操作日志 (issue 8)
import { BACKUP } from './messages';

export const BACKUP_REASONS = [
  'startup',
  'daily',
  'import',
  'merge',
  'restore',
  'manual',
  'migrate',
  'external',
] as const;
export const BackupCounts = z.object({
  communities: z.number().int(),
  members: z.number().int(),
  activities: z.number().int(),
  meetings: z.number().int(),
});
/** What a backup file holds, read from the file itself (read-only) and its sidecar manifest. */
export const BackupInfo = z.object({
  /** File name inside the backups folder, or null for a file elsewhere (USB). */
  name: z.string().nullable(),
  path: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  street: z.object({ code: z.string(), name: z.string() }).nullable(),
  counts: BackupCounts,
  schemaVersion: z.number().int(),
  /** true: integrity_check ok; false: damaged or unreadable (see problem). */
  integrityOk: z.boolean(),
  problem: z.string().nullable(),
});
export type BackupInfoT = z.output<typeof BackupInfo>;
const backupPath = z
  .string()
  .trim()
  .min(1, { error: BACKUP.pathRequired })
  .max(1000)
  .refine((v) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(v), { error: BACKUP.pathNotAbsolute });
const backupName = z
  .string()
  .max(200)
  .regex(/^[\w.-]+\.db$/);
/** Either a file of the backups folder (by name) or any file by absolute path. */
const BackupSource = z
  .object({ name: backupName.optional(), path: backupPath.optional() })
  .strict()
  .refine((v) => (v.name === undefined) !== (v.path === undefined), { error: BACKUP.pathRequired, path: ['path'] });
const keep = z
  .number({ error: '应为数字' })
  .int({ error: ERR.mustBeInteger })
  .min(0, { error: BACKUP.rotationRange })
  .max(365, { error: BACKUP.rotationRange });
export const BackupRotation = z.object({ keepDaily: keep, keepWeekly: keep, keepMonthly: keep });
export const BackupList = z.object({
  dir: z.string(),
  rows: z.array(BackupInfo),
  rotation: BackupRotation,
  current: z.object({ street: z.object({ code: z.string(), name: z.string() }).nullable(), counts: BackupCounts }),
});
export const BackupPreview = BackupInfo.extend({
  /** Whether it can be restored into this DB, and if not, why (zh-CN). */
  restorable: z.boolean(),
  refusal: z.string().nullable(),
});
const auditDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: ERR.dateFormat });
export const AuditQuery = z
  .object({
    entity: z.string().max(40).optional(),
    from: auditDay.optional(),
    to: auditDay.optional(),
    q: z.string().trim().max(100).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: BACKUP.audit.dateOrder, path: ['to'] });
export type AuditQueryT = z.output<typeof AuditQuery>;
export const AuditEntityCount = z.object({ entity: z.string(), count: z.number().int() });

// ==== backup schemas (备份与恢复 / 操作日志): insert above this line ====

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
    ['member', 'unit', 'community', 'grid', 'activity', 'activity_participant', 'audit'],
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
      agreements: z.number().int(),
      commitments: z.number().int(),
      posts: z.number().int(),
      claims: z.number().int(),
      teams: z.number().int(),
      teamMembers: z.number().int(),
      activities: z.number().int(),
      participations: z.number().int(),
      evaluations: z.number().int(),
      meetingBodies: z.number().int(),
      meetings: z.number().int(),
      attendees: z.number().int(),
      decisions: z.number().int(),
      decisionNotes: z.number().int(),
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
      'agreement',
      'commitment',
      'service_post',
      'post_claim',
      'volunteer_team',
      'team_member',
      'activity',
      'activity_participant',
      'member_evaluation',
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
        participationMin: activityThreshold('participationMin').optional(),
        participationTarget: activityThreshold('participationTarget').optional(),
        scoreWeights: ScoreWeightsInput.optional(),
        scoreEnabled: z.array(z.enum(SCORE_INDICATORS)).max(SCORE_INDICATORS.length).optional(),
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

  'agreements.list': method(AgreementQuery, z.object({ rows: z.array(AgreementRow), total: z.number().int() })),
  'agreements.get': method(z.object({ id }).strict(), AgreementDetail),
  'agreements.create': method(
    z
      .object({ ...agreementFields, commitments: z.array(z.object(commitmentFields).strict()).max(100).optional() })
      .strict(),
    AgreementDetail,
    ['agreement', 'commitment', 'audit'],
  ),
  'agreements.update': method(
    z
      .object({
        id,
        ...agreementFields,
        unitId: id.optional(),
        year: year.optional(),
        areas: agreementAreas.optional(),
      })
      .strict(),
    AgreementDetail,
    ['agreement', 'audit'],
  ),
  'agreements.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), ['agreement', 'audit']),
  'commitments.create': method(z.object({ agreementId: id, ...commitmentFields }).strict(), Commitment, [
    'commitment',
    'agreement',
    'audit',
  ]),
  'commitments.update': method(
    z.object({ id, ...commitmentFields, content: requiredText(200).optional() }).strict(),
    Commitment,
    ['commitment', 'agreement', 'audit'],
  ),
  'commitments.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), [
    'commitment',
    'agreement',
    'audit',
  ]),

  'posts.list': method(PostQuery, z.array(ServicePostRow)),
  'posts.get': method(z.object({ id }).strict(), ServicePostDetail),
  'posts.create': method(z.object({ communityId: id, ...postFields }).strict(), ServicePostRow, [
    'service_post',
    'audit',
  ]),
  'posts.update': method(
    z
      .object({
        id,
        ...postFields,
        name: requiredText(50).optional(),
        category: z.enum(POST_CATEGORIES).optional(),
        headcount: headcount.optional(),
      })
      .strict(),
    ServicePostRow,
    ['service_post', 'audit'],
  ),
  'posts.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), ['service_post', 'audit']),
  'posts.suggest': method(
    z.object({ postId: id, limit: z.number().int().min(1).max(50).optional() }).strict(),
    z.array(PostSuggestion),
  ),

  'claims.create': method(ClaimInput, PostClaim, ['post_claim', 'service_post', 'audit']),
  'claims.approve': method(z.object({ id, decidedDate: isoDate.optional(), note: optText(200) }).strict(), PostClaim, [
    'post_claim',
    'service_post',
    'audit',
  ]),
  'claims.reject': method(z.object({ id, decidedDate: isoDate.optional(), note: optText(200) }).strict(), PostClaim, [
    'post_claim',
    'service_post',
    'audit',
  ]),
  'claims.withdraw': method(
    z.object({ id, withdrawnDate: isoDate.optional(), note: optText(200) }).strict(),
    PostClaim,
    ['post_claim', 'service_post', 'audit'],
  ),

  'teams.list': method(
    z.object({ communityId: id.nullable().optional(), q: z.string().trim().max(50).optional() }).strict(),
    z.array(TeamRow),
  ),
  'teams.get': method(z.object({ id }).strict(), TeamDetail),
  'teams.create': method(
    z.object({ ...teamFields, memberIds: z.array(id).max(2000).optional() }).strict(),
    TeamDetail,
    ['volunteer_team', 'team_member', 'audit'],
  ),
  'teams.update': method(z.object({ id, ...teamFields, name: requiredText(50).optional() }).strict(), TeamDetail, [
    'volunteer_team',
    'team_member',
    'audit',
  ]),
  'teams.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), [
    'volunteer_team',
    'team_member',
    'audit',
  ]),
  'teams.addMembers': method(
    z.object({ teamId: id, memberIds: memberIdList, joinedDate: isoDate.optional() }).strict(),
    TeamDetail,
    ['team_member', 'volunteer_team', 'audit'],
  ),
  'teams.removeMember': method(z.object({ teamId: id, memberId: id }).strict(), TeamDetail, [
    'team_member',
    'volunteer_team',
    'audit',
  ]),

  'documents.agreement': method(z.object({ id }).strict(), Document),
  'documents.agreementPdf': method(z.object({ id }).strict(), FileOut),

  // ---- 共建协议 / 服务岗位 / 志愿服务队 (cobuild methods: insert above this line) ----

  'activities.list': method(ActivityQuery, z.object({ rows: z.array(ActivityRow), total: z.number().int() })),
  'activities.get': method(z.object({ id }).strict(), ActivityDetail),
  'activities.create': method(ActivityInput, ActivityDetail, ['activity', 'activity_participant', 'audit']),
  'activities.update': method(ActivityUpdate, ActivityDetail, ['activity', 'activity_participant', 'audit']),
  'activities.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), ['activity', 'audit']),
  'activities.addParticipants': method(
    z
      .object({
        activityId: id,
        memberIds: z.array(id).min(1, { error: ACTIVITY.memberIdsRequired }).max(2000),
        hours: serviceHours,
        role: optText(30),
      })
      .strict(),
    ActivityDetail,
    ['activity_participant', 'audit'],
  ),
  'activities.updateParticipant': method(
    z.object({ id, hours: serviceHours.optional(), role: optText(30) }).strict(),
    ActivityDetail,
    ['activity_participant', 'audit'],
  ),
  'activities.removeParticipant': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), [
    'activity_participant',
    'audit',
  ]),
  'members.activities': method(z.object({ memberId: id, period: periodCode.optional() }).strict(), MemberActivities),
  'units.participation': method(z.object({ unitId: id, period: periodCode.optional() }).strict(), UnitParticipation),
  'evaluations.list': method(z.object({ communityId: id, period: halfYearCode }).strict(), EvaluationList),
  'evaluations.save': method(
    z.object({ communityId: id, period: halfYearCode, items: z.array(EvaluationItem).min(1).max(5000) }).strict(),
    EvaluationList,
    ['member_evaluation', 'audit'],
  ),
  'reports.participation': method(z.object({ communityId: id, period: periodCode }).strict(), ParticipationTable),
  'documents.participationTable': method(z.object({ communityId: id, period: periodCode }).strict(), Document),
  'documents.participationTablePdf': method(z.object({ communityId: id, period: periodCode }).strict(), FileOut),
  'excel.exportParticipation': method(z.object({ communityId: id.optional(), period: periodCode }).strict(), FileOut),
  'documents.feedback': method(z.object({ memberId: id, period: halfYearCode }).strict(), Document),
  'documents.feedbackUnits': method(z.object({ period: halfYearCode }).strict(), z.array(FeedbackUnit)),
  'documents.feedbackBatchPdf': method(z.object({ period: halfYearCode, unitId: id.optional() }).strict(), FileOut),

  // ---- 服务活动 / 评价 / 统计表 / 反馈表 (activity methods: insert above this line) ----

  // ---- 协调议事会议 (meeting methods) ----
  'meetingBodies.list': method(
    z.object({ communityId: id.nullable().optional(), kind: z.enum(MEETING_BODY_KINDS).optional() }).strict(),
    z.array(MeetingBody),
  ),
  'meetingBodies.get': method(z.object({ id }).strict(), MeetingBodyDetail),
  'meetingBodies.create': method(MeetingBodyInput, MeetingBody, ['meeting_body', 'audit']),
  'meetingBodies.update': method(MeetingBodyInput.partial().extend({ id }).strict(), MeetingBody, [
    'meeting_body',
    'audit',
  ]),
  'meetingBodies.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), [
    'meeting_body',
    'audit',
  ]),
  /** Replaces the standing members. */
  'meetingBodies.setMembers': method(
    z.object({ bodyId: id, members: z.array(BodyMemberInput).max(200) }).strict(),
    MeetingBodyDetail,
    ['meeting_body_member', 'meeting_body', 'audit'],
  ),
  /** Creates what a street needs and lacks: its 街道社区党建工作协调会 and each community's 共驻共建协调议事小组 (quarterly). */
  'meetingBodies.createDefaults': method(empty, z.object({ created: z.number().int() }), ['meeting_body', 'audit']),

  'meetings.list': method(MeetingQuery, z.object({ rows: z.array(MeetingRow), total: z.number().int() })),
  'meetings.get': method(z.object({ id }).strict(), MeetingDetail),
  'meetings.create': method(MeetingInput, MeetingDetail, [
    'meeting',
    'meeting_attendee',
    'agenda_item',
    'decision',
    'audit',
  ]),
  /** Replaces attendees, agenda items and decisions (decisions given with their id keep their follow-up trail). */
  'meetings.update': method(MeetingUpdateInput, MeetingDetail, [
    'meeting',
    'meeting_attendee',
    'agenda_item',
    'decision',
    'decision_note',
    'audit',
  ]),
  'meetings.delete': method(z.object({ id }).strict(), z.object({ deleted: z.boolean() }), [
    'meeting',
    'decision',
    'audit',
  ]),
  'meetings.compliance': method(z.object({ year: z.number().int().min(2000).max(2100) }).strict(), ComplianceGrid),

  'decisions.board': method(DecisionBoardQuery, z.object({ rows: z.array(DecisionBoardRow), total: z.number().int() })),
  /** A dated follow-up note; it sets the decision's status (已落实 closes it on that date). */
  'decisions.addNote': method(DecisionNoteInput, Decision, ['decision_note', 'decision', 'audit']),

  // ---- 会议纪要 (minutes methods) ----
  'minutes.get': method(z.object({ meetingId: id }).strict(), MinutesState),
  /** A fresh draft generated from the meeting record (not saved). */
  'minutes.generate': method(z.object({ meetingId: id }).strict(), MinutesContent),
  'minutes.saveDraft': method(z.object({ meetingId: id, content: MinutesContent }).strict(), MinutesVersion, [
    'meeting_minutes',
    'audit',
  ]),
  /** The minutes as an HTML document (GB/T 9704 layout): the given content, or a stored version, or the draft. */
  'minutes.render': method(
    z.object({ meetingId: id, versionId: id.optional(), content: MinutesContent.optional() }).strict(),
    Document,
  ),
  /** Prints to PDF or .docx and stores exactly what was printed as a new frozen version. */
  'minutes.export': method(
    z.object({ meetingId: id, format: z.enum(['pdf', 'docx']), content: MinutesContent.optional() }).strict(),
    FileOut.extend({ versionId: id }),
    ['meeting_minutes', 'audit'],
  ),
  /** Records a print from the in-app print dialog as a frozen version. */
  'minutes.markPrinted': method(z.object({ meetingId: id, content: MinutesContent }).strict(), MinutesVersion, [
    'meeting_minutes',
    'audit',
  ]),
  /** A stored version's file again (PDF or .docx), without creating a new version. */
  'minutes.versionFile': method(z.object({ versionId: id, format: z.enum(['pdf', 'docx']) }).strict(), FileOut),

  // ---- 统计 / 目标考评 (stats methods) ----
  /** The dashboard's figures for the street (or one community) and a year (default: this year). */
  'stats.dashboard': method(z.object({ communityId: id.optional(), year: year.optional() }).strict(), StatsDashboard),
  /** The tables behind the dashboard's charts as an Excel workbook: one chart, or all of them (one sheet each). */
  'excel.exportDashboard': method(
    z
      .object({ communityId: id.optional(), year: year.optional(), chart: z.enum(DASHBOARD_CHARTS).optional() })
      .strict(),
    FileOut,
  ),
  'stats.table': method(
    z.object({ kind: z.enum(STAT_TABLE_KINDS), period: periodCode, communityId: id.optional() }).strict(),
    StatTable,
  ),
  'stats.scorecard': method(z.object({ year }).strict(), Scorecard),
  'documents.statsTable': method(
    z.object({ kind: z.enum(STAT_TABLE_KINDS), period: periodCode, communityId: id.optional() }).strict(),
    Document,
  ),
  'documents.statsTablePdf': method(
    z.object({ kind: z.enum(STAT_TABLE_KINDS), period: periodCode, communityId: id.optional() }).strict(),
    FileOut,
  ),
  'excel.exportStatsTable': method(
    z.object({ kind: z.enum(STAT_TABLE_KINDS), period: periodCode, communityId: id.optional() }).strict(),
    FileOut,
  ),
  /** The scorecard pages: one community, or every community one per page (全部打印). */
  'documents.scorecard': method(z.object({ year, communityId: id.optional() }).strict(), Document),
  'documents.scorecardPdf': method(z.object({ year, communityId: id.optional() }).strict(), FileOut),
  'excel.exportScorecard': method(z.object({ year }).strict(), FileOut),
  // ---- 统计 / 目标考评 (stats methods: insert above this line) ----

  // ---- 数据交换包 / 区级汇总 (exchange methods) ----
  /** What the next package would contain (counts before anything is written). */
  'package.preview': method(z.object({ full: z.boolean() }).strict(), ExportPreview),
  /** Builds, signs and writes a package (a folder on this PC), recorded as a 上报批次 with its audit rows. */
  'package.export': method(PackageExportInput, ExportBatch, ['audit']),
  /** The running export's progress (null when none runs). */
  'package.progress': method(empty, ExportProgressOut),
  'package.history': method(empty, z.array(ExportBatch)),
  /** Rebuilds the latest batch (same seq, range and content hash) into a folder. */
  'package.reexport': method(
    z.object({ batchId: id, outDir: folderPath.optional() }).strict(),
    z.object({ filePath: z.string(), sameBytes: z.boolean() }),
    ['audit'],
  ),
  /** Copies a batch's file to a folder the user chose (a USB stick), checking the copy's SHA-256. */
  'package.copy': method(z.object({ batchId: id, dir: folderPath }).strict(), z.object({ filePath: z.string() }), [
    'audit',
  ]),
  /** The street's public key file (made with the key pair if there is none yet) and its phone fingerprint. */
  'package.publicKey': method(empty, FileOut.extend({ fingerprint: z.string(), keyId: z.string() }), ['audit']),
  /** 区级汇总: open (or create) a district DB file and read its registry, packages and merged totals. */
  'district.open': method(z.object({ path: folderPath, create: z.boolean().optional() }).strict(), DistrictState),
  'district.register': method(
    z
      .object({
        path: folderPath,
        pubkeyPath: folderPath,
        fingerprint: z.string().trim().max(40).optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    z.object({ state: DistrictState, message: z.string() }),
  ),
  /** Verifies every package, then merges them in one transaction (or refuses all with the reasons). */
  'district.merge': method(
    z.object({ path: folderPath, files: z.array(folderPath).min(1).max(200) }).strict(),
    z.object({ state: DistrictState, messages: z.array(z.string()) }),
  ),
  // ---- 数据交换包 / 区级汇总 (exchange methods: insert above this line) ----

  'backup.list': method(empty, BackupList),
  'backup.create': method(empty, BackupInfo, ['audit']),
  'backup.toFolder': method(z.object({ folder: backupPath }).strict(), BackupInfo, ['audit']),
  'backup.inspect': method(BackupSource, BackupPreview),
  'backup.restore': method(
    z
      .object({ name: backupName.optional(), path: backupPath.optional(), confirm: z.literal(true) })
      .strict()
      .refine((v) => (v.name === undefined) !== (v.path === undefined), { error: BACKUP.pathRequired, path: ['path'] }),
    z.object({ restored: BackupInfo, preRestoreBackup: BackupInfo.nullable() }),
  ),
  'backup.setRotation': method(BackupRotation.strict(), BackupRotation, ['settings', 'audit']),
  'audit.search': method(AuditQuery, z.object({ rows: z.array(AuditRow), total: z.number().int() })),
  'audit.entities': method(empty, z.array(AuditEntityCount)),
  'audit.export': method(AuditQuery, FileOut, ['audit']),
  // ---- 备份与恢复 / 操作日志 (backup methods: insert above this line) ----
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
