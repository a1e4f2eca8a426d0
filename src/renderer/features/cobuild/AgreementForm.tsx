// 新增 / 修改共建协议: 驻区单位 (乙方) and 社区 or 全街道 (甲方), year, the 四联 areas, signatories, liaison, duties and,
// when creating, the first commitments in one go. Server refusals show under the field they name (a commitment
// row's own field included: `commitments.2.evidenceDate`).
import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  Group,
  Input,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { AgreementDetailT, AgreementRowT } from '../../../shared/contract';
import { AGREEMENT_AREA_LABELS, AGREEMENT_AREAS, type AgreementArea } from '../../../shared/enums';
import { COBUILD, ERR, UI } from '../../../shared/messages';
import { ApiError } from '../../api/client';
import { useCommunities, useMutationFor } from '../../api/queries';
import { numOrNull, textOrNull } from '../../components/format';
import { IconPlus } from '../../components/icons';
import { notifySaved } from '../../components/notify';
import { fieldMessage, useFieldErrors } from '../../components/useFieldErrors';
import { communityOptions, UnitPicker, type Picked } from './Pickers';

const F = COBUILD.ui.agreementForm;
const S = COBUILD.ui.screens;

const FIELDS = [
  'unitId',
  'communityId',
  'year',
  'title',
  'areas',
  'signatoryA',
  'signatoryB',
  'liaisonPerson',
  'liaisonPhone',
  'signedDate',
  'dutiesA',
  'dutiesB',
  'note',
  'commitments',
] as const;

export const AREA_OPTIONS = AGREEMENT_AREAS.map((a) => ({ value: a, label: AGREEMENT_AREA_LABELS[a] }));

type Row = { key: number; content: string; area: string | null; dueDate: string };
let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, content: '', area: null, dueDate: '' });

export function AgreementFormModal({
  opened,
  agreement,
  defaultYear,
  defaultCommunity,
  onClose,
  onCreated,
}: {
  opened: boolean;
  /** null: a new agreement. */
  agreement: AgreementRowT | null;
  defaultYear?: number;
  /** '' | 'street' | a community id, from the list's filter. */
  defaultCommunity?: string;
  onClose: () => void;
  onCreated?: (a: AgreementDetailT) => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{agreement ? F.editTitle : F.createTitle}</Text>}
      size={880}
    >
      {opened && (
        <AgreementForm
          key={agreement?.id ?? 'new'}
          agreement={agreement}
          defaultYear={defaultYear}
          defaultCommunity={defaultCommunity}
          onClose={onClose}
          onCreated={onCreated}
        />
      )}
    </Modal>
  );
}

function AgreementForm({
  agreement: a,
  defaultYear,
  defaultCommunity,
  onClose,
  onCreated,
}: {
  agreement: AgreementRowT | null;
  defaultYear: number | undefined;
  defaultCommunity: string | undefined;
  onClose: () => void;
  onCreated: ((a: AgreementDetailT) => void) | undefined;
}) {
  const communities = useCommunities(false);
  const [unit, setUnit] = useState<Picked | null>(a ? { id: a.unitId, label: a.unitName } : null);
  const [community, setCommunity] = useState<string | null>(
    a ? (a.communityId === null ? 'street' : String(a.communityId)) : defaultCommunity || null,
  );
  const [year, setYear] = useState<number | string>(a?.year ?? defaultYear ?? new Date().getFullYear());
  const [title, setTitle] = useState(a?.title ?? '');
  const [areas, setAreas] = useState<string[]>(a?.areas ?? []);
  const [signatoryA, setSignatoryA] = useState(a?.signatoryA ?? '');
  const [signatoryB, setSignatoryB] = useState(a?.signatoryB ?? '');
  const [liaisonPerson, setLiaisonPerson] = useState(a?.liaisonPerson ?? '');
  const [liaisonPhone, setLiaisonPhone] = useState(a?.liaisonPhone ?? '');
  const [signedDate, setSignedDate] = useState(a?.signedDate ?? '');
  const [dutiesA, setDutiesA] = useState(a?.dutiesA ?? '');
  const [dutiesB, setDutiesB] = useState(a?.dutiesB ?? '');
  const [note, setNote] = useState(a?.note ?? '');
  const [rows, setRows] = useState<Row[]>(() => (a ? [] : [emptyRow(), emptyRow()]));
  /** A problem in one commitment row: found here (`key`), or named by the server (`sent`: index among the rows sent). */
  const [rowError, setRowError] = useState<{
    key?: number;
    sent?: number;
    field: string;
    message: string;
  } | null>(null);
  const errors = useFieldErrors(FIELDS);

  const onError = (e: unknown) => {
    const m = e instanceof ApiError ? /^commitments\.(\d+)\.?(\w*)/.exec(e.field ?? '') : null;
    if (m) {
      errors.clear();
      setRowError({ sent: Number(m[1]), field: m[2] || 'content', message: fieldMessage((e as ApiError).message) });
      return;
    }
    setRowError(null);
    errors.handle(e);
  };
  const create = useMutationFor('agreements.create', {
    onSuccess: (created) => {
      notifySaved(S.agreementCreated(created.title));
      onClose();
      onCreated?.(created);
    },
    onError,
  });
  const update = useMutationFor('agreements.update', {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError,
  });

  const communityData = communityOptions(communities.data, { street: true });
  if (a?.communityId && !communityData.some((c) => c.value === String(a.communityId)))
    communityData.push({ value: String(a.communityId), label: a.communityName });

  const setRow = (key: number, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setRowError(null);
  };

  const submit = () => {
    errors.clear();
    setRowError(null);
    if (!unit) return errors.set('unitId', ERR.required);
    if (!community) return errors.set('communityId', ERR.required);
    const y = numOrNull(year);
    if (y === null) return errors.set('year', ERR.required);
    if (areas.length === 0) return errors.set('areas', COBUILD.err.areasRequired);
    // Blank rows are left out; a row with a date or an area but no content is pointed at.
    const bad = rows.findIndex((r) => !r.content.trim() && (r.area || r.dueDate));
    if (bad >= 0) {
      setRowError({ key: rows[bad]!.key, field: 'content', message: ERR.required });
      return;
    }
    const kept = rows.filter((r) => r.content.trim());
    const fields = {
      unitId: unit.id,
      communityId: community === 'street' ? null : Number(community),
      year: y,
      title: textOrNull(title),
      areas: areas as AgreementArea[],
      signatoryA: textOrNull(signatoryA),
      signatoryB: textOrNull(signatoryB),
      liaisonPerson: textOrNull(liaisonPerson),
      liaisonPhone: textOrNull(liaisonPhone),
      signedDate: signedDate || null,
      dutiesA: textOrNull(dutiesA),
      dutiesB: textOrNull(dutiesB),
      note: textOrNull(note),
    };
    if (a) update.mutate({ id: a.id, ...fields });
    else
      create.mutate({
        ...fields,
        commitments: kept.map((r) => ({
          content: r.content.trim(),
          area: (r.area as AgreementArea | null) ?? null,
          dueDate: r.dueDate || null,
        })),
      });
  };

  const text = (
    field: (typeof FIELDS)[number],
    label: string,
    value: string,
    set: (v: string) => void,
    extra?: { maxLength?: number; placeholder?: string; type?: string },
  ) => (
    <TextInput
      label={label}
      value={value}
      type={extra?.type}
      onChange={(e) => {
        set(e.currentTarget.value);
        errors.clear(field);
      }}
      error={errors.errors[field]}
      maxLength={extra?.maxLength}
      placeholder={extra?.placeholder}
    />
  );

  const duties = (field: 'dutiesA' | 'dutiesB', label: string, value: string, set: (v: string) => void) => (
    <Textarea
      label={
        <Group gap="xs" component="span">
          <span>{label}</span>
          {!value.trim() && (
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => set(field === 'dutiesA' ? COBUILD.doc.defaultDutiesA : COBUILD.doc.defaultDutiesB)}
            >
              {S.useDefaultDuties}
            </Anchor>
          )}
        </Group>
      }
      description={S.dutiesDefaultHint}
      value={value}
      onChange={(e) => {
        set(e.currentTarget.value);
        errors.clear(field);
      }}
      error={errors.errors[field]}
      maxLength={2000}
      autosize
      minRows={3}
      maxRows={8}
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
        <SimpleGrid cols={3} spacing="md" verticalSpacing="sm">
          <UnitPicker
            label={F.unit}
            placeholder={F.unitPlaceholder}
            value={unit}
            onChange={(v) => {
              setUnit(v);
              errors.clear('unitId');
            }}
            error={errors.errors.unitId}
            withAsterisk
            autoFocus
          />
          <Select
            label={F.community}
            description={F.communityHint}
            inputWrapperOrder={['label', 'input', 'error', 'description']}
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
            withAsterisk
          />
          <NumberInput
            label={F.year}
            value={year}
            onChange={(v) => {
              setYear(v);
              errors.clear('year');
            }}
            error={errors.errors.year}
            min={2000}
            max={2100}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator={false}
            withAsterisk
          />
        </SimpleGrid>
        {text('title', F.title, title, setTitle, { maxLength: 100, placeholder: F.titlePlaceholder })}
        <Checkbox.Group
          label={F.areas}
          description={F.areasHint}
          value={areas}
          onChange={(v) => {
            setAreas(v);
            errors.clear('areas');
          }}
          error={errors.errors.areas}
          withAsterisk
        >
          <Group gap="lg" mt={6}>
            {AREA_OPTIONS.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={3} spacing="md" verticalSpacing="sm">
          {text('signatoryA', F.signatoryA, signatoryA, setSignatoryA, { maxLength: 30 })}
          {text('signatoryB', F.signatoryB, signatoryB, setSignatoryB, { maxLength: 30 })}
          {text('signedDate', F.signedDate, signedDate, setSignedDate, { type: 'date' })}
          {text('liaisonPerson', F.liaisonPerson, liaisonPerson, setLiaisonPerson, { maxLength: 30 })}
          {text('liaisonPhone', F.liaisonPhone, liaisonPhone, (v) => setLiaisonPhone(v.trim()), { maxLength: 30 })}
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="md">
          {duties('dutiesA', F.dutiesA, dutiesA, setDutiesA)}
          {duties('dutiesB', F.dutiesB, dutiesB, setDutiesB)}
        </SimpleGrid>
        <Textarea
          label={F.note}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            errors.clear('note');
          }}
          error={errors.errors.note}
          maxLength={500}
          autosize
          minRows={1}
          maxRows={4}
        />

        {!a && (
          <Input.Wrapper
            label={F.commitments}
            description={F.commitmentsHint}
            error={errors.errors.commitments}
            inputWrapperOrder={['label', 'description', 'input', 'error']}
          >
            <Stack gap={6} mt={6}>
              {rows.map((r, i) => {
                const sent = r.content.trim() ? rows.slice(0, i).filter((x) => x.content.trim()).length : -1;
                const err = rowError && (rowError.key === r.key || rowError.sent === sent) ? rowError : null;
                return (
                  <Group key={r.key} gap="xs" align="flex-start" wrap="nowrap">
                    <Text size="sm" c="dimmed" w={48} pt={7} className="sg-nowrap">
                      {F.commitmentRow(i + 1)}
                    </Text>
                    <TextInput
                      aria-label={`${F.contentPlaceholder} ${F.commitmentRow(i + 1)}`}
                      placeholder={F.contentPlaceholder}
                      value={r.content}
                      onChange={(e) => setRow(r.key, { content: e.currentTarget.value })}
                      error={err && err.field === 'content' ? err.message : undefined}
                      maxLength={200}
                      style={{ flex: 1 }}
                    />
                    <Select
                      aria-label={`${F.areaPlaceholder} ${F.commitmentRow(i + 1)}`}
                      placeholder={F.areaPlaceholder}
                      data={AREA_OPTIONS.filter((o) => areas.includes(o.value))}
                      value={r.area}
                      onChange={(v) => setRow(r.key, { area: v })}
                      error={err && err.field === 'area' ? err.message : undefined}
                      clearable
                      w={140}
                    />
                    <TextInput
                      type="date"
                      aria-label={`${F.duePlaceholder} ${F.commitmentRow(i + 1)}`}
                      value={r.dueDate}
                      onChange={(e) => setRow(r.key, { dueDate: e.currentTarget.value })}
                      error={err && err.field !== 'content' && err.field !== 'area' ? err.message : undefined}
                      w={150}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size={36}
                      aria-label={F.removeCommitmentRow(i + 1)}
                      title={F.removeCommitmentRow(i + 1)}
                      onClick={() => {
                        setRows((rs) => rs.filter((x) => x.key !== r.key));
                        setRowError(null);
                      }}
                    >
                      <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2}>
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
                  onClick={() => setRows((rs) => [...rs, emptyRow()])}
                  disabled={rows.length >= 100}
                >
                  {F.addCommitmentRow}
                </Button>
              </Group>
            </Stack>
          </Input.Wrapper>
        )}

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
