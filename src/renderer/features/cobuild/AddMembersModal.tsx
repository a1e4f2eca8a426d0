// 添加队员: search by name or pinyin initials, tick as many members as needed across several searches, and add them
// all at once (teams.addMembers, all or nothing). Members already in the team are shown but cannot be ticked.
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { TeamDetailT } from '../../../shared/contract';
import { MEMBER_CATEGORY_LABELS } from '../../../shared/enums';
import { COBUILD, UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';
import { useMutationFor } from '../../api/queries';
import { IconAlert, IconSearch } from '../../components/icons';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';
import { useMemberSearch } from './queries';

const M = COBUILD.ui.addMembers;
const LIMIT = 50;

type Chosen = { id: number; name: string; where: string };

export function AddMembersModal({
  team,
  opened,
  onClose,
}: {
  team: TeamDetailT;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{M.title(team.name)}</Text>} size={760}>
      {opened && <AddMembersForm team={team} onClose={onClose} />}
    </Modal>
  );
}

function AddMembersForm({ team, onClose }: { team: TeamDetailT; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const found = useMemberSearch(q, LIMIT);
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [joinedDate, setJoinedDate] = useState(todayIso());
  const errors = useFieldErrors(['memberIds', 'joinedDate'] as const);
  const inTeam = new Set(team.members.map((m) => m.memberId));
  const chosenIds = new Set(chosen.map((c) => c.id));
  const add = useMutationFor('teams.addMembers', {
    onSuccess: () => {
      notifySaved(M.added(chosen.length));
      onClose();
    },
    onError: errors.handle,
  });

  const toggle = (c: Chosen) => {
    errors.clear('memberIds');
    setChosen((prev) => (prev.some((x) => x.id === c.id) ? prev.filter((x) => x.id !== c.id) : [...prev, c]));
  };
  const rows = q ? (found.data?.rows ?? []) : [];
  const total = q ? (found.data?.total ?? 0) : 0;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        if (chosen.length === 0) return errors.set('memberIds', COBUILD.err.memberIdsRequired);
        add.mutate({ teamId: team.id, memberIds: chosen.map((c) => c.id), joinedDate });
      }}
    >
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {M.searchHint}
        </Text>
        <Group align="flex-start" gap="md" wrap="nowrap">
          <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
            <TextInput
              label={M.search}
              placeholder={M.searchPlaceholder}
              leftSection={<IconSearch size={16} />}
              rightSection={q && found.isFetching ? <Loader size={14} /> : null}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-autofocus
            />
            <Box
              style={{
                height: 300,
                overflowY: 'auto',
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 'var(--mantine-radius-sm)',
              }}
              role="group"
              aria-label={M.search}
            >
              {!q ? (
                <Text size="sm" c="dimmed" p="md" ta="center">
                  {M.typeToSearch}
                </Text>
              ) : found.isPending ? (
                <Text size="sm" c="dimmed" p="md" ta="center">
                  {COBUILD.ui.picker.searching}
                </Text>
              ) : rows.length === 0 ? (
                <Text size="sm" c="dimmed" p="md" ta="center">
                  {M.noMatch}
                </Text>
              ) : (
                rows.map((m) => {
                  const already = inTeam.has(m.id);
                  const where = `${m.communityName}${m.gridName ? ` · ${m.gridName}` : ''}`;
                  return (
                    <label key={m.id} className="sg-cb-pick-row" data-disabled={already || undefined}>
                      <Checkbox
                        checked={already || chosenIds.has(m.id)}
                        disabled={already}
                        onChange={() => toggle({ id: m.id, name: m.name, where })}
                        aria-label={`${m.name}（${where}）`}
                      />
                      <Text size="sm" fw={500} className="sg-nowrap">
                        {m.name}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ flex: 1, minWidth: 0 }} truncate>
                        {where} · {MEMBER_CATEGORY_LABELS[m.category]}
                        {m.skills.length ? ` · ${m.skills.join('、')}` : ''}
                      </Text>
                      {already && (
                        <Badge size="sm" variant="light" color="gray" radius="sm" tt="none" fw={500}>
                          {M.alreadyIn}
                        </Badge>
                      )}
                    </label>
                  );
                })
              )}
            </Box>
            {q && total > rows.length && (
              <Text size="xs" c="dimmed">
                {M.more(rows.length, total)}
              </Text>
            )}
          </Stack>
          <Stack gap={6} w={240} style={{ flexShrink: 0 }}>
            <Group justify="space-between" h={24} mt={1}>
              <Text size="sm" fw={500}>
                {M.selected(chosen.length)}
              </Text>
              {chosen.length > 0 && (
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setChosen([])}>
                  {M.clear}
                </Button>
              )}
            </Group>
            <Box
              style={{
                height: 336,
                overflowY: 'auto',
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 'var(--mantine-radius-sm)',
              }}
              role="list"
              aria-label={M.selected(chosen.length)}
            >
              {chosen.length === 0 ? (
                <Text size="sm" c="dimmed" p="md" ta="center">
                  {M.noneSelected}
                </Text>
              ) : (
                chosen.map((c) => (
                  <Group key={c.id} role="listitem" gap={6} wrap="nowrap" px="sm" py={4} justify="space-between">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm">{c.name}</Text>
                      <Text size="xs" c="dimmed" truncate>
                        {c.where}
                      </Text>
                    </Stack>
                    <CloseButton size="sm" aria-label={M.removeSelected(c.name)} onClick={() => toggle(c)} />
                  </Group>
                ))
              )}
            </Box>
          </Stack>
        </Group>
        {errors.errors.memberIds && (
          <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
            {errors.errors.memberIds}
          </Alert>
        )}
        <Group justify="space-between" align="flex-end">
          <TextInput
            type="date"
            label={M.joinedDate}
            value={joinedDate}
            onChange={(e) => {
              setJoinedDate(e.currentTarget.value);
              errors.clear('joinedDate');
            }}
            error={errors.errors.joinedDate}
            w={200}
          />
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {UI.common.cancel}
            </Button>
            <Button type="submit" loading={add.isPending} disabled={chosen.length === 0}>
              {M.submit(chosen.length)}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
