// Name/code lookups an import needs, loaded once per import (communities, grids, units).
import { EXCEL } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { Bad } from './cells';

export interface CommunityRef {
  id: number;
  code: string;
  name: string;
  officialName: string | null;
  retired: boolean;
}

export interface GridRef {
  id: number;
  communityId: number;
  code: string;
  name: string;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export class Lookups {
  readonly communities: CommunityRef[];
  private readonly communityByCode = new Map<string, CommunityRef>();
  private readonly communityByName = new Map<string, CommunityRef[]>();
  private gridsByCode: Map<string, GridRef> | null = null;
  private gridsByName: Map<string, GridRef[]> | null = null;
  private unitsByName: Map<string, number[]> | null = null;

  constructor(private readonly db: StreetGridDb) {
    this.communities = (
      db.sqlite
        .prepare(
          `select id, code, name, official_name as officialName, retired_at is not null as retired
           from community where deleted_at is null order by code`,
        )
        .all() as (Omit<CommunityRef, 'retired'> & { retired: number })[]
    ).map((c) => ({ ...c, retired: c.retired === 1 }));
    for (const c of this.communities) {
      this.communityByCode.set(c.code, c);
      push(this.communityByName, c.name, c);
      if (c.officialName && c.officialName !== c.name) push(this.communityByName, c.officialName, c);
    }
  }

  communityByCodeOrNull(code: string): CommunityRef | null {
    return this.communityByCode.get(code) ?? null;
  }

  /** 所在社区: a name (or official name) or a 12-digit code; retired communities are refused. */
  community(text: string): CommunityRef | Bad {
    const c = /^\d{12}$/.test(text) ? this.communityByCode.get(text) : undefined;
    let found = c;
    if (!found) {
      const byName = this.communityByName.get(text) ?? [];
      if (byName.length > 1) return new Bad(EXCEL.communityAmbiguous(text));
      found = byName[0];
    }
    if (!found) return new Bad(EXCEL.communityNotFound(text));
    if (found.retired) return new Bad(EXCEL.communityRetired(found.name));
    return found;
  }

  private loadGrids(): void {
    this.gridsByCode = new Map();
    this.gridsByName = new Map();
    const rows = this.db.sqlite
      .prepare('select id, community_id as communityId, code, name from grid where deleted_at is null')
      .all() as GridRef[];
    for (const g of rows) {
      this.gridsByCode.set(g.code, g);
      push(this.gridsByName, `${g.communityId}\u0000${g.name}`, g);
    }
  }

  /** Live grid by its (street-wide unique) code. */
  gridByCode(code: string): GridRef | null {
    if (!this.gridsByCode) this.loadGrids();
    return this.gridsByCode?.get(code) ?? null;
  }

  /** 所在网格: the code or the name of a grid of that community. */
  grid(community: { id: number; name: string }, text: string): GridRef | Bad {
    if (!this.gridsByCode) this.loadGrids();
    const byCode = this.gridsByCode?.get(text);
    if (byCode && byCode.communityId === community.id) return byCode;
    const byName = this.gridsByName?.get(`${community.id}\u0000${text}`) ?? [];
    if (byName.length > 1) return new Bad(EXCEL.gridAmbiguous(text, community.name));
    return byName[0] ?? new Bad(EXCEL.gridNotFound(text, community.name));
  }

  communityName(id: number): string {
    return this.communities.find((c) => c.id === id)?.name ?? '';
  }

  /** 工作单位: the id of the one live unit with exactly this name, else null (kept as free text). */
  unitIdByName(name: string): number | null {
    if (!this.unitsByName) {
      this.unitsByName = new Map();
      const rows = this.db.sqlite.prepare('select id, name from unit where deleted_at is null').all() as {
        id: number;
        name: string;
      }[];
      for (const u of rows) push(this.unitsByName, u.name, u.id);
    }
    const ids = this.unitsByName.get(name);
    return ids && ids.length === 1 ? (ids[0] ?? null) : null;
  }
}

/** The global change counter: commit compares it with the value seen by prepare. */
export function changeStamp(db: StreetGridDb): number {
  return (
    (db.sqlite.prepare("select value from counters where name = 'change'").pluck().get() as number | undefined) ?? 0
  );
}
