// `streetgrid list --kind meetings|decisions`: meetings as meetings.list returns them (newest first, attendance and
// decision counts) and every 议定事项 of live meetings as the decisions board shows them (overdue first), JSON with
// --json, else one tab-separated line per record.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../core/db/connection';
import { decisionBoard, listMeetings } from '../core/services/meetings';
import { AppError } from '../shared/errors';
import { CLI, EXCEL, MEETING } from '../shared/messages';

export type MeetingListKind = 'meetings' | 'decisions';

export function isMeetingListKind(k: string | undefined): k is MeetingListKind {
  return k !== undefined && MEETING.cliKinds.includes(k);
}

function lineOf(kind: MeetingListKind, r: Record<string, unknown>): string {
  const f = (k: string) => (r[k] === null || r[k] === undefined ? '' : String(r[k]));
  if (kind === 'meetings')
    return [f('date'), f('bodyName'), f('communityName'), f('presentCount'), f('leaveCount'), f('decisionCount')].join(
      '\t',
    );
  return [f('meetingDate'), f('bodyName'), f('content'), f('deadline'), f('status'), r.overdue ? 'overdue' : ''].join(
    '\t',
  );
}

export function listMeetingRecords(
  dbFile: string,
  kind: MeetingListKind,
  opts: { limit?: string | undefined; json?: boolean | undefined },
  usage: (message: string) => Error,
): number {
  let limit: number | undefined;
  if (opts.limit !== undefined) {
    limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) throw usage(EXCEL.cliLimit);
  }
  if (!fs.existsSync(dbFile)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(dbFile)));
  const db = openDatabase({ file: dbFile });
  try {
    // SQLite: a negative LIMIT means no limit.
    const rows: unknown[] =
      kind === 'meetings'
        ? listMeetings(db, { offset: 0, limit: limit ?? -1 }).rows
        : decisionBoard(db, { status: 'all', offset: 0, limit: limit ?? -1 }).rows;
    if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else for (const r of rows) process.stdout.write(lineOf(kind, r as Record<string, unknown>) + '\n');
    return 0;
  } finally {
    db.close();
  }
}
