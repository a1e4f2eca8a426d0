// `streetgrid stats --db FILE [--community CODE] [--year YYYY] [--json]`: the dashboard's figures (stats.dashboard).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { call, type Core } from '../core/api';
import { openDatabase } from '../core/db/connection';
import { currentStreet } from '../core/services/street';
import type { StatsDashboardT } from '../shared/contract';
import { AppError } from '../shared/errors';
import { CLI, ERR, STATS } from '../shared/messages';

function out(s: string): void {
  process.stdout.write(s + '\n');
}

function text(d: StatsDashboardT, street: string, names: Map<string, string>, community: string | null): string[] {
  const t = STATS.cli;
  const lines = [t.title(street, d.year, community), t.members(d.members.total)];
  for (const [label, n] of Object.entries(d.members.byCategory)) lines.push(t.category(label, n));
  lines.push(t.byCommunity);
  for (const [code, n] of Object.entries(d.members.byCommunity))
    lines.push(t.communityLine(code, names.get(code) ?? '', n));
  lines.push('', t.activities(d.activities.total, d.activities.hours, d.activities.residentsServed));
  for (const [m, n] of Object.entries(d.activities.byMonth))
    lines.push(t.month(m, n, d.activities.hoursByMonth[m] ?? 0));
  lines.push(t.byCategory);
  for (const [label, n] of Object.entries(d.activities.byCategory))
    if (n > 0) lines.push(t.category(label, n).replace('名', '场'));
  lines.push('', t.participation(d.participation.reported, d.participation.atLeastOne, d.participation.atLeastFour));
  lines.push('', t.compliance);
  for (const [code, q] of Object.entries(d.meetings.compliance)) {
    const cells = (['Q1', 'Q2', 'Q3', 'Q4'] as const).map((k) => `${k} ${t.quarterState[q[k]] ?? q[k]}`).join('  ');
    lines.push(t.complianceLine(code, names.get(code) ?? '', cells));
  }
  lines.push('', t.scorecard);
  for (const s of d.scorecard) lines.push(t.scoreLine(s.rank, s.communityCode, s.communityName, s.score));
  lines.push(STATS.weightsNote);
  return lines;
}

export function cmdStats(args: string[], usageError: (message: string) => Error): number {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      community: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.db) throw usageError(CLI.missingOption('db'));
  const code = values.community?.trim();
  if (code !== undefined && !/^\d{12}$/.test(code)) throw new AppError('VALIDATION', STATS.cli.communityFormat);
  const yearText = values.year?.trim();
  if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw new AppError('VALIDATION', STATS.cli.yearFormat);
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && (year < 2000 || year > 2100)) throw new AppError('VALIDATION', STATS.cli.yearFormat);
  if (!fs.existsSync(values.db)) throw new AppError('NOT_FOUND', CLI.dbMissing(path.resolve(values.db)));
  const db = openDatabase({ file: values.db });
  try {
    const street = currentStreet(db);
    if (!street) throw new AppError('NOT_INITIALIZED', ERR.notInitialized);
    const communities = db.sqlite
      .prepare('select id, code, name from community where deleted_at is null order by code')
      .all() as { id: number; code: string; name: string }[];
    const chosen = code === undefined ? undefined : communities.find((c) => c.code === code);
    if (code !== undefined && !chosen) throw new AppError('NOT_FOUND', STATS.cli.communityNotFound(code));
    const core: Core = { db, mode: 'cli' };
    const d = call(core, 'stats.dashboard', {
      ...(chosen ? { communityId: chosen.id } : {}),
      ...(year !== undefined ? { year } : {}),
    });
    if (values.json) out(JSON.stringify(d, null, 2));
    else {
      const names = new Map(communities.map((c) => [c.code, c.name]));
      for (const l of text(d, `${street.districtName}${street.name}`, names, chosen?.name ?? null)) out(l);
    }
    return 0;
  } finally {
    db.close();
  }
}
