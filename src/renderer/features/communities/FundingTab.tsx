// 经费: one row per year (办公经费, 党建工作专项经费), added/edited with `funding.upsert`, removed with `funding.delete`.
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CommunityDetailT, FundingT } from '../../../shared/contract';
import { ERR, FIELD_LABELS, UI } from '../../../shared/messages';
import { useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty } from '../../components/feedback';
import { formatNumber, numOrNull, textOrNull } from '../../components/format';
import { IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';

type Editing = { mode: 'add' } | { mode: 'edit'; row: FundingT } | null;

export function FundingTab({ community: c, readOnly }: { community: CommunityDetailT; readOnly: boolean }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<FundingT | null>(null);
  const rows = [...c.funding].sort((a, b) => b.year - a.year);
  const remove = useMutationFor('funding.delete', {
    onSuccess: () => {
      setDeleting(null);
      notifySaved(UI.common.deleted);
    },
    onError: (e) => {
      setDeleting(null);
      notifyError(e);
    },
  });

  return (
    <Stack gap="md">
      {!readOnly && (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'add' })}>
            {UI.communities.addFunding}
          </Button>
        </Group>
      )}
      {rows.length === 0 ? (
        <Empty>{UI.communities.noFunding}</Empty>
      ) : (
        <Table striped withTableBorder highlightOnHover horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{UI.communities.fundingYear}</Table.Th>
              <Table.Th w={140} className="sg-num">
                {UI.communities.officeFunds}
              </Table.Th>
              <Table.Th w={190} className="sg-num">
                {UI.communities.partyFunds}
              </Table.Th>
              <Table.Th w={120} className="sg-num">
                {UI.communities.fundingTotal}
              </Table.Th>
              <Table.Th>{FIELD_LABELS.note}</Table.Th>
              {!readOnly && <Table.Th w={120}>{UI.common.actions}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td className="sg-num" style={{ textAlign: 'left' }}>
                  {f.year}
                </Table.Td>
                <Table.Td className="sg-num">{formatNumber(f.officeFunds)}</Table.Td>
                <Table.Td className="sg-num">{formatNumber(f.partyFunds)}</Table.Td>
                <Table.Td className="sg-num" fw={600}>
                  {formatNumber(f.officeFunds + f.partyFunds)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {f.note ?? ''}
                  </Text>
                </Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing({ mode: 'edit', row: f })}>
                        {UI.common.edit}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(f)}>
                        {UI.common.delete}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? UI.communities.fundingEditTitle(editing.row.year) : UI.communities.addFunding}
        size="lg"
      >
        {editing && <FundingForm community={c} editing={editing} onClose={() => setEditing(null)} />}
      </Modal>

      <ConfirmModal
        opened={deleting !== null}
        title={UI.communities.fundingDeleteTitle}
        message={deleting ? UI.communities.fundingDeleteConfirm(deleting.year) : ''}
        confirmLabel={UI.common.delete}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ communityId: c.id, year: deleting.year })}
      />
    </Stack>
  );
}

const FIELDS = ['year', 'officeFunds', 'partyFunds', 'note'] as const;

function FundingForm({
  community: c,
  editing,
  onClose,
}: {
  community: CommunityDetailT;
  editing: NonNullable<Editing>;
  onClose: () => void;
}) {
  const row = editing.mode === 'edit' ? editing.row : null;
  const [year, setYear] = useState<number | string>(row?.year ?? new Date().getFullYear());
  const [office, setOffice] = useState<number | string>(row?.officeFunds ?? '');
  const [party, setParty] = useState<number | string>(row?.partyFunds ?? '');
  const [note, setNote] = useState(row?.note ?? '');
  const errors = useFieldErrors(FIELDS);
  const upsert = useMutationFor('funding.upsert', {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError: (e) => errors.handle(e),
  });

  const submit = () => {
    errors.clear();
    const y = numOrNull(year);
    if (y === null) return errors.set('year', ERR.required);
    if (y < 2000 || y > 2100 || !Number.isInteger(y)) return errors.set('year', ERR.yearRange);
    if (!row && c.funding.some((f) => f.year === y)) return errors.set('year', ERR.fundingYearTaken(y));
    upsert.mutate({
      communityId: c.id,
      year: y,
      officeFunds: numOrNull(office) ?? 0,
      partyFunds: numOrNull(party) ?? 0,
      note: textOrNull(note),
    });
  };

  const money = {
    min: 0,
    allowNegative: false,
    decimalScale: 2,
    thousandSeparator: ',',
    hideControls: true,
    placeholder: '0',
  } as const;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <NumberInput
          w={160}
          label={FIELD_LABELS.year}
          value={year}
          onChange={(v) => {
            setYear(v);
            errors.clear('year');
          }}
          error={errors.errors.year}
          disabled={!!row}
          min={2000}
          max={2100}
          allowDecimal={false}
          allowNegative={false}
          withAsterisk
        />
        <SimpleGrid cols={2} spacing="md">
          <NumberInput
            {...money}
            label={FIELD_LABELS.officeFunds}
            value={office}
            onChange={(v) => {
              setOffice(v);
              errors.clear('officeFunds');
            }}
            error={errors.errors.officeFunds}
          />
          <NumberInput
            {...money}
            label={FIELD_LABELS.partyFunds}
            value={party}
            onChange={(v) => {
              setParty(v);
              errors.clear('partyFunds');
            }}
            error={errors.errors.partyFunds}
          />
        </SimpleGrid>
        <TextInput
          label={FIELD_LABELS.note}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            errors.clear('note');
          }}
          error={errors.errors.note}
          maxLength={200}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={upsert.isPending}>
            {UI.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
