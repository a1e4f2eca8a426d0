// 参会人员 of one meeting: 从常设成员导入 (the body's standing members, as 出席), party members added by name or pinyin
// initials (Enter adds the highlighted match and keeps the focus, like the activity sign-in sheet), units (with
// their representative's name) and free names. Each row: 出席 / 列席 / 请假 and, for 请假, the reason. A row the core
// refused (someone twice, or both 出席 and 请假) shows the message under it.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { MemberRowT } from '../../../shared/contract';
import { ATTENDANCE_KINDS, ATTENDANCE_LABELS, type AttendanceKind } from '../../../shared/enums';
import { MEETING_UI, UI } from '../../../shared/messages';
import { IconSearch } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { fetchMemberMatches, useMemberMatches } from '../activities/queries';
import { UnitPicker } from '../cobuild/Pickers';
import { IconTrash, IconUsers } from './MeetingIcons';
import { fetchMeetingBody } from './queries';
import { nextKey } from './shared';

const E = MEETING_UI.editor;

export interface AttendeeRow {
  key: string;
  memberId: number | null;
  unitId: number | null;
  unitName: string | null;
  personName: string;
  attendance: AttendanceKind;
  reason: string;
}

/** Identity of an attendee as the core sees it (member; unit + representative; a name). */
function identity(a: { memberId: number | null; unitId: number | null; personName: string }): string {
  return a.memberId ? `m${a.memberId}` : a.unitId ? `u${a.unitId}:${a.personName.trim()}` : `p${a.personName.trim()}`;
}

function ordered(rows: readonly MemberRowT[], text: string): MemberRowT[] {
  const exact = rows.filter((r) => r.name === text);
  return exact.length ? [...exact, ...rows.filter((r) => r.name !== text)] : [...rows];
}

export function AttendeeSection({
  bodyId,
  rows,
  errors,
  onChange,
}: {
  bodyId: number | null;
  rows: readonly AttendeeRow[];
  /** Row key → message. */
  errors: Record<string, string>;
  onChange: (next: AttendeeRow[]) => void;
}) {
  const [importing, setImporting] = useState(false);
  const [person, setPerson] = useState('');
  const [unitPickKey, setUnitPickKey] = useState(0);
  const counts = { present: 0, observer: 0, leave: 0 };
  for (const r of rows) counts[r.attendance] += 1;
  const have = new Set(rows.map(identity));

  const add = (list: Omit<AttendeeRow, 'key'>[]) => {
    const fresh = list.filter((a) => !have.has(identity(a)));
    if (fresh.length) onChange([...rows, ...fresh.map((a) => ({ key: nextKey('a'), ...a }))]);
    return fresh.length;
  };
  const patch = (key: string, p: Partial<AttendeeRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...p } : r)));

  const importStanding = async () => {
    if (!bodyId) return;
    setImporting(true);
    try {
      const body = await fetchMeetingBody(bodyId);
      if (body.members.length === 0) {
        notifySaved(E.noStanding);
        return;
      }
      const n = add(
        body.members.map((m) => ({
          memberId: m.memberId,
          unitId: m.memberId ? null : m.unitId,
          unitName: m.memberId ? null : m.unitName,
          personName: m.personName ?? m.memberName ?? m.unitName ?? '',
          attendance: 'present' as const,
          reason: '',
        })),
      );
      notifySaved(E.importedStanding(n));
    } catch (e) {
      notifyError(e);
    } finally {
      setImporting(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={4} fz={16}>
            {E.attendees}
          </Title>
          <Text size="sm" c="dimmed">
            {E.attendeesSummary(counts.present, counts.observer, counts.leave)}
          </Text>
        </Group>
        <Button
          variant="light"
          leftSection={<IconUsers size={16} />}
          onClick={() => void importStanding()}
          loading={importing}
          disabled={!bodyId}
          title={bodyId ? undefined : E.pickBodyFirst}
        >
          {E.importStanding}
        </Button>
      </Group>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <MemberAdder
          taken={have}
          onAdd={(m) =>
            add([
              { memberId: m.id, unitId: null, unitName: null, personName: m.name, attendance: 'present', reason: '' },
            ])
          }
        />
        <div style={{ flex: 1 }} key={unitPickKey}>
          <UnitPicker
            label={E.addUnit}
            placeholder={E.responsibleUnitPlaceholder}
            value={null}
            onChange={(u) => {
              if (!u) return;
              add([
                {
                  memberId: null,
                  unitId: u.id,
                  unitName: u.label,
                  personName: E.unitRep(u.label).slice(0, 30),
                  attendance: 'present',
                  reason: '',
                },
              ]);
              setUnitPickKey((k) => k + 1);
            }}
          />
        </div>
        <TextInput
          label={E.addPerson}
          placeholder={E.personPlaceholder}
          value={person}
          maxLength={30}
          onChange={(e) => setPerson(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const t = person.trim();
            if (!t) return;
            add([{ memberId: null, unitId: null, unitName: null, personName: t, attendance: 'present', reason: '' }]);
            setPerson('');
          }}
          style={{ flex: 1 }}
        />
      </Group>

      <div className="sg-mt-attendees">
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" p="lg" ta="center">
            {E.noAttendees}
          </Text>
        ) : (
          <Table stickyHeader verticalSpacing={3} horizontalSpacing={8} fz="sm" aria-label={E.attendees}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={44}>{E.seq}</Table.Th>
                <Table.Th>{E.name}</Table.Th>
                <Table.Th w={196}>{E.attendance}</Table.Th>
                <Table.Th w={200}>{E.reason}</Table.Th>
                <Table.Th w={40}>
                  <VisuallyHidden>{UI.common.actions}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => {
                const error = errors[r.key];
                const who = r.personName || r.unitName || '';
                return (
                  <Table.Tr key={r.key} data-error={error ? true : undefined}>
                    <Table.Td c="dimmed">{i + 1}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge
                          size="sm"
                          variant="light"
                          color={r.memberId ? 'red' : r.unitId ? 'blue' : 'gray'}
                          radius="sm"
                          tt="none"
                          fw={500}
                          style={{ flexShrink: 0 }}
                        >
                          {r.memberId ? E.memberTag : r.unitId ? E.unitTag : E.personTag}
                        </Badge>
                        {r.memberId ? (
                          <Text size="sm" fw={500} className="sg-nowrap">
                            {r.personName}
                          </Text>
                        ) : (
                          <TextInput
                            size="xs"
                            aria-label={E.nameOf(who)}
                            value={r.personName}
                            maxLength={30}
                            onChange={(e) => patch(r.key, { personName: e.currentTarget.value })}
                            w={150}
                          />
                        )}
                        {r.unitName && (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {r.unitName}
                          </Text>
                        )}
                      </Group>
                      {error && (
                        <Text size="xs" c="red.8" role="alert" mt={2}>
                          {error}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        aria-label={E.attendanceOf(who)}
                        data={ATTENDANCE_KINDS.map((k) => ({ value: k, label: ATTENDANCE_LABELS[k] }))}
                        value={r.attendance}
                        color={r.attendance === 'leave' ? 'orange' : r.attendance === 'observer' ? 'blue' : 'civic'}
                        onChange={(v) => patch(r.key, { attendance: v as AttendanceKind })}
                      />
                    </Table.Td>
                    <Table.Td>
                      {r.attendance === 'leave' && (
                        <TextInput
                          size="xs"
                          aria-label={E.reasonOf(who)}
                          placeholder={E.reasonPlaceholder}
                          value={r.reason}
                          maxLength={100}
                          onChange={(e) => patch(r.key, { reason: e.currentTarget.value })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={E.removeOf(who)}
                        onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
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

/** Name or pinyin initials; Enter adds the highlighted (or the first) match, ↑ ↓ move, a click adds. */
function MemberAdder({ taken, onAdd }: { taken: ReadonlySet<string>; onAdd: (m: MemberRowT) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 120);
  const matches = useMemberMatches(debounced, null);
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const rows = debounced && matches.data ? ordered(matches.data.rows, debounced) : [];
  const shownFor = debounced && matches.data && !matches.isPlaceholderData ? debounced : '';
  const free = rows.filter((r) => !taken.has(`m${r.id}`));
  const activeIndex = Math.min(active, Math.max(0, free.length - 1));
  const activeId = free[activeIndex]?.id;

  const pick = (m: MemberRowT) => {
    onAdd(m);
    setSearch('');
    setActive(0);
    setMessage(null);
    input.current?.focus();
  };

  const addTyped = async () => {
    const text = search.trim();
    if (!text) return;
    let candidates: MemberRowT[];
    if (text === shownFor) candidates = free;
    else {
      try {
        const res = await fetchMemberMatches(text, null);
        candidates = ordered(res.rows, text).filter((r) => !taken.has(`m${r.id}`));
      } catch (e) {
        setMessage(e instanceof Error ? e.message : UI.errors.unexpected);
        return;
      }
    }
    const m = text === shownFor ? candidates[activeIndex] : candidates[0];
    if (!m) return setMessage(E.noneToAdd(text));
    pick(m);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void addTyped();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(activeIndex + 1, free.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(activeIndex - 1, 0));
    } else if (e.key === 'Escape' && search) {
      e.preventDefault();
      e.stopPropagation();
      setSearch('');
    }
  };

  return (
    <Stack gap={4} style={{ flex: 1.3, minWidth: 0, position: 'relative' }}>
      <TextInput
        ref={input}
        label={E.memberSearch}
        placeholder={E.memberSearchPlaceholder}
        leftSection={<IconSearch size={16} />}
        rightSection={debounced && matches.isFetching ? <Loader size={14} /> : null}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setActive(0);
          setMessage(null);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={rows.length > 0}
        aria-controls="sg-mt-matches"
        aria-activedescendant={activeId ? `sg-mt-m-${activeId}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        error={message}
      />
      {debounced && (
        <div className="sg-mt-matches" id="sg-mt-matches" role="listbox" aria-label={E.memberSearch}>
          {!matches.data ? (
            <Text size="sm" c="dimmed" p="xs" ta="center">
              {UI.common.loading}
            </Text>
          ) : rows.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs" ta="center">
              {UI.common.nothingFound}
            </Text>
          ) : (
            rows.map((m) => {
              const isAdded = taken.has(`m${m.id}`);
              return (
                <div
                  key={m.id}
                  id={`sg-mt-m-${m.id}`}
                  role="option"
                  aria-selected={m.id === activeId}
                  aria-disabled={isAdded || undefined}
                  className="sg-mt-match"
                  data-active={m.id === activeId || undefined}
                  data-added={isAdded || undefined}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => !isAdded && pick(m)}
                >
                  <Text size="sm" fw={500} className="sg-nowrap">
                    {m.name}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ flex: 1, minWidth: 0 }} truncate>
                    {m.communityName}
                    {m.employerName ? ` · ${m.employerName}` : ''} · {m.idMasked.slice(-4)}
                  </Text>
                  {isAdded && (
                    <Badge size="sm" variant="light" color="gray" radius="sm" tt="none" fw={500}>
                      {E.alreadyAdded}
                    </Badge>
                  )}
                </div>
              );
            })
          )}
        </div>
      )}
    </Stack>
  );
}
