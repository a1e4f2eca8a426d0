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

/** Label → code, for importers and forms that accept the Chinese label. */
export function codeForLabel<K extends string>(labels: Record<K, string>, label: string): K | null {
  const t = label.trim();
  for (const [k, v] of Object.entries(labels) as [K, string][]) if (v === t || k === t) return k;
  return null;
}
