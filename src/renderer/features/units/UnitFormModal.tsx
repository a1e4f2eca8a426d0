// 新增 / 编辑驻区单位: every unitField of the contract. 统一社会信用代码 is checked by the server (GB 32100); its
// refusal is shown under the field. 资源清单 is a list of editable rows (name + description).
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Input,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { UnitT } from '../../../shared/contract';
import { UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '../../../shared/enums';
import { ERR, UI } from '../../../shared/messages';
import { ApiError } from '../../api/client';
import { useCommunities, useMutationFor } from '../../api/queries';
import { textOrNull } from '../../components/format';
import { IconPlus } from '../../components/icons';
import { notifySaved } from '../../components/notify';
import { fieldMessage, useFieldErrors } from '../../components/useFieldErrors';

const FIELDS = [
  'name',
  'uscc',
  'type',
  'communityId',
  'partyOrgName',
  'partySecretary',
  'contactPerson',
  'contactPhone',
  'isCouncilMember',
  'resources',
] as const;

export const UNIT_TYPE_OPTIONS = UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }));

type ResourceDraft = { key: number; name: string; description: string };
let nextKey = 1;
const draftOf = (r?: { name: string; description: string }): ResourceDraft => ({
  key: nextKey++,
  name: r?.name ?? '',
  description: r?.description ?? '',
});

export function UnitFormModal({
  opened,
  unit,
  onClose,
  onCreated,
}: {
  opened: boolean;
  /** The unit being edited; null = a new one. */
  unit: UnitT | null;
  onClose: () => void;
  onCreated?: (u: UnitT) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={unit ? UI.units.editTitle : UI.units.addTitle} size="xl">
      {opened && <UnitForm key={unit?.id ?? 'new'} unit={unit} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function UnitForm({
  unit: u,
  onClose,
  onCreated,
}: {
  unit: UnitT | null;
  onClose: () => void;
  onCreated?: ((u: UnitT) => void) | undefined;
}) {
  const communities = useCommunities(false);
  const [name, setName] = useState(u?.name ?? '');
  const [uscc, setUscc] = useState(u?.uscc ?? '');
  const [type, setType] = useState<UnitType | null>(u?.type ?? null);
  const [communityId, setCommunityId] = useState<string | null>(u?.communityId ? String(u.communityId) : null);
  const [partyOrgName, setPartyOrgName] = useState(u?.partyOrgName ?? '');
  const [partySecretary, setPartySecretary] = useState(u?.partySecretary ?? '');
  const [contactPerson, setContactPerson] = useState(u?.contactPerson ?? '');
  const [contactPhone, setContactPhone] = useState(u?.contactPhone ?? '');
  const [council, setCouncil] = useState(u?.isCouncilMember ?? false);
  const [resources, setResources] = useState<ResourceDraft[]>(() => (u?.resources ?? []).map((r) => draftOf(r)));
  /** A problem in one resource row: its index and the message (client check or server field `resources.N.x`). */
  const [resourceError, setResourceError] = useState<{ index: number; message: string } | null>(null);
  const errors = useFieldErrors(FIELDS);

  const onError = (e: unknown) => {
    const m = e instanceof ApiError ? /^resources\.(\d+)/.exec(e.field ?? '') : null;
    if (m) {
      errors.clear();
      setResourceError({ index: Number(m[1]), message: fieldMessage((e as ApiError).message) });
      return;
    }
    errors.handle(e);
  };
  const create = useMutationFor('units.create', {
    onSuccess: (created) => {
      notifySaved(UI.units.created(created.name));
      onClose();
      onCreated?.(created);
    },
    onError,
  });
  const update = useMutationFor('units.update', {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError,
  });

  // Community options: the active communities, plus the unit's own if it was retired meanwhile.
  const communityData = (communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name }));
  if (u?.communityId && !communityData.some((c) => c.value === String(u.communityId)))
    communityData.push({ value: String(u.communityId), label: u.communityName ?? String(u.communityId) });

  const setResource = (key: number, patch: Partial<ResourceDraft>) => {
    setResources((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setResourceError(null);
    errors.clear('resources');
  };

  const submit = () => {
    errors.clear();
    setResourceError(null);
    if (!name.trim()) return errors.set('name', ERR.required);
    if (!type) return errors.set('type', ERR.required);
    // Blank rows are dropped; a description without a name is a mistake worth pointing at.
    const kept = resources.filter((r) => r.name.trim() || r.description.trim());
    const bad = kept.findIndex((r) => !r.name.trim());
    if (bad >= 0) {
      setResources(kept);
      setResourceError({ index: bad, message: UI.units.resourceNameRequired });
      return;
    }
    if (kept.length !== resources.length) setResources(kept);
    const fields = {
      name: name.trim(),
      uscc: textOrNull(uscc),
      type,
      communityId: communityId ? Number(communityId) : null,
      partyOrgName: textOrNull(partyOrgName),
      partySecretary: textOrNull(partySecretary),
      contactPerson: textOrNull(contactPerson),
      contactPhone: textOrNull(contactPhone),
      isCouncilMember: council,
      resources: kept.map((r) => ({ name: r.name.trim(), description: r.description.trim() })),
    };
    if (u) update.mutate({ id: u.id, ...fields });
    else create.mutate(fields);
  };

  const text = (
    field: (typeof FIELDS)[number],
    label: string,
    value: string,
    set: (v: string) => void,
    extra?: { maxLength?: number; placeholder?: string; description?: string; withAsterisk?: boolean; mono?: boolean },
  ) => (
    <TextInput
      label={label}
      value={value}
      onChange={(e) => {
        set(e.currentTarget.value);
        errors.clear(field);
      }}
      error={errors.errors[field]}
      maxLength={extra?.maxLength}
      placeholder={extra?.placeholder}
      description={extra?.description}
      withAsterisk={extra?.withAsterisk}
      classNames={extra?.mono ? { input: 'sg-code' } : undefined}
    />
  );

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
            label={UI.units.name}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clear('name');
            }}
            error={errors.errors.name}
            maxLength={100}
            withAsterisk
            data-autofocus
          />
          {text('uscc', UI.units.uscc, uscc, (v) => setUscc(v.toUpperCase().replace(/\s/g, '')), {
            maxLength: 18,
            description: UI.units.usccHint,
            mono: true,
          })}
          <Select
            label={UI.units.type}
            placeholder={UI.units.pickType}
            data={UNIT_TYPE_OPTIONS}
            value={type}
            onChange={(v) => {
              setType(v as UnitType | null);
              errors.clear('type');
            }}
            error={errors.errors.type}
            allowDeselect={false}
            withAsterisk
          />
          <Select
            label={UI.units.community}
            placeholder={UI.units.pickCommunity}
            data={communityData}
            value={communityId}
            onChange={(v) => {
              setCommunityId(v);
              errors.clear('communityId');
            }}
            error={errors.errors.communityId}
            searchable
            clearable
            nothingFoundMessage={UI.common.nothingFound}
          />
          {text('partyOrgName', UI.units.partyOrgName, partyOrgName, setPartyOrgName, {
            maxLength: 100,
            placeholder: UI.units.partyOrgPlaceholder,
          })}
          {text('partySecretary', UI.units.partySecretary, partySecretary, setPartySecretary, { maxLength: 30 })}
          {text('contactPerson', UI.units.contactPerson, contactPerson, setContactPerson, { maxLength: 30 })}
          {text('contactPhone', UI.units.contactPhone, contactPhone, (v) => setContactPhone(v.trim()), {
            maxLength: 30,
            description: UI.units.contactPhoneHint,
          })}
        </SimpleGrid>

        <Checkbox
          label={UI.units.councilMember}
          description={UI.units.councilHint}
          checked={council}
          onChange={(e) => {
            setCouncil(e.currentTarget.checked);
            errors.clear('isCouncilMember');
          }}
          error={errors.errors.isCouncilMember}
        />

        <Input.Wrapper
          label={UI.units.resources}
          description={UI.units.resourcesHint}
          error={errors.errors.resources}
          inputWrapperOrder={['label', 'description', 'input', 'error']}
        >
          <Stack gap={6} mt={6}>
            {resources.map((r, i) => {
              const err = resourceError?.index === i ? resourceError.message : undefined;
              return (
                <Group key={r.key} gap="xs" align="flex-start" wrap="nowrap">
                  <Text size="sm" c="dimmed" w={44} pt={7} className="sg-nowrap">
                    {UI.units.resourceRow(i + 1)}
                  </Text>
                  <TextInput
                    aria-label={`${UI.units.resourceName} ${UI.units.resourceRow(i + 1)}`}
                    placeholder={UI.units.resourceNamePlaceholder}
                    value={r.name}
                    onChange={(e) => setResource(r.key, { name: e.currentTarget.value })}
                    error={err}
                    maxLength={30}
                    w={200}
                  />
                  <TextInput
                    aria-label={`${UI.units.resourceDescription} ${UI.units.resourceRow(i + 1)}`}
                    placeholder={UI.units.resourceDescriptionPlaceholder}
                    value={r.description}
                    onChange={(e) => setResource(r.key, { description: e.currentTarget.value })}
                    maxLength={200}
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size={36}
                    aria-label={UI.units.removeResource(i + 1)}
                    title={UI.units.removeResource(i + 1)}
                    onClick={() => {
                      setResources((rs) => rs.filter((x) => x.key !== r.key));
                      setResourceError(null);
                    }}
                  >
                    <svg
                      width={16}
                      height={16}
                      viewBox="0 0 24 24"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth={2}
                      aria-hidden="true"
                    >
                      <path d="M6 6l12 12M18 6 6 18" />
                    </svg>
                  </ActionIcon>
                </Group>
              );
            })}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} />}
                onClick={() => setResources((rs) => [...rs, draftOf()])}
                disabled={resources.length >= 50}
              >
                {UI.units.addResource}
              </Button>
            </Group>
          </Stack>
        </Input.Wrapper>

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
