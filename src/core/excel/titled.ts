// The look every exported workbook shares (grey bold header, thin grey borders) and the heading of the printable
// tables a street sends upward: a merged title row, a row with the scope/period on the left and 制表日期 on the
// right, then the header. Used by the 统计表 / 目标考评 / dashboard / 参加社区活动情况统计表 exports and the templates.
import type ExcelJS from 'exceljs';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
export const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF808080' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** Bold, grey, centred, bordered: a header row. */
export function styleHeaderRow(row: ExcelJS.Row): void {
  row.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });
}

/** Rows 1–3 of a printable table: title (merged), `meta` left / `written` (制表日期…) right, the header. */
export function tableHeading(
  ws: ExcelJS.Worksheet,
  title: string,
  meta: string,
  written: string,
  header: string[],
  opts: { titleSize?: number; headerHeight?: number } = {},
): void {
  const last = header.length;
  const t = ws.addRow([title]);
  ws.mergeCells(1, 1, 1, last);
  t.height = 30;
  t.getCell(1).font = { bold: true, size: opts.titleSize ?? 16 };
  t.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const m = ws.addRow([meta]);
  const split = Math.max(1, Math.min(last - 1, Math.max(2, last - 2)));
  if (split > 1) ws.mergeCells(2, 1, 2, split);
  m.getCell(split + 1).value = written;
  if (split + 1 < last) ws.mergeCells(2, split + 1, 2, last);
  m.getCell(split + 1).alignment = { horizontal: 'right' };
  const h = ws.addRow(header);
  h.height = opts.headerHeight ?? 22;
  styleHeaderRow(h);
}
