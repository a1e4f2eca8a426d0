// Menus that put a member into a group — the click/keyboard way of doing what drag and drop does:
// 编入 (an unassigned member) and the liaison chip menu (调到其他联络小组 / 解除联络员). Groups are listed under their
// station; arrow keys move, Enter picks, Esc closes.
import { Box, Button, Menu, Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { UI } from '../../../shared/messages';
import { useNetwork } from './actions';

const DROPDOWN_STYLE = { maxHeight: 380, overflowY: 'auto' } as const;

/** Station labels with their groups as items (without `excludeGroupId`). */
function GroupItems({
  excludeGroupId,
  emptyText,
  onPick,
}: {
  excludeGroupId?: number;
  emptyText: string;
  onPick: (groupId: number) => void;
}) {
  const { tree } = useNetwork();
  const stations = tree.stations
    .map((s) => ({ ...s, groups: s.groups.filter((g) => g.id !== excludeGroupId) }))
    .filter((s) => s.groups.length > 0);
  if (stations.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="sm" py={6}>
        {emptyText}
      </Text>
    );
  }
  return (
    <>
      {stations.map((s) => (
        <Fragment key={s.id}>
          <Menu.Label>{s.name}</Menu.Label>
          {s.groups.map((g) => (
            <Menu.Item
              key={g.id}
              onClick={() => onPick(g.id)}
              rightSection={
                <Text size="xs" c="dimmed">
                  {UI.network.groupCountShort(g.members.length)}
                </Text>
              }
            >
              {g.leaderName ? `${g.name}（${g.leaderName}）` : g.name}
            </Menu.Item>
          ))}
        </Fragment>
      ))}
    </>
  );
}

/** 编入: opens the list of groups for one unassigned member; picking one assigns at once. */
export function AssignMenu({ member }: { member: { id: number; name: string } }) {
  const net = useNetwork();
  return (
    <Menu position="left-start" shadow="md" width={340} withinPortal>
      <Menu.Target>
        <Button size="compact-xs" variant="light" aria-label={UI.network.assignTitle(member.name)}>
          {UI.network.assign}
        </Button>
      </Menu.Target>
      <Menu.Dropdown style={DROPDOWN_STYLE}>
        <Box px="sm" py={6}>
          <Text size="sm" fw={600}>
            {UI.network.assignTitle(member.name)}
          </Text>
        </Box>
        <Menu.Divider />
        <GroupItems emptyText={UI.network.noGroups} onPick={(groupId) => void net.assign(member, groupId, false)} />
      </Menu.Dropdown>
    </Menu>
  );
}

/** A liaison's menu: who they are, 调到 another group (one action), 解除联络员 (after a confirm). */
export function LiaisonMenu({
  member,
  groupId,
  details,
  children,
}: {
  member: { id: number; name: string };
  groupId: number;
  details: string;
  /** The target (the chip). */
  children: ReactNode;
}) {
  const net = useNetwork();
  return (
    <Menu position="bottom-start" shadow="md" width={340} withinPortal>
      <Menu.Target>{children}</Menu.Target>
      <Menu.Dropdown style={DROPDOWN_STYLE}>
        <Box px="sm" py={6}>
          <Text size="sm" fw={600}>
            {member.name}
          </Text>
          <Text size="xs" c="dimmed">
            {details}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Label fw={600} c="dark">
          {UI.network.reassign}
        </Menu.Label>
        <GroupItems
          excludeGroupId={groupId}
          emptyText={UI.network.noOtherGroup}
          onPick={(to) => void net.assign(member, to, true)}
        />
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => net.confirmUnassign(member)}>
          {UI.network.unassign}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
