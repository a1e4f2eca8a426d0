// The member drawer beside the list: 基本信息 (masked ID and phone, each revealable as an audited action), 报到记录
// with the 登记卡 of every report, 联络网络 position and 变更记录 (the member's audit rows as readable diffs).
// `member === 'new'` shows the empty form; an id shows the member, with 编辑 / 报到 / 删除.
import { Anchor, Badge, Button, Drawer, Group, Loader, Stack, Table, Tabs, Text, Timeline, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { MemberDetailT } from '../../../shared/contract';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS } from '../../../shared/enums';
import { ACTIVITY, UI } from '../../../shared/messages';
import { useMember, useMemberHistory, useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { QueryError } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../components/format';
import { notifyError, notifySaved } from '../../components/notify';
import { PATHS } from '../../paths';
import { MemberActivitiesTab } from '../activities/MemberActivitiesTab';
import { RegistrationCardPreview } from '../documents/DocumentPreview';
import { MemberForm } from './MemberForm';
import { birthWithAge, memberChangeLines } from './memberFormat';
import { ReportModal } from './ReportModal';

const M = UI.members;
type Tab = 'basic' | 'reports' | 'network' | 'activities' | 'history';
type Secret = 'idNumber' | 'phone';

export function MemberDrawer({
  member,
  onClose,
  onCreated,
}: {
  member: number | 'new' | null;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const detail = useMember(typeof member === 'number' ? member : undefined);
  const title =
    member === 'new'
      ? M.addTitle
      : detail.data
        ? M.drawerLabel(detail.data.name)
        : typeof member === 'number'
          ? '…'
          : '';
  return (
    <Drawer
      opened={member !== null}
      onClose={onClose}
      position="right"
      size={640}
      title={<Text fw={600}>{title}</Text>}
      aria-label={title}
    >
      {member === 'new' && <MemberForm member={null} onCancel={onClose} onDone={(saved) => onCreated(saved.id)} />}
      {typeof member === 'number' &&
        (detail.isError ? (
          <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
        ) : !detail.data ? (
          <Group justify="center" py="xl">
            <Loader size="sm" />
          </Group>
        ) : (
          // A different member, or a save that changed the ID or phone, starts over: nothing revealed stays on screen.
          <MemberView
            key={`${detail.data.id}:${detail.data.idMasked}:${detail.data.phoneMasked ?? ''}`}
            member={detail.data}
            onDeleted={onClose}
          />
        ))}
    </Drawer>
  );
}

function MemberView({ member: m, onDeleted }: { member: MemberDetailT; onDeleted: () => void }) {
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<Tab>('basic');
  const [reporting, setReporting] = useState(false);
  const [cardReport, setCardReport] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [askReveal, setAskReveal] = useState<Secret | null>(null);
  const [revealed, setRevealed] = useState<Partial<Record<Secret, string | null>>>({});

  const reveal = useMutationFor('members.reveal', {
    onSuccess: (r, input) => {
      setRevealed((prev) => ({ ...prev, [input.field]: r.value }));
      setAskReveal(null);
      notifySaved(M.revealed);
    },
    onError: (e) => {
      setAskReveal(null);
      notifyError(e);
    },
  });
  const del = useMutationFor('members.delete', {
    onSuccess: () => {
      setConfirmDelete(false);
      notifySaved(M.deleted(m.name));
      onDeleted();
    },
    onError: (e) => {
      setConfirmDelete(false);
      notifyError(e);
    },
  });

  if (editing) {
    return <MemberForm member={m} onCancel={() => setEditing(false)} onDone={() => setEditing(false)} />;
  }

  const secretLabel = (f: Secret) => (f === 'idNumber' ? M.field.idNumber : M.field.phone);
  const secret = (f: Secret, masked: string | null) => {
    if (masked === null) return <Text c="dimmed">{UI.common.notSet}</Text>;
    const shown = revealed[f];
    return (
      <Group gap="xs" wrap="nowrap">
        <Text className="sg-code" size="sm">
          {shown ?? masked}
        </Text>
        {shown === undefined && (
          <Button
            variant="subtle"
            size="compact-xs"
            aria-label={M.revealLabel(secretLabel(f))}
            onClick={() => setAskReveal(f)}
          >
            {M.reveal}
          </Button>
        )}
      </Group>
    );
  };

  const rows: [string, ReactNode][] = [
    [M.field.name, m.name],
    [M.field.idNumber, secret('idNumber', m.idMasked)],
    [M.field.gender, GENDER_LABELS[m.gender]],
    [M.field.birthDate, birthWithAge(m.birthDate)],
    [M.field.ethnicity, m.ethnicity],
    [M.field.phone, secret('phone', m.phoneMasked)],
    [M.field.community, m.communityName],
    [M.field.grid, m.gridName],
    [M.field.category, MEMBER_CATEGORY_LABELS[m.category]],
    [
      M.field.employer,
      m.employerName && m.employerUnitId ? (
        <Anchor component={Link} to={PATHS.unit(m.employerUnitId)} size="sm">
          {m.employerName}
        </Anchor>
      ) : (
        m.employerName
      ),
    ],
    [M.field.employerPartyOrg, m.employerPartyOrg],
    [
      M.field.skills,
      m.skills.length ? (
        <Group gap={4}>
          {m.skills.map((s) => (
            <Badge key={s} variant="light" radius="sm">
              {s}
            </Badge>
          ))}
        </Group>
      ) : null,
    ],
    [M.field.reportDate, m.reportDate ? formatDate(m.reportDate) : null],
    [M.field.status, MEMBER_STATUS_LABELS[m.status]],
    [M.field.note, m.note],
    [M.field.updatedAt, formatDateTime(m.updatedAt)],
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={3}>{m.name}</Title>
          <Group gap={6}>
            <Badge variant="light">{MEMBER_CATEGORY_LABELS[m.category]}</Badge>
            <Badge variant="light" color={m.status === 'active' ? 'teal' : 'gray'}>
              {MEMBER_STATUS_LABELS[m.status]}
            </Badge>
            {m.liaison && (
              <Badge variant="light" color="grape">
                {M.liaisonRole}
              </Badge>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={() => setEditing(true)}>
            {M.edit}
          </Button>
          {m.category === 'employed' && m.status === 'active' && (
            <Button size="sm" onClick={() => setReporting(true)} title={M.reportHint}>
              {M.report}
            </Button>
          )}
          <Button variant="subtle" color="red" size="sm" onClick={() => setConfirmDelete(true)}>
            {M.delete}
          </Button>
        </Group>
      </Group>

      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="basic">{M.tabs.basic}</Tabs.Tab>
          <Tabs.Tab value="reports">
            {M.tabs.reports}
            {m.reports.length > 0 ? `（${m.reports.length}）` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="network">{M.tabs.network}</Tabs.Tab>
          <Tabs.Tab value="activities">{ACTIVITY.ui.nav}</Tabs.Tab>
          <Tabs.Tab value="history">{M.tabs.history}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="basic" pt="md">
          <Table withRowBorders={false} verticalSpacing={6} layout="fixed">
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={110} c="dimmed" fw={500} style={{ verticalAlign: 'top' }}>
                    {label}
                  </Table.Th>
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    {value === null || value === '' || value === undefined ? (
                      <Text c="dimmed" size="sm">
                        {UI.common.notSet}
                      </Text>
                    ) : (
                      value
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>

        <Tabs.Panel value="reports" pt="md">
          <ReportsTab member={m} onCard={setCardReport} />
        </Tabs.Panel>

        <Tabs.Panel value="network" pt="md">
          {m.liaison ? (
            <Table withRowBorders={false} verticalSpacing={6}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={110} c="dimmed" fw={500}>
                    {M.station}
                  </Table.Th>
                  <Table.Td>{m.liaison.stationName}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th c="dimmed" fw={500}>
                    {M.group}
                  </Table.Th>
                  <Table.Td>{m.liaison.groupName}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th c="dimmed" fw={500}>
                    {M.since}
                  </Table.Th>
                  <Table.Td>{formatDate(m.liaison.startDate)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          ) : (
            <Stack gap={4}>
              <Text>{M.notLiaison}</Text>
              <Text size="sm" c="dimmed">
                {M.notLiaisonHint}
              </Text>
            </Stack>
          )}
          <Button component={Link} to={PATHS.network(m.communityId)} variant="light" mt="md" size="sm">
            {M.openNetwork}
          </Button>
        </Tabs.Panel>

        <Tabs.Panel value="activities" pt="md">
          <MemberActivitiesTab memberId={m.id} />
        </Tabs.Panel>

        <Tabs.Panel value="history" pt="md">
          <HistoryTab memberId={m.id} />
        </Tabs.Panel>
      </Tabs>

      <ReportModal
        member={m}
        opened={reporting}
        onClose={() => setReporting(false)}
        onReported={(r) => {
          setTab('reports');
          setCardReport(r.id);
        }}
      />
      <RegistrationCardPreview reportId={cardReport} onClose={() => setCardReport(null)} />
      <ConfirmModal
        opened={confirmDelete}
        title={M.deleteTitle}
        message={M.deleteConfirm(m.name)}
        confirmLabel={M.delete}
        loading={del.isPending}
        onConfirm={() => del.mutate({ id: m.id })}
        onClose={() => setConfirmDelete(false)}
      />
      <ConfirmModal
        opened={askReveal !== null}
        title={askReveal ? M.revealTitle(secretLabel(askReveal)) : ''}
        message={askReveal ? M.revealConfirm(m.name, secretLabel(askReveal)) : ''}
        confirmLabel={M.revealSubmit}
        color="orange"
        loading={reveal.isPending}
        onConfirm={() => askReveal && reveal.mutate({ id: m.id, field: askReveal })}
        onClose={() => setAskReveal(null)}
      />
    </Stack>
  );
}

function ReportsTab({ member: m, onCard }: { member: MemberDetailT; onCard: (reportId: number) => void }) {
  if (m.reports.length === 0) {
    return <Text c="dimmed">{m.category === 'employed' ? M.reportsEmpty : M.reportsNotEmployed}</Text>;
  }
  return (
    <Stack gap="sm">
      {m.reports.map((r) => (
        <Stack
          key={r.id}
          gap={4}
          p="sm"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Group justify="space-between">
            <Text fw={600}>{formatDate(r.reportDate)}</Text>
            <Button size="compact-sm" variant="light" onClick={() => onCard(r.id)}>
              {M.printCard}
            </Button>
          </Group>
          <Text size="sm">
            {M.cardNo}：<span className="sg-code">{r.cardNo}</span>
          </Text>
          <Text size="sm">
            {M.reportCommunity}：{r.communityName}
          </Text>
          {r.serviceIntent && (
            <Text size="sm">
              {M.serviceIntent}：{r.serviceIntent}
            </Text>
          )}
          {r.skills.length > 0 && (
            <Text size="sm">
              {M.field.skills}：{r.skills.join('、')}
            </Text>
          )}
          <Text size="sm">
            {M.letter}：
            {r.letterReceived
              ? r.letterDate
                ? M.letterReceived(formatDate(r.letterDate))
                : M.letterReceivedNoDate
              : M.letterMissing}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

function HistoryTab({ memberId }: { memberId: number }) {
  const history = useMemberHistory(memberId);
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data) return <Loader size="sm" />;
  const { rows, total } = history.data;
  if (rows.length === 0) return <Text c="dimmed">{M.historyEmpty}</Text>;
  return (
    <Stack gap="sm">
      <Timeline bulletSize={12} lineWidth={2}>
        {rows.map((a) => {
          const lines = memberChangeLines(a.before, a.after);
          return (
            <Timeline.Item
              key={a.id}
              title={
                <Text size="sm" fw={600}>
                  {a.summary}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(a.at)} · {a.operator}
              </Text>
              {lines.map((l) => (
                <Text size="sm" key={l.key}>
                  {l.label}：{l.before === undefined ? '' : `${l.before ?? UI.common.notSet} → `}
                  {l.after === undefined ? '' : (l.after ?? UI.common.notSet)}
                </Text>
              ))}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {total > rows.length && (
        <Text size="xs" c="dimmed">
          {M.historyLimited(rows.length, total)}
        </Text>
      )}
    </Stack>
  );
}
