// Small formatting helpers of the 党员 screens: ages, today's date, and the 变更记录 lines of a member's audit rows.
import dayjs from 'dayjs';
import type { LiaisonPositionT } from '../../../shared/contract';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS } from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { formatDate } from '../../components/format';
import { changeLines, fieldLabel, formatValue, type ChangeLine } from '../audit/auditFormat';

/** Whole years from an ISO birth date to today; null for a missing or invalid date. */
export function ageOf(birthDate: string | null | undefined, today = dayjs()): number | null {
  if (!birthDate) return null;
  const b = dayjs(birthDate);
  if (!b.isValid()) return null;
  return today.diff(b, 'year');
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** 1949年12月31日（76岁） */
export function birthWithAge(birthDate: string | null | undefined): string {
  const age = ageOf(birthDate);
  return age === null ? formatDate(birthDate) : `${formatDate(birthDate)}（${UI.members.age(age)}）`;
}

export function liaisonText(l: LiaisonPositionT | null | undefined): string | null {
  return l ? UI.members.liaisonShort(l.stationName, l.groupName) : null;
}

// ---- 变更记录 ---------------------------------------------------------------------------------------------------

/** Ids and bookkeeping: the names next to them (communityName, gridName, employerName) say it better. */
const HIDDEN = new Set(['id', 'communityId', 'gridId', 'employerUnitId', 'updatedAt', 'createdAt', 'changeSeq']);

const MEMBER_FIELD_LABELS: Record<string, string> = {
  name: UI.members.field.name,
  idMasked: UI.members.field.idNumber,
  phoneMasked: UI.members.field.phone,
  gender: UI.members.field.gender,
  birthDate: UI.members.field.birthDate,
  ethnicity: UI.members.field.ethnicity,
  communityName: UI.members.field.community,
  gridName: UI.members.field.grid,
  category: UI.members.field.category,
  employerName: UI.members.field.employer,
  employerPartyOrg: UI.members.field.employerPartyOrg,
  skills: UI.members.field.skills,
  reportDate: UI.members.field.reportDate,
  status: UI.members.field.status,
  note: UI.members.field.note,
  liaison: UI.members.tabs.network,
};

function memberValue(key: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') {
    if (key === 'category' && v in MEMBER_CATEGORY_LABELS)
      return MEMBER_CATEGORY_LABELS[v as keyof typeof MEMBER_CATEGORY_LABELS];
    if (key === 'status' && v in MEMBER_STATUS_LABELS)
      return MEMBER_STATUS_LABELS[v as keyof typeof MEMBER_STATUS_LABELS];
    if (key === 'gender' && v in GENDER_LABELS) return GENDER_LABELS[v as keyof typeof GENDER_LABELS];
    if (key === 'birthDate' || key === 'reportDate') return formatDate(v);
  }
  if (key === 'liaison' && typeof v === 'object' && !Array.isArray(v)) {
    const l = v as Partial<LiaisonPositionT>;
    if (l.stationName && l.groupName) return UI.members.liaisonShort(l.stationName, l.groupName);
  }
  return formatValue(key, v);
}

/**
 * The readable lines of one member audit entry: only the fields that changed, labelled as on the form, enum codes as
 * their Chinese labels, ID number and phone only ever as stored (masked).
 */
export function memberChangeLines(before: unknown, after: unknown): ChangeLine[] {
  return changeLines(before, after)
    .filter((l) => !HIDDEN.has(l.key))
    .map((l) => {
      const b = before as Record<string, unknown> | null;
      const a = after as Record<string, unknown> | null;
      return {
        ...l,
        label: MEMBER_FIELD_LABELS[l.key] ?? fieldLabel(l.key),
        before: l.before === undefined ? undefined : memberValue(l.key, b?.[l.key]),
        after: l.after === undefined ? undefined : memberValue(l.key, a?.[l.key]),
      };
    })
    .filter((l) => !((l.before ?? null) === null && (l.after ?? null) === null));
}
