// One resident unit: its registry facts, 资源清单 and the members who work there — who of them reported (报到) to a
// community of the street, and where they sit in the liaison network.
import { Anchor, Badge, Button, Grid, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MemberRowT, UnitT } from '../../../shared/contract';
import { UNIT_TYPE_LABELS } from '../../../shared/enums';
import { ERR, UI } from '../../../shared/messages';
import { ApiError } from '../../api/client';
import { useMutationFor, useUnit } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { IconChevronLeft } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { UnitParticipation } from '../activities/UnitParticipation';
import { UnitFormModal } from './UnitFormModal';

function BackLink() {
  return (
    <Anchor component={Link} to={PATHS.units} size="sm" c="dimmed">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {UI.units.backToList}
      </Group>
    </Anchor>
  );
}

export function UnitDetail() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useUnit(valid ? id : undefined);

  if (!valid) return <NotFound />;
  if (q.isPending) return <PageLoader />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.code === 'NOT_FOUND') return <NotFound />;
    return (
      <>
        <BackLink />
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  }
  return <Detail key={q.data.id} unit={q.data} />;
}

function NotFound() {
  return (
    <Paper withBorder mt="md">
      <Empty action={<BackLink />}>{ERR.unitNotFound}</Empty>
    </Paper>
  );
}

type Filter = 'all' | 'reported' | 'notReported';

function Detail({ unit: u }: { unit: UnitT & { members: MemberRowT[] } }) {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const remove = useMutationFor('units.delete', {
    onSuccess: () => {
      setDeleting(false);
      notifySaved(UI.common.deleted);
      void navigate(PATHS.units);
    },
    onError: (e) => {
      setDeleting(false);
      notifyError(e);
    },
  });

  const members = useMemo(
    () =>
      u.members.filter((m) =>
        filter === 'all' ? true : filter === 'reported' ? m.reportDate !== null : m.reportDate === null,
      ),
    [u.members, filter],
  );
  // units.get lists the members in the register, at most 1000 of them.
  const listed = u.members.length;
  const nReported = u.members.filter((m) => m.reportDate !== null).length;

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        above={<BackLink />}
        title={
          <Group gap="sm" wrap="nowrap" component="span">
            <span>{u.name}</span>
            <Badge variant="light" color="civic" radius="sm" tt="none" fw={500}>
              {UNIT_TYPE_LABELS[u.type]}
            </Badge>
            {u.isCouncilMember && (
              <Badge variant="outline" color="civic" radius="sm" tt="none" fw={500}>
                {UI.units.councilMember}
              </Badge>
            )}
          </Group>
        }
        subtitle={
          <span>
            {UI.units.uscc}：<span className="sg-code">{u.uscc ?? UI.common.notSet}</span>
          </span>
        }
        actions={
          <>
            <Button variant="light" onClick={() => setEditing(true)}>
              {UI.common.edit}
            </Button>
            <Button variant="default" c="red.8" onClick={() => setDeleting(true)}>
              {UI.common.delete}
            </Button>
          </>
        }
      />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="lg" h="100%">
            <Title order={4} fz={16} mb="md">
              {UI.units.info}
            </Title>
            <Stack gap={8}>
              <Fact label={UI.units.type} value={UNIT_TYPE_LABELS[u.type]} />
              <Fact
                label={UI.units.community}
                value={
                  u.communityId ? (
                    <Anchor component={Link} to={PATHS.community(u.communityId)} size="sm">
                      {u.communityName}
                    </Anchor>
                  ) : null
                }
              />
              <Fact label={UI.units.partyOrgName} value={u.partyOrgName} />
              <Fact label={UI.units.partySecretary} value={u.partySecretary} />
              <Fact label={UI.units.contactPerson} value={u.contactPerson} />
              <Fact label={UI.units.contactPhone} value={u.contactPhone} mono />
              <Fact label={UI.units.councilMember} value={u.isCouncilMember ? UI.common.yes : UI.common.no} />
              <Fact label={UI.units.employed} value={UI.units.membersSummary(u.employedCount, u.reportedCount)} />
              <Fact label={UI.units.updatedAt} value={formatDateTime(u.updatedAt)} />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="lg" h="100%">
            <Title order={4} fz={16} mb="md">
              {UI.units.resources}
            </Title>
            {u.resources.length === 0 ? (
              <Text size="sm" c="dimmed">
                {UI.units.noResources}
              </Text>
            ) : (
              <Table withTableBorder verticalSpacing={6} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={140}>{UI.units.resourceName}</Table.Th>
                    <Table.Th>{UI.units.resourceDescription}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {u.resources.map((r, i) => (
                    <Table.Tr key={`${i}-${r.name}`}>
                      <Table.Td fw={500}>{r.name}</Table.Td>
                      <Table.Td c={r.description ? undefined : 'dimmed'}>{r.description || UI.common.dash}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      <Paper withBorder p="lg" mt="md">
        <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Title order={4} fz={16}>
              {UI.units.members}
            </Title>
            <Text size="sm" c="dimmed">
              {UI.units.membersSummary(u.employedCount, u.reportedCount)}
              {listed < u.employedCount ? `；${UI.units.membersTruncated(listed, u.employedCount)}` : ''}
            </Text>
          </Stack>
          <SegmentedControl
            size="sm"
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            data={[
              { value: 'all', label: `${UI.units.filterAll} ${formatNumber(listed)}` },
              { value: 'reported', label: `${UI.units.filterReported} ${formatNumber(nReported)}` },
              { value: 'notReported', label: `${UI.units.filterNotReported} ${formatNumber(listed - nReported)}` },
            ]}
          />
        </Group>
        {members.length === 0 ? (
          <Empty>{u.members.length === 0 ? UI.units.noMembers : UI.units.noMembersMatch}</Empty>
        ) : (
          <Table striped highlightOnHover withTableBorder verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>{UI.units.memberName}</Table.Th>
                <Table.Th w={160}>{UI.units.memberCommunity}</Table.Th>
                <Table.Th w={150}>{UI.units.reportDate}</Table.Th>
                <Table.Th>{UI.units.liaison}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td fw={500} className="sg-nowrap">
                    {m.name}
                  </Table.Td>
                  <Table.Td>{m.communityName}</Table.Td>
                  <Table.Td className="sg-nowrap">
                    {m.reportDate ? (
                      formatDate(m.reportDate)
                    ) : (
                      <Badge variant="outline" color="gray" radius="sm" tt="none" fw={500}>
                        {UI.units.notReported}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td c={m.liaison ? undefined : 'dimmed'}>
                    {m.liaison ? `${m.liaison.stationName} / ${m.liaison.groupName}` : UI.common.dash}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <UnitParticipation unitId={u.id} />

      <UnitFormModal opened={editing} unit={u} onClose={() => setEditing(false)} />
      <ConfirmModal
        opened={deleting}
        title={UI.units.deleteTitle}
        message={UI.units.deleteConfirm(u.name)}
        confirmLabel={UI.common.delete}
        loading={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: u.id })}
      />
    </Stack>
  );
}

function Fact({ label, value, mono }: { label: string; value: ReactNode; mono?: boolean }) {
  const empty = value === null || value === undefined || value === '';
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={150} className="sg-nowrap" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" className={mono ? 'sg-code' : undefined} c={empty ? 'dimmed' : undefined}>
        {empty ? UI.common.notSet : value}
      </Text>
    </Group>
  );
}
