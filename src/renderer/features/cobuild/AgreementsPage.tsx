// 共建协议: the agreements of a year (this year by default) per community or street-wide, with how far their
// commitments got and how many are overdue (red). Filters live in the URL (?year=&community=&q=&overdue=1).
import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Input } from '../../../shared/contract';
import { COBUILD, UI } from '../../../shared/messages';
import { useCommunities } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { IconPlus, IconSearch } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { AgreementFormModal } from './AgreementForm';
import { communityOptions } from './Pickers';
import { useAgreements } from './queries';
import { AreaBadges, rowLinkProps, useUrlFilters } from './shared';

const A = COBUILD.ui.agreements;
const S = COBUILD.ui.screens;

export function AgreementsPage() {
  const navigate = useNavigate();
  const { params, patch } = useUrlFilters();
  const thisYear = new Date().getFullYear();
  const yearParam = params.get('year');
  const year = yearParam === 'all' ? undefined : Number(yearParam ?? thisYear) || thisYear;
  const community = params.get('community') ?? '';
  const overdueOnly = params.get('overdue') === '1';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const patchSearch = useDebouncedCallback((v: string) => patch({ q: v || null }), 250);

  const communities = useCommunities(false);
  const query: Input<'agreements.list'> = {
    ...(year !== undefined ? { year } : {}),
    ...(community === 'street' ? { communityId: null } : community ? { communityId: Number(community) } : {}),
    ...(overdueOnly ? { overdueOnly } : {}),
    ...(q ? { q } : {}),
    limit: 1000,
  };
  const list = useAgreements(query);
  const [creating, setCreating] = useState(false);

  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  const rows = list.data?.rows ?? [];
  const filtered = !!(q || community || overdueOnly || yearParam);

  return (
    <>
      <PageHeader
        title={A.title}
        subtitle={list.data ? S.agreementCount(list.data.total) : undefined}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {A.create}
          </Button>
        }
      />

      <Group mb="md" gap="md" wrap="wrap">
        <Select
          aria-label={S.year}
          data={[
            { value: 'all', label: S.allYears },
            ...years.map((y) => ({ value: String(y), label: S.yearOption(y) })),
          ]}
          value={year === undefined ? 'all' : String(year)}
          onChange={(v) => patch({ year: v === String(thisYear) ? null : v })}
          allowDeselect={false}
          w={130}
        />
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
          placeholder={S.agreementSearch}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            patchSearch(e.currentTarget.value.trim());
          }}
          w={300}
        />
        <Checkbox
          label={A.overdueOnly}
          checked={overdueOnly}
          onChange={(e) => patch({ overdue: e.currentTarget.checked ? '1' : null })}
        />
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder>
          {rows.length === 0 ? (
            <Empty>{filtered ? A.emptyFiltered : A.empty}</Empty>
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
              aria-label={A.title}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{A.columns.unit}</Table.Th>
                  <Table.Th w={150}>{A.columns.community}</Table.Th>
                  <Table.Th w={80}>{A.columns.year}</Table.Th>
                  <Table.Th w={230}>{A.columns.areas}</Table.Th>
                  <Table.Th w={120}>{A.columns.commitments}</Table.Th>
                  <Table.Th w={100}>{A.columns.overdue}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id} {...rowLinkProps(() => void navigate(PATHS.agreement(a.id)))}>
                    <Table.Td>
                      <Anchor component={Link} to={PATHS.agreement(a.id)} fw={500} size="sm">
                        {a.unitName}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {a.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.communityName}</Table.Td>
                    <Table.Td className="sg-nowrap">{a.year}</Table.Td>
                    <Table.Td>
                      <AreaBadges areas={a.areas} />
                    </Table.Td>
                    <Table.Td className="sg-nowrap">
                      {a.commitmentCount === 0 ? (
                        <Text size="sm" c="dimmed">
                          {UI.common.dash}
                        </Text>
                      ) : (
                        <Text
                          size="sm"
                          c={a.statusCounts.done === a.commitmentCount ? 'green.8' : undefined}
                          fw={a.statusCounts.done === a.commitmentCount ? 500 : undefined}
                        >
                          {A.commitmentCounts(a.statusCounts.done, a.commitmentCount)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className="sg-nowrap">
                      {a.overdueCount > 0 ? (
                        <Badge color="red" variant="filled" radius="sm" tt="none" fw={500}>
                          {A.overdue(a.overdueCount)}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {UI.common.dash}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      <AgreementFormModal
        opened={creating}
        agreement={null}
        defaultYear={year ?? thisYear}
        defaultCommunity={community}
        onClose={() => setCreating(false)}
        onCreated={(a) => void navigate(PATHS.agreement(a.id))}
      />
    </>
  );
}
