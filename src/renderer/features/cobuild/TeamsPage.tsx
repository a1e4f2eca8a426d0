// 志愿服务队: every team of the street (filter by community or 全街道, search by name or theme).
import { Anchor, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Input } from '../../../shared/contract';
import { COBUILD, UI } from '../../../shared/messages';
import { useCommunities } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { IconPlus, IconSearch } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { communityOptions } from './Pickers';
import { useTeams } from './queries';
import { rowLinkProps, useUrlFilters } from './shared';
import { TeamFormModal } from './TeamForm';

const T = COBUILD.ui.teams;
const S = COBUILD.ui.screens;

export function TeamsPage() {
  const navigate = useNavigate();
  const { params, patch } = useUrlFilters();
  const community = params.get('community') ?? '';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const patchSearch = useDebouncedCallback((v: string) => patch({ q: v || null }), 250);
  const communities = useCommunities(false);
  const query: Input<'teams.list'> = {
    ...(community === 'street' ? { communityId: null } : community ? { communityId: Number(community) } : {}),
    ...(q ? { q } : {}),
  };
  const list = useTeams(query);
  const [creating, setCreating] = useState(false);
  const rows = list.data ?? [];
  const filtered = !!(community || q);

  return (
    <>
      <PageHeader
        title={T.title}
        subtitle={list.data ? S.teamCount(rows.length) : undefined}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {T.create}
          </Button>
        }
      />
      <Group mb="md" gap="md" wrap="wrap">
        <Select
          aria-label={S.community}
          data={communityOptions(communities.data, { all: true, street: true })}
          value={community}
          onChange={(v) => patch({ community: v || null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={170}
        />
        <TextInput
          aria-label={UI.common.search}
          placeholder={S.teamSearch}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            patchSearch(e.currentTarget.value.trim());
          }}
          w={280}
        />
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder>
          {rows.length === 0 ? (
            <Empty>{filtered ? S.emptyFiltered : T.empty}</Empty>
          ) : (
            <Table
              striped
              highlightOnHover
              stickyHeader
              stickyHeaderOffset={HEADER_HEIGHT}
              horizontalSpacing={10}
              verticalSpacing={8}
              fz="sm"
              style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
              aria-label={T.title}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{T.columns.name}</Table.Th>
                  <Table.Th w={220}>{T.columns.theme}</Table.Th>
                  <Table.Th w={130}>{T.columns.community}</Table.Th>
                  <Table.Th w={90}>{T.columns.leader}</Table.Th>
                  <Table.Th w={76} className="sg-num">
                    {T.columns.members}
                  </Table.Th>
                  <Table.Th w={140}>{T.columns.founded}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((t) => (
                  <Table.Tr key={t.id} {...rowLinkProps(() => void navigate(PATHS.team(t.id)))}>
                    <Table.Td>
                      <Anchor component={Link} to={PATHS.team(t.id)} fw={500} size="sm">
                        {t.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1} c={t.theme ? undefined : 'dimmed'}>
                        {t.theme ?? UI.common.dash}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t.communityName}</Table.Td>
                    <Table.Td className="sg-nowrap" c={t.leaderName ? undefined : 'dimmed'}>
                      {t.leaderName ?? UI.common.dash}
                    </Table.Td>
                    <Table.Td className="sg-num">{t.memberCount}</Table.Td>
                    <Table.Td className="sg-nowrap">{formatDate(t.foundedDate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      <TeamFormModal
        opened={creating}
        team={null}
        onClose={() => setCreating(false)}
        onCreated={(t) => void navigate(PATHS.team(t.id))}
      />
    </>
  );
}
