// 网格: the grids of one community; create/edit in a modal (`grids.create` / `grids.update`), delete after a confirm.
import {
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { GridT } from '../../../shared/contract';
import { ERR, UI } from '../../../shared/messages';
import { useGrids, useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatNumber, numOrNull, textOrNull } from '../../components/format';
import { IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';

type Editing = { mode: 'add' } | { mode: 'edit'; grid: GridT } | null;

export function GridsTab({ communityId, readOnly }: { communityId: number; readOnly: boolean }) {
  const grids = useGrids(communityId);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<GridT | null>(null);
  const remove = useMutationFor('grids.delete', {
    onSuccess: () => {
      setDeleting(null);
      notifySaved(UI.common.deleted);
    },
    onError: (e) => {
      setDeleting(null);
      notifyError(e);
    },
  });

  if (grids.isPending) return <PageLoader />;
  if (grids.isError) return <QueryError error={grids.error} onRetry={() => void grids.refetch()} />;
  const rows = grids.data;

  return (
    <Stack gap="md">
      {!readOnly && (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'add' })}>
            {UI.grids.add}
          </Button>
        </Group>
      )}
      {rows.length === 0 ? (
        <Empty>{UI.grids.empty}</Empty>
      ) : (
        <Table striped withTableBorder highlightOnHover horizontalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{UI.grids.code}</Table.Th>
              <Table.Th>{UI.grids.name}</Table.Th>
              <Table.Th w={90}>{UI.grids.leader}</Table.Th>
              <Table.Th>{UI.grids.workersShort}</Table.Th>
              <Table.Th w={70} className="sg-num">
                {UI.grids.households}
              </Table.Th>
              <Table.Th>{UI.grids.buildings}</Table.Th>
              {!readOnly && <Table.Th w={112}>{UI.common.actions}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td className="sg-code">{g.code}</Table.Td>
                <Table.Td>{g.name}</Table.Td>
                <Table.Td>{g.leaderName ?? UI.common.dash}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {g.gridWorkers.length ? g.gridWorkers.join('、') : UI.common.dash}
                  </Text>
                </Table.Td>
                <Table.Td className="sg-num">{formatNumber(g.households)}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {g.buildings ?? UI.common.dash}
                  </Text>
                </Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing({ mode: 'edit', grid: g })}>
                        {UI.common.edit}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(g)}>
                        {UI.common.delete}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? UI.grids.editTitle : UI.grids.addTitle}
        size="lg"
      >
        {editing && <GridForm communityId={communityId} editing={editing} onClose={() => setEditing(null)} />}
      </Modal>

      <ConfirmModal
        opened={deleting !== null}
        title={UI.grids.deleteTitle}
        message={deleting ? UI.grids.deleteConfirm(deleting.name) : ''}
        confirmLabel={UI.common.delete}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </Stack>
  );
}

const FIELDS = ['code', 'name', 'leaderName', 'gridWorkers', 'households', 'buildings'] as const;

function GridForm({
  communityId,
  editing,
  onClose,
}: {
  communityId: number;
  editing: NonNullable<Editing>;
  onClose: () => void;
}) {
  const g = editing.mode === 'edit' ? editing.grid : null;
  const [code, setCode] = useState(g?.code ?? '');
  const [name, setName] = useState(g?.name ?? '');
  const [leader, setLeader] = useState(g?.leaderName ?? '');
  const [workers, setWorkers] = useState<string[]>(g?.gridWorkers ?? []);
  const [households, setHouseholds] = useState<number | string>(g?.households ?? '');
  const [buildings, setBuildings] = useState(g?.buildings ?? '');
  const errors = useFieldErrors(FIELDS);
  const done = {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError: (e: unknown) => errors.handle(e),
  };
  const create = useMutationFor('grids.create', done);
  const update = useMutationFor('grids.update', done);

  const submit = () => {
    errors.clear();
    const c = code.trim();
    if (!c) return errors.set('code', ERR.required);
    if (!name.trim()) return errors.set('name', ERR.required);
    const fields = {
      code: c,
      name: name.trim(),
      leaderName: textOrNull(leader),
      gridWorkers: workers.map((w) => w.trim()).filter(Boolean),
      households: numOrNull(households),
      buildings: textOrNull(buildings),
    };
    if (g) update.mutate({ id: g.id, ...fields });
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
        <SimpleGrid cols={2} spacing="md">
          <TextInput
            label={UI.grids.code}
            value={code}
            onChange={(e) => {
              setCode(e.currentTarget.value);
              errors.clear('code');
            }}
            error={errors.errors.code}
            maxLength={30}
            classNames={{ input: 'sg-code' }}
            withAsterisk
            data-autofocus
          />
          <TextInput
            label={UI.grids.name}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clear('name');
            }}
            error={errors.errors.name}
            maxLength={50}
            withAsterisk
          />
          <TextInput
            label={UI.grids.leader}
            value={leader}
            onChange={(e) => {
              setLeader(e.currentTarget.value);
              errors.clear('leaderName');
            }}
            error={errors.errors.leaderName}
            maxLength={20}
          />
          <NumberInput
            label={UI.grids.households}
            value={households}
            onChange={(v) => {
              setHouseholds(v);
              errors.clear('households');
            }}
            error={errors.errors.households}
            min={0}
            allowNegative={false}
            allowDecimal={false}
            hideControls
          />
        </SimpleGrid>
        <TagsInput
          label={UI.grids.workers}
          value={workers}
          onChange={(v) => {
            setWorkers(v);
            errors.clear('gridWorkers');
          }}
          error={errors.errors.gridWorkers}
          acceptValueOnBlur
          splitChars={[',', '，', '、']}
          maxTags={50}
          clearable
        />
        <Textarea
          label={UI.grids.buildings}
          value={buildings}
          onChange={(e) => {
            setBuildings(e.currentTarget.value);
            errors.clear('buildings');
          }}
          error={errors.errors.buildings}
          maxLength={200}
          autosize
          minRows={2}
          maxRows={4}
        />
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
