import { eq } from 'drizzle-orm';
import { DEFAULT_SCORE_SETTINGS, SCORE_INDICATORS, type SettingsT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { STATS_UI } from '../../shared/messages';
import { DEFAULT_OPERATOR } from '../../shared/messages';
import type { ActionCtx } from '../db/action';
import type { StreetGridDb } from '../db/connection';
import { settings } from '../db/schema';

export const DEFAULT_SETTINGS: SettingsT = {
  operatorName: DEFAULT_OPERATOR,
  // 社区办公和服务用房面积标准：各地多为不少于 300 平方米，可在设置中调整。
  minSpaceArea: 300,
  // 有钱办事：本年度办公经费 + 党建工作专项经费合计不少于此数（元）；默认只要求有经费。
  minFunding: 1,
  // 自动备份保留：7 份每日、4 份每周、12 份每月（src/core/backup/rotation.ts）。
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
  backupKeepMonthly: 12,
  // 目标考评 / 在职党员参与（issue 6）：≥1 / ≥4 次，六项指标权重相同、全部启用。
  ...DEFAULT_SCORE_SETTINGS,
  scoreWeights: { ...DEFAULT_SCORE_SETTINGS.scoreWeights },
  scoreEnabled: [...DEFAULT_SCORE_SETTINGS.scoreEnabled],
};

export function getSettings(db: StreetGridDb): SettingsT {
  const rows = db.orm.select().from(settings).all();
  const out: SettingsT = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (r.key in out) {
      const v: unknown = JSON.parse(r.value);
      const key = r.key as keyof SettingsT;
      if (typeof v === typeof DEFAULT_SETTINGS[key]) (out as Record<string, unknown>)[key] = v;
    }
  }
  return sanitizeScoreSettings(out);
}

/** Stored scorecard settings that are not usable (hand-edited, partial) fall back to the defaults. */
function sanitizeScoreSettings(out: SettingsT): SettingsT {
  const w = out.scoreWeights as Record<string, unknown>;
  if (!SCORE_INDICATORS.every((k) => typeof w[k] === 'number' && Number.isFinite(w[k]) && w[k] >= 0))
    out.scoreWeights = { ...DEFAULT_SCORE_SETTINGS.scoreWeights };
  const enabled = Array.isArray(out.scoreEnabled) ? out.scoreEnabled : [];
  out.scoreEnabled = SCORE_INDICATORS.filter((k) => enabled.includes(k));
  if (!out.scoreEnabled.some((k) => out.scoreWeights[k] > 0)) {
    out.scoreWeights = { ...DEFAULT_SCORE_SETTINGS.scoreWeights };
    out.scoreEnabled = [...DEFAULT_SCORE_SETTINGS.scoreEnabled];
  }
  if (!(out.participationMin >= 1 && out.participationMin <= out.participationTarget)) {
    out.participationMin = DEFAULT_SCORE_SETTINGS.participationMin;
    out.participationTarget = Math.max(out.participationTarget, DEFAULT_SCORE_SETTINGS.participationMin);
  }
  return out;
}

/**
 * The scorecard part of a settings patch checked against the merged result (thresholds in order, at least one
 * enabled indicator with a weight) and the weights normalised to sum 1 over the enabled indicators.
 */
function checkScoreSettings(before: SettingsT, patch: Partial<SettingsT>): Partial<SettingsT> {
  const min = patch.participationMin ?? before.participationMin;
  const target = patch.participationTarget ?? before.participationTarget;
  if (min > target)
    throw new AppError('VALIDATION', STATS_UI.settings.minAboveTarget(min, target), {
      field: patch.participationMin !== undefined ? 'participationMin' : 'participationTarget',
    });
  if (patch.scoreWeights === undefined && patch.scoreEnabled === undefined) return patch;
  const weights = patch.scoreWeights ?? before.scoreWeights;
  const enabled = SCORE_INDICATORS.filter((k) => (patch.scoreEnabled ?? before.scoreEnabled).includes(k));
  if (enabled.length === 0) throw new AppError('VALIDATION', STATS_UI.settings.noneEnabled, { field: 'scoreEnabled' });
  const sum = enabled.reduce((s, k) => s + weights[k], 0);
  if (!(sum > 0)) throw new AppError('VALIDATION', STATS_UI.settings.allZero, { field: 'scoreWeights' });
  // Enabled weights are normalised to sum 1; a disabled one keeps its share of the same scale for when it returns.
  const normalised = Object.fromEntries(
    SCORE_INDICATORS.map((k) => [k, Math.round((weights[k] / sum) * 1e6) / 1e6]),
  ) as SettingsT['scoreWeights'];
  return { ...patch, scoreWeights: normalised, scoreEnabled: enabled };
}

export function updateSettings(ctx: ActionCtx, patch: Partial<SettingsT>): SettingsT {
  const before = getSettings(ctx.db);
  patch = checkScoreSettings(before, patch);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const existing = ctx.db.orm.select().from(settings).where(eq(settings.key, key)).get();
    if (existing) {
      ctx.db.orm
        .update(settings)
        .set({ value: JSON.stringify(value), updatedAt: ctx.now })
        .where(eq(settings.key, key))
        .run();
    } else {
      ctx.db.orm
        .insert(settings)
        .values({ key, value: JSON.stringify(value), updatedAt: ctx.now })
        .run();
    }
  }
  const after = getSettings(ctx.db);
  ctx.audit({ action: 'settings', entity: 'settings', summary: '修改设置', before, after });
  ctx.touch('settings', 'community');
  return after;
}
