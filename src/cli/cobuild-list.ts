// `streetgrid list --kind agreements|posts|teams`: the cobuild records as the list methods return them (JSON with
// --json, else one tab-separated line per record). Members never appear unmasked in these rows.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../core/db/connection';
import { listAgreements } from '../core/services/agreements';
import { listPosts } from '../core/services/posts';
import { listTeams } from '../core/services/teams';
import { AppError } from '../shared/errors';
import { CLI, COBUILD, EXCEL } from '../shared/messages';

export type CobuildListKind = 'agreements' | 'posts' | 'teams';

export function isCobuildListKind(k: string | undefined): k is CobuildListKind {
  return k !== undefined && COBUILD.cli.kinds.includes(k);
}

function lineOf(kind: CobuildListKind, r: Record<string, unknown>): string {
  const f = (k: string) => (r[k] === null || r[k] === undefined ? '' : String(r[k]));
  switch (kind) {
    case 'agreements':
      return [f('year'), f('unitName'), f('communityName'), f('commitmentCount'), f('overdueCount')].join('\t');
    case 'posts':
      return [f('communityName'), f('name'), f('category'), f('headcount'), f('approvedCount'), f('pendingCount')].join(
        '\t',
      );
    case 'teams':
      return [f('communityName'), f('name'), f('theme'), f('leaderName'), f('memberCount')].join('\t');
  }
}

export function listCobuild(
  dbFile: string,
  kind: CobuildListKind,
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
    const all: unknown[] =
      kind === 'agreements'
        ? listAgreements(db, { offset: 0, limit: limit ?? -1 }).rows
        : kind === 'posts'
          ? listPosts(db, {})
          : listTeams(db, {});
    const rows = limit === undefined ? all : all.slice(0, limit);
    if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else for (const r of rows) process.stdout.write(lineOf(kind, r as Record<string, unknown>) + '\n');
    return 0;
  } finally {
    db.close();
  }
}
