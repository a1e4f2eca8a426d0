// Where a number of a 统计表 leads: the list of the records behind it, with the list's own URL filters (members by
// community / category / 已报到, activities by community / category / dates, agreements by year / unit, meetings by
// community / year, a unit's page for its participation). null when no list shows exactly those records.
import { ACTIVITY_CATEGORIES } from '../../../shared/enums';
import type { StatTableT } from '../../../shared/contract';
import { PATHS, withParams as query } from '../../paths';

type Row = StatTableT['rows'][number];

const MEMBER_CATEGORY: Record<string, string | undefined> = {
  employed: 'employed',
  reportedEmployed: 'employed',
  retired: 'retired',
  mobile: 'mobile',
};

/**
 * The link of one cell. `row` is null for the totals row (the whole street, or the chosen community when the table
 * is for one community).
 */
export function cellLink(t: StatTableT, row: Row | null, columnKey: string): string | null {
  const community = row ? (row.street ? 'street' : row.communityId) : t.communityId;
  switch (t.kind) {
    case 'members': {
      if (row?.street) return null;
      return query(PATHS.members, {
        community,
        category: MEMBER_CATEGORY[columnKey],
        reported: columnKey === 'reportedEmployed' ? '1' : null,
      });
    }
    case 'activities': {
      const category = (ACTIVITY_CATEGORIES as readonly string[]).includes(columnKey) ? columnKey : null;
      return query(PATHS.activities, { community, category, from: t.from, to: t.to });
    }
    case 'participation':
      return row?.unitId ? PATHS.unit(row.unitId) : null;
    case 'cobuild': {
      if (!row?.unitId) return null;
      if (['agreements', 'commitments', 'done', 'inProgress', 'overdue'].includes(columnKey))
        return query(PATHS.agreements, {
          year: t.to.slice(0, 4),
          community: t.communityId,
          q: row.label,
          overdue: columnKey === 'overdue' ? '1' : null,
        });
      return PATHS.unit(row.unitId);
    }
    case 'meetings': {
      if (columnKey === 'held') return query(PATHS.meetings, { community: community ?? null, year: t.to.slice(0, 4) });
      if (['met', 'missed', 'upcoming', 'required', 'rate'].includes(columnKey))
        return query(PATHS.meetings, { tab: 'compliance', year: t.to.slice(0, 4) });
      return PATHS.meetingsTab('bodies');
    }
  }
}
