// Templates and exports. An export holds every row of the current filtered list, with the template's headers (so a
// file can go back in), ID numbers and phones masked as in every list.
import type { ExcelKind, FileOutT, MemberQueryT, ParsedInput, UnitQueryT } from '../../shared/contract';
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
import type { StreetGridDb } from '../db/connection';
import { listCommunities } from '../services/communities';
import { listGrids } from '../services/grids';
import { listMembers } from '../services/members';
import { listUnits } from '../services/units';
import { writeTable, XLSX_MIME, type OutCell } from './writer';

/** SQLite: a negative LIMIT means no limit — exports hold every matching row. */
const ALL = -1;

function fileOut(fileName: string, buf: Buffer): FileOutT {
  return { fileName, mimeType: XLSX_MIME, base64: buf.toString('base64') };
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

const yesNo = (b: boolean): string => (b ? EXCEL.yes : EXCEL.no);
const list = (items: readonly string[]): string | null => (items.length > 0 ? items.join('、') : null);

export async function excelTemplate(kind: ExcelKind): Promise<FileOutT> {
  const buf = await writeTable(kind, EXCEL.dataSheet[kind], []);
  return fileOut(EXCEL.templateFile(EXCEL.kindLabel[kind]), buf);
}

function memberRows(db: StreetGridDb, q: MemberQueryT): OutCell[][] {
  return listMembers(db, { ...q, offset: 0, limit: ALL }).rows.map((m) => [
    m.name,
    GENDER_LABELS[m.gender],
    m.birthDate,
    m.ethnicity,
    m.idMasked,
    m.phoneMasked,
    MEMBER_CATEGORY_LABELS[m.category],
    m.communityName,
    m.gridName,
    m.employerName,
    list(m.skills),
    m.reportDate,
    m.note,
  ]);
}

function unitRows(db: StreetGridDb, q: UnitQueryT): OutCell[][] {
  return listUnits(db, { ...q, offset: 0, limit: ALL }).rows.map((u) => [
    u.name,
    u.uscc,
    UNIT_TYPE_LABELS[u.type],
    u.communityName,
    u.partyOrgName,
    u.partySecretary,
    u.contactPerson,
    u.contactPhone,
    yesNo(u.isCouncilMember),
    list(u.resources.map((r) => (r.description ? `${r.name}：${r.description}` : r.name))),
  ]);
}

function communityRows(db: StreetGridDb, communityId: number | undefined): OutCell[][] {
  return listCommunities(db, { includeRetired: false })
    .filter((c) => communityId === undefined || c.id === communityId)
    .map((c) => [
      c.code,
      c.name,
      c.officialName,
      COMMUNITY_KIND_LABELS[c.kind],
      c.households,
      c.population,
      c.spaceArea,
      c.spaceOwnership ? SPACE_OWNERSHIP_LABELS[c.spaceOwnership] : null,
      yesNo(c.hasServiceHall),
      list(c.functionRooms),
      c.secretaryName,
      c.directorName,
      yesNo(c.secretaryIsDirector),
      c.deputySecretaryName,
      c.careerStaffCount,
      c.partyWorkerCount,
    ]);
}

function gridRows(db: StreetGridDb, communityId: number | undefined): OutCell[][] {
  const names = new Map(listCommunities(db, { includeRetired: true }).map((c) => [c.id, c.name]));
  return listGrids(db, communityId).map((g) => [
    names.get(g.communityId) ?? null,
    g.code,
    g.name,
    g.leaderName,
    list(g.gridWorkers),
    g.households,
    g.buildings,
  ]);
}

interface ActivityExportRow {
  date: string;
  startTime: string | null;
  endTime: string | null;
  communityName: string | null;
  title: string;
  category: keyof typeof ACTIVITY_CATEGORY_LABELS;
  organizerKind: keyof typeof ORGANIZER_KIND_LABELS;
  organizerName: string | null;
  place: string | null;
  description: string | null;
  residentsServed: number;
  memberName: string | null;
  idTail: string | null;
  unitName: string | null;
  hours: number | null;
  role: string | null;
}

/**
 * 服务活动 in the import layout: one row per participant (an activity without participants: one row with the
 * participant columns empty). Members are named with their 身份证号后四位 only.
 */
function activityRows(db: StreetGridDb, communityId: number | undefined): OutCell[][] {
  const rows = db.sqlite
    .prepare(
      `select a.date, a.start_time as startTime, a.end_time as endTime, c.name as communityName, a.title, a.category,
              a.organizer_kind as organizerKind,
              case a.organizer_kind when 'unit' then ou.name when 'team' then t.name else c.name end as organizerName,
              a.place, a.description, a.residents_served as residentsServed, m.name as memberName,
              m.id_tail as idTail, u.name as unitName, p.hours, p.role
       from activity a
       left join community c on c.id = a.community_id
       left join unit ou on ou.id = a.organizer_unit_id
       left join volunteer_team t on t.id = a.organizer_team_id
       left join activity_participant p on p.activity_id = a.id
       left join member m on m.id = p.member_id
       left join unit u on u.id = p.unit_id
       where a.deleted_at is null and (? is null or a.community_id = ?)
       order by a.date, a.id, p.member_id is null, p.id`,
    )
    .all(communityId ?? null, communityId ?? null) as ActivityExportRow[];
  return rows.map((r) => [
    r.date,
    r.startTime,
    r.endTime,
    r.communityName,
    r.title,
    ACTIVITY_CATEGORY_LABELS[r.category],
    ORGANIZER_KIND_LABELS[r.organizerKind],
    r.organizerName,
    r.place,
    r.description,
    r.residentsServed,
    r.memberName !== null ? EXCEL.participantKinds.member : r.unitName !== null ? EXCEL.participantKinds.unit : null,
    r.memberName ?? r.unitName,
    r.idTail,
    r.hours,
    r.role,
  ]);
}

/** The export file and how many records it holds. */
export async function buildExport(
  db: StreetGridDb,
  i: ParsedInput<'excel.export'>,
): Promise<{ file: FileOutT; count: number }> {
  let rows: OutCell[][];
  switch (i.kind) {
    case 'members':
      rows = memberRows(db, {
        ...i.members,
        ...(i.communityId !== undefined && i.members?.communityId === undefined ? { communityId: i.communityId } : {}),
      });
      break;
    case 'units':
      rows = unitRows(db, {
        ...i.units,
        ...(i.communityId !== undefined && i.units?.communityId === undefined ? { communityId: i.communityId } : {}),
      });
      break;
    case 'communities':
      rows = communityRows(db, i.communityId);
      break;
    case 'grids':
      rows = gridRows(db, i.communityId);
      break;
    case 'activities':
      rows = activityRows(db, i.communityId);
      break;
  }
  const buf = await writeTable(i.kind, EXCEL.exportSheet[i.kind], rows);
  return { file: fileOut(EXCEL.exportFile(EXCEL.kindLabel[i.kind], today()), buf), count: rows.length };
}

export async function excelExport(db: StreetGridDb, i: ParsedInput<'excel.export'>): Promise<FileOutT> {
  return (await buildExport(db, i)).file;
}
