// 登记认领: a party member (searched by name or pinyin initials) or a resident unit claims the post; the claim waits
// for the community's approval.
import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { ServicePostRowT } from '../../../shared/contract';
import { COBUILD, UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';
import { useMutationFor } from '../../api/queries';
import { textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';
import { MemberPicker, UnitPicker, type Picked } from './Pickers';

const F = COBUILD.ui.claimForm;
const FIELDS = ['memberId', 'unitId', 'claimDate', 'note', 'postId'] as const;

export function ClaimModal({ post, opened, onClose }: { post: ServicePostRowT; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{F.title(post.name)}</Text>} size="lg">
      {opened && <ClaimForm post={post} onClose={onClose} />}
    </Modal>
  );
}

function ClaimForm({ post, onClose }: { post: ServicePostRowT; onClose: () => void }) {
  const [kind, setKind] = useState<'member' | 'unit'>('member');
  const [member, setMember] = useState<Picked | null>(null);
  const [unit, setUnit] = useState<Picked | null>(null);
  const [claimDate, setClaimDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const errors = useFieldErrors(FIELDS);
  const create = useMutationFor('claims.create', {
    onSuccess: (c) => {
      notifySaved(F.created(c.claimantName));
      onClose();
    },
    onError: errors.handle,
  });

  const submit = () => {
    errors.clear();
    const who = kind === 'member' ? member : unit;
    if (!who) return errors.set(kind === 'member' ? 'memberId' : 'unitId', COBUILD.err.claimantXor);
    create.mutate({
      postId: post.id,
      ...(kind === 'member' ? { memberId: who.id } : { unitId: who.id }),
      claimDate,
      note: textOrNull(note),
    });
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
        <Text size="sm" c="dimmed">
          {F.hint}
        </Text>
        {post.remaining === 0 && (
          <Alert color="orange" variant="light">
            {F.fullHint}
          </Alert>
        )}
        <Group gap="sm">
          <Text size="sm" fw={500}>
            {F.kind}
          </Text>
          <SegmentedControl
            size="sm"
            value={kind}
            onChange={(v) => {
              setKind(v as 'member' | 'unit');
              errors.clear();
            }}
            data={[
              { value: 'member', label: COBUILD.ui.claims.claimantMember },
              { value: 'unit', label: COBUILD.ui.claims.claimantUnit },
            ]}
          />
        </Group>
        {kind === 'member' ? (
          <MemberPicker
            label={F.member}
            placeholder={F.memberPlaceholder}
            value={member}
            onChange={(v) => {
              setMember(v);
              errors.clear('memberId');
            }}
            error={errors.errors.memberId}
            withAsterisk
            autoFocus
          />
        ) : (
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
          />
        )}
        <SimpleGrid cols={2} spacing="md">
          <TextInput
            type="date"
            label={F.claimDate}
            value={claimDate}
            onChange={(e) => {
              setClaimDate(e.currentTarget.value);
              errors.clear('claimDate');
            }}
            error={errors.errors.claimDate}
          />
        </SimpleGrid>
        <Textarea
          label={F.note}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            errors.clear('note');
          }}
          error={errors.errors.note}
          maxLength={200}
          autosize
          minRows={1}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {F.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
