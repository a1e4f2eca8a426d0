import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { COMMUNITY_KINDS, COMMUNITY_KIND_LABELS, type CommunityKind } from '../../../shared/enums';
import { ERR, FIELD_LABELS, UI } from '../../../shared/messages';
import { useMutationFor } from '../../api/queries';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';
import { PATHS } from '../../paths';

const FIELDS = ['code', 'name', 'kind'] as const;
const kindData = COMMUNITY_KINDS.map((k) => ({ value: k, label: COMMUNITY_KIND_LABELS[k] }));

export function CreateCommunityModal({
  opened,
  onClose,
  streetCode,
}: {
  opened: boolean;
  onClose: () => void;
  streetCode: string;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={UI.communities.addTitle} size="md">
      {/* Mounted only while open, so every opening starts from a clean form. */}
      {opened && <CreateForm onClose={onClose} streetCode={streetCode} />}
    </Modal>
  );
}

function CreateForm({ onClose, streetCode }: { onClose: () => void; streetCode: string }) {
  const navigate = useNavigate();
  const [code, setCode] = useState(streetCode);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CommunityKind>('community');
  const errors = useFieldErrors(FIELDS);
  const create = useMutationFor('communities.create', {
    onSuccess: (c) => {
      notifySaved(UI.communities.created(c.name));
      onClose();
      void navigate(PATHS.community(c.id));
    },
    onError: (e) => errors.handle(e),
  });

  const submit = () => {
    errors.clear();
    const c = code.trim();
    if (!/^\d{12}$/.test(c)) return errors.set('code', ERR.communityCodeFormat);
    if (!c.startsWith(streetCode)) return errors.set('code', ERR.communityCodeOutsideStreet(streetCode));
    if (!name.trim()) return errors.set('name', ERR.required);
    create.mutate({ code: c, name: name.trim(), kind });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <TextInput
          label={UI.communities.code}
          description={UI.communities.codeHint(streetCode)}
          value={code}
          onChange={(e) => {
            setCode(e.currentTarget.value.replace(/\s/g, ''));
            errors.clear('code');
          }}
          error={errors.errors.code}
          maxLength={12}
          inputMode="numeric"
          classNames={{ input: 'sg-code' }}
          withAsterisk
          data-autofocus
        />
        <TextInput
          label={UI.communities.name}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            errors.clear('name');
          }}
          error={errors.errors.name}
          maxLength={50}
          withAsterisk
        />
        <Select
          label={FIELD_LABELS.kind}
          data={kindData}
          value={kind}
          allowDeselect={false}
          onChange={(v) => v && setKind(v as CommunityKind)}
          error={errors.errors.kind}
        />
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onClose}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {UI.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
