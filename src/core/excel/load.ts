// exceljs is loaded on first use: it is heavy (≈0.25 s), and everything that imports the core API (every CLI
// command, the app's start-up) should not pay for it until a workbook is actually read or written.
import type * as ExcelJsModule from 'exceljs';

type ExcelJs = typeof ExcelJsModule;

let loaded: Promise<ExcelJs> | null = null;

export function loadExcelJs(): Promise<ExcelJs> {
  loaded ??= import('exceljs').then((m) => (m as unknown as { default?: ExcelJs }).default ?? m);
  return loaded;
}
