import { eq } from 'drizzle-orm';
import type { SettingsT } from '../../shared/contract';
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
  return out;
}

export function updateSettings(ctx: ActionCtx, patch: Partial<SettingsT>): SettingsT {
  const before = getSettings(ctx.db);
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
