// 统计表 and 目标考评 as Excel workbooks (exceljs): a title row, the street and period, the date made, the header, the
// data rows and the totals row; numbers are stored as numbers (shares as fractions formatted 0.0%), so the office
// can sum and chart them in Excel/WPS.
import type ExcelJS from 'exceljs';
import type { FileOutT, ScorecardT, StatTableKind, StatTableT } from '../../shared/contract';
import { APP_NAME, STATS_UI } from '../../shared/messages';
import { formatDateZh } from '../../shared/validators';
import type { StreetGridDb } from '../db/connection';
import { scorecard } from '../services/scorecard';
import { statTable } from '../services/stat-tables';
import { loadExcelJs } from './load';
import { BORDER, HEADER_FILL, tableHeading } from './titled';
import { XLSX_MIME } from './writer';
import { safeFileName } from '../documents/pdf';

const X = STATS_UI.excel;
const FORMATS = { int: '0', hours: '0.##', ratio: '0.0%' } as const;

export async function writeStatTable(t: StatTableT): Promise<Buffer> {
  const ExcelJs = await loadExcelJs();
  const wb = new ExcelJs.Workbook();
  wb.creator = APP_NAME;
  wb.created = new Date();
  const ws = wb.addWorksheet(STATS_UI.tables.short[t.kind] ?? t.kind, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 3, topLeftCell: 'C4', activeCell: 'C4' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [
    { width: 6 },
    { width: 30 },
    ...t.columns.map((c) => ({ width: Math.max(9, Math.min(16, c.label.length * 2 + 2)) })),
  ];
  const period =
    t.kind === 'members'
      ? t.periodLabel
      : STATS_UI.tables.periodLine(t.periodLabel, formatDateZh(t.from), formatDateZh(t.to));
  const scope = t.communityName ? `${t.streetName} ${t.communityName}` : t.streetName;
  tableHeading(
    ws,
    t.title,
    X.meta(scope, period),
    X.written(formatDateZh(t.today)),
    [STATS_UI.doc.seq, t.rowHeader, ...t.columns.map((c) => c.label)],
    { headerHeight: 32 },
  );
  const styleRow = (row: ExcelJS.Row, bold: boolean) => {
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = BORDER;
      if (bold) c.font = { bold: true };
      if (col > 2) c.numFmt = FORMATS[t.columns[col - 3]!.format];
    });
  };
  t.rows.forEach((r, i) => styleRow(ws.addRow([i + 1, r.label, ...r.values]), false));
  const total = ws.addRow([STATS_UI.tables.total, '', ...t.totals]);
  ws.mergeCells(total.number, 1, total.number, 2);
  styleRow(total, true);
  total.getCell(1).alignment = { horizontal: 'center' };
  ws.addRow([]);
  for (const note of t.notes) {
    const r = ws.addRow([`${STATS_UI.doc.notes}${note}`]);
    ws.mergeCells(r.number, 1, r.number, t.columns.length + 2);
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    r.height = 32;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportStatTable(
  db: StreetGridDb,
  i: { kind: StatTableKind; period: string; communityId?: number | undefined },
): Promise<FileOutT> {
  const t = statTable(db, i);
  const buf = await writeStatTable(t);
  return {
    fileName: safeFileName(X.file(t.title, t.communityName ?? X.allCommunities, t.period)),
    mimeType: XLSX_MIME,
    base64: buf.toString('base64'),
  };
}

/** 社区目标考评: the ranked sheet (rank, community, score, each indicator's share and points) and the raw figures. */
export async function writeScorecard(card: ScorecardT): Promise<Buffer> {
  const ExcelJs = await loadExcelJs();
  const wb = new ExcelJs.Workbook();
  wb.creator = APP_NAME;
  wb.created = new Date();
  const S = STATS_UI.scorecard;
  const on = card.indicators.filter((i) => i.enabled);
  const ws = wb.addWorksheet(X.scorecardSheet, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 3, topLeftCell: 'D4', activeCell: 'D4' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 6 }, { width: 22 }, { width: 9 }, ...on.flatMap(() => [{ width: 12 }, { width: 10 }])];
  tableHeading(
    ws,
    S.title(card.year),
    X.meta(card.streetName, `${card.year}年`),
    X.written(formatDateZh(card.today)),
    [
      S.rank,
      S.community,
      S.score,
      ...on.flatMap((i) => [`${i.label}（权重 ${(Math.round(i.weight * 1000) / 10).toFixed(1)}%）`, `${i.label}得分`]),
    ],
    { headerHeight: 32 },
  );
  for (const r of card.rows) {
    const row = ws.addRow([
      r.rank,
      r.communityName,
      r.score,
      ...on.flatMap((i) => [r.figures[i.key].value, r.figures[i.key].points]),
    ]);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = BORDER;
      if (col === 3) c.numFmt = '0.0';
      else if (col > 3) c.numFmt = (col - 4) % 2 === 0 ? '0.0%' : '0.00';
    });
  }
  ws.addRow([]);
  const note = ws.addRow([S.weightsNote]);
  ws.mergeCells(note.number, 1, note.number, 3 + on.length * 2);
  for (const i of on) {
    const r = ws.addRow([`${i.label}：${i.definition}`]);
    ws.mergeCells(r.number, 1, r.number, 3 + on.length * 2);
  }

  // 原始数据: every indicator's numerator / denominator per community (the figures behind each share).
  const raw = wb.addWorksheet(X.figuresSheet, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  raw.columns = [
    { width: 16 },
    { width: 22 },
    { width: 18 },
    { width: 44 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
    { width: 10 },
  ];
  const h = raw.addRow([
    S.code,
    S.community,
    S.indicator,
    S.rawFigures,
    S.numerator,
    S.denominator,
    S.value,
    S.weight,
    S.points,
  ]);
  h.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = BORDER;
  });
  for (const r of card.rows)
    for (const i of card.indicators) {
      const f = r.figures[i.key];
      const row = raw.addRow([
        r.communityCode,
        r.communityName,
        i.label,
        f.detail,
        f.numerator,
        f.denominator,
        f.value,
        f.weight,
        f.points,
      ]);
      row.getCell(1).numFmt = '@';
      row.getCell(7).numFmt = '0.0%';
      row.getCell(8).numFmt = '0.0%';
      row.getCell(9).numFmt = '0.00';
    }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportScorecard(db: StreetGridDb, i: { year: number }): Promise<FileOutT> {
  const buf = await writeScorecard(scorecard(db, i));
  return { fileName: X.scorecardFile(i.year), mimeType: XLSX_MIME, base64: buf.toString('base64') };
}
