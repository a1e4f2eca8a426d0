// Matches a sheet's header row to a table's columns and hands out each data row's cells in column order.
import { EXCEL } from '../../shared/messages';
import { asText, Bad, type Cell } from './cells';
import { columnLetter, normalizeHeader, type ColumnSpec } from './columns';
import type { Problems } from './problems';
import type { Sheet } from './reader';

export interface TableRow {
  rowNo: number;
  /** One cell per column spec, in spec order (`null` when empty or the column is absent). */
  cells: Cell[];
}

export interface Table {
  /** Whether each column spec's column is in the file. */
  present: boolean[];
  rows: TableRow[];
  date1904: boolean;
}

/**
 * Reads the header row: unknown, repeated and unnamed-but-filled columns are problems on row 1; a missing required
 * column is too, and makes the rows unreadable (`null` is returned: only the header problems are reported).
 */
export function mapTable(
  sheet: Sheet,
  cols: readonly ColumnSpec[],
  problems: Problems,
  updateExisting: boolean,
): Table | null {
  if (!sheet.hasHeader || sheet.header.every((c) => c === null || c === undefined)) {
    problems.add(1, '', EXCEL.noHeader);
    return null;
  }
  const byHeader = new Map<string, number>();
  cols.forEach((c, i) => {
    byHeader.set(c.header, i);
    for (const a of c.aliases ?? []) byHeader.set(normalizeHeader(a), i);
  });
  const position: number[] = cols.map(() => 0);
  const named = new Set<number>();
  sheet.header.forEach((cell, colNo) => {
    if (cell === null || cell === undefined) return;
    const t = asText(cell);
    const raw = t instanceof Bad || t === undefined ? '' : t;
    const h = normalizeHeader(raw);
    if (h === '') return;
    named.add(colNo);
    const i = byHeader.get(h);
    if (i === undefined) {
      problems.add(1, raw, EXCEL.unknownColumn(raw), 1000 + colNo);
      return;
    }
    const spec = cols[i];
    if (!spec) return;
    if (position[i]) {
      problems.add(1, spec.header, EXCEL.duplicateColumn(spec.header), i + 1);
      return;
    }
    position[i] = colNo;
  });
  let fatal = false;
  cols.forEach((c, i) => {
    if (position[i]) return;
    if (c.required === 'always' || (c.required === 'new' && !updateExisting)) {
      problems.add(1, c.header, EXCEL.missingColumn(c.header), i + 1);
      fatal = true;
    }
  });
  // Data under a column without a name would be silently lost: say so, once per column.
  const unnamed = new Set<number>();
  for (const r of sheet.rows) {
    r.cells.forEach((c, colNo) => {
      if (c !== null && c !== undefined && !named.has(colNo)) unnamed.add(colNo);
    });
  }
  for (const colNo of [...unnamed].sort((a, b) => a - b)) {
    const letter = columnLetter(colNo);
    problems.add(1, EXCEL.columnLetter(letter), EXCEL.unnamedColumn(letter), 1000 + colNo);
  }
  if (fatal) return null;
  const rows: TableRow[] = sheet.rows.map((r) => ({
    rowNo: r.rowNo,
    cells: position.map((colNo) => (colNo ? (r.cells[colNo] ?? null) : null)),
  }));
  return { present: position.map((p) => p > 0), rows, date1904: sheet.date1904 };
}
