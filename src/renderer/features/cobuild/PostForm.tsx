// 新增 / 修改服务岗位: community (fixed once set up), name, category, headcount, required skills, description.
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { ServicePostRowT } from '../../../shared/contract';
import { POST_CATEGORIES, POST_CATEGORY_LABELS, type PostCategory } from '../../../shared/enums';
import { COBUILD, ERR, UI } from '../../../shared/messages';
import { useCommunities, useMutationFor } from '../../api/queries';
import { numOrNull, textOrNull } from '../../components/format';
import { notifySaved } from '../../components/notify';
import { useFieldErrors } from '../../components/useFieldErrors';
import { communityOptions } from './Pickers';

const F = COBUILD.ui.postForm;
const FIELDS = ['communityId', 'name', 'category', 'headcount', 'requiredSkills', 'description'] as const;
export const POST_CATEGORY_OPTIONS = POST_CATEGORIES.map((c) => ({ value: c, label: POST_CATEGORY_LABELS[c] }));

export function PostFormModal({
  opened,
  post,
  defaultCommunityId,
  onClose,
  onCreated,
}: {
  opened: boolean;
  post: ServicePostRowT | null;
  defaultCommunityId?: number | undefined;
  onClose: () => void;
  onCreated?: (p: ServicePostRowT) => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{post ? F.editTitle : F.createTitle}</Text>}
      size="lg"
    >
      {opened && (
        <PostForm
          key={post?.id ?? 'new'}
          post={post}
          defaultCommunityId={defaultCommunityId}
          onClose={onClose}
          onCreated={onCreated}
        />
      )}
    </Modal>
  );
}

function PostForm({
  post: p,
  defaultCommunityId,
  onClose,
  onCreated,
}: {
  post: ServicePostRowT | null;
  defaultCommunityId: number | undefined;
  onClose: () => void;
  onCreated: ((p: ServicePostRowT) => void) | undefined;
}) {
  const communities = useCommunities(false);
  const [communityId, setCommunityId] = useState<string | null>(
    p ? String(p.communityId) : defaultCommunityId ? String(defaultCommunityId) : null,
  );
  const [name, setName] = useState(p?.name ?? '');
  const [category, setCategory] = useState<PostCategory | null>(p?.category ?? null);
  const [headcount, setHeadcount] = useState<number | string>(p?.headcount ?? 1);
  const [skills, setSkills] = useState<string[]>(p?.requiredSkills ?? []);
  const [description, setDescription] = useState(p?.description ?? '');
  const errors = useFieldErrors(FIELDS);
  const create = useMutationFor('posts.create', {
    onSuccess: (created) => {
      notifySaved(COBUILD.ui.screens.postCreated(created.name));
      onClose();
      onCreated?.(created);
    },
    onError: errors.handle,
  });
  const update = useMutationFor('posts.update', {
    onSuccess: () => {
      notifySaved();
      onClose();
    },
    onError: errors.handle,
  });

  const communityData = communityOptions(communities.data);
  if (p && !communityData.some((c) => c.value === String(p.communityId)))
    communityData.push({ value: String(p.communityId), label: p.communityName });

  const submit = () => {
    errors.clear();
    if (!communityId) return errors.set('communityId', ERR.required);
    if (!name.trim()) return errors.set('name', ERR.required);
    if (!category) return errors.set('category', ERR.required);
    const n = numOrNull(headcount);
    if (n === null) return errors.set('headcount', COBUILD.err.headcountRange);
    const fields = {
      name: name.trim(),
      category,
      headcount: n,
      requiredSkills: skills,
      description: textOrNull(description),
    };
    if (p) update.mutate({ id: p.id, ...fields });
    else create.mutate({ communityId: Number(communityId), ...fields });
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
        <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
          <Select
            label={F.community}
            description={p ? F.communityFixed : undefined}
            data={communityData}
            value={communityId}
            onChange={(v) => {
              setCommunityId(v);
              errors.clear('communityId');
            }}
            error={errors.errors.communityId}
            disabled={p !== null}
            searchable
            allowDeselect={false}
            nothingFoundMessage={UI.common.nothingFound}
            withAsterisk
          />
          <TextInput
            label={F.name}
            placeholder={F.namePlaceholder}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.clear('name');
            }}
            error={errors.errors.name}
            maxLength={50}
            withAsterisk
            data-autofocus
          />
          <Select
            label={F.category}
            data={POST_CATEGORY_OPTIONS}
            value={category}
            onChange={(v) => {
              setCategory(v as PostCategory | null);
              errors.clear('category');
            }}
            error={errors.errors.category}
            allowDeselect={false}
            withAsterisk
          />
          <NumberInput
            label={F.headcount}
            value={headcount}
            onChange={(v) => {
              setHeadcount(v);
              errors.clear('headcount');
            }}
            error={errors.errors.headcount}
            min={1}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            withAsterisk
          />
        </SimpleGrid>
        <TagsInput
          label={F.requiredSkills}
          description={F.requiredSkillsHint}
          placeholder={F.requiredSkillsPlaceholder}
          value={skills}
          onChange={(v) => {
            setSkills(v);
            errors.clear('requiredSkills');
          }}
          error={errors.errors.requiredSkills}
          maxTags={20}
          splitChars={[',', '，', '、', ' ']}
        />
        <Textarea
          label={F.description}
          value={description}
          onChange={(e) => {
            setDescription(e.currentTarget.value);
            errors.clear('description');
          }}
          error={errors.errors.description}
          maxLength={500}
          autosize
          minRows={2}
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
