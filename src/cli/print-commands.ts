// `streetgrid print card --db FILE --report ID [--paper A4|A5] --out FILE.pdf`: the 登记卡 as PDF through the core's
// PDF port (Chromium via playwright-core here). The browser is closed before the command returns.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { callAsync, type Core } from '../core/api';
import { openDatabase } from '../core/db/connection';
import { closePdfRenderer, type Paper } from '../core/documents/pdf-port';
import { reportIdForCardNo } from '../core/documents/registration-card';
import { AppError } from '../shared/errors';
import { CLI } from '../shared/messages';

function out(s: string): void {
  process.stdout.write(s + '\n');
}

function paperOf(v: string | undefined): Paper {
  const p = (v ?? 'A4').trim().toUpperCase();
  if (p !== 'A4' && p !== 'A5') throw new AppError('VALIDATION', CLI.printPaper(v ?? ''), { field: 'paper' });
  return p;
}

/** Writes next to the target first, then renames: a failed run never leaves half a PDF under the given name. */
function writeAtomically(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

async function printCard(args: string[], usageError: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      report: { type: 'string' },
      paper: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (!values.db) throw usageError(CLI.missingOption('db'));
  if (!values.report) throw usageError(CLI.missingOption('report'));
  if (!values.out) throw usageError(CLI.missingOption('out'));
  const paper = paperOf(values.paper);
  const given = values.report.trim();
  const isId = /^\d{1,15}$/.test(given) && Number(given) > 0;
  if (!isId && !/^\d{12}-\d{4}-\d{4,}$/.test(given))
    throw new AppError('VALIDATION', CLI.printReportFormat, { field: 'report' });
  if (!fs.existsSync(values.db)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(values.db)));
  const db = openDatabase({ file: values.db });
  try {
    const reportId = isId ? Number(given) : reportIdForCardNo(db, given);
    if (reportId === null) throw new AppError('NOT_FOUND', CLI.printCardNoNotFound(given), { field: 'report' });
    const core: Core = { db, mode: 'cli', logError: (e) => console.error(e) };
    const file = await callAsync(core, 'documents.registrationCardPdf', { reportId, paper });
    const target = path.resolve(values.out);
    writeAtomically(target, Buffer.from(file.base64, 'base64'));
    out(CLI.printDone(target));
    return 0;
  } finally {
    db.close();
    await closePdfRenderer();
  }
}

/** Returns the exit code; throws AppError (exit 1) or a usage problem (exit 2). */
export async function cmdPrint(args: string[], usageError: (message: string) => Error): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'card') return printCard(rest, usageError);
  throw usageError(CLI.printWhat(what ?? ''));
}
