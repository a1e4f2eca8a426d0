// 协调议事会议: three tabs in one page (?tab=list|bodies|compliance).
// - 会议记录: the meetings of a year or quarter, filtered by body and community (全部 / 街道级 / one community),
//   grouped by month like a calendar page: day, body, community, place, 出席/列席/请假, open decisions, 纪要 printed.
// - 会议机构: BodiesPanel (bodies, standing members, 一键建立各社区协调议事小组).
// - 达标情况: CompliancePanel (communities × quarters).
// Filters live in the URL (?year=&q4=&body=&community=&q=); a row opens the meeting editor.
import { Anchor, Badge, Button, Group, Paper, Select, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Fragment, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Input, MeetingRowT } from '../../../shared/contract';
import { MEETING_UI, UI } from '../../../shared/messages';
import { useCommunities } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { IconPlus, IconSearch } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { positiveInt, useUrlFilters } from '../activities/shared';
import { BodiesPanel } from './BodiesPanel';
import { CompliancePanel } from './CompliancePanel';
import { useMeetingBodies, useMeetings } from './queries';
import { bodyOptions, quarterRange, THIS_YEAR, yearOptions } from './shared';
import './meetings.css';

const C = MEETING_UI.common;
const L = MEETING_UI.list;
const T = MEETING_UI.tabs;
const TABS = ['list', 'bodies', 'compliance'] as const;
type Tab = (typeof TABS)[number];

export function MeetingsPage() {
  const { params, patch } = useUrlFilters();
  const tabParam = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'list';
  return (
    <>
      <PageHeader
        title={L.title}
        actions={
          <Button leftSection={<IconPlus size={16} />} component={Link} to={PATHS.meetingNew}>
            {L.add}
          </Button>
        }
      />
      <Tabs value={tab} onChange={(v) => patch({ tab: v === 'list' ? null : v })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="list">{T.list}</Tabs.Tab>
          <Tabs.Tab value="bodies">{T.bodies}</Tabs.Tab>
          <Tabs.Tab value="compliance">{T.compliance}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list">
          <MeetingList />
        </Tabs.Panel>
        <Tabs.Panel value="bodies">
          <BodiesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="compliance">
          <CompliancePanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function MeetingList() {
  const navigate = useNavigate();
  const { params, patch } = useUrlFilters();
  const year = positiveInt(params.get('year')) ?? THIS_YEAR;
  const quarter = Math.min(4, positiveInt(params.get('quarter')) ?? 0);
  const bodyId = positiveInt(params.get('body'));
  const community = params.get('community') ?? '';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const patchSearch = useDebouncedCallback((v: string) => patch({ q: v || null }), 250);

  const communities = useCommunities(false);
  const bodies = useMeetingBodies();
  const range = quarterRange(year, quarter);
  const query: Input<'meetings.list'> = {
    ...range,
    ...(bodyId ? { bodyId } : {}),
    ...(community === 'street'
      ? { communityId: null }
      : positiveInt(community)
        ? { communityId: Number(community) }
        : {}),
    ...(q ? { q } : {}),
    limit: 1000,
  };
  const list = useMeetings(query);
  const rows = list.data?.rows ?? [];
  const filtered = !!(bodyId || community || q);

  // Newest month first; within a month by date.
  const months = new Map<string, MeetingRowT[]>();
  for (const r of [...rows].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id))) {
    const m = r.date.slice(0, 7);
    const group = months.get(m) ?? [];
    group.push(r);
    months.set(m, group);
  }

  const open = (id: number) => void navigate(PATHS.meeting(id));
  const rowKeys = (id: number) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(id);
    }
  };

  return (
    <>
      <Group mb="md" gap="sm" wrap="wrap" justify="space-between">
        <Group gap="sm" wrap="wrap">
          <Select
            aria-label={L.yearLabel}
            data={yearOptions(year)}
            value={String(year)}
            onChange={(v) => patch({ year: v === String(THIS_YEAR) ? null : v })}
            allowDeselect={false}
            w={100}
          />
          <Select
            aria-label={L.quarterLabel}
            data={[
              { value: '0', label: C.wholeYear },
              ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: C.quarter(n) })),
            ]}
            value={String(quarter)}
            onChange={(v) => patch({ quarter: v === '0' ? null : v })}
            allowDeselect={false}
            w={112}
          />
          <Select
            aria-label={L.communityLabel}
            data={[
              { value: '', label: C.allCommunities },
              { value: 'street', label: C.streetLevel },
              ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
            ]}
            value={community}
            onChange={(v) => patch({ community: v || null })}
            allowDeselect={false}
            searchable
            nothingFoundMessage={UI.common.nothingFound}
            w={150}
          />
          <Select
            aria-label={L.bodyLabel}
            data={[{ value: '', label: C.allBodies }, ...bodyOptions(bodies.data)]}
            value={bodyId ? String(bodyId) : ''}
            onChange={(v) => patch({ body: v || null })}
            allowDeselect={false}
            searchable
            nothingFoundMessage={UI.common.nothingFound}
            w={260}
            comboboxProps={{ width: 320 }}
          />
          <TextInput
            aria-label={C.search}
            placeholder={L.searchPlaceholder}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              patchSearch(e.currentTarget.value.trim());
            }}
            w={180}
          />
          {filtered && (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setSearch('');
                patch({ body: null, community: null, q: null });
              }}
            >
              {C.clearFilters}
            </Button>
          )}
        </Group>
        {list.data && (
          <Text size="sm" c="dimmed">
            {L.subtitle(list.data.total)}
          </Text>
        )}
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Paper withBorder>
          <Empty
            action={
              bodies.data && bodies.data.length === 0 ? (
                <Button variant="light" mt="xs" onClick={() => patch({ tab: 'bodies' })}>
                  {MEETING_UI.tabs.bodies}
                </Button>
              ) : filtered ? undefined : (
                <Button variant="light" component={Link} to={PATHS.meetingNew} mt="xs">
                  {L.add}
                </Button>
              )
            }
          >
            {bodies.data && bodies.data.length === 0 ? L.noBodies : filtered ? L.noMatch : L.empty}
          </Empty>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table
            stickyHeader
            stickyHeaderOffset={HEADER_HEIGHT}
            highlightOnHover
            horizontalSpacing={10}
            verticalSpacing={6}
            fz="sm"
            style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
            aria-label={L.title}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{L.date}</Table.Th>
                <Table.Th>{L.body}</Table.Th>
                <Table.Th w={120}>{L.community}</Table.Th>
                <Table.Th w={170}>{L.place}</Table.Th>
                <Table.Th w={150} ta="center">
                  {L.attendance}
                </Table.Th>
                <Table.Th w={150}>{L.decisions}</Table.Th>
                <Table.Th w={100}>{L.minutes}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...months.entries()].map(([month, group]) => (
                <Fragment key={month}>
                  <Table.Tr className="sg-mt-month">
                    <Table.Td colSpan={7}>
                      {C.month(month)}
                      <Text span size="xs" c="dimmed" fw={400} ml="sm">
                        {L.monthCount(group.length)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {group.map((m) => (
                    <Table.Tr
                      key={m.id}
                      className="sg-mt-row"
                      tabIndex={0}
                      onClick={() => open(m.id)}
                      onKeyDown={rowKeys(m.id)}
                    >
                      <Table.Td>
                        <Group gap="sm" wrap="nowrap">
                          <div className="sg-mt-day" aria-hidden="true">
                            <Text size="lg" fw={700} lh={1}>
                              {Number(m.date.slice(8, 10))}
                            </Text>
                            <Text size="10px" c="dimmed">
                              {Number(m.date.slice(5, 7))}月
                            </Text>
                          </div>
                          <Text size="xs" c="dimmed" className="sg-nowrap">
                            {m.startTime ? `${m.startTime}${m.endTime ? `–${m.endTime}` : ''}` : UI.common.dash}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={PATHS.meeting(m.id)}
                          size="sm"
                          fw={500}
                          onClick={(e) => e.stopPropagation()}
                          lineClamp={1}
                          aria-label={`${m.date} ${m.communityName ?? ''}${m.bodyName}`}
                        >
                          {m.subject || m.bodyName}
                        </Anchor>
                        {m.subject && (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {m.bodyName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {m.communityName ?? (
                          <Badge variant="light" color="grape" radius="sm" tt="none" fw={500}>
                            {C.streetLevel}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={1} title={m.place ?? undefined}>
                          {m.place || UI.common.dash}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="center" className="sg-nowrap">
                        {L.attendanceText(m.presentCount, m.observerCount, m.leaveCount)}
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          c={m.openDecisionCount > 0 ? 'orange.8' : m.decisionCount > 0 ? 'green.8' : 'dimmed'}
                        >
                          {L.decisionsText(m.openDecisionCount, m.decisionCount)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {m.printedMinutes > 0 ? (
                          <Badge variant="light" color="teal" radius="sm" tt="none" fw={500}>
                            {L.printed(m.printedMinutes)}
                          </Badge>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {L.notPrinted}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}
