// 会议纪要 versions (issue 5). A meeting's minutes are kept as numbered versions in meeting_minutes: the newest
// version, while unprinted, is the editable draft; every print (PDF, .docx, the print dialog) stores exactly what was
// printed as a new frozen version (printed_at, format), so later edits never change what left the office.
import type { FileOutT, MinutesContentT, MinutesStateT } from '../../shared/contract';
import { MinutesContent } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { MINUTES } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { generateMinutes, loadMeetingRecord, renderMinutes } from '../documents/minutes';
import { DOCX_MIME, minutesDocx } from '../documents/minutes-docx';
import { PDF_MIME, safeFileName } from '../documents/pdf';
import { getPdfRenderer } from '../documents/pdf-port';
import { currentStreet } from './street';

export type MinutesFormat = 'pdf' | 'docx';

interface VersionRow {
  id: number;
  meetingId: number;
  version: number;
  title: string;
  content: string;
  printedAt: string | null;
  format: string | null;
  updatedAt: string;
}

const VERSION_COLS = `id, meeting_id as meetingId, version, title, content, printed_at as printedAt, format,
  updated_at as updatedAt`;

function parseContent(raw: string): MinutesContentT {
  return MinutesContent.parse(JSON.parse(raw));
}

function toVersion(r: VersionRow) {
  return { ...r, content: parseContent(r.content) };
}

function versionRows(db: StreetGridDb, meetingId: number): VersionRow[] {
  return db.sqlite
    .prepare(`select ${VERSION_COLS} from meeting_minutes where meeting_id = ? order by version`)
    .all(meetingId) as VersionRow[];
}

function versionRow(db: StreetGridDb, versionId: number): VersionRow {
  const r = db.sqlite.prepare(`select ${VERSION_COLS} from meeting_minutes where id = ?`).get(versionId) as
    VersionRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', MINUTES.versionNotFound, { field: 'versionId' });
  return r;
}

/**
 * The draft: the newest version while it is unprinted; after a print, what was printed last (so edits continue from
 * it, saved as a new version); with no versions yet, generated from the meeting record.
 */
function draftOf(db: StreetGridDb, meetingId: number): { content: MinutesContentT; versionId: number | null } {
  const rows = versionRows(db, meetingId);
  const last = rows[rows.length - 1];
  if (!last) return { content: generateMinutes(db, meetingId), versionId: null };
  return { content: parseContent(last.content), versionId: last.printedAt === null ? last.id : null };
}

export function getMinutes(db: StreetGridDb, meetingId: number): MinutesStateT {
  loadMeetingRecord(db, meetingId);
  const draft = draftOf(db, meetingId);
  return {
    meetingId,
    draft: draft.content,
    draftVersionId: draft.versionId,
    versions: versionRows(db, meetingId).map(({ content: _c, ...v }) => v),
  };
}

export { generateMinutes };

function nextVersion(db: StreetGridDb, meetingId: number): number {
  const r = db.sqlite
    .prepare('select coalesce(max(version), 0) + 1 as v from meeting_minutes where meeting_id = ?')
    .get(meetingId) as { v: number };
  return r.v;
}

function insertVersion(
  ctx: ActionCtx,
  meetingId: number,
  content: MinutesContentT,
  printed: { format: string } | null,
): VersionRow {
  const version = nextVersion(ctx.db, meetingId);
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `insert into meeting_minutes (created_at, updated_at, change_seq, meeting_id, version, title, content,
           printed_at, format) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        ctx.now,
        ctx.now,
        ctx.seq(),
        meetingId,
        version,
        content.title,
        JSON.stringify(content),
        printed ? ctx.now : null,
        printed?.format ?? null,
      ).lastInsertRowid,
  );
  ctx.touch('meeting_minutes');
  return versionRow(ctx.db, id);
}

/** Saves the editable draft: updates the newest version while unprinted, else adds a new unprinted version. */
export function saveDraft(ctx: ActionCtx, meetingId: number, content: MinutesContentT) {
  loadMeetingRecord(ctx.db, meetingId);
  const rows = versionRows(ctx.db, meetingId);
  const last = rows[rows.length - 1];
  if (last && last.printedAt === null) {
    ctx.db.sqlite
      .prepare('update meeting_minutes set title = ?, content = ?, updated_at = ?, change_seq = ? where id = ?')
      .run(content.title, JSON.stringify(content), ctx.now, ctx.seq(), last.id);
    ctx.touch('meeting_minutes');
    ctx.audit({
      action: 'update',
      entity: 'meeting_minutes',
      entityId: last.id,
      summary: MINUTES.audit.draftUpdated(content.title, last.version),
      before: parseContent(last.content),
      after: content,
    });
    return toVersion(versionRow(ctx.db, last.id));
  }
  const row = insertVersion(ctx, meetingId, content, null);
  ctx.audit({
    action: 'create',
    entity: 'meeting_minutes',
    entityId: row.id,
    summary: MINUTES.audit.draftCreated(content.title, row.version),
    after: content,
  });
  return toVersion(row);
}

/** Stores what was printed as a new frozen version (export, CLI, the in-app print dialog). */
export function storePrinted(ctx: ActionCtx, meetingId: number, content: MinutesContentT, format: string) {
  loadMeetingRecord(ctx.db, meetingId);
  const row = insertVersion(ctx, meetingId, content, { format });
  ctx.audit({
    action: 'print',
    entity: 'meeting_minutes',
    entityId: row.id,
    summary: MINUTES.audit.printed(content.title, row.version, MINUTES.formats[format] ?? format),
    after: { version: row.version, format },
  });
  return toVersion(row);
}

/** The minutes as HTML: the given content, else a stored version of this meeting, else the draft. */
export function renderMinutesDoc(
  db: StreetGridDb,
  input: { meetingId: number; versionId?: number | undefined; content?: MinutesContentT | undefined },
) {
  let content = input.content;
  if (!content && input.versionId !== undefined) {
    const r = versionRow(db, input.versionId);
    if (r.meetingId !== input.meetingId)
      throw new AppError('NOT_FOUND', MINUTES.versionNotFound, { field: 'versionId' });
    content = parseContent(r.content);
  }
  content ??= draftOf(db, input.meetingId).content;
  return renderMinutes(content, currentStreet(db));
}

/** 会议纪要-<会议机构>-2026-11-22.pdf|docx */
function fileNameFor(db: StreetGridDb, meetingId: number, format: MinutesFormat): string {
  const m = loadMeetingRecord(db, meetingId);
  return safeFileName(`${MINUTES.fileStem}-${m.bodyName}-${m.date}.${format}`);
}

/** Renders a file from content (no DB writes): PDF through the PDF port, or .docx. */
export async function minutesFile(
  db: StreetGridDb,
  meetingId: number,
  content: MinutesContentT,
  format: MinutesFormat,
): Promise<FileOutT> {
  const street = currentStreet(db);
  const fileName = fileNameFor(db, meetingId, format);
  if (format === 'docx') {
    const buf = await minutesDocx(content, street);
    return { fileName, mimeType: DOCX_MIME, base64: buf.toString('base64') };
  }
  const pdf = await getPdfRenderer().render(renderMinutes(content, street).html, { paper: 'A4' });
  return { fileName, mimeType: PDF_MIME, base64: pdf.toString('base64') };
}

export interface PreparedExport {
  content: MinutesContentT;
  file: FileOutT;
  format: MinutesFormat;
}

/** minutes.export, step 1 (outside any transaction): resolve the content and render the file. */
export async function prepareExport(
  db: StreetGridDb,
  input: { meetingId: number; format: MinutesFormat; content?: MinutesContentT | undefined },
): Promise<PreparedExport> {
  const content = input.content ?? draftOf(db, input.meetingId).content;
  const file = await minutesFile(db, input.meetingId, content, input.format);
  return { content, file, format: input.format };
}

/** minutes.export, step 2 (one transaction): store exactly what was rendered as a frozen version. */
export function commitExport(ctx: ActionCtx, meetingId: number, prepared: unknown): FileOutT & { versionId: number } {
  const p = prepared as PreparedExport;
  const v = storePrinted(ctx, meetingId, p.content, p.format);
  return { ...p.file, versionId: v.id };
}

/** A stored version's file again, without creating a new version. */
export async function versionFile(db: StreetGridDb, versionId: number, format: MinutesFormat): Promise<FileOutT> {
  const r = versionRow(db, versionId);
  return minutesFile(db, r.meetingId, parseContent(r.content), format);
}
