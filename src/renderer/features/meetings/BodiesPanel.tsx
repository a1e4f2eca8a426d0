// 会议机构: the bodies that meet (street-level or one community's), their kind, required frequency and standing members
// (units with a representative, party members, named people). 一键建立各社区协调议事小组 creates what the street lacks
// (meetingBodies.createDefaults). The form saves the body, then its standing members (meetingBodies.setMembers).
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MeetingBodyDetailT, MeetingBodyT } from '../../../shared/contract';
import {
  MEETING_BODY_KINDS,
  MEETING_BODY_KIND_LABELS,
  MEETING_FREQUENCIES,
  MEETING_FREQUENCY_LABELS,
  type MeetingBodyKind,
  type MeetingFrequency,
} from '../../../shared/enums';
import { MEETING_UI, UI } from '../../../shared/messages';
import { ApiError } from '../../api/client';
import { useCommunities, useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, textOrNull } from '../../components/format';
import { IconAlert, IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { fieldMessage, useFieldErrors } from '../../components/useFieldErrors';
import { PATHS } from '../../paths';
import { MemberPicker, UnitPicker } from '../cobuild/Pickers';
import { IconTrash } from './MeetingIcons';
import { useMeetingBodies, useMeetingBody } from './queries';
import { nextKey } from './shared';

const B = MEETING_UI.bodies;
const C = MEETING_UI.common;

export function BodiesPanel() {
  const bodies = useMeetingBodies();
  const [editing, setEditing] = useState<MeetingBodyT | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MeetingBodyT | null>(null);
  const defaults = useMutationFor('meetingBodies.createDefaults', {
    onSuccess: (r) => notifySaved(B.defaultsCreated(r.created)),
    onError: (e) => notifyError(e),
  });
  const del = useMutationFor('meetingBodies.delete', {
    onSuccess: () => {
      setDeleting(null);
      notifySaved(UI.common.deleted);
    },
    onError: (e) => {
      setDeleting(null);
      notifyError(e);
    },
  });
  const rows = bodies.data ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {B.hint}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" onClick={() => defaults.mutate({})} loading={defaults.isPending}>
            {B.createDefaults}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {B.add}
          </Button>
        </Group>
      </Group>
      {bodies.isPending ? (
        <PageLoader />
      ) : bodies.isError ? (
        <QueryError error={bodies.error} onRetry={() => void bodies.refetch()} />
      ) : rows.length === 0 ? (
        <Paper withBorder>
          <Empty
            action={
              <Button variant="light" mt="xs" onClick={() => defaults.mutate({})} loading={defaults.isPending}>
                {B.createDefaults}
              </Button>
            }
          >
            {B.empty}
          </Empty>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing={6} horizontalSpacing={10} fz="sm" aria-label={B.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{B.name}</Table.Th>
                <Table.Th w={120}>{B.community}</Table.Th>
                <Table.Th w={130}>{B.frequency}</Table.Th>
                <Table.Th w={80} ta="right">
                  {B.members}
                </Table.Th>
                <Table.Th w={70} ta="right">
                  {B.meetings}
                </Table.Th>
                <Table.Th w={130}>{B.lastMeeting}</Table.Th>
                <Table.Th w={210}>{UI.common.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {b.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {MEETING_BODY_KIND_LABELS[b.kind]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {b.communityName ?? (
                      <Badge variant="light" color="grape" radius="sm" tt="none" fw={500}>
                        {C.streetLevel}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{MEETING_FREQUENCY_LABELS[b.frequency]}</Table.Td>
                  <Table.Td ta="right">{B.memberCount(b.memberCount)}</Table.Td>
                  <Table.Td ta="right">{B.meetingCount(b.meetingCount)}</Table.Td>
                  <Table.Td>{formatDate(b.lastMeetingDate)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        component={Link}
                        to={`${PATHS.meetingNew}?body=${b.id}`}
                      >
                        {B.newMeeting}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setEditing(b)}
                        aria-label={`${UI.common.edit}${b.name}`}
                      >
                        {UI.common.edit}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => setDeleting(b)}
                        aria-label={`${UI.common.delete}${b.name}`}
                      >
                        {UI.common.delete}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <BodyModal target={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title={B.deleteTitle}
        message={deleting ? B.deleteConfirm(deleting.name) : ''}
        confirmLabel={UI.common.delete}
        loading={del.isPending}
        onConfirm={() => deleting && del.mutate({ id: deleting.id })}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

function BodyModal({ target, onClose }: { target: MeetingBodyT | 'new' | null; onClose: () => void }) {
  const id = target && target !== 'new' ? target.id : null;
  const detail = useMeetingBody(id);
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size={880}
      title={<Text fw={600}>{target === 'new' ? B.addTitle : target ? B.editTitle(target.name) : ''}</Text>}
    >
      {target === 'new' ? (
        <BodyForm body={null} onDone={onClose} />
      ) : target && detail.data ? (
        <BodyForm key={`${detail.data.id}`} body={detail.data} onDone={onClose} />
      ) : detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <PageLoader />
      )}
    </Modal>
  );
}

interface StandingRow {
  key: string;
  unit: { id: number; label: string } | null;
  member: { id: number; label: string } | null;
  personName: string;
  role: string;
}

const FIELDS = ['name', 'kind', 'communityId', 'frequency', 'description', 'members'] as const;

function BodyForm({ body, onDone }: { body: MeetingBodyDetailT | null; onDone: () => void }) {
  const communities = useCommunities(false);
  const [name, setName] = useState(body?.name ?? '');
  const [kind, setKind] = useState<MeetingBodyKind>(body?.kind ?? 'cobuild');
  const [community, setCommunity] = useState(body ? (body.communityId ? String(body.communityId) : 'street') : '');
  const [frequency, setFrequency] = useState<MeetingFrequency>(body?.frequency ?? 'quarterly');
  const [description, setDescription] = useState(body?.description ?? '');
  const [members, setMembers] = useState<StandingRow[]>(() =>
    (body?.members ?? []).map((m) => ({
      key: nextKey('s'),
      unit: m.unitId ? { id: m.unitId, label: m.unitName ?? '' } : null,
      member: m.memberId ? { id: m.memberId, label: m.memberName ?? '' } : null,
      personName: m.personName ?? '',
      role: m.role ?? '',
    })),
  );
  const [rowError, setRowError] = useState<{ key: string; message: string } | null>(null);
  const [person, setPerson] = useState('');
  const [pickKey, setPickKey] = useState(0);
  const errors = useFieldErrors(FIELDS);

  const create = useMutationFor('meetingBodies.create');
  const update = useMutationFor('meetingBodies.update');
  const setMembersM = useMutationFor('meetingBodies.setMembers');
  const saving = create.isPending || update.isPending || setMembersM.isPending;

  const submit = async () => {
    errors.clear();
    setRowError(null);
    if (!name.trim()) return errors.set('name', B.nameRequired);
    if (!community) return errors.set('communityId', B.communityPlaceholder);
    const input = {
      name: name.trim(),
      kind,
      communityId: community === 'street' ? null : Number(community),
      frequency,
      description: textOrNull(description),
    };
    const sent = members;
    let saved: MeetingBodyT;
    try {
      saved = body ? await update.mutateAsync({ id: body.id, ...input }) : await create.mutateAsync(input);
    } catch (e) {
      errors.handle(e);
      return;
    }
    try {
      await setMembersM.mutateAsync({
        bodyId: saved.id,
        members: sent.map((m) => ({
          unitId: m.unit?.id ?? null,
          memberId: m.member?.id ?? null,
          personName: textOrNull(m.personName),
          role: textOrNull(m.role),
        })),
      });
    } catch (e) {
      if (e instanceof ApiError && e.field?.startsWith('members.')) {
        const row = sent[Number(e.field.split('.')[1])];
        if (row) setRowError({ key: row.key, message: fieldMessage(e.message) });
        else notifyError(e);
      } else notifyError(e);
      return;
    }
    notifySaved(B.saved(saved.name));
    onDone();
  };

  const patchRow = (key: string, patch: Partial<StandingRow>) => {
    setMembers((prev) => prev.map((m) => (m.key === key ? { ...m, ...patch } : m)));
    setRowError(null);
  };
  const addRow = (row: Omit<StandingRow, 'key'>) => {
    setMembers((prev) => [...prev, { key: nextKey('s'), ...row }]);
    setPickKey((k) => k + 1);
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Grid gap="sm">
        <Grid.Col span={6}>
          <TextInput
            label={B.name}
            withAsterisk
            value={name}
            maxLength={60}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clear('name');
            }}
            error={errors.errors.name}
            data-autofocus
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <Select
            label={B.kind}
            withAsterisk
            data={MEETING_BODY_KINDS.map((k) => ({ value: k, label: MEETING_BODY_KIND_LABELS[k] }))}
            value={kind}
            onChange={(v) => v && setKind(v as MeetingBodyKind)}
            allowDeselect={false}
            error={errors.errors.kind}
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <Select
            label={B.community}
            withAsterisk
            placeholder={B.communityPlaceholder}
            data={[
              { value: 'street', label: C.streetLevel },
              ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
            ]}
            value={community || null}
            onChange={(v) => {
              setCommunity(v ?? '');
              errors.clear('communityId');
            }}
            searchable
            nothingFoundMessage={UI.common.nothingFound}
            error={errors.errors.communityId}
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <Select
            label={B.frequency}
            data={MEETING_FREQUENCIES.map((f) => ({ value: f, label: MEETING_FREQUENCY_LABELS[f] }))}
            value={frequency}
            onChange={(v) => v && setFrequency(v as MeetingFrequency)}
            allowDeselect={false}
            error={errors.errors.frequency}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea
            label={B.description}
            value={description}
            maxLength={500}
            autosize
            minRows={1}
            maxRows={3}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.errors.description}
          />
        </Grid.Col>
      </Grid>

      <Stack gap={6} mt="md">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {B.standing}（{members.length}）
          </Text>
          <Text size="xs" c="dimmed">
            {B.standingHint}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap" align="flex-end" key={pickKey}>
          <UnitPicker
            label={B.addUnit}
            placeholder={MEETING_UI.editor.responsibleUnitPlaceholder}
            value={null}
            onChange={(u) => u && addRow({ unit: u, member: null, personName: '', role: '' })}
          />
          <MemberPicker
            label={B.addMember}
            placeholder={MEETING_UI.editor.memberSearchPlaceholder}
            value={null}
            onChange={(m) =>
              m &&
              addRow({
                unit: null,
                member: { id: m.id, label: m.label.split(/[（(]/)[0] ?? m.label },
                personName: '',
                role: '',
              })
            }
          />
          <TextInput
            label={B.addPerson}
            placeholder={B.personPlaceholder}
            value={person}
            maxLength={30}
            onChange={(e) => setPerson(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                const t = person.trim();
                if (t) {
                  addRow({ unit: null, member: null, personName: t, role: '' });
                  setPerson('');
                }
              }
            }}
          />
        </Group>
        <div className="sg-mt-attendees" style={{ maxHeight: 300 }}>
          {members.length === 0 ? (
            <Text size="sm" c="dimmed" p="md" ta="center">
              {B.noStanding}
            </Text>
          ) : (
            <Table verticalSpacing={3} horizontalSpacing={8} fz="sm" aria-label={B.standing}>
              <Table.Tbody>
                {members.map((m) => {
                  const err = rowError?.key === m.key ? rowError.message : null;
                  const label = m.unit?.label ?? m.member?.label ?? m.personName;
                  return (
                    <Table.Tr key={m.key} data-error={err ? true : undefined}>
                      <Table.Td w={60}>
                        <Badge
                          size="sm"
                          variant="light"
                          color={m.unit ? 'blue' : m.member ? 'red' : 'gray'}
                          radius="sm"
                          tt="none"
                          fw={500}
                        >
                          {m.unit ? B.unitTag : m.member ? B.memberTag : B.personTag}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500} lineClamp={1}>
                          {m.unit?.label ?? m.member?.label ?? m.personName}
                        </Text>
                        {err && (
                          <Text size="xs" c="red.8" role="alert">
                            {err}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td w={170}>
                        {(m.unit || !m.member) && (
                          <TextInput
                            size="xs"
                            aria-label={`${label}${B.representative}`}
                            placeholder={B.representative}
                            value={m.personName}
                            maxLength={30}
                            onChange={(e) => patchRow(m.key, { personName: e.currentTarget.value })}
                          />
                        )}
                      </Table.Td>
                      <Table.Td w={150}>
                        <TextInput
                          size="xs"
                          aria-label={`${label}${B.role}`}
                          placeholder={B.rolePlaceholder}
                          value={m.role}
                          maxLength={30}
                          onChange={(e) => patchRow(m.key, { role: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td w={40}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`${C.remove}${label}`}
                          onClick={() => setMembers((prev) => prev.filter((x) => x.key !== m.key))}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </div>
        {errors.errors.members && (
          <Alert color="red" variant="light" icon={<IconAlert />}>
            {errors.errors.members}
          </Alert>
        )}
      </Stack>

      <Group justify="flex-end" gap="sm" mt="lg">
        <Button variant="default" onClick={onDone} disabled={saving}>
          {UI.common.cancel}
        </Button>
        <Button type="submit" loading={saving}>
          {UI.common.save}
        </Button>
      </Group>
    </form>
  );
}
