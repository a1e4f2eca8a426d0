// 参加社区活动情况统计表 as Excel: one worksheet per community (or the one asked for), each with a title row (street,
// community, period), the period and the date written, the header, one row per reported 在职党员 and a totals row.
// ID numbers are masked as in every list. Built with exceljs like the other exports (loaded on first use).
import type ExcelJS from 'exceljs';
import type { FileOutT, ParticipationTableT } from '../../shared/contract';
import { APP_NAME, ACTIVITY } from '../../shared/messages';
import { periodOf, todayIso } from '../../shared/period';
import { formatDateZh } from '../../shared/validators';
import type { StreetGridDb } from '../db/connection';
import { listCommunities } from '../services/communities';
import { participationTable } from '../services/participation';
import { loadExcelJs } from './load';
import { BORDER, HEADER_FILL } from './titled';
import { XLSX_MIME } from './writer';

const X = ACTIVITY.excel;
const WIDTHS = [6, 10, 22, 34, 15, 14, 16, 30];

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 28) || X.sheet;
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}(${i})`;
  used.add(n);
  return n;
}

function addSheet(wb: ExcelJS.Workbook, t: ParticipationTableT, written: string, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(t.communityName, used), {
    views: [{ state: 'frozen', ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = WIDTHS.map((width, i) => ({ width, ...(i === 2 ? { style: { numFmt: '@' } } : {}) }));
  const last = WIDTHS.length;
  const title = ws.addRow([X.title(t.streetName, t.communityName, t.periodLabel)]);
  ws.mergeCells(1, 1, 1, last);
  title.height = 30;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const meta = ws.addRow([
    `${ACTIVITY.doc.period}${ACTIVITY.doc.periodRange(t.periodLabel, formatDateZh(t.from), formatDateZh(t.to))}`,
  ]);
  ws.mergeCells(2, 1, 2, 5);
  meta.getCell(6).value = X.written(formatDateZh(written));
  ws.mergeCells(2, 6, 2, last);
  meta.getCell(6).alignment = { horizontal: 'right' };
  const head = ws.addRow([...X.headers]);
  head.height = 22;
  head.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });
  t.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.name,
      r.idMasked,
      r.employerName ?? '',
      r.reportDate,
      r.activities,
      r.hours,
      r.posts.join('、'),
    ]);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = BORDER;
      c.alignment = { vertical: 'middle', wrapText: true };
    });
  });
  const total = ws.addRow([
    X.total,
    '',
    ACTIVITY.doc.totalMembers(t.totals.members),
    '',
    '',
    t.totals.activities,
    t.totals.hours,
    ACTIVITY.doc.totalMembers(t.totals.withPosts),
  ]);
  ws.mergeCells(total.number, 1, total.number, 2);
  total.eachCell({ includeEmpty: true }, (c) => {
    c.font = { bold: true };
    c.border = BORDER;
  });
  total.getCell(1).alignment = { horizontal: 'center' };
}

/** The 统计表 workbook for one community, or every community in use when `communityId` is absent. */
export async function exportParticipation(
  db: StreetGridDb,
  i: { communityId?: number | undefined; period: string },
): Promise<FileOutT> {
  const p = periodOf(i.period);
  const tables =
    i.communityId !== undefined
      ? [participationTable(db, i.communityId, p.code)]
      : listCommunities(db, { includeRetired: false }).map((c) => participationTable(db, c.id, p.code));
  const ExcelJs = await loadExcelJs();
  const wb = new ExcelJs.Workbook();
  wb.creator = APP_NAME;
  wb.created = new Date();
  const written = todayIso();
  const used = new Set<string>();
  for (const t of tables) addSheet(wb, t, written, used);
  if (tables.length === 0) wb.addWorksheet(X.sheet);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const scope = i.communityId !== undefined ? (tables[0]?.communityName ?? '') : X.allCommunities;
  return { fileName: X.file(scope, p.code), mimeType: XLSX_MIME, base64: buf.toString('base64') };
}
