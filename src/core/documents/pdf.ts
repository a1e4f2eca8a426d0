// Placeholder until the PDF port lands (being written in this session).
import type { FileOutT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { StreetGridDb } from '../db/connection';

export function registrationCardPdf(_db: StreetGridDb, _reportId: number, _paper: 'A4' | 'A5'): Promise<FileOutT> {
  return Promise.reject(new AppError('INTERNAL', 'PDF 功能尚未完成。'));
}
