// 服务活动: every activity of the street, newest first, filtered by community (全街道 = street-wide activities only),
// category, month or date range and title. Filters live in the URL (?community=&category=&month=&from=&to=&q=&page=);
// a row opens the activity (PATHS.activity(id)).
import { Anchor, Badge, Button, Group, Pagination, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Input } from '../../../shared/contract';
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, type ActivityCategory } from '../../../shared/enums';
import { ACTIVITY, UI } from '../../../shared/messages';
import { parsePeriod } from '../../../shared/period';
import { useCommunities } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, formatNumber } from '../../components/format';
import { IconPlus, IconSearch } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ImportButton, TemplateButton } from '../importExport/ExcelButtons';
import { PATHS } from '../../paths';
import { useActivities } from './queries';
import { communityOptions, hoursText, positiveInt, useUrlFilters } from './shared';
import './activities.css';

const U = ACTIVITY.ui;
const S = ACTIVITY.screens;
const PAGE_SIZE = 100;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The last 24 months, newest first, as '2026-11'. */
function recentMonths(): { value: string; label: string }[] {
  const now = new Date();
  return Array.from({ length: 24 }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    const code = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    return { value: code, label: parsePeriod(code)?.label ?? code };
  });
}

export function ActivitiesPage() {
  const navigate = useNavigate();
  const { params, patch } = useUrlFilters();
  const community = params.get('community') ?? '';
  const categoryParam = params.get('category');
  const category = (ACTIVITY_CATEGORIES as readonly string[]).includes(categoryParam ?? '')
    ? (categoryParam as ActivityCategory)
    : undefined;
  const month = parsePeriod(params.get('month') ?? '')?.kind === 'month' ? params.get('month')! : '';
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  const from = month ? parsePeriod(month)!.from : ISO.test(fromParam) ? fromParam : '';
  const to = month ? parsePeriod(month)!.to : ISO.test(toParam) ? toParam : '';
  const q = params.get('q') ?? '';
  const page = positiveInt(params.get('page')) ?? 1;
  const [search, setSearch] = useState(q);
  const patchSearch = useDebouncedCallback((v: string) => patch({ q: v || null, page: null }), 250);

  const communities = useCommunities(false);
  const query: Input<'activities.list'> = {
    ...(community === 'street'
      ? { communityId: null }
      : positiveInt(community)
        ? { communityId: Number(community) }
        : {}),
    ...(category ? { category } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q ? { q } : {}),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const list = useActivities(query);
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = !!(community || category || month || fromParam || toParam || q);

  const open = (id: number) => void navigate(PATHS.activity(id));
  const rowKeys = (id: number) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(id);
    }
  };

  return (
    <>
      <PageHeader
        title={U.title}
        subtitle={list.data ? U.count(total) : undefined}
        actions={
          <>
            <TemplateButton kind="activities" />
            <ImportButton kind="activities" />
            <Button leftSection={<IconPlus size={16} />} component={Link} to={PATHS.activityNew}>
              {U.add}
            </Button>
          </>
        }
      />

      <Group mb="md" gap="sm" wrap="wrap">
        <Select
          aria-label={U.community}
          data={[
            { value: '', label: U.allCommunities },
            { value: 'street', label: S.streetWideOnly },
            ...communityOptions(communities.data),
          ]}
          value={community}
          onChange={(v) => patch({ community: v || null, page: null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={150}
        />
        <Select
          aria-label={U.category}
          data={[
            { value: '', label: U.allCategories },
            ...ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: ACTIVITY_CATEGORY_LABELS[c] })),
          ]}
          value={category ?? ''}
          onChange={(v) => patch({ category: v || null, page: null })}
          allowDeselect={false}
          w={120}
        />
        <Select
          aria-label={S.month}
          data={[{ value: '', label: S.allMonths }, ...recentMonths()]}
          value={month}
          onChange={(v) => patch({ month: v || null, from: null, to: null, page: null })}
          allowDeselect={false}
          w={128}
        />
        <Group gap={4} wrap="nowrap">
          <TextInput
            type="date"
            aria-label={S.from}
            value={from}
            onChange={(e) => patch({ from: e.currentTarget.value || null, month: null, page: null })}
            w={140}
          />
          <Text size="sm" c="dimmed">
            {S.to}
          </Text>
          <TextInput
            type="date"
            aria-label={S.toLabel}
            value={to}
            onChange={(e) => patch({ to: e.currentTarget.value || null, month: null, page: null })}
            w={140}
          />
        </Group>
        <TextInput
          aria-label={S.searchLabel}
          placeholder={U.searchPlaceholder}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            patchSearch(e.currentTarget.value.trim());
          }}
          w={190}
        />
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              setSearch('');
              patch({ community: null, category: null, month: null, from: null, to: null, q: null, page: null });
            }}
          >
            {S.clearFilters}
          </Button>
        )}
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder>
          {rows.length === 0 ? (
            <Empty
              action={
                filtered ? undefined : (
                  <Button variant="light" component={Link} to={PATHS.activityNew} mt="xs">
                    {U.add}
                  </Button>
                )
              }
            >
              {filtered ? U.noMatch : U.empty}
            </Empty>
          ) : (
            <Table
              striped
              highlightOnHover
              stickyHeader
              stickyHeaderOffset={HEADER_HEIGHT}
              horizontalSpacing={10}
              verticalSpacing={7}
              fz="sm"
              style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
              aria-label={U.title}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{U.date}</Table.Th>
                  <Table.Th w={120}>{U.community}</Table.Th>
                  <Table.Th>{S.titleCol}</Table.Th>
                  <Table.Th w={92}>{U.category}</Table.Th>
                  <Table.Th w={170}>{U.organizer}</Table.Th>
                  <Table.Th w={72} ta="right">
                    {U.participants}
                  </Table.Th>
                  <Table.Th w={84} ta="right">
                    {S.hoursCol}
                  </Table.Th>
                  <Table.Th w={84} ta="right">
                    {S.residentsCol}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr
                    key={a.id}
                    className="sg-act-row"
                    tabIndex={0}
                    onClick={() => open(a.id)}
                    onKeyDown={rowKeys(a.id)}
                  >
                    <Table.Td className="sg-nowrap">
                      <Text size="sm">{formatDate(a.date)}</Text>
                      <Text size="xs" c="dimmed">
                        {a.startTime ? `${a.startTime}${a.endTime ? `–${a.endTime}` : ''}` : UI.common.dash}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {a.communityName ?? (
                        <Badge variant="light" color="grape" radius="sm" tt="none" fw={500}>
                          {U.streetWide}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={PATHS.activity(a.id)}
                        size="sm"
                        fw={500}
                        onClick={(e) => e.stopPropagation()}
                        lineClamp={1}
                      >
                        {a.title}
                      </Anchor>
                      {a.place && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {a.place}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{ACTIVITY_CATEGORY_LABELS[a.category]}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1} title={a.organizerName}>
                        {a.organizerName || UI.common.dash}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="sg-nowrap">
                      {a.participantCount}
                    </Table.Td>
                    <Table.Td ta="right" className="sg-nowrap">
                      {hoursText(a.totalHours)}
                    </Table.Td>
                    <Table.Td ta="right" className="sg-nowrap">
                      {formatNumber(a.residentsServed)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
      {pages > 1 && (
        <Group justify="center" mt="md">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => patch({ page: p === 1 ? null : String(p) })}
            getControlProps={(c) => ({ 'aria-label': c === 'previous' ? S.prevPage : S.nextPage })}
          />
        </Group>
      )}
    </>
  );
}
