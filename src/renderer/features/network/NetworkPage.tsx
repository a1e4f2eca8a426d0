// 联络网络: one community's 联络站 → 联络小组 → 联络员 tree, its counts, and (right) the members not yet in it.
// The community is in the URL (?community=ID) and remembered for the next visit. This page owns every mutation and
// modal of the network; the tree and the list ask for them through NetworkContext.
import { Button, Grid, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { NetworkTreeT } from '../../../shared/contract';
import { MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS } from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { useCommunities, useMutationFor, useNetworkTree } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatNumber } from '../../components/format';
import { IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import {
  CATEGORY_COLOR,
  NetworkContext,
  type GroupT,
  type NetworkActions,
  type PersonRef,
  type StationT,
} from './actions';
import { GroupFormModal, MoveGroupModal, StationFormModal, type GroupEditing } from './NetworkForms';
import { StationCard } from './StationTree';
import { UnassignedPanel } from './UnassignedPanel';

const LAST_COMMUNITY = 'streetgrid.network.community';

function rememberedCommunity(): number | null {
  try {
    const n = Number(window.localStorage.getItem(LAST_COMMUNITY));
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function NetworkPage() {
  const [params, setParams] = useSearchParams();
  const communities = useCommunities(false);
  const list = communities.data ?? [];
  const requested = Number(params.get('community'));
  const communityId = list.some((c) => c.id === requested) ? requested : undefined;

  // No (valid) community in the URL: the one used last time, else the first; written back to the URL.
  useEffect(() => {
    if (!communities.data || communities.data.length === 0 || communityId !== undefined) return;
    const last = rememberedCommunity();
    const pick = communities.data.find((c) => c.id === last) ?? communities.data[0];
    if (pick) setParams({ community: String(pick.id) }, { replace: true });
  }, [communities.data, communityId, setParams]);

  useEffect(() => {
    if (communityId === undefined) return;
    try {
      window.localStorage.setItem(LAST_COMMUNITY, String(communityId));
    } catch {
      // private mode: the URL still carries it
    }
  }, [communityId]);

  const tree = useNetworkTree(communityId);
  const [addingStation, setAddingStation] = useState(false);

  return (
    <Stack gap={0} maw={1600}>
      <PageHeader
        title={UI.network.title}
        subtitle={UI.network.subtitle}
        actions={
          <>
            <Select
              aria-label={UI.network.community}
              placeholder={UI.network.pickCommunity}
              data={list.map((c) => ({ value: String(c.id), label: c.name }))}
              value={communityId ? String(communityId) : null}
              onChange={(v) => v && setParams({ community: v }, { replace: false })}
              allowDeselect={false}
              searchable
              nothingFoundMessage={UI.common.nothingFound}
              w={220}
              disabled={list.length === 0}
            />
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setAddingStation(true)}
              disabled={communityId === undefined}
            >
              {UI.network.addStation}
            </Button>
          </>
        }
      />

      {communities.isPending ? (
        <PageLoader />
      ) : communities.isError ? (
        <QueryError error={communities.error} onRetry={() => void communities.refetch()} />
      ) : list.length === 0 ? (
        <Paper withBorder>
          <Empty>{UI.network.noCommunities}</Empty>
        </Paper>
      ) : communityId === undefined || tree.isPending ? (
        <PageLoader />
      ) : tree.isError ? (
        <QueryError error={tree.error} onRetry={() => void tree.refetch()} />
      ) : (
        <Network key={communityId} tree={tree.data} onAddStation={() => setAddingStation(true)} />
      )}

      {communityId !== undefined && (
        <StationFormModal
          opened={addingStation}
          communityId={communityId}
          station={null}
          onClose={() => setAddingStation(false)}
        />
      )}
    </Stack>
  );
}

function Stat({ label, value, unit, tone }: { label: string; value: number; unit: string; tone?: string }) {
  return (
    <Paper withBorder px="md" py="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group gap={4} align="baseline">
        <Text fz={26} fw={600} lh={1.25} className="sg-num" c={tone}>
          {formatNumber(value)}
        </Text>
        <Text size="sm" c="dimmed">
          {unit}
        </Text>
      </Group>
    </Paper>
  );
}

type Deleting = { kind: 'station'; station: StationT } | { kind: 'group'; group: GroupT } | null;

function Network({ tree, onAddStation }: { tree: NetworkTreeT; onAddStation: () => void }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [editingStation, setEditingStation] = useState<StationT | null>(null);
  const [groupEditing, setGroupEditing] = useState<GroupEditing | null>(null);
  const [moving, setMoving] = useState<GroupT | null>(null);
  const [deleting, setDeleting] = useState<Deleting>(null);
  const [unassigning, setUnassigning] = useState<PersonRef | null>(null);

  const assignM = useMutationFor('network.assign');
  const unassignM = useMutationFor('network.unassign');
  const deleteStationM = useMutationFor('network.deleteStation');
  const deleteGroupM = useMutationFor('network.deleteGroup');

  const actions: NetworkActions = useMemo(
    () => ({
      tree,
      assign: async (member: PersonRef, groupId: number, moving: boolean) => {
        try {
          const pos = await assignM.mutateAsync({ memberId: member.id, groupId });
          notifySaved(
            moving
              ? UI.network.reassigned(member.name, pos.groupName)
              : UI.network.assigned(member.name, pos.groupName),
          );
          return true;
        } catch (e) {
          notifyError(e);
          return false;
        }
      },
      unassign: async (member: PersonRef) => {
        try {
          await unassignM.mutateAsync({ memberId: member.id });
          notifySaved(UI.network.unassignDone(member.name));
          return true;
        } catch (e) {
          notifyError(e);
          return false;
        }
      },
      confirmUnassign: setUnassigning,
      editStation: setEditingStation,
      deleteStation: (station) => setDeleting({ kind: 'station', station }),
      addGroup: (station) => setGroupEditing({ mode: 'add', station }),
      editGroup: (group) => setGroupEditing({ mode: 'edit', group }),
      moveGroup: setMoving,
      deleteGroup: (group) => setDeleting({ kind: 'group', group }),
    }),
    // The mutation objects change identity on every state change; their mutateAsync is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tree, assignM.mutateAsync, unassignM.mutateAsync],
  );

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      if (deleting.kind === 'station') await deleteStationM.mutateAsync({ id: deleting.station.id });
      else await deleteGroupM.mutateAsync({ id: deleting.group.id });
      notifySaved(UI.common.deleted);
    } catch (e) {
      // The server refuses while groups / liaisons remain, and says how many.
      notifyError(e);
    } finally {
      setDeleting(null);
    }
  };

  const allCollapsed = tree.stations.length > 0 && tree.stations.every((s) => collapsed.has(s.id));
  const c = tree.counts;

  return (
    <NetworkContext.Provider value={actions}>
      <Stack gap="md">
        <SimpleGrid cols={4} spacing="md">
          <Stat label={UI.network.stations} value={c.stations} unit={UI.common.unitItems} />
          <Stat label={UI.network.groups} value={c.groups} unit={UI.common.unitItems} />
          <Stat label={UI.network.liaisons} value={c.liaisons} unit={UI.network.people} />
          <Stat
            label={UI.network.unassigned}
            value={c.unassigned}
            unit={UI.network.people}
            tone={c.unassigned > 0 ? 'orange.8' : undefined}
          />
        </SimpleGrid>

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="sm">
              <Group justify="space-between">
                <Group gap="md">
                  <Title order={4} fz={16}>
                    {UI.network.stations}
                  </Title>
                  <Legend />
                </Group>
                {tree.stations.length > 0 && (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => setCollapsed(allCollapsed ? new Set() : new Set(tree.stations.map((s) => s.id)))}
                  >
                    {allCollapsed ? UI.network.expandAll : UI.network.collapseAll}
                  </Button>
                )}
              </Group>
              {tree.stations.length === 0 ? (
                <Paper withBorder>
                  <Empty
                    action={
                      <Button variant="light" leftSection={<IconPlus size={16} />} onClick={onAddStation}>
                        {UI.network.addStation}
                      </Button>
                    }
                  >
                    {UI.network.emptyTree}
                  </Empty>
                </Paper>
              ) : (
                tree.stations.map((s) => (
                  <StationCard
                    key={s.id}
                    station={s}
                    expanded={!collapsed.has(s.id)}
                    onToggle={() =>
                      setCollapsed((prev) => {
                        const next = new Set(prev);
                        if (next.has(s.id)) next.delete(s.id);
                        else next.add(s.id);
                        return next;
                      })
                    }
                  />
                ))
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <UnassignedPanel communityId={tree.communityId} />
          </Grid.Col>
        </Grid>
      </Stack>

      <StationFormModal
        opened={editingStation !== null}
        communityId={tree.communityId}
        station={editingStation}
        onClose={() => setEditingStation(null)}
      />
      <GroupFormModal editing={groupEditing} onClose={() => setGroupEditing(null)} />
      <MoveGroupModal group={moving} stations={tree.stations} onClose={() => setMoving(null)} />
      <ConfirmModal
        opened={unassigning !== null}
        title={UI.network.unassign}
        message={unassigning ? UI.network.unassignConfirm(unassigning.name) : ''}
        confirmLabel={UI.network.unassign}
        loading={unassignM.isPending}
        onClose={() => setUnassigning(null)}
        onConfirm={() => {
          if (unassigning) void actions.unassign(unassigning).finally(() => setUnassigning(null));
        }}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={deleting?.kind === 'station' ? UI.network.deleteStationTitle : UI.network.deleteGroupTitle}
        message={
          deleting?.kind === 'station'
            ? UI.network.deleteStationConfirm(deleting.station.name)
            : deleting?.kind === 'group'
              ? UI.network.deleteGroupConfirm(deleting.group.name)
              : ''
        }
        confirmLabel={UI.common.delete}
        loading={deleteStationM.isPending || deleteGroupM.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => void confirmDelete()}
      />
    </NetworkContext.Provider>
  );
}

function Legend() {
  return (
    <Group gap="sm">
      {MEMBER_CATEGORIES.map((k) => (
        <Group key={k} gap={4} wrap="nowrap">
          <span
            style={{
              width: 10,
              height: 10,
              borderRadius: 5,
              background: `var(--mantine-color-${CATEGORY_COLOR[k]}-1)`,
              border: `1px solid var(--mantine-color-${CATEGORY_COLOR[k]}-5)`,
              display: 'inline-block',
            }}
          />
          <Text size="xs" c="dimmed">
            {MEMBER_CATEGORY_LABELS[k]}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
