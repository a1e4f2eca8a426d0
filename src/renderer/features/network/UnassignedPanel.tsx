// 未编入党员: the community's members in the register who are not liaisons. Without a search the tree's own list is
// shown (the first 2000); a search asks the server (name or pinyin initials) so nobody is out of reach.
import { Badge, Box, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { MemberCategory } from '../../../shared/enums';
import { MEMBER_CATEGORY_LABELS } from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { useUnassignedSearch } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { QueryError } from '../../components/feedback';
import { formatNumber } from '../../components/format';
import { IconSearch } from '../../components/icons';
import { startDrag, useNetwork } from './actions';
import { AssignMenu } from './GroupPicker';

type Person = { id: number; name: string; category: MemberCategory; gridName: string | null };

const ROW_HEIGHT = 46;

export function UnassignedPanel({ communityId }: { communityId: number }) {
  const { tree } = useNetwork();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useUnassignedSearch(communityId, q);
  const searching = q !== '';

  const people: Person[] = useMemo(() => {
    if (!searching) return tree.unassigned;
    return (found.data?.rows ?? []).map((m) => ({
      id: m.id,
      name: m.name,
      category: m.category,
      gridName: m.gridName,
    }));
  }, [searching, tree.unassigned, found.data]);

  const total = tree.counts.unassigned;
  const hasGroups = tree.counts.groups > 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders with the virtualizer anyway
  const virtual = useVirtualizer({
    count: people.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  let note: string | null = null;
  if (searching && found.data) {
    note =
      found.data.total > found.data.rows.length
        ? UI.network.searchTruncated(found.data.rows.length, found.data.total)
        : UI.network.searchCount(found.data.total);
  } else if (!searching && total > tree.unassigned.length) {
    note = UI.network.unassignedTruncated(tree.unassigned.length, total);
  }

  return (
    <Paper
      withBorder
      p="md"
      style={{ position: 'sticky', top: HEADER_HEIGHT + 16 }}
      aria-label={UI.network.unassignedTitle}
      component="section"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4} fz={16}>
            {UI.network.unassignedTitle}
          </Title>
          <Badge variant="light" color={total > 0 ? 'orange' : 'green'} radius="sm" tt="none" fw={500} size="lg">
            {formatNumber(total)} {UI.network.people}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {hasGroups ? UI.network.unassignedHint : UI.network.noGroups}
        </Text>
        <TextInput
          aria-label={UI.network.searchUnassigned}
          placeholder={UI.network.searchUnassigned}
          leftSection={<IconSearch size={16} />}
          rightSection={searching && found.isFetching ? <Loader size={14} /> : null}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
        {searching && found.isError ? (
          <QueryError error={found.error} onRetry={() => void found.refetch()} />
        ) : people.length === 0 ? (
          <Text size="sm" c="dimmed" py="md" ta="center">
            {searching
              ? found.isPending
                ? UI.common.loading
                : UI.network.unassignedNoMatch
              : UI.network.unassignedEmpty}
          </Text>
        ) : (
          <Box
            ref={scrollRef}
            style={{
              height: `max(280px, calc(100vh - ${HEADER_HEIGHT + 300}px))`,
              overflowY: 'auto',
              marginInline: 'calc(var(--mantine-spacing-md) * -1)',
              borderTop: '1px solid var(--mantine-color-gray-2)',
            }}
          >
            <div role="list" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((row) => {
                const p = people[row.index];
                if (!p) return null;
                return (
                  <Group
                    key={p.id}
                    role="listitem"
                    data-member={p.id}
                    draggable={hasGroups}
                    onDragStart={(e) => startDrag(e, { memberId: p.id, name: p.name, fromGroupId: null })}
                    justify="space-between"
                    wrap="nowrap"
                    gap="xs"
                    px="md"
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${row.start}px)`,
                      borderBottom: '1px solid var(--mantine-color-gray-1)',
                      cursor: hasGroups ? 'grab' : undefined,
                    }}
                  >
                    <Box style={{ minWidth: 0 }}>
                      <Text size="sm" fw={500} className="sg-nowrap">
                        {p.name}
                      </Text>
                      <Text
                        size="xs"
                        c="dimmed"
                        className="sg-nowrap"
                        style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
                      >
                        {[MEMBER_CATEGORY_LABELS[p.category], p.gridName].filter(Boolean).join(' · ')}
                      </Text>
                    </Box>
                    {hasGroups && <AssignMenu member={p} />}
                  </Group>
                );
              })}
            </div>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
