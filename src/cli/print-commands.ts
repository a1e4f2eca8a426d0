// `streetgrid print card --db FILE --report ID [--paper A4|A5] --out FILE.pdf`: the 登记卡 as PDF through the core's
// PDF port (Chromium via playwright-core here). The browser is closed before the command returns.
// `streetgrid print feedback --db FILE --period 2026H2 [--unit ID] --out DIR|FILE.pdf`: the 在职党员活动情况反馈表,
// one PDF per employer unit into DIR (反馈表-<单位>-2026H2.pdf), or all units in one PDF (a cover page per unit).
// `streetgrid print minutes --db FILE --meeting ID --out FILE.pdf|FILE.docx`: the 会议纪要 (GB/T 9704), kept as a
// frozen printed version of the meeting's minutes.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { callAsync, type Core } from '../core/api';
import { openDatabase } from '../core/db/connection';
import { closePdfRenderer, type Paper } from '../core/documents/pdf-port';
import { reportIdForCardNo } from '../core/documents/registration-card';
import { feedbackPdfsPerUnit } from '../core/documents/feedback';
import { contract } from '../shared/contract';
import { fromZodError } from '../shared/errors';
import { ACTIVITY } from '../shared/messages';
import { AppError } from '../shared/errors';
import { CLI, MINUTES } from '../shared/messages';

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

/** `a.pdf`, then `a(2).pdf`, … so two units with the same printable name never overwrite each other. */
function uniqueName(name: string, used: Set<string>): string {
  const dot = name.lastIndexOf('.');
  let n = name;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${name.slice(0, dot)}(${i})${name.slice(dot)}`;
  used.add(n.toLowerCase());
  return n;
}

async function printFeedback(args: string[], usageError: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      period: { type: 'string' },
      unit: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (!values.db) throw usageError(CLI.missingOption('db'));
  if (!values.period) throw usageError(ACTIVITY.cli.needPeriod);
  if (!values.out) throw usageError(CLI.missingOption('out'));
  let unitId: number | undefined;
  if (values.unit !== undefined) {
    if (!/^\d{1,15}$/.test(values.unit.trim()) || Number(values.unit) <= 0)
      throw new AppError('VALIDATION', ACTIVITY.cli.unitFormat, { field: 'unit' });
    unitId = Number(values.unit);
  }
  const input = contract['documents.feedbackBatchPdf'].input.safeParse(
    unitId === undefined ? { period: values.period } : { period: values.period, unitId },
  );
  if (!input.success) throw fromZodError(input.error);
  if (!fs.existsSync(values.db)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(values.db)));
  const db = openDatabase({ file: values.db });
  try {
    const target = path.resolve(values.out);
    if (/\.pdf$/i.test(target)) {
      const core: Core = { db, mode: 'cli', logError: (e) => console.error(e) };
      const file = await callAsync(core, 'documents.feedbackBatchPdf', input.data);
      writeAtomically(target, Buffer.from(file.base64, 'base64'));
      const forms = (await callAsync(core, 'documents.feedbackUnits', { period: input.data.period }))
        .filter((u) => unitId === undefined || u.unitId === unitId)
        .reduce((n, u) => n + u.count, 0);
      out(ACTIVITY.cli.feedbackDone(forms, 1, target));
      return 0;
    }
    const files = await feedbackPdfsPerUnit(db, input.data.period, input.data.unitId);
    fs.mkdirSync(target, { recursive: true });
    const used = new Set<string>();
    for (const f of files) writeAtomically(path.join(target, uniqueName(f.fileName, used)), f.pdf);
    out(
      ACTIVITY.cli.feedbackDone(
        files.reduce((n, f) => n + f.forms, 0),
        files.length,
        target,
      ),
    );
    return 0;
  } finally {
    db.close();
    await closePdfRenderer();
  }
}

/** `print minutes`: the 会议纪要 as PDF or .docx (by the --out extension), stored as a frozen printed version. */
async function printMinutes(args: string[], usageError: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, meeting: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.db) throw usageError(CLI.missingOption('db'));
  if (!values.meeting) throw usageError(CLI.missingOption('meeting'));
  if (!values.out) throw usageError(CLI.missingOption('out'));
  const given = values.meeting.trim();
  if (!/^\d{1,15}$/.test(given) || Number(given) <= 0)
    throw new AppError('VALIDATION', MINUTES.cli.meetingFormat, { field: 'meeting' });
  const ext = /\.(pdf|docx)$/i.exec(values.out)?.[1]?.toLowerCase();
  if (ext !== 'pdf' && ext !== 'docx') throw new AppError('VALIDATION', MINUTES.cli.outFormat, { field: 'out' });
  if (!fs.existsSync(values.db)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(values.db)));
  const db = openDatabase({ file: values.db });
  try {
    const core: Core = { db, mode: 'cli', logError: (e) => console.error(e) };
    const file = await callAsync(core, 'minutes.export', { meetingId: Number(given), format: ext });
    const target = path.resolve(values.out);
    writeAtomically(target, Buffer.from(file.base64, 'base64'));
    const version = (await callAsync(core, 'minutes.get', { meetingId: Number(given) })).versions.find(
      (v) => v.id === file.versionId,
    )?.version;
    out(MINUTES.cli.done(target, version ?? 0));
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
  if (what === 'feedback') return printFeedback(rest, usageError);
  if (what === 'minutes') return printMinutes(rest, usageError);
  throw usageError(CLI.printWhat(what ?? ''));
}
