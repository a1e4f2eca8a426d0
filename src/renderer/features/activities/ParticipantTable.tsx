// The participants of one activity: members (from the sign-in sheet) and units, each with hours and role edited
// inline. Rows whose hours or role differ from the sheet's 统一时长 / role are the exceptions and are tinted; a row
// the core refused (hours > 24, twice on the list) shows the message under it.
import {
  ActionIcon,
  Button,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { UnitT } from '../../../shared/contract';
import { ACTIVITY, UI } from '../../../shared/messages';
import { numOrNull } from '../../components/format';
import { IconTrash } from './ActivityIcons';
import { useUnitMatches } from './queries';
import { hoursText } from './shared';

const U = ACTIVITY.ui;
const S = ACTIVITY.screens;

export interface Participant {
  /** 'm12' for member 12, 'u3' for unit 3. */
  key: string;
  memberId: number | null;
  unitId: number | null;
  name: string;
  idMasked: string | null;
  /** Members: employer; units: party organisation. */
  detail: string | null;
  hours: number | string;
  role: string;
}

export function participantKey(memberId: number | null, unitId: number | null): string {
  return memberId ? `m${memberId}` : `u${unitId ?? 0}`;
}

export function ParticipantTable({
  participants,
  bulkHours,
  bulkRole,
  errors,
  onChange,
  onRemove,
  onApplyAll,
  onAddUnit,
}: {
  participants: readonly Participant[];
  bulkHours: number | null;
  bulkRole: string;
  errors: Record<string, string>;
  onChange: (key: string, patch: Partial<Participant>) => void;
  onRemove: (key: string) => void;
  onApplyAll: () => void;
  onAddUnit: (u: UnitT) => void;
}) {
  // A member added from the sign-in sheet appears at the end: keep the newest row in view.
  const scroller = useRef<HTMLDivElement>(null);
  const count = useRef(participants.length);
  useEffect(() => {
    const el = scroller.current;
    if (el && participants.length > count.current) el.scrollTop = el.scrollHeight;
    count.current = participants.length;
  }, [participants.length]);
  const members = participants.filter((p) => p.memberId !== null).length;
  const units = participants.length - members;
  const total = participants.reduce((s, p) => s + (numOrNull(p.hours) ?? 0), 0);
  const exceptions = participants.filter(
    (p) => numOrNull(p.hours) !== bulkHours || p.role.trim() !== bulkRole.trim(),
  ).length;

  return (
    <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mih={36}>
        <Text size="sm" fw={500}>
          {S.participantSummary(members, units, hoursText(total))}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {exceptions > 0 && bulkHours !== null && (
            <Button size="compact-sm" variant="subtle" onClick={onApplyAll} title={S.applyAllHint}>
              {S.applyAll(exceptions)}
            </Button>
          )}
          <UnitAdder onAdd={onAddUnit} exclude={participants} />
        </Group>
      </Group>
      <div className="sg-act-participants" ref={scroller}>
        {participants.length === 0 ? (
          <Text size="sm" c="dimmed" p="lg" ta="center">
            {S.noParticipants}
          </Text>
        ) : (
          <Table stickyHeader verticalSpacing={3} horizontalSpacing={8} fz="sm" aria-label={U.participants}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={44}>{S.seq}</Table.Th>
                <Table.Th w={96}>{S.participantName}</Table.Th>
                <Table.Th>{S.participantDetail}</Table.Th>
                <Table.Th w={104}>{U.hours}</Table.Th>
                <Table.Th w={140}>{U.role}</Table.Th>
                <Table.Th w={40}>
                  <VisuallyHidden>{UI.common.actions}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {participants.map((p, i) => {
                const error = errors[p.key];
                const exception = numOrNull(p.hours) !== bulkHours || p.role.trim() !== bulkRole.trim();
                return (
                  <Table.Tr
                    key={p.key}
                    data-exception={(exception && !error) || undefined}
                    data-error={error ? true : undefined}
                  >
                    <Table.Td c="dimmed">{i + 1}</Table.Td>
                    <Table.Td fw={500} className="sg-nowrap">
                      {p.name}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {p.unitId !== null ? S.unitParticipant : (p.idMasked ?? '')}
                        {p.detail ? ` · ${p.detail}` : ''}
                      </Text>
                      {error && (
                        <Text size="xs" c="red.8" role="alert">
                          {error}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        aria-label={S.hoursOf(p.name)}
                        value={p.hours}
                        onChange={(v) => onChange(p.key, { hours: v })}
                        min={0}
                        max={99}
                        step={0.5}
                        decimalScale={2}
                        allowNegative={false}
                        error={Boolean(error)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={S.roleOf(p.name)}
                        value={p.role}
                        maxLength={30}
                        onChange={(e) => onChange(p.key, { role: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={S.removeOf(p.name)}
                        title={U.removeParticipant}
                        onClick={() => onRemove(p.key)}
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
    </Stack>
  );
}

/** 添加参与单位: a server-searched select; choosing a unit adds it at once. */
function UnitAdder({ onAdd, exclude }: { onAdd: (u: UnitT) => void; exclude: readonly Participant[] }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const found = useUnitMatches(q);
  const taken = new Set(exclude.filter((p) => p.unitId !== null).map((p) => p.unitId));
  const rows = (found.data?.rows ?? []).filter((u) => !taken.has(u.id));
  return (
    <Select
      size="xs"
      aria-label={U.addUnit}
      placeholder={U.addUnit}
      data={rows.map((u) => ({ value: String(u.id), label: u.name }))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      value={null}
      onChange={(v) => {
        const u = rows.find((r) => String(r.id) === v);
        if (u) onAdd(u);
        setSearch('');
      }}
      rightSection={found.isFetching ? <Loader size={12} /> : undefined}
      nothingFoundMessage={UI.common.nothingFound}
      w={200}
      comboboxProps={{ width: 280, position: 'bottom-end' }}
    />
  );
}
