// 议定事项 board: the decisions of every meeting, in tabs 未完成 / 已逾期 / 已落实 / 全部 (?status=), filtered by community,
// body and text (?community=&body=&q=). Each row: content, meeting, responsible party, deadline (red when overdue),
// status and the last follow-up note. 跟踪 opens a drawer with the trail and a form (date, note, status →
// decisions.addNote); 已落实 closes the decision on that date.
import {
  Anchor,
  Button,
  Drawer,
  Group,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Timeline,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DecisionBoardRowT, Input } from '../../../shared/contract';
import { DECISION_STATUSES, DECISION_STATUS_LABELS, type DecisionStatus } from '../../../shared/enums';
import { MEETING_UI, UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';
import { useCommunities, useMutationFor } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { IconSearch } from '../../components/icons';
import { notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { useFieldErrors } from '../../components/useFieldErrors';
import { PATHS } from '../../paths';
import { positiveInt, useUrlFilters } from '../activities/shared';
import { useDecisionBoard, useMeeting, useMeetingBodies } from './queries';
import { bodyLabel, bodyOptions, DecisionStatusBadge } from './shared';
import './meetings.css';

const D = MEETING_UI.board;
const C = MEETING_UI.common;
const STATUS_TABS = ['open', 'overdue', 'done', 'all'] as const;
type StatusTab = (typeof STATUS_TABS)[number];
const PAGE_SIZE = 100;

export function DecisionsPage() {
  const { params, patch } = useUrlFilters();
  const statusParam = params.get('status');
  const status: StatusTab = (STATUS_TABS as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as StatusTab)
    : 'open';
  const community = params.get('community') ?? '';
  const bodyId = positiveInt(params.get('body'));
  const q = params.get('q') ?? '';
  const page = positiveInt(params.get('page')) ?? 1;
  const [search, setSearch] = useState(q);
  const patchSearch = useDebouncedCallback((v: string) => patch({ q: v || null, page: null }), 250);
  const [following, setFollowing] = useState<DecisionBoardRowT | null>(null);

  const communities = useCommunities(false);
  const bodies = useMeetingBodies();
  const query: Input<'decisions.board'> = {
    status,
    ...(community === 'street'
      ? { communityId: null }
      : positiveInt(community)
        ? { communityId: Number(community) }
        : {}),
    ...(bodyId ? { bodyId } : {}),
    ...(q ? { q } : {}),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const board = useDecisionBoard(query);
  const rows = board.data?.rows ?? [];
  const total = board.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader title={D.title} subtitle={board.data ? D.subtitle(total) : undefined} />
      <Tabs value={status} onChange={(v) => patch({ status: v === 'open' ? null : v, page: null })}>
        <Tabs.List mb="md">
          {STATUS_TABS.map((s) => (
            <Tabs.Tab key={s} value={s} color={s === 'overdue' ? 'red' : undefined}>
              {D.tabs[s]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group mb="md" gap="sm" wrap="wrap">
        <Select
          aria-label={MEETING_UI.list.communityLabel}
          data={[
            { value: '', label: C.allCommunities },
            { value: 'street', label: C.streetLevel },
            ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
          ]}
          value={community}
          onChange={(v) => patch({ community: v || null, page: null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={150}
        />
        <Select
          aria-label={MEETING_UI.list.bodyLabel}
          data={[{ value: '', label: C.allBodies }, ...bodyOptions(bodies.data)]}
          value={bodyId ? String(bodyId) : ''}
          onChange={(v) => patch({ body: v || null, page: null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={260}
          comboboxProps={{ width: 320 }}
        />
        <TextInput
          aria-label={C.search}
          placeholder={D.searchPlaceholder}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            patchSearch(e.currentTarget.value.trim());
          }}
          w={220}
        />
      </Group>

      {board.isPending ? (
        <PageLoader />
      ) : board.isError ? (
        <QueryError error={board.error} onRetry={() => void board.refetch()} />
      ) : rows.length === 0 ? (
        <Paper withBorder>
          <Empty>{D.empty}</Empty>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table
            stickyHeader
            stickyHeaderOffset={HEADER_HEIGHT}
            striped
            highlightOnHover
            verticalSpacing={6}
            horizontalSpacing={10}
            fz="sm"
            aria-label={D.title}
            style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{D.content}</Table.Th>
                <Table.Th w={170}>{D.responsible}</Table.Th>
                <Table.Th w={120}>{D.deadline}</Table.Th>
                <Table.Th w={84}>{D.status}</Table.Th>
                <Table.Th w={220}>{D.lastNote}</Table.Th>
                <Table.Th w={70}>
                  <VisuallyHidden>{UI.common.actions}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {d.content}
                    </Text>
                    <Anchor component={Link} to={PATHS.meeting(d.meetingId)} size="xs" c="dimmed">
                      {formatDate(d.meetingDate)} · {bodyLabel(d)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {[d.responsibleUnitName, d.responsibleName].filter(Boolean).join(' · ') || UI.common.dash}
                    </Text>
                  </Table.Td>
                  <Table.Td className="sg-nowrap">
                    {d.deadline ? (
                      <Text size="sm" className={d.overdue ? 'sg-mt-overdue' : undefined}>
                        {formatDate(d.deadline)}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {D.noDeadline}
                      </Text>
                    )}
                    {d.overdue && (
                      <Text size="xs" c="red.8">
                        {D.overdue}
                      </Text>
                    )}
                    {d.status === 'done' && d.closedDate && (
                      <Text size="xs" c="green.8">
                        {D.closedOn(formatDate(d.closedDate))}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <DecisionStatusBadge status={d.status} overdue={d.overdue} />
                  </Table.Td>
                  <Table.Td>
                    {d.lastNote ? (
                      <>
                        <Text size="sm" lineClamp={2} title={d.lastNote}>
                          {d.lastNote}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatDate(d.lastNoteDate)}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {UI.common.dash}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => setFollowing(d)}
                      aria-label={`${D.follow}：${d.content.slice(0, 20)}`}
                    >
                      {D.follow}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {pages > 1 && (
        <Group justify="center" mt="md">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => patch({ page: p === 1 ? null : String(p) })}
          />
        </Group>
      )}
      <Drawer
        opened={following !== null}
        onClose={() => setFollowing(null)}
        position="right"
        size={520}
        title={<Text fw={600}>{D.followTitle}</Text>}
      >
        {following && <FollowUp key={following.id} row={following} onClosed={() => setFollowing(null)} />}
      </Drawer>
    </>
  );
}

const NOTE_FIELDS = ['date', 'note', 'status'] as const;

function FollowUp({ row, onClosed }: { row: DecisionBoardRowT; onClosed: () => void }) {
  // The trail comes with the meeting (the board rows carry only the last note).
  const meeting = useMeeting(row.meetingId);
  const decision = meeting.data?.decisions.find((d) => d.id === row.id);
  const current = decision ?? row;
  const [date, setDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<DecisionStatus>(row.status === 'open' ? 'in_progress' : row.status);
  const errors = useFieldErrors(NOTE_FIELDS);
  const add = useMutationFor('decisions.addNote', {
    onSuccess: (d) => {
      if (d.status === 'done') {
        notifySaved(D.closed);
        onClosed();
      } else {
        notifySaved(D.noteSaved);
        setNote('');
      }
    },
    onError: (e) => errors.handle(e),
  });

  const submit = () => {
    errors.clear();
    if (!note.trim()) return errors.set('note', D.noteRequired);
    add.mutate({ decisionId: row.id, date, note: note.trim(), status });
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="sm" bg="gray.0">
        <Text size="sm" fw={500}>
          {current.content}
        </Text>
        <Group gap="xs" mt={6} wrap="wrap">
          <DecisionStatusBadge status={current.status} overdue={current.overdue} />
          <Text size="xs" c="dimmed">
            {[row.responsibleUnitName, row.responsibleName].filter(Boolean).join(' · ')}
          </Text>
          <Text
            size="xs"
            className={current.overdue ? 'sg-mt-overdue' : undefined}
            c={current.overdue ? undefined : 'dimmed'}
          >
            {D.deadline}：{current.deadline ? formatDate(current.deadline) : D.noDeadline}
          </Text>
        </Group>
        <Anchor component={Link} to={PATHS.meeting(row.meetingId)} size="xs" mt={4} display="block">
          {D.openMeeting}：{formatDate(row.meetingDate)} · {bodyLabel(row)}
        </Anchor>
      </Paper>

      <Stack gap={6}>
        <Text fw={600} size="sm">
          {D.trail}
        </Text>
        {meeting.isPending ? (
          <PageLoader />
        ) : !decision || decision.notes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {D.noNotes}
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={decision.notes.length - 1}>
            {decision.notes.map((n) => (
              <Timeline.Item
                key={n.id}
                color={n.status === 'done' ? 'green' : n.status === 'in_progress' ? 'blue' : 'orange'}
                title={
                  <Group gap="xs">
                    <Text size="sm" fw={500}>
                      {formatDate(n.date)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {DECISION_STATUS_LABELS[n.status]}
                    </Text>
                  </Group>
                }
              >
                <Text size="sm">{n.note}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>

      {current.status !== 'done' && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Paper withBorder p="sm">
            <Stack gap="sm">
              <Text fw={600} size="sm">
                {D.addNote}
              </Text>
              <Group gap="sm" align="flex-start" wrap="nowrap">
                <TextInput
                  type="date"
                  label={D.noteDate}
                  value={date}
                  max={todayIso()}
                  onChange={(e) => {
                    setDate(e.currentTarget.value);
                    errors.clear('date');
                  }}
                  error={errors.errors.date}
                  w={160}
                />
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="sg-mt-note-status">
                    {D.noteStatus}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="sg-mt-note-status"
                    data={DECISION_STATUSES.map((s) => ({ value: s, label: DECISION_STATUS_LABELS[s] }))}
                    value={status}
                    color={status === 'done' ? 'green' : undefined}
                    onChange={(v) => setStatus(v as DecisionStatus)}
                  />
                </Stack>
              </Group>
              <Textarea
                label={D.note}
                withAsterisk
                placeholder={D.notePlaceholder}
                value={note}
                maxLength={500}
                autosize
                minRows={2}
                maxRows={6}
                onChange={(e) => {
                  setNote(e.currentTarget.value);
                  errors.clear('note');
                }}
                error={errors.errors.note}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={add.isPending} color={status === 'done' ? 'green' : undefined}>
                  {D.addNote}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </form>
      )}
    </Stack>
  );
}
