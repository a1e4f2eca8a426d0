// `streetgrid stats --db FILE [--community CODE] [--year YYYY] [--json]`: the dashboard's figures (stats.dashboard).
// `streetgrid stats --db FILE --table KIND [--period P] [--community CODE] [--json | --out FILE.xlsx|FILE.pdf]`: one
// 统计表 (stats.table; excel.exportStatsTable / documents.statsTablePdf).
// `streetgrid stats --db FILE --scorecard [--year YYYY] [--community CODE] [--json | --out FILE.xlsx|FILE.pdf]`: the
// 目标考评 (stats.scorecard; excel.exportScorecard / documents.scorecardPdf, one page per community).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { call, callAsync, type Core } from '../core/api';
import { openDatabase } from '../core/db/connection';
import { closePdfRenderer } from '../core/documents/pdf-port';
import { formatStatCell } from '../core/documents/stats-table';
import { currentStreet } from '../core/services/street';
import {
  STAT_TABLE_KINDS,
  type ScorecardT,
  type StatTableKind,
  type StatTableT,
  type StatsDashboardT,
} from '../shared/contract';
import { parsePeriod } from '../shared/period';
import { AppError } from '../shared/errors';
import { CLI, ERR, STATS, STATS_UI } from '../shared/messages';

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

function tableText(t: StatTableT): string[] {
  const head = [STATS_UI.doc.seq, t.rowHeader, ...t.columns.map((c) => c.label)];
  const cells = (values: (number | null)[]) => values.map((v, i) => formatStatCell(v, t.columns[i]!.format));
  const lines = [
    t.title,
    `${STATS_UI.doc.street}${t.streetName}${t.communityName ? ` ${t.communityName}` : ''}  ${STATS_UI.doc.period}${
      t.kind === 'members' ? t.periodLabel : STATS_UI.tables.periodLine(t.periodLabel, t.from, t.to)
    }  ${STATS_UI.doc.made}${t.today}`,
    head.join('\t'),
    ...t.rows.map((r, i) => [String(i + 1), r.label, ...cells(r.values)].join('\t')),
    [STATS_UI.tables.total, '', ...cells(t.totals)].join('\t'),
  ];
  return [...lines, ...t.notes.map((n) => `${STATS_UI.doc.notes}${n}`)];
}

function scorecardText(c: ScorecardT): string[] {
  const on = c.indicators.filter((i) => i.enabled);
  const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
  return [
    `${c.streetName} ${STATS_UI.scorecard.title(c.year)}`,
    [
      STATS_UI.scorecard.rank,
      STATS_UI.scorecard.community,
      STATS_UI.scorecard.score,
      ...on.map((i) => `${i.label}(${pct(i.weight)})`),
    ].join('\t'),
    ...c.rows.map((r) =>
      [String(r.rank), r.communityName, r.score.toFixed(1), ...on.map((i) => pct(r.figures[i.key].value))].join('\t'),
    ),
    STATS_UI.scorecard.weightsNote,
  ];
}

function writeOut(file: string, base64: string): void {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.from(base64, 'base64'));
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  out(STATS_UI.cli.written(target));
}

/** --table / --scorecard: the 统计表 or the 目标考评 as text, JSON, Excel or PDF. */
async function tableOrScorecard(
  core: Core,
  v: { table?: string | undefined; period?: string | undefined; out?: string | undefined; json?: boolean | undefined },
  communityId: number | undefined,
  year: number | undefined,
): Promise<number> {
  const ext = v.out ? path.extname(v.out).toLowerCase() : '';
  if (v.out && ext !== '.xlsx' && ext !== '.pdf')
    throw new AppError('VALIDATION', STATS_UI.cli.outFormat('.xlsx / .pdf'));
  const scope = communityId !== undefined ? { communityId } : {};
  if (v.table !== undefined) {
    const kind = v.table.trim() as StatTableKind;
    if (!STAT_TABLE_KINDS.includes(kind)) throw new AppError('VALIDATION', STATS_UI.cli.tableFormat);
    const p = v.period === undefined ? null : parsePeriod(v.period);
    if (v.period !== undefined && !p) throw new AppError('VALIDATION', STATS_UI.cli.periodFormat);
    const period = p?.code ?? String(year ?? new Date().getFullYear());
    const input = { kind, period, ...scope };
    if (ext === '.xlsx') writeOut(v.out!, (await callAsync(core, 'excel.exportStatsTable', input)).base64);
    else if (ext === '.pdf') writeOut(v.out!, (await callAsync(core, 'documents.statsTablePdf', input)).base64);
    else {
      const t = call(core, 'stats.table', input);
      if (v.json) out(JSON.stringify(t, null, 2));
      else for (const l of tableText(t)) out(l);
    }
    return 0;
  }
  const y = year ?? new Date().getFullYear();
  if (ext === '.xlsx') writeOut(v.out!, (await callAsync(core, 'excel.exportScorecard', { year: y })).base64);
  else if (ext === '.pdf')
    writeOut(v.out!, (await callAsync(core, 'documents.scorecardPdf', { year: y, ...scope })).base64);
  else {
    const c = call(core, 'stats.scorecard', { year: y });
    const shown = communityId === undefined ? c : { ...c, rows: c.rows.filter((r) => r.communityId === communityId) };
    if (v.json) out(JSON.stringify(shown, null, 2));
    else for (const l of scorecardText(shown)) out(l);
  }
  return 0;
}

export async function cmdStats(args: string[], usageError: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      community: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean' },
      table: { type: 'string' },
      period: { type: 'string' },
      scorecard: { type: 'boolean' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (values.table !== undefined && values.scorecard) throw usageError(STATS_UI.cli.tableOrScorecard);
  if ((values.period !== undefined || values.out !== undefined) && values.table === undefined && !values.scorecard)
    throw usageError(STATS_UI.cli.needsTable);
  if (values.out !== undefined && values.json) throw usageError(STATS_UI.cli.jsonOrOut);
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
    if (values.table !== undefined || values.scorecard) return await tableOrScorecard(core, values, chosen?.id, year);
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
    await closePdfRenderer();
  }
}
