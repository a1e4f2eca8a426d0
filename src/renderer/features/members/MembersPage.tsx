// 党员: the whole street's party members. Filters, search and order live in the URL (?community=&grid=&category=
// &status=&role=&reported=&q=&sort=&desc=1), as does the open member (?member=12, or ?member=new), so a reload or
// a link from another screen (PATHS.member(id)) lands on the same view. Status defaults to 在册 (status=all: all).
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
  NETWORK_ROLES,
  type MemberCategory,
  type MemberStatus,
  type NetworkRole,
} from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { useCommunities, useGrids, type MemberFilters } from '../../api/queries';
import { IconPlus, IconSearch } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ExportButton, ImportButton, TemplateButton } from '../importExport/ExcelButtons';
import { MemberDrawer } from './MemberDrawer';
import { MemberTable, type MemberSort } from './MemberTable';

const SORTS: readonly MemberSort[] = ['name', 'birthDate', 'reportDate', 'community'];
const SEARCH_DEBOUNCE_MS = 200;

function oneOf<T extends string>(list: readonly T[], v: string | null): T | undefined {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
}

function positiveInt(v: string | null): number | undefined {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function MembersPage() {
  const [params, setParams] = useSearchParams();
  const communityId = positiveInt(params.get('community'));
  const gridId = communityId ? positiveInt(params.get('grid')) : undefined;
  const category = oneOf<MemberCategory>(MEMBER_CATEGORIES, params.get('category'));
  const statusParam = params.get('status');
  const status: MemberStatus | undefined =
    statusParam === 'all' ? undefined : (oneOf(MEMBER_STATUSES, statusParam) ?? 'active');
  const role = oneOf<NetworkRole>(NETWORK_ROLES, params.get('role'));
  const reportedParam = params.get('reported');
  const reported = reportedParam === '1' ? true : reportedParam === '0' ? false : undefined;
  const q = (params.get('q') ?? '').trim();
  const sort = oneOf(SORTS, params.get('sort')) ?? 'name';
  const desc = params.get('desc') === '1';
  const memberParam = params.get('member');
  const openMember: number | 'new' | null = memberParam === 'new' ? 'new' : (positiveInt(memberParam) ?? null);

  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);

  const patch = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  useEffect(() => {
    if (debounced !== q) patch({ q: debounced || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const query: MemberFilters = useMemo(
    () => ({
      ...(communityId ? { communityId } : {}),
      ...(gridId ? { gridId } : {}),
      ...(category ? { category } : {}),
      ...(status ? { status } : {}),
      ...(role ? { role } : {}),
      ...(reported !== undefined ? { reported } : {}),
      ...(q ? { q } : {}),
      sort,
      ...(desc ? { desc } : {}),
    }),
    [communityId, gridId, category, status, role, reported, q, sort, desc],
  );

  const communities = useCommunities(false);
  const grids = useGrids(communityId);
  const [total, setTotal] = useState<number | null>(null);
  const onTotal = useCallback((t: number | null) => setTotal(t), []);

  const filtered = !!(communityId || category || statusParam || role || reported !== undefined || q);

  return (
    <Stack gap={0} h="calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title={UI.members.title}
        subtitle={total !== null ? UI.members.count(total) : undefined}
        actions={
          <>
            <TemplateButton kind="members" />
            <ImportButton kind="members" />
            <ExportButton input={{ kind: 'members', members: query }} hint={UI.members.exportHint} />
            <Button leftSection={<IconPlus size={16} />} onClick={() => patch({ member: 'new' })}>
              {UI.members.add}
            </Button>
          </>
        }
      />

      <Group mb="sm" gap="sm" wrap="wrap">
        <TextInput
          aria-label={UI.members.searchLabel}
          placeholder={UI.members.searchPlaceholder}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={330}
        />
        <Select
          aria-label={UI.members.filterCommunity}
          data={[
            { value: '', label: UI.members.allCommunities },
            ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
          ]}
          value={communityId ? String(communityId) : ''}
          onChange={(v) => patch({ community: v || null, grid: null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={150}
        />
        <Select
          aria-label={UI.members.filterGrid}
          data={[
            { value: '', label: communityId ? UI.members.allGrids : UI.members.pickCommunityFirst },
            ...(communityId ? (grids.data ?? []) : []).map((g) => ({ value: String(g.id), label: g.name })),
          ]}
          value={gridId ? String(gridId) : ''}
          onChange={(v) => patch({ grid: v || null })}
          allowDeselect={false}
          disabled={!communityId}
          w={150}
        />
        <Select
          aria-label={UI.members.filterCategory}
          data={[
            { value: '', label: UI.members.allCategories },
            ...MEMBER_CATEGORIES.map((c) => ({ value: c, label: MEMBER_CATEGORY_LABELS[c] })),
          ]}
          value={category ?? ''}
          onChange={(v) => patch({ category: v || null })}
          allowDeselect={false}
          w={122}
        />
        <Select
          aria-label={UI.members.filterStatus}
          data={[
            ...MEMBER_STATUSES.map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s] })),
            { value: 'all', label: UI.members.allStatuses },
          ]}
          value={status ?? 'all'}
          onChange={(v) => patch({ status: v === 'active' ? null : v })}
          allowDeselect={false}
          w={104}
        />
        <Select
          aria-label={UI.members.filterRole}
          data={[
            { value: '', label: UI.members.roleAny },
            { value: 'liaison', label: UI.members.roleLiaison },
            { value: 'unassigned', label: UI.members.roleUnassigned },
          ]}
          value={role ?? ''}
          onChange={(v) => patch({ role: v || null })}
          allowDeselect={false}
          w={150}
        />
        <Select
          aria-label={UI.members.filterReported}
          data={[
            { value: '', label: UI.members.reportedAny },
            { value: '1', label: UI.members.reportedYes },
            { value: '0', label: UI.members.reportedNo },
          ]}
          value={reportedParam === '1' || reportedParam === '0' ? reportedParam : ''}
          onChange={(v) => patch({ reported: v || null })}
          allowDeselect={false}
          w={116}
        />
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              setSearch('');
              patch({ community: null, grid: null, category: null, status: null, role: null, reported: null, q: null });
            }}
          >
            {UI.members.clearFilters}
          </Button>
        )}
      </Group>

      <div
        style={{
          flex: '1 1 auto',
          minHeight: 240,
          display: 'flex',
          flexDirection: 'column',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 'var(--mantine-radius-md)',
          overflow: 'hidden',
          background: 'var(--mantine-color-white)',
        }}
      >
        <MemberTable
          query={query}
          onSort={(s, d) => patch({ sort: s === 'name' ? null : s, desc: d ? '1' : null })}
          selectedId={typeof openMember === 'number' ? openMember : null}
          onOpen={(r) => patch({ member: String(r.id) })}
          onTotal={onTotal}
          emptyText={filtered ? UI.members.noMatch : UI.members.empty}
        />
      </div>

      <MemberDrawer
        member={openMember}
        onClose={() => patch({ member: null })}
        onCreated={(id) => patch({ member: String(id) })}
      />
    </Stack>
  );
}
