// Placeholder until the Excel importer/exporter lands (being written in this session).
import type { FileOutT, ImportResultT, ParsedInput } from '../../shared/contract';
import type { ExcelKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';

export function excelTemplate(_kind: ExcelKind): Promise<FileOutT> {
  return Promise.reject(new AppError('INTERNAL', 'Excel 功能尚未完成。'));
}
export function excelExport(_db: StreetGridDb, _i: ParsedInput<'excel.export'>): Promise<FileOutT> {
  return Promise.reject(new AppError('INTERNAL', 'Excel 功能尚未完成。'));
}
export function prepareImport(_db: StreetGridDb, _i: ParsedInput<'excel.import'>): Promise<unknown> {
  return Promise.reject(new AppError('INTERNAL', 'Excel 功能尚未完成。'));
}
export function writeImport(_ctx: ActionCtx, _i: ParsedInput<'excel.import'>, _p: unknown): ImportResultT {
  throw new AppError('INTERNAL', 'Excel 功能尚未完成。');
}
