// One 志愿服务队: its facts, the members (队长 first), 添加队员 (many at once) and 移出.
import { Anchor, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TeamDetailT, TeamMemberT } from '../../../shared/contract';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS } from '../../../shared/enums';
import { COBUILD, UI } from '../../../shared/messages';
import { ApiError, errorMessage } from '../../api/client';
import { useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../components/format';
import { IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { AddMembersModal } from './AddMembersModal';
import { useTeam } from './queries';
import { BackLink, DeleteModal, Fact } from './shared';
import { TeamFormModal } from './TeamForm';

const T = COBUILD.ui.teams;
const F = COBUILD.ui.teamForm;
const S = COBUILD.ui.screens;

const Back = () => <BackLink to={PATHS.teams} label={S.backToTeams} />;

export function TeamDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useTeam(valid ? id : undefined);

  if (!valid) return <NotFound />;
  if (q.isPending) return <PageLoader />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.code === 'NOT_FOUND') return <NotFound />;
    return (
      <>
        <Back />
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  }
  return <Detail key={q.data.id} team={q.data} />;
}

function NotFound() {
  return (
    <Paper withBorder mt="md">
      <Empty action={<Back />}>{COBUILD.err.teamNotFound}</Empty>
    </Paper>
  );
}

function Detail({ team: t }: { team: TeamDetailT }) {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TeamMemberT | null>(null);
  const remove = useMutationFor('teams.delete', {
    onSuccess: () => {
      setDeleting(false);
      notifySaved(UI.common.deleted);
      void navigate(PATHS.teams);
    },
    onError: (e) => setDeleteError(errorMessage(e)),
  });
  const removeMember = useMutationFor('teams.removeMember', {
    onSuccess: () => {
      if (removing) notifySaved(F.removed(removing.name));
      setRemoving(null);
    },
    onError: (e) => {
      setRemoving(null);
      notifyError(e);
    },
  });
  const members = [...t.members].sort((a, b) => Number(b.isLeader) - Number(a.isLeader));

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        above={<Back />}
        title={t.name}
        subtitle={
          <span>
            {t.communityName} · {T.memberCount(t.memberCount)}
          </span>
        }
        actions={
          <>
            <Button variant="light" onClick={() => setEditing(true)}>
              {T.edit}
            </Button>
            <Button
              variant="default"
              c="red.8"
              onClick={() => {
                setDeleteError(null);
                setDeleting(true);
              }}
            >
              {T.delete}
            </Button>
          </>
        }
      />

      <Paper withBorder p="lg" mb="md">
        <Title order={4} fz={16} mb="md">
          {F.info}
        </Title>
        <SimpleGrid cols={3} spacing="lg" verticalSpacing={8}>
          <Fact label={F.theme} value={t.theme} />
          <Fact label={F.community} value={t.communityName} />
          <Fact label={F.leader} value={t.leaderName} />
          <Fact label={F.foundedDate} value={t.foundedDate ? formatDate(t.foundedDate) : null} />
          <Fact label={S.updatedAt} value={formatDateTime(t.updatedAt)} />
        </SimpleGrid>
        {t.description && (
          <Box mt={8}>
            <Fact label={F.description} value={t.description} />
          </Box>
        )}
      </Paper>

      <Paper withBorder p="lg" component="section" aria-label={F.members}>
        <Group justify="space-between" mb="md">
          <Title order={4} fz={16}>
            {F.members}（{t.memberCount}）
          </Title>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {T.addMembers}
          </Button>
        </Group>
        {members.length === 0 ? (
          <Empty>{T.emptyMembers}</Empty>
        ) : (
          <Table withTableBorder striped verticalSpacing={6} fz="sm" aria-label={F.members}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{F.colName}</Table.Th>
                <Table.Th w={50}>{F.colGender}</Table.Th>
                <Table.Th w={86}>{F.colCategory}</Table.Th>
                <Table.Th w={190}>{F.colCommunity}</Table.Th>
                <Table.Th w={110}>{F.colPhone}</Table.Th>
                <Table.Th>{F.colSkills}</Table.Th>
                <Table.Th w={130}>{F.colJoined}</Table.Th>
                <Table.Th w={60}>{UI.common.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <Table.Tr key={m.memberId}>
                  <Table.Td className="sg-nowrap">
                    <Group gap={4} wrap="nowrap">
                      <Anchor component={Link} to={PATHS.member(m.memberId)} size="sm" fw={500}>
                        {m.name}
                      </Anchor>
                      {m.isLeader && (
                        <Badge size="xs" color="civic" variant="filled" radius="sm" tt="none" fw={500}>
                          {F.leaderBadge}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{GENDER_LABELS[m.gender]}</Table.Td>
                  <Table.Td className="sg-nowrap">{MEMBER_CATEGORY_LABELS[m.category]}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {m.communityName}
                      {m.gridName ? ` · ${m.gridName}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td className="sg-code sg-nowrap">{m.phoneMasked ?? UI.common.dash}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1} c={m.skills.length ? undefined : 'dimmed'}>
                      {m.skills.length ? m.skills.join('、') : UI.common.dash}
                    </Text>
                  </Table.Td>
                  <Table.Td className="sg-nowrap">{formatDate(m.joinedDate)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={`${T.removeMember} ${m.name}`}
                      onClick={() => setRemoving(m)}
                    >
                      {T.removeMember}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <TeamFormModal opened={editing} team={t} onClose={() => setEditing(false)} />
      <AddMembersModal team={t} opened={adding} onClose={() => setAdding(false)} />
      <DeleteModal
        opened={deleting}
        title={T.delete}
        message={T.confirmDelete(t.name)}
        error={deleteError}
        loading={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: t.id })}
      />
      <ConfirmModal
        opened={removing !== null}
        title={T.removeMember}
        message={removing ? T.confirmRemove(removing.name) : ''}
        confirmLabel={T.removeMember}
        loading={removeMember.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && removeMember.mutate({ teamId: t.id, memberId: removing.memberId })}
      />
    </Stack>
  );
}
