// The three profile tabs of a community (基本信息, 阵地, 人员配备). Each edits a draft held by the page (so switching
// tabs keeps unsaved edits) and saves only its own fields with `communities.update`.
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import type { ChangeEvent, ReactNode } from 'react';
import type { CommunityDetailT, Input } from '../../../shared/contract';
import { SPACE_OWNERSHIPS, SPACE_OWNERSHIP_LABELS, type SpaceOwnership } from '../../../shared/enums';
import { ERR, FIELD_LABELS, UI } from '../../../shared/messages';
import { useMutationFor } from '../../api/queries';
import { numOrNull, textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';

type Num = number | string;
type UpdateInput = Input<'communities.update'>;

export interface BasicDraft {
  name: string;
  officialName: string;
  households: Num;
  population: Num;
}
export interface SpaceDraft {
  spaceArea: Num;
  spaceOwnership: SpaceOwnership | null;
  hasServiceHall: boolean;
  functionRooms: string[];
}
export interface StaffingDraft {
  secretaryName: string;
  directorName: string;
  secretaryIsDirector: boolean;
  deputySecretaryName: string;
  careerStaffCount: Num;
  partyWorkerCount: Num;
}
export interface Drafts {
  basic?: BasicDraft;
  space?: SpaceDraft;
  staffing?: StaffingDraft;
}

const num = (v: number | null): Num => (v === null ? '' : v);

interface TabProps<D> {
  community: CommunityDetailT;
  draft: D | undefined;
  onDraft: (d: D | undefined) => void;
  readOnly: boolean;
}

/** Save button row + the shared update mutation for one tab. */
function useTabSave<F extends string>(fields: readonly F[], onSaved: () => void) {
  const errors = useFieldErrors(fields);
  const update = useMutationFor('communities.update', {
    onSuccess: () => {
      errors.clear();
      onSaved();
      notifySaved();
    },
    onError: (e) => errors.handle(e),
  });
  return { errors, update };
}

function SaveRow({
  dirty,
  loading,
  onCancel,
  readOnly,
}: {
  dirty: boolean;
  loading: boolean;
  onCancel: () => void;
  readOnly: boolean;
}) {
  if (readOnly) return null;
  return (
    <Group gap="sm" mt="xs">
      <Button type="submit" loading={loading} disabled={!dirty}>
        {UI.common.save}
      </Button>
      {dirty && (
        <Button variant="subtle" color="gray" onClick={onCancel} disabled={loading}>
          {UI.common.cancel}
        </Button>
      )}
    </Group>
  );
}

function TabForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="md" maw={760}>
        {children}
      </Stack>
    </form>
  );
}

// ---- 基本信息 -------------------------------------------------------------------------------------------------

const BASIC_FIELDS = ['name', 'officialName', 'households', 'population'] as const;

export function BasicTab({ community: c, draft, onDraft, readOnly }: TabProps<BasicDraft>) {
  const value: BasicDraft = draft ?? {
    name: c.name,
    officialName: c.officialName ?? '',
    households: num(c.households),
    population: num(c.population),
  };
  const set = (patch: Partial<BasicDraft>) => onDraft({ ...value, ...patch });
  const { errors, update } = useTabSave(BASIC_FIELDS, () => onDraft(undefined));

  const submit = () => {
    if (!value.name.trim()) return errors.set('name', ERR.required);
    const input: UpdateInput = {
      id: c.id,
      name: value.name.trim(),
      officialName: textOrNull(value.officialName),
      households: numOrNull(value.households),
      population: numOrNull(value.population),
    };
    update.mutate(input);
  };

  return (
    <TabForm onSubmit={submit}>
      <SimpleGrid cols={2} spacing="md">
        <TextInput
          label={FIELD_LABELS.name}
          value={value.name}
          onChange={(e) => {
            set({ name: e.currentTarget.value });
            errors.clear('name');
          }}
          error={errors.errors.name}
          disabled={readOnly}
          maxLength={50}
          withAsterisk={!readOnly}
        />
        <TextInput
          label={FIELD_LABELS.officialName}
          value={value.officialName}
          onChange={(e) => {
            set({ officialName: e.currentTarget.value });
            errors.clear('officialName');
          }}
          error={errors.errors.officialName}
          disabled={readOnly}
          maxLength={80}
        />
        <NumberInput
          label={FIELD_LABELS.households}
          value={value.households}
          onChange={(v) => {
            set({ households: v });
            errors.clear('households');
          }}
          error={errors.errors.households}
          disabled={readOnly}
          min={0}
          allowNegative={false}
          allowDecimal={false}
          hideControls
        />
        <NumberInput
          label={FIELD_LABELS.population}
          value={value.population}
          onChange={(v) => {
            set({ population: v });
            errors.clear('population');
          }}
          error={errors.errors.population}
          disabled={readOnly}
          min={0}
          allowNegative={false}
          allowDecimal={false}
          hideControls
        />
      </SimpleGrid>
      <SaveRow dirty={!!draft} loading={update.isPending} onCancel={() => onDraft(undefined)} readOnly={readOnly} />
    </TabForm>
  );
}

// ---- 阵地 -----------------------------------------------------------------------------------------------------

const SPACE_FIELDS = ['spaceArea', 'spaceOwnership', 'hasServiceHall', 'functionRooms'] as const;
const ownershipData = SPACE_OWNERSHIPS.map((o) => ({ value: o, label: SPACE_OWNERSHIP_LABELS[o] }));

export function SpaceTab({ community: c, draft, onDraft, readOnly }: TabProps<SpaceDraft>) {
  const value: SpaceDraft = draft ?? {
    spaceArea: num(c.spaceArea),
    spaceOwnership: c.spaceOwnership,
    hasServiceHall: c.hasServiceHall,
    functionRooms: c.functionRooms,
  };
  const set = (patch: Partial<SpaceDraft>) => onDraft({ ...value, ...patch });
  const { errors, update } = useTabSave(SPACE_FIELDS, () => onDraft(undefined));

  const submit = () => {
    update.mutate({
      id: c.id,
      spaceArea: numOrNull(value.spaceArea),
      spaceOwnership: value.spaceOwnership,
      hasServiceHall: value.hasServiceHall,
      functionRooms: value.functionRooms.map((r) => r.trim()).filter(Boolean),
    });
  };

  return (
    <TabForm onSubmit={submit}>
      <SimpleGrid cols={2} spacing="md">
        <NumberInput
          label={FIELD_LABELS.spaceArea}
          value={value.spaceArea}
          onChange={(v) => {
            set({ spaceArea: v });
            errors.clear('spaceArea');
          }}
          error={errors.errors.spaceArea}
          disabled={readOnly}
          min={0}
          allowNegative={false}
          decimalScale={2}
        />
        <Select
          label={FIELD_LABELS.spaceOwnership}
          placeholder={UI.wizard.pick}
          data={ownershipData}
          value={value.spaceOwnership}
          onChange={(v) => {
            set({ spaceOwnership: (v as SpaceOwnership | null) ?? null });
            errors.clear('spaceOwnership');
          }}
          error={errors.errors.spaceOwnership}
          disabled={readOnly}
          clearable
        />
      </SimpleGrid>
      <Switch
        label={FIELD_LABELS.hasServiceHall}
        checked={value.hasServiceHall}
        onChange={(e) => set({ hasServiceHall: e.currentTarget.checked })}
        error={errors.errors.hasServiceHall}
        disabled={readOnly}
      />
      <TagsInput
        label={UI.communities.rooms}
        value={value.functionRooms}
        onChange={(v) => {
          set({ functionRooms: v });
          errors.clear('functionRooms');
        }}
        error={errors.errors.functionRooms}
        disabled={readOnly}
        clearable={!readOnly}
        acceptValueOnBlur
        splitChars={[',', '，', '、']}
        maxTags={50}
      />
      <SaveRow dirty={!!draft} loading={update.isPending} onCancel={() => onDraft(undefined)} readOnly={readOnly} />
    </TabForm>
  );
}

// ---- 人员配备 -------------------------------------------------------------------------------------------------

const STAFF_FIELDS = [
  'secretaryName',
  'directorName',
  'secretaryIsDirector',
  'deputySecretaryName',
  'careerStaffCount',
  'partyWorkerCount',
] as const;

export function StaffingTab({ community: c, draft, onDraft, readOnly }: TabProps<StaffingDraft>) {
  const value: StaffingDraft = draft ?? {
    secretaryName: c.secretaryName ?? '',
    directorName: c.directorName ?? '',
    secretaryIsDirector: c.secretaryIsDirector,
    deputySecretaryName: c.deputySecretaryName ?? '',
    careerStaffCount: num(c.careerStaffCount),
    partyWorkerCount: num(c.partyWorkerCount),
  };
  const set = (patch: Partial<StaffingDraft>) => onDraft({ ...value, ...patch });
  const { errors, update } = useTabSave(STAFF_FIELDS, () => onDraft(undefined));
  const director = value.secretaryIsDirector ? value.secretaryName : value.directorName;

  const submit = () => {
    update.mutate({
      id: c.id,
      secretaryName: textOrNull(value.secretaryName),
      secretaryIsDirector: value.secretaryIsDirector,
      directorName: textOrNull(director),
      deputySecretaryName: textOrNull(value.deputySecretaryName),
      careerStaffCount: numOrNull(value.careerStaffCount),
      partyWorkerCount: numOrNull(value.partyWorkerCount),
    });
  };

  const text = (field: 'secretaryName' | 'deputySecretaryName') => ({
    label: FIELD_LABELS[field],
    value: value[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      set({ [field]: e.currentTarget.value });
      errors.clear(field);
    },
    error: errors.errors[field],
    disabled: readOnly,
    maxLength: 20,
  });

  const count = (field: 'careerStaffCount' | 'partyWorkerCount') => ({
    label: FIELD_LABELS[field],
    value: value[field],
    onChange: (v: Num) => {
      set({ [field]: v });
      errors.clear(field);
    },
    error: errors.errors[field],
    disabled: readOnly,
    min: 0,
    allowNegative: false,
    allowDecimal: false,
  });

  return (
    <TabForm onSubmit={submit}>
      <Switch
        label={FIELD_LABELS.secretaryIsDirector}
        checked={value.secretaryIsDirector}
        onChange={(e) => set({ secretaryIsDirector: e.currentTarget.checked })}
        error={errors.errors.secretaryIsDirector}
        disabled={readOnly}
      />
      <SimpleGrid cols={2} spacing="md">
        <TextInput {...text('secretaryName')} />
        <TextInput
          label={FIELD_LABELS.directorName}
          description={value.secretaryIsDirector ? UI.communities.directorMirrors : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={director}
          onChange={(e) => {
            set({ directorName: e.currentTarget.value });
            errors.clear('directorName');
          }}
          error={errors.errors.directorName}
          disabled={readOnly || value.secretaryIsDirector}
          maxLength={20}
        />
        <TextInput {...text('deputySecretaryName')} />
        <div />
        <NumberInput {...count('careerStaffCount')} />
        <NumberInput {...count('partyWorkerCount')} />
      </SimpleGrid>
      <SaveRow dirty={!!draft} loading={update.isPending} onCancel={() => onDraft(undefined)} readOnly={readOnly} />
    </TabForm>
  );
}
