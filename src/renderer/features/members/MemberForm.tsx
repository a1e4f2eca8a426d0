// 新增 / 编辑党员: every memberField of the contract. 性别 and 出生日期 follow from the 身份证号 (GB 11643 encodes both),
// so they are shown, not typed. On edit the stored ID and phone are only known masked: they stay as they are unless
// the user chooses 重新填写. 工作单位 links to a registered 驻区单位 when picked from the list, free text otherwise.
import {
  Autocomplete,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { MemberRowT } from '../../../shared/contract';
import {
  GENDER_LABELS,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
  type MemberCategory,
  type MemberStatus,
} from '../../../shared/enums';
import { ERR, UI } from '../../../shared/messages';
import { idNumberFacts } from '../../../shared/validators';
import { useCommunities, useGrids, useMutationFor, useUnitOptions } from '../../api/queries';
import { formatDate, textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';

const FIELDS = [
  'name',
  'idNumber',
  'gender',
  'birthDate',
  'ethnicity',
  'phone',
  'communityId',
  'gridId',
  'category',
  'employerUnitId',
  'employerName',
  'employerPartyOrg',
  'skills',
  'reportDate',
  'status',
  'note',
] as const;

const M = UI.members;

export function MemberForm({
  member: m,
  onDone,
  onCancel,
}: {
  /** The member being edited; null = a new one. */
  member: MemberRowT | null;
  onDone: (saved: MemberRowT) => void;
  onCancel: () => void;
}) {
  const communities = useCommunities(false);
  const [name, setName] = useState(m?.name ?? '');
  const [retypeId, setRetypeId] = useState(m === null);
  const [idNumber, setIdNumber] = useState('');
  const [retypePhone, setRetypePhone] = useState(m === null || m.phoneMasked === null);
  const [phone, setPhone] = useState('');
  const [ethnicity, setEthnicity] = useState(m?.ethnicity ?? '');
  const [communityId, setCommunityId] = useState<string | null>(m ? String(m.communityId) : null);
  const [gridId, setGridId] = useState<string | null>(m?.gridId ? String(m.gridId) : null);
  const [category, setCategory] = useState<MemberCategory | null>(m?.category ?? null);
  const [employerName, setEmployerName] = useState(m?.employerName ?? '');
  const [employerUnitId, setEmployerUnitId] = useState<number | null>(m?.employerUnitId ?? null);
  const [linkedName, setLinkedName] = useState(m?.employerUnitId ? (m.employerName ?? '') : '');
  const [employerPartyOrg, setEmployerPartyOrg] = useState(m?.employerPartyOrg ?? '');
  const [skills, setSkills] = useState<string[]>(m?.skills ?? []);
  const [reportDate, setReportDate] = useState(m?.reportDate ?? '');
  const [status, setStatus] = useState<MemberStatus>(m?.status ?? 'active');
  const [note, setNote] = useState(m?.note ?? '');
  const errors = useFieldErrors(FIELDS);

  const grids = useGrids(communityId ? Number(communityId) : undefined);
  const [unitQuery] = useDebouncedValue(employerName.trim(), 200);
  const units = useUnitOptions(unitQuery);

  const create = useMutationFor('members.create', {
    onSuccess: (saved) => {
      notifySaved(M.created(saved.name));
      onDone(saved);
    },
    onError: errors.handle,
  });
  const update = useMutationFor('members.update', {
    onSuccess: (saved) => {
      notifySaved();
      onDone(saved);
    },
    onError: errors.handle,
  });

  const id = idNumber.trim().toUpperCase();
  const facts = retypeId && id.length === 18 ? idNumberFacts(id) : null;
  const derived = (what: 'gender' | 'birthDate'): string => {
    if (!retypeId && m) return what === 'gender' ? GENDER_LABELS[m.gender] : formatDate(m.birthDate);
    if (id.length === 0) return M.derivedPending;
    if (!facts) return id.length === 18 ? M.derivedInvalid : M.derivedPending;
    return what === 'gender' ? GENDER_LABELS[facts.gender] : formatDate(facts.birthDate);
  };

  const communityData = (communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name }));
  if (m && !communityData.some((c) => c.value === String(m.communityId)))
    communityData.push({ value: String(m.communityId), label: m.communityName });
  const unitRows = units.data?.rows ?? [];
  const unitNames = [...new Set(unitRows.map((u) => u.name))];

  const submit = () => {
    errors.clear();
    if (!name.trim()) return errors.set('name', ERR.required);
    if (retypeId && !id) return errors.set('idNumber', ERR.required);
    if (!communityId) return errors.set('communityId', ERR.required);
    if (!category) return errors.set('category', ERR.required);
    const fields = {
      name: name.trim(),
      ethnicity: textOrNull(ethnicity),
      communityId: Number(communityId),
      gridId: gridId ? Number(gridId) : null,
      category,
      employerUnitId,
      employerName: textOrNull(employerName),
      employerPartyOrg: textOrNull(employerPartyOrg),
      skills,
      reportDate: reportDate || null,
      note: textOrNull(note),
      ...(retypePhone ? { phone: textOrNull(phone) } : {}),
    };
    if (m) update.mutate({ id: m.id, ...fields, status, ...(retypeId ? { idNumber: id } : {}) });
    else create.mutate({ ...fields, idNumber: id });
  };

  const masked = (value: string, label: string, onRetype: () => void) => (
    <Group gap="xs" wrap="nowrap" align="center" mih={36}>
      <Text className="sg-code" size="sm">
        {value}
      </Text>
      <Button variant="subtle" size="compact-sm" onClick={onRetype} aria-label={M.retypeLabel(label)}>
        {M.retype}
      </Button>
    </Group>
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
            label={M.field.name}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clear('name');
            }}
            error={errors.errors.name}
            maxLength={30}
            withAsterisk
            data-autofocus
          />
          {retypeId ? (
            <TextInput
              label={M.field.idNumber}
              value={idNumber}
              onChange={(e) => {
                setIdNumber(e.currentTarget.value.replace(/\s/g, ''));
                errors.clear('idNumber');
                errors.clear('gender');
                errors.clear('birthDate');
              }}
              error={errors.errors.idNumber ?? errors.errors.gender ?? errors.errors.birthDate}
              description={m ? M.keepMasked : undefined}
              maxLength={18}
              withAsterisk
              classNames={{ input: 'sg-code' }}
              autoComplete="off"
            />
          ) : (
            <div>
              <Text size="sm" fw={500}>
                {M.field.idNumber}
              </Text>
              {masked(m?.idMasked ?? '', M.field.idNumber, () => setRetypeId(true))}
              <Text size="xs" c="dimmed">
                {M.maskedHint}
              </Text>
            </div>
          )}
          <TextInput
            label={M.field.gender}
            value={derived('gender')}
            readOnly
            description={M.derivedHint}
            variant="filled"
          />
          <TextInput
            label={M.field.birthDate}
            value={derived('birthDate')}
            readOnly
            description={M.derivedHint}
            variant="filled"
          />
          <TextInput
            label={M.field.ethnicity}
            value={ethnicity}
            onChange={(e) => {
              setEthnicity(e.currentTarget.value);
              errors.clear('ethnicity');
            }}
            error={errors.errors.ethnicity}
            placeholder={M.ethnicityPlaceholder}
            maxLength={20}
          />
          {retypePhone ? (
            <TextInput
              label={M.field.phone}
              value={phone}
              onChange={(e) => {
                setPhone(e.currentTarget.value.replace(/\s/g, ''));
                errors.clear('phone');
              }}
              error={errors.errors.phone}
              description={m?.phoneMasked ? M.keepMasked : undefined}
              maxLength={11}
              classNames={{ input: 'sg-code' }}
              autoComplete="off"
            />
          ) : (
            <div>
              <Text size="sm" fw={500}>
                {M.field.phone}
              </Text>
              {masked(m?.phoneMasked ?? '', M.field.phone, () => setRetypePhone(true))}
              <Text size="xs" c="dimmed">
                {M.maskedHint}
              </Text>
            </div>
          )}
          <Select
            label={M.field.community}
            data={communityData}
            value={communityId}
            onChange={(v) => {
              setCommunityId(v);
              setGridId(null);
              errors.clear('communityId');
            }}
            error={errors.errors.communityId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={UI.common.nothingFound}
            withAsterisk
          />
          <Select
            label={M.field.grid}
            placeholder={communityId ? M.gridPlaceholder : M.pickCommunityFirst}
            data={(communityId ? (grids.data ?? []) : []).map((g) => ({ value: String(g.id), label: g.name }))}
            value={gridId}
            onChange={(v) => {
              setGridId(v);
              errors.clear('gridId');
            }}
            error={errors.errors.gridId}
            disabled={!communityId}
            clearable
          />
          <Select
            label={M.field.category}
            data={MEMBER_CATEGORIES.map((c) => ({ value: c, label: MEMBER_CATEGORY_LABELS[c] }))}
            value={category}
            onChange={(v) => {
              setCategory(v as MemberCategory | null);
              errors.clear('category');
            }}
            error={errors.errors.category}
            allowDeselect={false}
            withAsterisk
          />
          {m ? (
            <Select
              label={M.field.status}
              data={MEMBER_STATUSES.map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s] }))}
              value={status}
              onChange={(v) => {
                if (v) setStatus(v as MemberStatus);
                errors.clear('status');
              }}
              error={errors.errors.status}
              allowDeselect={false}
            />
          ) : (
            <TextInput
              type="date"
              label={M.field.reportDate}
              value={reportDate}
              onChange={(e) => {
                setReportDate(e.currentTarget.value);
                errors.clear('reportDate');
              }}
              error={errors.errors.reportDate}
            />
          )}
          <Autocomplete
            label={M.field.employer}
            placeholder={M.employerPlaceholder}
            value={employerName}
            data={unitNames}
            onChange={(v) => {
              // Typing makes it free text again; picking a registered unit from the list links it.
              setEmployerName(v);
              if (v !== linkedName) setEmployerUnitId(null);
              errors.clear('employerName');
              errors.clear('employerUnitId');
            }}
            onOptionSubmit={(v) => {
              const u = unitRows.find((r) => r.name === v);
              if (!u) return;
              setEmployerUnitId(u.id);
              setLinkedName(u.name);
              if (!employerPartyOrg.trim() && u.partyOrgName) setEmployerPartyOrg(u.partyOrgName);
            }}
            description={
              employerUnitId !== null
                ? M.employerLinked(employerName)
                : employerName.trim()
                  ? M.employerFree
                  : undefined
            }
            error={errors.errors.employerName ?? errors.errors.employerUnitId}
            maxLength={100}
          />
          <TextInput
            label={M.field.employerPartyOrg}
            value={employerPartyOrg}
            onChange={(e) => {
              setEmployerPartyOrg(e.currentTarget.value);
              errors.clear('employerPartyOrg');
            }}
            error={errors.errors.employerPartyOrg}
            placeholder={M.partyOrgPlaceholder}
            maxLength={100}
          />
        </SimpleGrid>
        {m && (
          <TextInput
            type="date"
            label={M.field.reportDate}
            value={reportDate}
            onChange={(e) => {
              setReportDate(e.currentTarget.value);
              errors.clear('reportDate');
            }}
            error={errors.errors.reportDate}
            w="50%"
          />
        )}
        <TagsInput
          label={M.field.skills}
          placeholder={M.skillsPlaceholder}
          value={skills}
          onChange={(v) => {
            setSkills(v);
            errors.clear('skills');
          }}
          error={errors.errors.skills}
          maxTags={20}
          clearable
        />
        <Textarea
          label={M.field.note}
          placeholder={M.notePlaceholder}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            errors.clear('note');
          }}
          error={errors.errors.note}
          maxLength={500}
          autosize
          minRows={2}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
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
