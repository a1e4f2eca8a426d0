// Excel templates, exports and the all-or-nothing importer for members, units, communities and grids.
// api.ts wires: excel.template → excelTemplate, excel.export → excelExport, excel.import → prepareImport + writeImport.
import { PreparedImport } from './import';
import { preparedMemberRows as rowsOfPlan } from './import-members';

export { buildExport, excelExport, excelTemplate } from './export';
export { PreparedImport, prepareImport, writeImport, type CommitResult, type Plan } from './import';
export { COLUMNS, MAX_ROWS, type ColumnSpec } from './columns';
export { readSheet, type ReadResult, type Sheet } from './reader';
export { MEMBER_INSERT_SQL } from './import-members';
export { XLSX_MIME } from './writer';

/**
 * For the bench's raw better-sqlite3 baseline: copies of the rows a prepared members import would insert, in
 * MEMBER_INSERT_SQL order (the last three values — created_at, updated_at, change_seq — are the caller's to fill).
 */
export function preparedMemberRows(prepared: unknown): unknown[][] {
  return prepared instanceof PreparedImport ? rowsOfPlan(prepared.plan) : [];
}
