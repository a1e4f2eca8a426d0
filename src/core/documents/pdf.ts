// Documents as PDF files: the HTML from ./registration-card (and later the other documents) through the PDF port.
import type { FileOutT } from '../../shared/contract';
import type { StreetGridDb } from '../db/connection';
import { getPdfRenderer, type Paper } from './pdf-port';
import { loadRegistrationCard, renderRegistrationCard } from './registration-card';
import { DOC_TEXT } from './text';

export const PDF_MIME = 'application/pdf';

/** A file name safe on Windows, UOS/Kylin and in a zip: no path separators, reserved or control characters. */
export function safeFileName(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
}

function pdfFile(fileName: string, pdf: Buffer): FileOutT {
  return { fileName: safeFileName(fileName), mimeType: PDF_MIME, base64: pdf.toString('base64') };
}

/** 登记卡-<姓名>-<编号>.pdf. The data is read synchronously first (one consistent view), then rendered. */
export async function registrationCardPdf(db: StreetGridDb, reportId: number, paper: Paper): Promise<FileOutT> {
  const data = loadRegistrationCard(db, reportId);
  const doc = renderRegistrationCard(data, paper);
  const pdf = await getPdfRenderer().render(doc.html, { paper });
  return pdfFile(`${DOC_TEXT.card.fileStem}-${data.member.name}-${data.report.cardNo}.pdf`, pdf);
}
