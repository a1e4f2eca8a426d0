// 承诺事项: add or edit one (content, area within the agreement's 四联, due date, status, evidence), or the quick
// 标记完成 that asks only for the evidence (note and date, today by default).
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { AgreementDetailT, CommitmentT } from '../../../shared/contract';
import {
  AGREEMENT_AREA_LABELS,
  COMMITMENT_STATUS_LABELS,
  COMMITMENT_STATUSES,
  type AgreementArea,
  type CommitmentStatus,
} from '../../../shared/enums';
import { COBUILD, ERR, UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';
import { useMutationFor } from '../../api/queries';
import { textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';

const C = COBUILD.ui.commitmentForm;
const U = COBUILD.ui.commitments;
const FIELDS = ['content', 'area', 'dueDate', 'status', 'evidenceNote', 'evidenceDate'] as const;

export type CommitmentEdit =
  { kind: 'create' } | { kind: 'edit'; commitment: CommitmentT } | { kind: 'done'; commitment: CommitmentT };

export function CommitmentModal({
  agreement,
  edit,
  onClose,
}: {
  agreement: AgreementDetailT;
  edit: CommitmentEdit | null;
  onClose: () => void;
}) {
  const title = !edit ? '' : edit.kind === 'create' ? U.add : edit.kind === 'edit' ? U.edit : C.markDoneTitle;
  return (
    <Modal opened={edit !== null} onClose={onClose} title={<Text fw={600}>{title}</Text>} size="lg">
      {edit?.kind === 'done' ? (
        <MarkDoneForm key={edit.commitment.id} commitment={edit.commitment} onClose={onClose} />
      ) : edit ? (
        <CommitmentForm
          key={edit.kind === 'edit' ? edit.commitment.id : 'new'}
          agreement={agreement}
          commitment={edit.kind === 'edit' ? edit.commitment : null}
          onClose={onClose}
        />
      ) : null}
    </Modal>
  );
}

function CommitmentForm({
  agreement,
  commitment: c,
  onClose,
}: {
  agreement: AgreementDetailT;
  commitment: CommitmentT | null;
  onClose: () => void;
}) {
  const [content, setContent] = useState(c?.content ?? '');
  const [area, setArea] = useState<string | null>(c?.area ?? null);
  const [dueDate, setDueDate] = useState(c?.dueDate ?? '');
  const [status, setStatus] = useState<CommitmentStatus>(c?.status ?? 'pending');
  const [evidenceNote, setEvidenceNote] = useState(c?.evidenceNote ?? '');
  const [evidenceDate, setEvidenceDate] = useState(c?.evidenceDate ?? '');
  const errors = useFieldErrors(FIELDS);
  const done = () => {
    notifySaved();
    onClose();
  };
  const create = useMutationFor('commitments.create', { onSuccess: done, onError: errors.handle });
  const update = useMutationFor('commitments.update', { onSuccess: done, onError: errors.handle });

  // The agreement's areas, plus the commitment's own if it was taken off meanwhile.
  const areas = [...agreement.areas];
  if (c?.area && !areas.includes(c.area)) areas.push(c.area);

  const submit = () => {
    errors.clear();
    if (!content.trim()) return errors.set('content', ERR.required);
    const fields = {
      content: content.trim(),
      area: (area as AgreementArea | null) ?? null,
      dueDate: dueDate || null,
      status,
      evidenceNote: textOrNull(evidenceNote),
      evidenceDate: evidenceDate || null,
    };
    if (c) update.mutate({ id: c.id, ...fields });
    else create.mutate({ agreementId: agreement.id, ...fields });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Textarea
          label={C.content}
          value={content}
          onChange={(e) => {
            setContent(e.currentTarget.value);
            errors.clear('content');
          }}
          error={errors.errors.content}
          maxLength={200}
          autosize
          minRows={2}
          withAsterisk
          data-autofocus
        />
        <SimpleGrid cols={3} spacing="md">
          <Select
            label={C.area}
            placeholder={C.areaPlaceholder}
            data={areas.map((a) => ({ value: a, label: AGREEMENT_AREA_LABELS[a] }))}
            value={area}
            onChange={(v) => {
              setArea(v);
              errors.clear('area');
            }}
            error={errors.errors.area}
            clearable
          />
          <TextInput
            type="date"
            label={C.dueDate}
            value={dueDate}
            onChange={(e) => {
              setDueDate(e.currentTarget.value);
              errors.clear('dueDate');
            }}
            error={errors.errors.dueDate}
          />
          <Select
            label={C.status}
            data={COMMITMENT_STATUSES.map((s) => ({ value: s, label: COMMITMENT_STATUS_LABELS[s] }))}
            value={status}
            onChange={(v) => {
              if (!v) return;
              setStatus(v as CommitmentStatus);
              if (v === 'done' && !evidenceDate) setEvidenceDate(todayIso());
              errors.clear('status');
              errors.clear('evidenceDate');
            }}
            error={errors.errors.status}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Textarea
          label={C.evidenceNote}
          placeholder={C.evidenceNotePlaceholder}
          value={evidenceNote}
          onChange={(e) => {
            setEvidenceNote(e.currentTarget.value);
            errors.clear('evidenceNote');
          }}
          error={errors.errors.evidenceNote}
          maxLength={500}
          autosize
          minRows={2}
        />
        <TextInput
          type="date"
          label={C.evidenceDate}
          description={C.evidenceDateHint}
          inputWrapperOrder={['label', 'input', 'error', 'description']}
          value={evidenceDate}
          onChange={(e) => {
            setEvidenceDate(e.currentTarget.value);
            errors.clear('evidenceDate');
          }}
          error={errors.errors.evidenceDate}
          withAsterisk={status === 'done'}
          w={220}
        />
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

function MarkDoneForm({ commitment: c, onClose }: { commitment: CommitmentT; onClose: () => void }) {
  const [evidenceNote, setEvidenceNote] = useState(c.evidenceNote ?? '');
  const [evidenceDate, setEvidenceDate] = useState(c.evidenceDate ?? todayIso());
  const errors = useFieldErrors(['evidenceNote', 'evidenceDate', 'status'] as const);
  const update = useMutationFor('commitments.update', {
    onSuccess: () => {
      notifySaved(COBUILD.ui.screens.markedDone(c.content));
      onClose();
    },
    onError: errors.handle,
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        if (!evidenceDate) return errors.set('evidenceDate', COBUILD.err.doneNeedsEvidenceDate);
        update.mutate({ id: c.id, status: 'done', evidenceNote: textOrNull(evidenceNote), evidenceDate });
      }}
    >
      <Stack gap="md">
        <Text size="sm" fw={500}>
          {C.markDoneIntro(c.content)}
        </Text>
        <Textarea
          label={C.evidenceNote}
          placeholder={C.evidenceNotePlaceholder}
          value={evidenceNote}
          onChange={(e) => {
            setEvidenceNote(e.currentTarget.value);
            errors.clear('evidenceNote');
          }}
          error={errors.errors.evidenceNote}
          maxLength={500}
          autosize
          minRows={3}
          data-autofocus
        />
        <TextInput
          type="date"
          label={C.evidenceDate}
          value={evidenceDate}
          onChange={(e) => {
            setEvidenceDate(e.currentTarget.value);
            errors.clear('evidenceDate');
          }}
          error={errors.errors.evidenceDate ?? errors.errors.status}
          withAsterisk
          w={220}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" color="green" loading={update.isPending}>
            {C.markDoneSubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
