// Server-searched pickers: one party member (by name or pinyin initials, members.list {q}) or one resident unit
// (units.list {q}). The chosen option stays in the list while another search runs, so the field never goes blank.
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { COBUILD, UI } from '../../../shared/messages';
import { useMemberSearch, useUnitSearch } from './queries';

const P = COBUILD.ui.screens;
const K = COBUILD.ui.picker;

export interface Picked {
  id: number;
  label: string;
}

interface PickerProps {
  value: Picked | null;
  onChange: (v: Picked | null) => void;
  label: ReactNode;
  placeholder?: string;
  description?: ReactNode;
  error?: ReactNode;
  withAsterisk?: boolean;
  clearable?: boolean;
  autoFocus?: boolean;
}

const noFilter = ({ options }: { options: unknown[] }) => options as never;

export function MemberPicker({ value, onChange, clearable = true, autoFocus, ...rest }: PickerProps) {
  const [search, setSearch] = useState(value?.label ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const q = debounced === value?.label ? '' : debounced;
  const found = useMemberSearch(q);
  const data = (q ? (found.data?.rows ?? []) : []).map((m) => ({
    value: String(m.id),
    label: K.memberOption(m.name, m.communityName, m.gridName),
  }));
  if (value && !data.some((d) => d.value === String(value.id)))
    data.unshift({ value: String(value.id), label: value.label });
  return (
    <Select
      {...rest}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={noFilter}
      value={value ? String(value.id) : null}
      onChange={(v, option) => onChange(v && option ? { id: Number(v), label: option.label } : null)}
      clearable={clearable}
      data-autofocus={autoFocus || undefined}
      rightSection={q && found.isFetching ? <Loader size={14} /> : undefined}
      nothingFoundMessage={q ? (found.isFetching ? K.searching : UI.common.nothingFound) : K.typeToSearch}
      maxDropdownHeight={280}
    />
  );
}

export function UnitPicker({ value, onChange, clearable = false, autoFocus, ...rest }: PickerProps) {
  const [search, setSearch] = useState(value?.label ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const q = debounced === value?.label ? '' : debounced;
  const found = useUnitSearch(q);
  const data = (found.data?.rows ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  if (value && !data.some((d) => d.value === String(value.id)))
    data.unshift({ value: String(value.id), label: value.label });
  return (
    <Select
      {...rest}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={noFilter}
      value={value ? String(value.id) : null}
      onChange={(v, option) => onChange(v && option ? { id: Number(v), label: option.label } : null)}
      clearable={clearable}
      allowDeselect={false}
      data-autofocus={autoFocus || undefined}
      rightSection={found.isFetching ? <Loader size={14} /> : undefined}
      nothingFoundMessage={found.isFetching ? K.searching : UI.common.nothingFound}
      maxDropdownHeight={280}
    />
  );
}

/** The community options of the cobuild filters and forms: 全街道 ('street') first when asked for. */
export function communityOptions(
  communities: readonly { id: number; name: string }[] | undefined,
  opts: { all?: boolean; street?: boolean } = {},
): { value: string; label: string }[] {
  return [
    ...(opts.all ? [{ value: '', label: P.allCommunities }] : []),
    ...(opts.street ? [{ value: 'street', label: COBUILD.streetWide }] : []),
    ...(communities ?? []).map((c) => ({ value: String(c.id), label: c.name })),
  ];
}
