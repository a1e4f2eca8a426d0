// 驻区单位: the units stationed in the street. Filters (type, community, 协调议事小组成员单位) and the search text live in
// the URL (?q=&type=&community=&council=1&page=), so coming back from a unit's page keeps the list as it was.
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { UnitT } from '../../../shared/contract';
import { UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { useCommunities, useMutationFor, useUnits } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatNumber } from '../../components/format';
import { IconPlus, IconSearch } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { UNIT_TYPE_OPTIONS, UnitFormModal } from './UnitFormModal';

const PAGE_SIZE = 50;

export function UnitsPage() {
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type');
  const type = (UNIT_TYPES as readonly string[]).includes(typeParam ?? '') ? (typeParam as UnitType) : undefined;
  const communityParam = Number(params.get('community'));
  const communityId = Number.isInteger(communityParam) && communityParam > 0 ? communityParam : undefined;
  const councilOnly = params.get('council') === '1';
  const pageParam = Number(params.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const q = params.get('q') ?? '';

  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search.trim(), 250);

  /** Changes some URL parameters; any filter change goes back to page 1. */
  const patch = (changes: Record<string, string | null>, keepPage = false) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        if (!keepPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if (debounced !== q) patch({ q: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const communities = useCommunities(false);
  const units = useUnits({
    ...(q ? { q } : {}),
    ...(type ? { type } : {}),
    ...(communityId ? { communityId } : {}),
    ...(councilOnly ? { councilOnly } : {}),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });

  const [editing, setEditing] = useState<{ unit: UnitT | null } | null>(null);
  const [deleting, setDeleting] = useState<UnitT | null>(null);
  const remove = useMutationFor('units.delete', {
    onSuccess: () => {
      setDeleting(null);
      notifySaved(UI.common.deleted);
    },
    onError: (e) => {
      setDeleting(null);
      notifyError(e);
    },
  });

  const total = units.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const rows = units.data?.rows ?? [];
  const filtered = !!(q || type || communityId || councilOnly);

  // A page that no longer exists (the last unit of the last page was deleted) → the last one that does.
  useEffect(() => {
    if (units.data && !units.isPlaceholderData && page > pages)
      patch({ page: pages === 1 ? null : String(pages) }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [units.data, page, pages]);

  return (
    <>
      <PageHeader
        title={UI.units.title}
        subtitle={units.data ? UI.units.count(total) : undefined}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ unit: null })}>
            {UI.units.add}
          </Button>
        }
      />

      <Group mb="md" gap="md" wrap="wrap">
        <TextInput
          aria-label={UI.common.search}
          placeholder={UI.units.searchPlaceholder}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={340}
        />
        <Select
          aria-label={UI.units.type}
          data={[{ value: '', label: UI.units.allTypes }, ...UNIT_TYPE_OPTIONS]}
          value={type ?? ''}
          onChange={(v) => patch({ type: v || null })}
          allowDeselect={false}
          w={140}
        />
        <Select
          aria-label={UI.units.community}
          data={[
            { value: '', label: UI.units.allCommunities },
            ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
          ]}
          value={communityId ? String(communityId) : ''}
          onChange={(v) => patch({ community: v || null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={180}
        />
        <Checkbox
          label={UI.units.councilOnly}
          checked={councilOnly}
          onChange={(e) => patch({ council: e.currentTarget.checked ? '1' : null })}
        />
      </Group>

      {units.isPending ? (
        <PageLoader />
      ) : units.isError ? (
        <QueryError error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <Stack gap="md">
          <Paper withBorder>
            {rows.length === 0 ? (
              <Empty>{filtered ? UI.units.noMatch : UI.units.empty}</Empty>
            ) : (
              <Table
                striped
                highlightOnHover
                stickyHeader
                stickyHeaderOffset={HEADER_HEIGHT}
                horizontalSpacing={10}
                verticalSpacing={8}
                fz="sm"
                style={{ opacity: units.isPlaceholderData ? 0.6 : 1 }}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{UI.units.name}</Table.Th>
                    <Table.Th w={72}>{UI.units.type}</Table.Th>
                    <Table.Th w={100}>{UI.units.community}</Table.Th>
                    <Table.Th>{UI.units.partyOrg}</Table.Th>
                    <Table.Th w={64}>{UI.units.secretaryShort}</Table.Th>
                    <Table.Th w={64}>{UI.units.contactPerson}</Table.Th>
                    <Table.Th w={112}>{UI.units.contactPhone}</Table.Th>
                    <Table.Th w={72} className="sg-num">
                      {UI.units.employed}
                    </Table.Th>
                    <Table.Th w={60} className="sg-num">
                      {UI.units.reported}
                    </Table.Th>
                    <Table.Th w={110} className="sg-nowrap">
                      {UI.units.council}
                    </Table.Th>
                    <Table.Th w={96}>{UI.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>
                        <Anchor component={Link} to={PATHS.unit(u.id)} fw={500} size="sm">
                          {u.name}
                        </Anchor>
                        {u.uscc && (
                          <Text size="xs" c="dimmed" className="sg-code">
                            {u.uscc}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className="sg-nowrap">{UNIT_TYPE_LABELS[u.type]}</Table.Td>
                      <Table.Td>{u.communityName ?? UI.common.dash}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {u.partyOrgName ?? UI.common.dash}
                        </Text>
                      </Table.Td>
                      <Table.Td className="sg-nowrap">{u.partySecretary ?? UI.common.dash}</Table.Td>
                      <Table.Td className="sg-nowrap">{u.contactPerson ?? UI.common.dash}</Table.Td>
                      <Table.Td className="sg-nowrap sg-code">{u.contactPhone ?? UI.common.dash}</Table.Td>
                      <Table.Td className="sg-num">{formatNumber(u.employedCount)}</Table.Td>
                      <Table.Td className="sg-num">{formatNumber(u.reportedCount)}</Table.Td>
                      <Table.Td>
                        {u.isCouncilMember ? (
                          <Badge variant="light" color="civic" radius="sm" tt="none" fw={500}>
                            {UI.units.councilBadge}
                          </Badge>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {UI.common.dash}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={2} wrap="nowrap" aria-label={UI.units.unitActions(u.name)} role="group">
                          <Button size="compact-sm" variant="subtle" onClick={() => setEditing({ unit: u })}>
                            {UI.common.edit}
                          </Button>
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(u)}>
                            {UI.common.delete}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          {total > PAGE_SIZE && (
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {UI.units.pageInfo((page - 1) * PAGE_SIZE + 1, Math.min(total, page * PAGE_SIZE), total)}
              </Text>
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(p) => patch({ page: p === 1 ? null : String(p) }, true)}
                size="sm"
              />
            </Group>
          )}
        </Stack>
      )}

      <UnitFormModal opened={editing !== null} unit={editing?.unit ?? null} onClose={() => setEditing(null)} />

      <ConfirmModal
        opened={deleting !== null}
        title={UI.units.deleteTitle}
        message={deleting ? UI.units.deleteConfirm(deleting.name) : ''}
        confirmLabel={UI.common.delete}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </>
  );
}
