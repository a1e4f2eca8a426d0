import { Anchor, Badge, Button, Group, Paper, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { COMMUNITY_KIND_LABELS } from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { useCommunities, useStatus } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatNumber } from '../../components/format';
import { IconPlus, IconSearch } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { CreateCommunityModal } from './CreateCommunityModal';
import { ThreeHaveBadges } from './ThreeHave';

export function CommunityList() {
  const [includeRetired, setIncludeRetired] = useState(false);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const [creating, createModal] = useDisclosure(false);
  const status = useStatus();
  const communities = useCommunities(includeRetired);
  const streetCode = status.data?.street?.code ?? '';

  const rows = useMemo(() => {
    const all = communities.data ?? [];
    if (!query) return all;
    return all.filter(
      (c) =>
        c.name.toLowerCase().includes(query) ||
        c.code.includes(query) ||
        (c.officialName ?? '').toLowerCase().includes(query),
    );
  }, [communities.data, query]);

  const total = communities.data?.length ?? 0;

  return (
    <>
      <PageHeader
        title={UI.communities.title}
        subtitle={communities.data ? UI.communities.count(total) : undefined}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} disabled={!streetCode}>
            {UI.communities.add}
          </Button>
        }
      />

      <Group justify="space-between" mb="md" gap="md">
        <TextInput
          aria-label={UI.common.search}
          placeholder={UI.communities.searchPlaceholder}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <Switch
          label={UI.communities.showRetired}
          checked={includeRetired}
          onChange={(e) => setIncludeRetired(e.currentTarget.checked)}
        />
      </Group>

      {communities.isPending ? (
        <PageLoader />
      ) : communities.isError ? (
        <QueryError error={communities.error} onRetry={() => void communities.refetch()} />
      ) : (
        <Paper withBorder>
          {rows.length === 0 ? (
            <Empty>{total === 0 ? UI.communities.empty : UI.communities.noMatch}</Empty>
          ) : (
            <Table
              striped
              highlightOnHover
              stickyHeader
              stickyHeaderOffset={HEADER_HEIGHT}
              horizontalSpacing="sm"
              verticalSpacing={10}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={140}>{UI.communities.code}</Table.Th>
                  <Table.Th>{UI.communities.name}</Table.Th>
                  <Table.Th w={56}>{UI.communities.kind}</Table.Th>
                  <Table.Th w={72} className="sg-num">
                    {UI.communities.grids}
                  </Table.Th>
                  <Table.Th w={84} className="sg-num">
                    {UI.communities.households}
                  </Table.Th>
                  <Table.Th w={84} className="sg-num">
                    {UI.communities.population}
                  </Table.Th>
                  <Table.Th w={160}>{UI.communities.threeHave}</Table.Th>
                  <Table.Th w={80}>{UI.communities.status}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => {
                  const retired = !!c.retiredAt;
                  return (
                    <Table.Tr key={c.id} c={retired ? 'dimmed' : undefined}>
                      <Table.Td className="sg-code">{c.code}</Table.Td>
                      <Table.Td className="sg-nowrap">
                        <Anchor component={Link} to={PATHS.community(c.id)} fw={500} c={retired ? 'dimmed' : undefined}>
                          {c.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td className="sg-nowrap">{COMMUNITY_KIND_LABELS[c.kind]}</Table.Td>
                      <Table.Td className="sg-num">{formatNumber(c.gridCount)}</Table.Td>
                      <Table.Td className="sg-num">{formatNumber(c.households)}</Table.Td>
                      <Table.Td className="sg-num">{formatNumber(c.population)}</Table.Td>
                      <Table.Td>
                        <ThreeHaveBadges value={c.threeHave} />
                      </Table.Td>
                      <Table.Td>
                        {retired ? (
                          <Badge color="gray" variant="outline" radius="sm" tt="none" fw={500}>
                            {UI.communities.retired}
                          </Badge>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {UI.communities.active}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      <CreateCommunityModal opened={creating} onClose={createModal.close} streetCode={streetCode} />
    </>
  );
}
