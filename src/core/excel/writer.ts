// Writes a table (template or export) with exceljs' streaming writer: data sheet with a bold frozen header, column
// widths, text-formatted code columns and dropdowns, then the 填写说明 sheet.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { ExcelKind } from '../../shared/contract';
import { APP_NAME, EXCEL } from '../../shared/messages';
import { COLUMNS, columnLetter, MAX_ROWS, type ColumnSpec } from './columns';
import { loadExcelJs } from './load';
import { BORDER, HEADER_FILL } from './titled';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type OutCell = string | number | null;

function requiredLabel(c: ColumnSpec): string {
  if (c.required === 'always') return EXCEL.required;
  if (c.required === 'new') return EXCEL.requiredForNew;
  return EXCEL.optional;
}

function styleHeader(row: ExcelJS.Row, count: number, required?: (i: number) => boolean): void {
  row.height = 22;
  for (let i = 1; i <= count; i++) {
    const cell = row.getCell(i);
    cell.font = { bold: true, ...(required?.(i - 1) ? { color: { argb: 'FFC00000' } } : {}) };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
  }
}

function addGuide(wb: ExcelJS.stream.xlsx.WorkbookWriter, kind: ExcelKind, cols: readonly ColumnSpec[]): void {
  const ws = wb.addWorksheet(EXCEL.guideSheet);
  ws.columns = [{ width: 24 }, { width: 12 }, { width: 90 }];
  const title = ws.addRow([EXCEL.guideTitle(EXCEL.kindLabel[kind])]);
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  ws.addRow([]).commit();
  const head = ws.addRow(EXCEL.guideHeaders);
  styleHeader(head, 3);
  head.commit();
  for (const c of cols) {
    const r = ws.addRow([c.header, requiredLabel(c), c.note]);
    r.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    r.getCell(1).font = { bold: c.required !== false };
    r.commit();
  }
  ws.addRow([]).commit();
  EXCEL.guideGeneral.forEach((text, i) => {
    const r = ws.addRow([`${i + 1}.`, '', text]);
    r.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    r.commit();
  });
  ws.commit();
}

/** Rows below the data that still get the dropdowns (room to add records). */
const DROPDOWN_SPARE_ROWS = 5000;

/** The workbook of one table: header row, `rows`, dropdowns, and the 填写说明 sheet. */
export async function writeTable(kind: ExcelKind, sheetName: string, rows: readonly OutCell[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const { stream } = await loadExcelJs();
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = APP_NAME;
  wb.created = new Date();
  const cols = COLUMNS[kind];
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  const header = ws.addRow(cols.map((c) => c.header));
  styleHeader(header, cols.length, (i) => cols[i]?.required !== false);
  header.commit();
  for (const r of rows) ws.addRow(r).commit();
  // The streaming worksheet has dataValidations (ranges allowed) but exceljs' typings leave it out.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  cols.forEach((c, i) => {
    if (!c.list) return;
    const col = columnLetter(i + 1);
    validations.add(`${col}2:${col}${Math.min(MAX_ROWS, rows.length + DROPDOWN_SPARE_ROWS) + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: EXCEL.oneOf(c.list),
    });
  });
  ws.autoFilter = `A1:${columnLetter(cols.length)}1`;
  ws.commit();
  addGuide(wb, kind, cols);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
