// The modals of the network page: 联络站 (new/edit), 联络小组 (new/edit), 调到其他联络站 (move a group).
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ERR, UI } from '../../../shared/messages';
import { useGrids, useMutationFor } from '../../api/queries';
import { textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';
import type { GroupT, StationT } from './actions';

// ---- 联络站 ----------------------------------------------------------------------------------------------------

const STATION_FIELDS = ['name', 'residentialArea', 'gridId', 'leaderName'] as const;

export function StationFormModal({
  opened,
  communityId,
  station,
  onClose,
}: {
  opened: boolean;
  communityId: number;
  /** null = a new station. */
  station: StationT | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={station ? UI.network.editStationTitle : UI.network.addStationTitle}
      size="lg"
    >
      {opened && (
        <StationForm key={station?.id ?? 'new'} communityId={communityId} station={station} onClose={onClose} />
      )}
    </Modal>
  );
}

function StationForm({
  communityId,
  station: s,
  onClose,
}: {
  communityId: number;
  station: StationT | null;
  onClose: () => void;
}) {
  const grids = useGrids(communityId);
  const [name, setName] = useState(s?.name ?? '');
  const [area, setArea] = useState(s?.residentialArea ?? '');
  const [gridId, setGridId] = useState<string | null>(s?.gridId ? String(s.gridId) : null);
  const [leader, setLeader] = useState(s?.leaderName ?? '');
  const errors = useFieldErrors(STATION_FIELDS);
  const done = {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError: (e: unknown) => errors.handle(e),
  };
  const create = useMutationFor('network.createStation', done);
  const update = useMutationFor('network.updateStation', done);

  const submit = () => {
    errors.clear();
    if (!name.trim()) return errors.set('name', ERR.required);
    const fields = {
      name: name.trim(),
      residentialArea: textOrNull(area),
      gridId: gridId ? Number(gridId) : null,
      leaderName: textOrNull(leader),
    };
    if (s) update.mutate({ id: s.id, ...fields });
    else create.mutate({ communityId, ...fields });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
          <TextInput
            label={UI.network.stationName}
            placeholder={UI.network.stationNamePlaceholder}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clear('name');
            }}
            error={errors.errors.name}
            maxLength={50}
            withAsterisk
            data-autofocus
          />
          <TextInput
            label={UI.network.residentialArea}
            placeholder={UI.network.residentialAreaPlaceholder}
            value={area}
            onChange={(e) => {
              setArea(e.currentTarget.value);
              errors.clear('residentialArea');
            }}
            error={errors.errors.residentialArea}
            maxLength={50}
          />
          <Select
            label={UI.network.grid}
            placeholder={UI.network.gridPlaceholder}
            data={(grids.data ?? []).map((g) => ({ value: String(g.id), label: `${g.name}（${g.code}）` }))}
            value={gridId}
            onChange={(v) => {
              setGridId(v);
              errors.clear('gridId');
            }}
            error={errors.errors.gridId}
            searchable
            clearable
            nothingFoundMessage={UI.common.nothingFound}
          />
          <TextInput
            label={UI.network.stationLeader}
            value={leader}
            onChange={(e) => {
              setLeader(e.currentTarget.value);
              errors.clear('leaderName');
            }}
            error={errors.errors.leaderName}
            maxLength={30}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {UI.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// ---- 联络小组 --------------------------------------------------------------------------------------------------

const GROUP_FIELDS = ['name', 'leaderName'] as const;

export type GroupEditing = { mode: 'add'; station: StationT } | { mode: 'edit'; group: GroupT };

export function GroupFormModal({ editing, onClose }: { editing: GroupEditing | null; onClose: () => void }) {
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={editing?.mode === 'add' ? UI.network.addGroupTitle(editing.station.name) : UI.network.editGroupTitle}
      size="lg"
    >
      {editing && (
        <GroupForm
          key={editing.mode === 'add' ? `add-${editing.station.id}` : editing.group.id}
          editing={editing}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function GroupForm({ editing, onClose }: { editing: GroupEditing; onClose: () => void }) {
  const g = editing.mode === 'edit' ? editing.group : null;
  const [name, setName] = useState(g?.name ?? '');
  const [leader, setLeader] = useState(g?.leaderName ?? '');
  const errors = useFieldErrors(GROUP_FIELDS);
  const done = {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError: (e: unknown) => errors.handle(e),
  };
  const create = useMutationFor('network.createGroup', done);
  const update = useMutationFor('network.updateGroup', done);

  const submit = () => {
    errors.clear();
    if (!name.trim()) return errors.set('name', ERR.required);
    const fields = { name: name.trim(), leaderName: textOrNull(leader) };
    if (editing.mode === 'edit') update.mutate({ id: editing.group.id, ...fields });
    else create.mutate({ stationId: editing.station.id, ...fields });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="md">
          <TextInput
            label={UI.network.groupName}
            placeholder={UI.network.groupNamePlaceholder}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clear('name');
            }}
            error={errors.errors.name}
            maxLength={50}
            withAsterisk
            data-autofocus
          />
          <TextInput
            label={UI.network.groupLeader}
            value={leader}
            onChange={(e) => {
              setLeader(e.currentTarget.value);
              errors.clear('leaderName');
            }}
            error={errors.errors.leaderName}
            maxLength={30}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {UI.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// ---- 调到其他联络站 ----------------------------------------------------------------------------------------------

export function MoveGroupModal({
  group,
  stations,
  onClose,
}: {
  group: GroupT | null;
  stations: readonly StationT[];
  onClose: () => void;
}) {
  return (
    <Modal
      opened={group !== null}
      onClose={onClose}
      title={group ? UI.network.moveGroupTitle(group.name) : ''}
      size="md"
    >
      {group && <MoveGroupForm key={group.id} group={group} stations={stations} onClose={onClose} />}
    </Modal>
  );
}

function MoveGroupForm({
  group,
  stations,
  onClose,
}: {
  group: GroupT;
  stations: readonly StationT[];
  onClose: () => void;
}) {
  const others = stations.filter((s) => s.id !== group.stationId);
  const [target, setTarget] = useState<string | null>(others.length === 1 ? String(others[0]?.id) : null);
  const errors = useFieldErrors(['stationId'] as const);
  const move = useMutationFor('network.updateGroup', {
    onSuccess: (_r, v) => {
      const to = stations.find((s) => s.id === v.stationId);
      notifySaved(UI.network.moved(group.name, to?.name ?? ''));
      onClose();
    },
    onError: (e) => errors.handle(e),
  });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!target) return errors.set('stationId', ERR.required);
        move.mutate({ id: group.id, stationId: Number(target) });
      }}
    >
      <Stack gap="md">
        {others.length === 0 ? (
          <Text size="sm" c="dimmed">
            {UI.network.noOtherStation}
          </Text>
        ) : (
          <Select
            label={UI.network.moveGroupTo}
            description={UI.network.moveGroupHint(group.members.length)}
            data={others.map((s) => ({ value: String(s.id), label: s.name }))}
            value={target}
            onChange={(v) => {
              setTarget(v);
              errors.clear();
            }}
            error={errors.errors.stationId}
            allowDeselect={false}
            data-autofocus
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={move.isPending} disabled={others.length === 0}>
            {UI.network.moveGroupSubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
