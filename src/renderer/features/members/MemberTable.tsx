// The member list as a virtualized grid: fixed 40 px rows, a sticky header, and rows loaded 200 at a time by offset
// for whatever part of the list is on screen (see useMemberPages), so 100 000 members scroll — or jump with the
// scrollbar or End key — without loading everything before them.
//
// Keyboard: the grid is one tab stop (aria-activedescendant marks the active row): ↑ ↓ PageUp PageDown Home End
// move, Enter or Space opens the member. The sort buttons in the header are ordinary buttons before it.
import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { MemberRowT, Output } from '../../../shared/contract';
import { GENDER_LABELS, MEMBER_STATUS_LABELS } from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { cachedMemberPage, MEMBER_PAGE_SIZE, useMemberPages, type MemberFilters } from '../../api/queries';
import { Empty, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { ageOf, liaisonText } from './memberFormat';
import { IconSortAsc, IconSortDesc, IconSortNone } from './MembersIcon';
import './members.css';

export type MemberSort = 'name' | 'birthDate' | 'reportDate' | 'community';

const ROW_H = 40;
const HEAD_H = 40;
/** Rows beyond the visible ones whose pages are requested ahead of time (the next page loads before it shows). */
const PREFETCH_ROWS = 60;
/** How often a fast scrollbar drag may ask for new pages. */
const THROTTLE_MS = 120;

interface Column {
  key: string;
  label: string;
  width: string;
  sort?: MemberSort;
  /** First click sorts descending (dates: newest first). */
  descFirst?: boolean;
  cell: (r: MemberRowT) => ReactNode;
  title?: (r: MemberRowT) => string | undefined;
  className?: string;
}

const dash = <span className="sg-vt-dim">{UI.common.dash}</span>;

const COLUMNS: Column[] = [
  {
    key: 'name',
    label: UI.members.col.name,
    width: '84px',
    sort: 'name',
    cell: (r) => <b style={{ fontWeight: 500 }}>{r.name}</b>,
    title: (r) => r.name,
  },
  { key: 'gender', label: UI.members.col.gender, width: '48px', cell: (r) => GENDER_LABELS[r.gender] },
  {
    key: 'birth',
    label: UI.members.col.birth,
    width: '158px',
    sort: 'birthDate',
    descFirst: false,
    cell: (r) => {
      const age = ageOf(r.birthDate);
      return (
        <>
          {formatDate(r.birthDate)}
          {age !== null && <span className="sg-vt-dim"> {UI.members.age(age)}</span>}
        </>
      );
    },
  },
  { key: 'id', label: UI.members.col.idNumber, width: '166px', cell: (r) => r.idMasked, className: 'sg-code' },
  {
    key: 'phone',
    label: UI.members.col.phone,
    width: '108px',
    cell: (r) => r.phoneMasked ?? dash,
    className: 'sg-code',
  },
  {
    key: 'community',
    label: UI.members.col.community,
    width: 'minmax(84px, 0.9fr)',
    sort: 'community',
    cell: (r) => r.communityName,
    title: (r) => r.communityName,
  },
  {
    key: 'grid',
    label: UI.members.col.grid,
    width: 'minmax(64px, 0.6fr)',
    cell: (r) => r.gridName ?? dash,
    title: (r) => r.gridName ?? undefined,
  },
  { key: 'category', label: UI.members.col.category, width: '62px', cell: (r) => UI.members.categoryShort[r.category] },
  {
    key: 'employer',
    label: UI.members.col.employer,
    width: 'minmax(110px, 1.4fr)',
    cell: (r) => r.employerName ?? dash,
    title: (r) => r.employerName ?? undefined,
  },
  {
    key: 'reportDate',
    label: UI.members.col.reportDate,
    width: '122px',
    sort: 'reportDate',
    descFirst: true,
    cell: (r) => (r.reportDate ? formatDate(r.reportDate) : dash),
  },
  {
    key: 'liaison',
    label: UI.members.col.liaison,
    width: 'minmax(110px, 1.3fr)',
    cell: (r) => liaisonText(r.liaison) ?? dash,
    title: (r) => liaisonText(r.liaison) ?? undefined,
  },
  {
    key: 'status',
    label: UI.members.col.status,
    width: '52px',
    cell: (r) =>
      r.status === 'active' ? (
        MEMBER_STATUS_LABELS[r.status]
      ) : (
        <span style={{ color: 'var(--mantine-color-orange-8)' }}>{MEMBER_STATUS_LABELS[r.status]}</span>
      ),
  },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
const MIN_WIDTH = 1100;

/** A value that follows `value` at most every `ms` (the last change always arrives). */
function useThrottled<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setV(value);
      return;
    }
    const t = window.setTimeout(() => {
      last.current = Date.now();
      setV(value);
    }, wait);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function rowDomId(index: number): string {
  return `sg-member-row-${index}`;
}

export interface MemberTableProps {
  query: MemberFilters;
  onSort: (sort: MemberSort, desc: boolean) => void;
  selectedId: number | null;
  onOpen: (row: MemberRowT) => void;
  /** The total under the current filters (null while unknown); `stale` while the previous filters' rows show. */
  onTotal: (total: number | null, stale: boolean) => void;
  emptyText: string;
}

export function MemberTable({ query, onSort, selectedId, onOpen, onTotal, emptyText }: MemberTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const queryKey = JSON.stringify(query);
  const [active, setActive] = useState(0);
  const [count, setCount] = useState(0);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 8,
    scrollMargin: HEAD_H,
    scrollPaddingStart: HEAD_H,
  });
  const items = virtualizer.getVirtualItems();

  // Which pages to observe: those around the visible rows, throttled while the user drags the scrollbar.
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const fromPage = Math.floor(Math.max(0, first - PREFETCH_ROWS) / MEMBER_PAGE_SIZE);
  const toPage = Math.floor(Math.min(Math.max(count - 1, 0), last + PREFETCH_ROWS) / MEMBER_PAGE_SIZE);
  const wanted = `${queryKey}|${fromPage}|${toPage}`;
  const throttled = useThrottled(wanted, THROTTLE_MS);
  const pages = useMemo(() => {
    const [q, a, b] = throttled.split('|');
    // New filters start at the top: page 0 at once, not the old position's pages under the new filters.
    if (q !== queryKey) return [0];
    const out: number[] = [];
    for (let p = Number(a); p <= Number(b); p++) out.push(p);
    return out.length ? out : [0];
  }, [throttled, queryKey]);

  const results = useMemberPages(query, pages);
  const byPage = new Map<number, Output<'members.list'>>();
  pages.forEach((p, i) => {
    const d = results[i]?.data;
    if (d) byPage.set(p, d);
  });
  const fresh = results.find((r) => r.data && !r.isPlaceholderData)?.data;
  const anyData = fresh ?? results.find((r) => r.data)?.data ?? cachedMemberPage(query, 0);
  const total = anyData ? anyData.total : null;
  const stale = !fresh && !!anyData;
  const failed = results.find((r) => r.isError);

  useEffect(() => {
    if (total !== null) setCount(total);
  }, [total]);
  useEffect(() => onTotal(total, stale), [total, stale, onTotal]);

  // New filters or order: back to the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setActive(0);
  }, [queryKey]);

  const rowAt = (index: number): MemberRowT | undefined => {
    const page = Math.floor(index / MEMBER_PAGE_SIZE);
    const data = byPage.get(page) ?? cachedMemberPage(query, page);
    return data?.rows[index - page * MEMBER_PAGE_SIZE];
  };

  const moveTo = (index: number) => {
    if (count === 0) return;
    const i = Math.min(count - 1, Math.max(0, index));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const pageRows = Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 400) - HEAD_H) / ROW_H) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(active + 1);
        break;
      case 'ArrowUp':
        moveTo(active - 1);
        break;
      case 'PageDown':
        moveTo(active + pageRows);
        break;
      case 'PageUp':
        moveTo(active - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'Enter':
      case ' ': {
        const r = rowAt(active);
        if (r) onOpen(r);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const sortKey = (query.sort ?? 'name') as MemberSort;
  const desc = !!query.desc;
  const activeRendered = items.some((it) => it.index === active);

  return (
    <>
      {failed && (
        <QueryError error={failed.error} onRetry={() => results.forEach((r) => r.isError && void r.refetch())} />
      )}
      <div
        ref={scroller}
        className="sg-vt-scroller"
        role="grid"
        aria-label={UI.members.tableLabel}
        aria-description={UI.members.tableHint}
        aria-rowcount={count + 1}
        aria-colcount={COLUMNS.length}
        aria-busy={total === null || stale || undefined}
        aria-activedescendant={activeRendered && count > 0 ? rowDomId(active) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="sg-vt-inner" style={{ minWidth: MIN_WIDTH }}>
          <div
            className="sg-vt-head"
            role="row"
            aria-rowindex={1}
            style={{ gridTemplateColumns: TEMPLATE, height: HEAD_H }}
          >
            {COLUMNS.map((c) => {
              const on = c.sort === sortKey;
              return (
                <div
                  key={c.key}
                  role="columnheader"
                  aria-sort={c.sort ? (on ? (desc ? 'descending' : 'ascending') : 'none') : undefined}
                >
                  {c.sort ? (
                    <button
                      type="button"
                      className="sg-vt-sort"
                      data-active={on || undefined}
                      title={UI.members.sortBy(c.label)}
                      onClick={() => onSort(c.sort as MemberSort, on ? !desc : !!c.descFirst)}
                    >
                      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{c.label}</span>
                      {on ? (
                        desc ? (
                          <IconSortDesc size={14} />
                        ) : (
                          <IconSortAsc size={14} />
                        )
                      ) : (
                        <IconSortNone size={14} opacity={0.45} />
                      )}
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              );
            })}
          </div>

          {total === 0 ? (
            <Empty>{emptyText}</Empty>
          ) : (
            <div style={{ position: 'relative', height: virtualizer.getTotalSize(), opacity: stale ? 0.55 : 1 }}>
              {items.map((it) => {
                const r = rowAt(it.index);
                return (
                  <div
                    key={it.key}
                    id={rowDomId(it.index)}
                    className="sg-vt-row"
                    role="row"
                    aria-rowindex={it.index + 2}
                    aria-selected={r ? r.id === selectedId : undefined}
                    data-odd={it.index % 2 === 1 || undefined}
                    data-active={it.index === active || undefined}
                    data-selected={(r && r.id === selectedId) || undefined}
                    style={{
                      gridTemplateColumns: TEMPLATE,
                      height: ROW_H,
                      transform: `translateY(${it.start - HEAD_H}px)`,
                    }}
                    onClick={() => {
                      setActive(it.index);
                      if (r) onOpen(r);
                    }}
                  >
                    {COLUMNS.map((c) => (
                      <div
                        key={c.key}
                        role="gridcell"
                        className={c.className}
                        title={r && c.title ? c.title(r) : undefined}
                      >
                        {r ? (
                          c.cell(r)
                        ) : (
                          <span className="sg-vt-skeleton" aria-hidden="true" style={{ width: '70%' }} />
                        )}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {total === null && !failed && (
        <Text size="sm" c="dimmed" ta="center" mt="xs">
          {UI.common.loading}
        </Text>
      )}
    </>
  );
}
