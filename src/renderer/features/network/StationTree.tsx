// The tree 联络站 → 联络小组 → 联络员 of one community, with counts and leaders at every level. Groups are drop targets
// for members dragged from the unassigned list or from another group; every drag has a click/keyboard equivalent
// (编入 on the member, 调到… on the liaison).
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Collapse,
  Divider,
  Group,
  Menu,
  Paper,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { MEMBER_CATEGORY_LABELS } from '../../../shared/enums';
import { UI } from '../../../shared/messages';
import { formatDate } from '../../components/format';
import { IconChevronRight, IconPlus } from '../../components/icons';
import {
  CATEGORY_COLOR,
  isMemberDrag,
  readDrag,
  startDrag,
  useNetwork,
  type GroupT,
  type LiaisonT,
  type StationT,
} from './actions';
import { LiaisonMenu } from './GroupPicker';

function Dots() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
      <circle cx="5" cy="12" r="1.8" />
      <circle cx="12" cy="12" r="1.8" />
      <circle cx="19" cy="12" r="1.8" />
    </svg>
  );
}

function Meta({ parts, size = 'sm' }: { parts: (string | null)[]; size?: 'xs' | 'sm' }) {
  const shown = parts.filter((p): p is string => !!p);
  if (shown.length === 0) return null;
  return (
    <Text size={size} c="dimmed" className="sg-nowrap" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
      {shown.join(' · ')}
    </Text>
  );
}

export function StationCard({
  station: s,
  expanded,
  onToggle,
}: {
  station: StationT;
  expanded: boolean;
  onToggle: () => void;
}) {
  const net = useNetwork();
  return (
    <Paper withBorder data-station={s.id}>
      <Group px="md" py={8} gap="sm" wrap="nowrap" justify="space-between">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onToggle}
            aria-expanded={expanded}
            aria-label={UI.network.toggleStation(s.name)}
          >
            <IconChevronRight
              size={18}
              style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 150ms' }}
            />
          </ActionIcon>
          <UnstyledButton onClick={onToggle} style={{ minWidth: 0, flex: 1 }} tabIndex={-1}>
            <Text fw={600} size="md" className="sg-nowrap" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {s.name}
            </Text>
            <Meta
              parts={[
                s.residentialArea ? UI.network.areaLabel(s.residentialArea) : null,
                s.gridName ? UI.network.gridLabel(s.gridName) : null,
                s.leaderName ? UI.network.stationLeaderLabel(s.leaderName) : null,
              ]}
            />
          </UnstyledButton>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" color="civic" radius="sm" tt="none" fw={500} size="lg">
            {UI.network.stationCounts(s.groups.length, s.memberCount)}
          </Badge>
          <Menu position="bottom-end" shadow="md" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={UI.network.stationActions(s.name)}>
                <Dots />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => net.editStation(s)}>{UI.network.editStation}</Menu.Item>
              <Menu.Item onClick={() => net.addGroup(s)}>{UI.network.addGroup}</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => net.deleteStation(s)}>
                {UI.network.deleteStation}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Collapse expanded={expanded}>
        <Divider />
        <Stack gap="sm" p="sm" pl={44}>
          {s.groups.length === 0 ? (
            <Text size="sm" c="dimmed" py={4}>
              {UI.network.emptyStation}
            </Text>
          ) : (
            s.groups.map((g) => <GroupCard key={g.id} group={g} />)
          )}
          <Group>
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => net.addGroup(s)}
              aria-label={UI.network.addGroupTitle(s.name)}
            >
              {UI.network.addGroup}
            </Button>
          </Group>
        </Stack>
      </Collapse>
    </Paper>
  );
}

function GroupCard({ group: g }: { group: GroupT }) {
  const net = useNetwork();
  const [over, setOver] = useState(false);
  return (
    <Box
      data-group={g.id}
      onDragOver={(e) => {
        if (!isMemberDrag(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        setOver(false);
        const p = readDrag(e);
        if (!p) return;
        e.preventDefault();
        if (p.fromGroupId === g.id) return;
        void net.assign({ id: p.memberId, name: p.name }, g.id, p.fromGroupId !== null);
      }}
      style={{
        border: `1px ${over ? 'dashed var(--mantine-color-civic-6)' : 'solid var(--mantine-color-gray-3)'}`,
        borderLeft: `3px solid var(--mantine-color-civic-${over ? 6 : 3})`,
        borderRadius: 'var(--mantine-radius-sm)',
        background: over ? 'var(--mantine-color-civic-0)' : 'var(--mantine-color-white)',
      }}
    >
      <Group px="sm" py={6} gap="sm" wrap="nowrap" justify="space-between">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" className="sg-nowrap">
            {g.name}
          </Text>
          <Meta parts={[g.leaderName ? UI.network.groupLeaderLabel(g.leaderName) : null]} />
        </Group>
        <Group gap={6} wrap="nowrap">
          <Badge variant="outline" color="gray" radius="sm" tt="none" fw={500}>
            {UI.network.groupCount(g.members.length)}
          </Badge>
          <Menu position="bottom-end" shadow="md" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={UI.network.groupActions(g.name)}>
                <Dots />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => net.editGroup(g)}>{UI.network.editGroup}</Menu.Item>
              <Menu.Item onClick={() => net.moveGroup(g)}>{UI.network.moveGroup}</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => net.deleteGroup(g)}>
                {UI.network.deleteGroup}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Box px="sm" pb={8}>
        {g.members.length === 0 ? (
          <Text size="xs" c="dimmed">
            {UI.network.emptyGroup}
          </Text>
        ) : (
          <Group gap={6}>
            {g.members.map((m) => (
              <LiaisonChip key={m.memberId} liaison={m} group={g} />
            ))}
          </Group>
        )}
      </Box>
    </Box>
  );
}

/** One liaison: a chip that opens 调到其他联络小组 / 解除联络员; it can also be dragged onto another group. */
function LiaisonChip({ liaison: m, group }: { liaison: LiaisonT; group: GroupT }) {
  const details = [MEMBER_CATEGORY_LABELS[m.category], m.gridName, UI.network.since(formatDate(m.startDate))]
    .filter(Boolean)
    .join(' · ');
  return (
    <LiaisonMenu member={{ id: m.memberId, name: m.name }} groupId={group.id} details={details}>
      <Button
        size="compact-sm"
        radius="xl"
        variant="light"
        color={CATEGORY_COLOR[m.category]}
        fw={500}
        draggable
        onDragStart={(e) => startDrag(e, { memberId: m.memberId, name: m.name, fromGroupId: group.id })}
        aria-label={UI.network.memberActions(m.name)}
        title={MEMBER_CATEGORY_LABELS[m.category]}
      >
        {m.name}
      </Button>
    </LiaisonMenu>
  );
}
