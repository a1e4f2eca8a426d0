// Reads the data sheet of an uploaded workbook with exceljs (after zip-check has verified every entry): the header row and every non-empty
// data row, as normalized cells. Never throws: a file that is not a readable xlsx gives a Chinese message.
import { EXCEL } from '../../shared/messages';
import { normalizeCell, type Cell } from './cells';
import { MAX_ROWS } from './columns';
import { loadExcelJs } from './load';
import { checkZip } from './zip-check';

export interface SheetRow {
  /** The sheet's row number (header = 1). */
  rowNo: number;
  /** Cells by 1-based column number (sparse). */
  cells: Cell[];
}

export interface Sheet {
  /** Header cells by 1-based column number (sparse); `null` where the header cell is empty. */
  header: Cell[];
  /** Whether row 1 was present at all. */
  hasHeader: boolean;
  rows: SheetRow[];
  date1904: boolean;
}

export type ReadResult = { ok: true; sheet: Sheet } | { ok: false; message: string };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function rowCells(values: unknown): Cell[] {
  const out: Cell[] = [];
  if (!Array.isArray(values)) return out;
  for (let i = 1; i < values.length; i++) {
    const c = normalizeCell(values[i]);
    if (c !== null) out[i] = c;
  }
  return out;
}

function isEmpty(cells: Cell[]): boolean {
  for (const c of cells) if (c !== undefined && c !== null) return false;
  return true;
}

export async function readSheet(buf: Buffer, opts: { maxRows?: number } = {}): Promise<ReadResult> {
  const maxRows = opts.maxRows ?? MAX_ROWS;
  if (buf.length >= 4 && buf.subarray(0, 4).equals(OLE_MAGIC)) return { ok: false, message: EXCEL.oldXls };
  if (buf.length < 4 || !buf.subarray(0, 4).equals(ZIP_MAGIC)) return { ok: false, message: EXCEL.notXlsx };
  // Every entry must inflate to its declared size and CRC before exceljs sees the file: damaged deflate data or a
  // zip bomb is refused here with a clear message instead of failing (or hanging) inside the parser.
  if (!(await checkZip(buf)).ok) return { ok: false, message: EXCEL.corrupt };
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    // It starts like a zip (an xlsx is one) but is not a readable workbook.
    return { ok: false, message: EXCEL.corrupt };
  }
  const sheets = wb.worksheets;
  if (sheets.length === 0) return { ok: false, message: EXCEL.notXlsx };
  const ws = sheets.find((w) => w.name !== EXCEL.guideSheet);
  if (!ws) return { ok: false, message: EXCEL.noSheet };
  const s: Sheet = { header: [], hasHeader: false, rows: [], date1904: false };
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    if (tooMany) return;
    const cells = rowCells(row.values);
    if (rowNo === 1) {
      s.header = cells;
      s.hasHeader = true;
      return;
    }
    if (isEmpty(cells)) return;
    if (s.rows.length >= maxRows) {
      tooMany = true;
      return;
    }
    s.rows.push({ rowNo, cells });
  });
  if (tooMany) return { ok: false, message: EXCEL.tooManyRows(maxRows) };
  s.date1904 = (wb.properties as { date1904?: boolean } | undefined)?.date1904 === true;
  return { ok: true, sheet: s };
}
