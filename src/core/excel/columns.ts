// Column layout of the Excel tables (templates, exports and imports share it: the same headers both ways).
import type { ExcelKind } from '../../shared/contract';
import {
  ACTIVITY_CATEGORY_LABELS,
  COMMUNITY_KIND_LABELS,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  ORGANIZER_KIND_LABELS,
  SPACE_OWNERSHIP_LABELS,
  UNIT_TYPE_LABELS,
} from '../../shared/enums';
import { EXCEL } from '../../shared/messages';

/** Data rows a file may hold (the header row not counted). */
export const MAX_ROWS = 200_000;

export interface ColumnSpec {
  key: string;
  header: string;
  /** Other spellings accepted on import (the template always writes `header`). */
  aliases?: readonly string[];
  width: number;
  /** 'always': the column and a value are required; 'new': required for rows that create a record. */
  required: 'always' | 'new' | false;
  /** Cells formatted as text ('@') so Excel does not turn ID numbers or codes into numbers. */
  text?: boolean;
  /** Dropdown (data validation list). */
  list?: readonly string[];
  note: string;
}

const YES_NO = [EXCEL.yes, EXCEL.no] as const;
const N = EXCEL.notes;

function labels(r: Record<string, string>): string[] {
  return Object.values(r);
}

export const MEMBER_COLUMNS = [
  { key: 'name', header: '姓名', width: 12, required: 'new', note: N.members.name },
  { key: 'gender', header: '性别', width: 7, required: false, list: labels(GENDER_LABELS), note: N.members.gender },
  { key: 'birthDate', header: '出生日期', width: 13, required: false, text: true, note: N.members.birthDate },
  { key: 'ethnicity', header: '民族', width: 10, required: false, note: N.members.ethnicity },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '居民身份证号', '身份证'],
    width: 22,
    required: 'always',
    text: true,
    note: N.members.idNumber,
  },
  {
    key: 'phone',
    header: '手机号',
    aliases: ['手机号码', '手机', '联系电话'],
    width: 14,
    required: false,
    text: true,
    note: N.members.phone,
  },
  {
    key: 'category',
    header: '类别',
    aliases: ['党员类别'],
    width: 12,
    required: 'new',
    list: labels(MEMBER_CATEGORY_LABELS),
    note: N.members.category,
  },
  {
    key: 'community',
    header: '所在社区',
    aliases: ['所属社区', '社区'],
    width: 16,
    required: 'new',
    text: true,
    note: N.members.community,
  },
  {
    key: 'grid',
    header: '所在网格',
    aliases: ['所属网格', '网格'],
    width: 12,
    required: false,
    text: true,
    note: N.members.grid,
  },
  { key: 'employer', header: '工作单位', width: 24, required: false, note: N.members.employer },
  { key: 'skills', header: '专业特长', width: 20, required: false, note: N.members.skills },
  { key: 'reportDate', header: '报到日期', width: 13, required: false, text: true, note: N.members.reportDate },
  { key: 'note', header: '备注', width: 24, required: false, note: N.members.note },
] as const satisfies readonly ColumnSpec[];

export const UNIT_COLUMNS = [
  { key: 'name', header: '单位名称', width: 28, required: 'new', note: N.units.name },
  {
    key: 'uscc',
    header: '统一社会信用代码',
    aliases: ['社会信用代码', '信用代码'],
    width: 22,
    required: false,
    text: true,
    note: N.units.uscc,
  },
  { key: 'type', header: '单位类型', width: 12, required: 'new', list: labels(UNIT_TYPE_LABELS), note: N.units.type },
  {
    key: 'community',
    header: '所在社区',
    aliases: ['所属社区', '社区'],
    width: 16,
    required: false,
    text: true,
    note: N.units.community,
  },
  { key: 'partyOrgName', header: '党组织名称', width: 24, required: false, note: N.units.partyOrgName },
  { key: 'partySecretary', header: '党组织书记', width: 12, required: false, note: N.units.partySecretary },
  { key: 'contactPerson', header: '联系人', width: 10, required: false, note: N.units.contactPerson },
  { key: 'contactPhone', header: '联系电话', width: 15, required: false, text: true, note: N.units.contactPhone },
  {
    key: 'isCouncilMember',
    header: '是否协调议事小组成员单位',
    aliases: ['协调议事小组成员单位'],
    width: 14,
    required: false,
    list: YES_NO,
    note: N.units.isCouncilMember,
  },
  { key: 'resources', header: '资源清单', width: 30, required: false, note: N.units.resources },
] as const satisfies readonly ColumnSpec[];

export const COMMUNITY_COLUMNS = [
  {
    key: 'code',
    header: '统计代码',
    aliases: ['社区代码', '代码'],
    width: 15,
    required: 'always',
    text: true,
    note: N.communities.code,
  },
  { key: 'name', header: '名称', aliases: ['社区名称'], width: 16, required: 'new', note: N.communities.name },
  { key: 'officialName', header: '正式名称', width: 22, required: false, note: N.communities.officialName },
  {
    key: 'kind',
    header: '类型',
    width: 7,
    required: false,
    list: labels(COMMUNITY_KIND_LABELS),
    note: N.communities.kind,
  },
  { key: 'households', header: '户数', width: 8, required: false, note: N.communities.households },
  { key: 'population', header: '人口', aliases: ['人口数'], width: 8, required: false, note: N.communities.population },
  {
    key: 'spaceArea',
    header: '阵地面积',
    aliases: ['阵地面积（平方米）', '阵地面积(平方米)'],
    width: 10,
    required: false,
    note: N.communities.spaceArea,
  },
  {
    key: 'spaceOwnership',
    header: '产权',
    aliases: ['阵地产权'],
    width: 7,
    required: false,
    list: labels(SPACE_OWNERSHIP_LABELS),
    note: N.communities.spaceOwnership,
  },
  {
    key: 'hasServiceHall',
    header: '一门式服务大厅',
    width: 10,
    required: false,
    list: YES_NO,
    note: N.communities.hasServiceHall,
  },
  { key: 'functionRooms', header: '功能室', width: 24, required: false, note: N.communities.functionRooms },
  { key: 'secretaryName', header: '书记', width: 10, required: false, note: N.communities.secretaryName },
  { key: 'directorName', header: '主任', width: 10, required: false, note: N.communities.directorName },
  {
    key: 'secretaryIsDirector',
    header: '书记主任一肩挑',
    width: 10,
    required: false,
    list: YES_NO,
    note: N.communities.secretaryIsDirector,
  },
  {
    key: 'deputySecretaryName',
    header: '专职副书记',
    width: 10,
    required: false,
    note: N.communities.deputySecretaryName,
  },
  { key: 'careerStaffCount', header: '事业编制人数', width: 8, required: false, note: N.communities.careerStaffCount },
  {
    key: 'partyWorkerCount',
    header: '专职党务工作者人数',
    width: 10,
    required: false,
    note: N.communities.partyWorkerCount,
  },
] as const satisfies readonly ColumnSpec[];

export const GRID_COLUMNS = [
  {
    key: 'community',
    header: '所在社区',
    aliases: ['所属社区', '社区'],
    width: 16,
    required: 'new',
    text: true,
    note: N.grids.community,
  },
  {
    key: 'code',
    header: '网格编码',
    aliases: ['网格代码', '编码'],
    width: 16,
    required: 'always',
    text: true,
    note: N.grids.code,
  },
  { key: 'name', header: '网格名称', width: 14, required: 'new', note: N.grids.name },
  { key: 'leaderName', header: '网格长', width: 10, required: false, note: N.grids.leaderName },
  { key: 'gridWorkers', header: '网格员', width: 22, required: false, note: N.grids.gridWorkers },
  { key: 'households', header: '户数', width: 8, required: false, note: N.grids.households },
  { key: 'buildings', header: '覆盖楼栋', width: 24, required: false, note: N.grids.buildings },
] as const satisfies readonly ColumnSpec[];

/**
 * 服务活动 with participants: one row per participant, the activity's columns repeated on each of its rows (as
 * offices keep sign-in sheets). Rows with the same 活动日期 + 所在社区 + 活动名称 + 开始时间 are one activity.
 */
export const ACTIVITY_COLUMNS = [
  {
    key: 'date',
    header: '活动日期',
    aliases: ['日期'],
    width: 13,
    required: 'always',
    text: true,
    note: N.activities.date,
  },
  {
    key: 'startTime',
    header: '开始时间',
    width: 9,
    required: false,
    text: true,
    note: N.activities.startTime,
  },
  { key: 'endTime', header: '结束时间', width: 9, required: false, text: true, note: N.activities.endTime },
  {
    key: 'community',
    header: '所在社区',
    aliases: ['所属社区', '社区'],
    width: 16,
    required: false,
    text: true,
    note: N.activities.community,
  },
  { key: 'title', header: '活动名称', width: 24, required: 'always', note: N.activities.title },
  {
    key: 'category',
    header: '活动类别',
    aliases: ['类别'],
    width: 11,
    required: 'always',
    list: labels(ACTIVITY_CATEGORY_LABELS),
    note: N.activities.category,
  },
  {
    key: 'organizerKind',
    header: '组织方类型',
    aliases: ['组织方'],
    width: 12,
    required: 'always',
    list: labels(ORGANIZER_KIND_LABELS),
    note: N.activities.organizerKind,
  },
  {
    key: 'organizerName',
    header: '组织方名称',
    aliases: ['组织单位'],
    width: 22,
    required: false,
    note: N.activities.organizerName,
  },
  { key: 'place', header: '活动地点', aliases: ['地点'], width: 18, required: false, note: N.activities.place },
  {
    key: 'description',
    header: '活动内容',
    aliases: ['活动简介', '内容'],
    width: 24,
    required: false,
    note: N.activities.description,
  },
  {
    key: 'residentsServed',
    header: '服务居民人数',
    aliases: ['服务居民（人次）', '服务居民(人次)', '服务人数'],
    width: 10,
    required: false,
    note: N.activities.residentsServed,
  },
  {
    key: 'participantKind',
    header: '参与者类型',
    width: 11,
    required: false,
    list: labels(EXCEL.participantKinds),
    note: N.activities.participantKind,
  },
  {
    key: 'participant',
    header: '参与者',
    aliases: ['参与者姓名', '参与人', '姓名'],
    width: 16,
    required: 'always',
    text: true,
    note: N.activities.participant,
  },
  {
    key: 'idTail',
    header: '身份证号后四位',
    aliases: ['身份证后四位', '身份证号', '身份证号码'],
    width: 12,
    required: false,
    text: true,
    note: N.activities.idTail,
  },
  {
    key: 'hours',
    header: '服务时长（小时）',
    aliases: ['服务时长(小时)', '服务时长', '时长（小时）', '时长(小时)', '时长'],
    width: 10,
    required: 'always',
    note: N.activities.hours,
  },
  { key: 'role', header: '角色', aliases: ['担任角色'], width: 12, required: false, note: N.activities.role },
] as const satisfies readonly ColumnSpec[];

export const COLUMNS: Record<ExcelKind, readonly ColumnSpec[]> = {
  members: MEMBER_COLUMNS,
  units: UNIT_COLUMNS,
  communities: COMMUNITY_COLUMNS,
  grids: GRID_COLUMNS,
  activities: ACTIVITY_COLUMNS,
};

/** The key union of one table's columns. */
export type ColumnKey<C extends readonly ColumnSpec[]> = C[number]['key'];

/** A header as typed by a person: no spaces, no required-markers (*姓名, 姓名*). */
export function normalizeHeader(h: string): string {
  return h.replace(/\s+/g, '').replace(/^[*＊]+|[*＊]+$/g, '');
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  let x = n;
  while (x > 0) {
    const r = (x - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}
