// 新增 / 修改志愿服务队: name, theme, community or street-wide, leader (a party member found by name or pinyin),
// founded date, description.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { TeamDetailT, TeamRowT } from '../../../shared/contract';
import { COBUILD, ERR, UI } from '../../../shared/messages';
import { useCommunities, useMutationFor } from '../../api/queries';
import { textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';
import { communityOptions, MemberPicker, type Picked } from './Pickers';

const F = COBUILD.ui.teamForm;
const FIELDS = ['name', 'theme', 'communityId', 'leaderMemberId', 'foundedDate', 'description'] as const;

export function TeamFormModal({
  opened,
  team,
  onClose,
  onCreated,
}: {
  opened: boolean;
  team: TeamRowT | null;
  onClose: () => void;
  onCreated?: (t: TeamDetailT) => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{team ? F.editTitle : F.createTitle}</Text>}
      size="lg"
    >
      {opened && <TeamForm key={team?.id ?? 'new'} team={team} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function TeamForm({
  team: t,
  onClose,
  onCreated,
}: {
  team: TeamRowT | null;
  onClose: () => void;
  onCreated: ((t: TeamDetailT) => void) | undefined;
}) {
  const communities = useCommunities(false);
  const [name, setName] = useState(t?.name ?? '');
  const [theme, setTheme] = useState(t?.theme ?? '');
  const [community, setCommunity] = useState<string | null>(
    t ? (t.communityId === null ? 'street' : String(t.communityId)) : 'street',
  );
  const [leader, setLeader] = useState<Picked | null>(
    t?.leaderMemberId ? { id: t.leaderMemberId, label: t.leaderName ?? String(t.leaderMemberId) } : null,
  );
  const [foundedDate, setFoundedDate] = useState(t?.foundedDate ?? '');
  const [description, setDescription] = useState(t?.description ?? '');
  const errors = useFieldErrors(FIELDS);
  const create = useMutationFor('teams.create', {
    onSuccess: (created) => {
      notifySaved(COBUILD.ui.screens.teamCreated(created.name));
      onClose();
      onCreated?.(created);
    },
    onError: errors.handle,
  });
  const update = useMutationFor('teams.update', {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError: errors.handle,
  });

  const communityData = communityOptions(communities.data, { street: true });
  if (t?.communityId && !communityData.some((c) => c.value === String(t.communityId)))
    communityData.push({ value: String(t.communityId), label: t.communityName });

  const submit = () => {
    errors.clear();
    if (!name.trim()) return errors.set('name', ERR.required);
    const fields = {
      name: name.trim(),
      theme: textOrNull(theme),
      communityId: !community || community === 'street' ? null : Number(community),
      leaderMemberId: leader?.id ?? null,
      foundedDate: foundedDate || null,
      description: textOrNull(description),
    };
    if (t) update.mutate({ id: t.id, ...fields });
    else create.mutate(fields);
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
        <TextInput
          label={F.name}
          placeholder={F.namePlaceholder}
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
        <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
          <TextInput
            label={F.theme}
            placeholder={F.themePlaceholder}
            value={theme}
            onChange={(e) => {
              setTheme(e.currentTarget.value);
              errors.clear('theme');
            }}
            error={errors.errors.theme}
            maxLength={100}
          />
          <Select
            label={F.community}
            data={communityData}
            value={community}
            onChange={(v) => {
              setCommunity(v);
              errors.clear('communityId');
            }}
            error={errors.errors.communityId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={UI.common.nothingFound}
          />
          <MemberPicker
            label={F.leader}
            placeholder={F.leaderPlaceholder}
            description={F.leaderHint}
            value={leader}
            onChange={(v) => {
              setLeader(v);
              errors.clear('leaderMemberId');
            }}
            error={errors.errors.leaderMemberId}
          />
          <TextInput
            type="date"
            label={F.foundedDate}
            value={foundedDate}
            onChange={(e) => {
              setFoundedDate(e.currentTarget.value);
              errors.clear('foundedDate');
            }}
            error={errors.errors.foundedDate}
          />
        </SimpleGrid>
        <Textarea
          label={F.description}
          value={description}
          onChange={(e) => {
            setDescription(e.currentTarget.value);
            errors.clear('description');
          }}
          error={errors.errors.description}
          maxLength={500}
          autosize
          minRows={2}
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
