// Placeholder until the demo-data generator lands (being written in this session).
import { AppError } from '../../shared/errors';
import type { ActionCtx } from '../db/action';

export interface SeedCounts {
  units: number;
  members: number;
  grids: number;
  stations: number;
  groups: number;
  liaisons: number;
  reports: number;
}

export function seedDemo(_ctx: ActionCtx, _opts: { members: number }): SeedCounts {
  throw new AppError('INTERNAL', '演示数据功能尚未完成。');
}
