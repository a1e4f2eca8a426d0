import { UI } from './messages';

export const COMMUNITY_KINDS = ['community', 'village'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];
export const COMMUNITY_KIND_LABELS: Record<CommunityKind, string> = UI.kinds;

export const SPACE_OWNERSHIPS = ['owned', 'rented', 'borrowed'] as const;
export type SpaceOwnership = (typeof SPACE_OWNERSHIPS)[number];
export const SPACE_OWNERSHIP_LABELS: Record<SpaceOwnership, string> = UI.ownership;

/** Tables whose changes the renderer listens for (query keys are named after them). */
export const TABLES = [
  'street',
  'community',
  'community_funding',
  'grid',
  'settings',
  'audit',
  'unit',
  'member',
  'member_report',
  'liaison_station',
  'liaison_group',
  'liaison_assignment',
  'agreement',
  'commitment',
  'service_post',
  'post_claim',
  'volunteer_team',
  'team_member',
  'activity',
  'activity_participant',
  'member_evaluation',
  'meeting_body',
  'meeting_body_member',
  'meeting',
  'meeting_attendee',
  'agenda_item',
  'decision',
  'decision_note',
  'meeting_minutes',
] as const;
export type TableName = (typeof TABLES)[number];

/** The database's schema identity: PRAGMA application_id. ASCII "SGRD". */
export const APPLICATION_ID = 0x53475244;

export const UNIT_TYPES = ['organ', 'institution', 'soe', 'private', 'social', 'school', 'hospital', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  organ: '机关',
  institution: '事业单位',
  soe: '国有企业',
  private: '非公企业',
  social: '社会组织',
  school: '学校',
  hospital: '医院',
  other: '其他',
};

export const MEMBER_CATEGORIES = ['employed', 'retired', 'mobile'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  employed: '在职党员',
  retired: '离退休党员',
  mobile: '流动党员',
};

export const MEMBER_STATUSES = ['active', 'transferred', 'deceased'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  active: '在册',
  transferred: '转出',
  deceased: '去世',
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

/** Network-role filter of the member list. */
export const NETWORK_ROLES = ['liaison', 'unassigned'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];
export const NETWORK_ROLE_LABELS: Record<NetworkRole, string> = { liaison: '联络员', unassigned: '未编入联络网络' };

// ---- 共驻共建 service work -------------------------------------------------------------------------------------

/** The "四联" areas a co-building agreement covers. */
export const AGREEMENT_AREAS = ['party', 'safety', 'petition', 'health'] as const;
export type AgreementArea = (typeof AGREEMENT_AREAS)[number];
export const AGREEMENT_AREA_LABELS: Record<AgreementArea, string> = {
  party: '联党建',
  safety: '联平安创建',
  petition: '联信访',
  health: '联卫生',
};

export const COMMITMENT_STATUSES = ['pending', 'in_progress', 'done', 'unfulfilled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  pending: '未开始',
  in_progress: '进行中',
  done: '已完成',
  unfulfilled: '未履行',
};

export const POST_CATEGORIES = [
  'organization',
  'legal',
  'assistance',
  'governance',
  'health',
  'culture',
  'safety',
  'other',
] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];
export const POST_CATEGORY_LABELS: Record<PostCategory, string> = {
  organization: '组织建设',
  legal: '法律咨询与援助',
  assistance: '助困扶残与就业援助',
  governance: '社区治理',
  health: '健康医疗',
  culture: '文化体育',
  safety: '安全宣传与治安巡逻',
  other: '其他',
};

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已退出',
};

export const ACTIVITY_CATEGORIES = [
  'tech',
  'culture',
  'education',
  'health',
  'law',
  'safety',
  'poverty',
  'peace',
  'petition',
  'environment',
  'party_education',
  'volunteer',
  'other',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];
export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  tech: '科技',
  culture: '文体',
  education: '教育',
  health: '卫生',
  law: '法治',
  safety: '安全',
  poverty: '扶贫济困',
  peace: '平安创建',
  petition: '信访',
  environment: '环境卫生',
  party_education: '党员教育',
  volunteer: '志愿服务',
  other: '其他',
};

export const ORGANIZER_KINDS = ['community', 'unit', 'team'] as const;
export type OrganizerKind = (typeof ORGANIZER_KINDS)[number];
export const ORGANIZER_KIND_LABELS: Record<OrganizerKind, string> = {
  community: '社区',
  unit: '驻区单位',
  team: '志愿服务队',
};

export const EVALUATION_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];
export const EVALUATION_GRADE_LABELS: Record<EvaluationGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
};

// ---- 协调议事会议 -------------------------------------------------------------------------------------------------

export const MEETING_BODY_KINDS = ['street_council', 'joint', 'cobuild', 'consult', 'other'] as const;
export type MeetingBodyKind = (typeof MEETING_BODY_KINDS)[number];
export const MEETING_BODY_KIND_LABELS: Record<MeetingBodyKind, string> = {
  street_council: '街道社区党建工作协调会',
  joint: '社区党建联席会',
  cobuild: '共驻共建协调议事小组',
  consult: '议事协商会',
  other: '其他',
};

/** How often a body must meet (at least once per period); 'none' = no requirement. */
export const MEETING_FREQUENCIES = ['none', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type MeetingFrequency = (typeof MEETING_FREQUENCIES)[number];
export const MEETING_FREQUENCY_LABELS: Record<MeetingFrequency, string> = {
  none: '不作要求',
  monthly: '每月至少一次',
  quarterly: '每季度至少一次',
  half_yearly: '每半年至少一次',
  yearly: '每年至少一次',
};

export const ATTENDANCE_KINDS = ['present', 'observer', 'leave'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];
export const ATTENDANCE_LABELS: Record<AttendanceKind, string> = { present: '出席', observer: '列席', leave: '请假' };

export const DECISION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  open: '未落实',
  in_progress: '推进中',
  done: '已落实',
};

/** Label → code, for importers and forms that accept the Chinese label. */
export function codeForLabel<K extends string>(labels: Record<K, string>, label: string): K | null {
  const t = label.trim();
  for (const [k, v] of Object.entries(labels) as [K, string][]) if (v === t || k === t) return k;
  return null;
}
