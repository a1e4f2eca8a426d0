// The sign-in sheet (签到表) picker: type a name or pinyin initials, Enter adds the highlighted member and clears the
// box (the focus stays, so the next name can be typed at once); ↑ ↓ move the highlight, a click adds too, Esc
// clears. Enter always acts on the results of what is typed now (it waits for them if the list is still loading),
// so fast typing never adds the member of an earlier search. Everyone added gets the 统一时长 and role above.
import { Badge, Button, Checkbox, Group, Loader, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { MemberRowT } from '../../../shared/contract';
import { ACTIVITY, UI } from '../../../shared/messages';
import { numOrNull } from '../../components/format';
import { IconSearch } from '../../components/icons';
import { participantKey, type Participant } from './ParticipantTable';
import { fetchMemberMatches, MEMBER_SEARCH_LIMIT, useMemberMatches } from './queries';

const S = ACTIVITY.screens;

/** Exact name matches first, then the server's (pinyin) order. */
function ordered(rows: readonly MemberRowT[], text: string): MemberRowT[] {
  const exact = rows.filter((r) => r.name === text);
  return exact.length ? [...exact, ...rows.filter((r) => r.name !== text)] : [...rows];
}

function toParticipant(m: MemberRowT, hours: number, role: string): Participant {
  return {
    key: participantKey(m.id, null),
    memberId: m.id,
    unitId: null,
    name: m.name,
    idMasked: m.idMasked,
    detail: m.employerName,
    hours,
    role,
  };
}

export function SignInSheet({
  communityId,
  added,
  bulkHours,
  bulkRole,
  onBulkHours,
  onBulkRole,
  onAdd,
}: {
  /** The activity's community (for the 仅本社区 switch); null for 全街道 or not chosen. */
  communityId: number | null;
  added: readonly Participant[];
  bulkHours: number | string;
  bulkRole: string;
  onBulkHours: (v: number | string) => void;
  onBulkRole: (v: string) => void;
  onAdd: (list: Participant[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const [onlyHere, setOnlyHere] = useState(false);
  const scope = onlyHere ? communityId : null;
  const [debounced] = useDebouncedValue(search.trim(), 120);
  const matches = useMemberMatches(debounced, scope);
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const addedKeys = new Set(added.map((p) => p.key));
  const hours = numOrNull(bulkHours);
  const hoursOk = hours !== null && hours > 0 && hours <= 24;

  const rows = debounced && matches.data ? ordered(matches.data.rows, debounced) : [];
  // The results of exactly what the list was asked for (not the previous search kept on screen while loading).
  const shownFor = debounced && matches.data && !matches.isPlaceholderData ? debounced : '';
  const free = rows.filter((r) => !addedKeys.has(participantKey(r.id, null)));
  const activeIndex = Math.min(active, Math.max(0, free.length - 1));
  const activeId = free[activeIndex]?.id;

  const addMembers = (list: MemberRowT[]) => {
    if (!hoursOk) {
      setMessage(ACTIVITY.hoursRange);
      return;
    }
    onAdd(list.map((m) => toParticipant(m, hours, bulkRole)));
    setLastAdded(list.map((m) => m.name).join('、'));
    setMessage(null);
    setSearch('');
    setActive(0);
    input.current?.focus();
  };

  const addTyped = async () => {
    const text = search.trim();
    if (!text) return;
    let candidates: MemberRowT[];
    if (text === shownFor) {
      candidates = free;
    } else {
      try {
        const res = await fetchMemberMatches(text, scope);
        candidates = ordered(res.rows, text).filter((r) => !addedKeys.has(participantKey(r.id, null)));
      } catch (e) {
        setMessage(e instanceof Error ? e.message : UI.errors.unexpected);
        return;
      }
    }
    const pick = text === shownFor ? candidates[activeIndex] : candidates[0];
    if (!pick) {
      setMessage(S.noneToAdd(text));
      return;
    }
    addMembers([pick]);
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
    <Stack gap={6} w={380} style={{ flexShrink: 0 }}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <NumberInput
          label={S.bulkHours}
          value={bulkHours}
          onChange={onBulkHours}
          min={0.5}
          max={24}
          step={0.5}
          decimalScale={2}
          allowNegative={false}
          error={hoursOk ? undefined : ACTIVITY.hoursRange}
          w={130}
        />
        <TextInput
          label={S.bulkRole}
          placeholder={S.bulkRolePlaceholder}
          value={bulkRole}
          maxLength={30}
          onChange={(e) => onBulkRole(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
      </Group>
      <TextInput
        ref={input}
        label={S.signInSearch}
        placeholder={S.signInPlaceholder}
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
        aria-controls="sg-act-matches"
        aria-activedescendant={activeId ? `sg-act-m-${activeId}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        error={message}
      />
      {communityId !== null && (
        <Checkbox
          size="xs"
          label={S.onlyThisCommunity}
          checked={onlyHere}
          onChange={(e) => setOnlyHere(e.currentTarget.checked)}
        />
      )}
      <div className="sg-act-matches" id="sg-act-matches" role="listbox" aria-label={S.matches}>
        {!debounced ? (
          <Text size="sm" c="dimmed" p="md" ta="center">
            {S.typeToSearch}
          </Text>
        ) : !matches.data ? (
          <Text size="sm" c="dimmed" p="md" ta="center">
            {S.searching}
          </Text>
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed" p="md" ta="center">
            {UI.common.nothingFound}
          </Text>
        ) : (
          rows.map((m) => {
            const isAdded = addedKeys.has(participantKey(m.id, null));
            return (
              <div
                key={m.id}
                id={`sg-act-m-${m.id}`}
                role="option"
                aria-selected={m.id === activeId}
                aria-disabled={isAdded || undefined}
                className="sg-act-match"
                data-active={m.id === activeId || undefined}
                data-added={isAdded || undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => !isAdded && addMembers([m])}
              >
                <Text size="sm" fw={500} className="sg-nowrap">
                  {m.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ flex: 1, minWidth: 0 }} truncate>
                  {m.communityName} · {UI.members.categoryShort[m.category]}
                  {m.employerName ? ` · ${m.employerName}` : ''} · {m.idMasked.slice(-4)}
                </Text>
                {isAdded && (
                  <Badge size="sm" variant="light" color="gray" radius="sm" tt="none" fw={500}>
                    {S.alreadyAdded}
                  </Badge>
                )}
              </div>
            );
          })
        )}
      </div>
      <Group justify="space-between" gap="xs" wrap="nowrap" mih={26}>
        <Text size="xs" c="dimmed" truncate style={{ minWidth: 0 }}>
          {lastAdded
            ? S.justAdded(lastAdded)
            : matches.data && debounced && matches.data.total > MEMBER_SEARCH_LIMIT
              ? S.moreMatches(MEMBER_SEARCH_LIMIT, matches.data.total)
              : S.keyboardHint}
        </Text>
        {free.length > 1 && (
          <Button size="compact-xs" variant="light" onClick={() => addMembers(free)} style={{ flexShrink: 0 }}>
            {S.addAllMatches(free.length)}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
