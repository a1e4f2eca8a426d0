// 服务岗位: the posts the communities set up, as a table an Excel user reads at a glance — headcount, approved,
// pending and how many are still missing. Filters in the URL (?community=&category=&q=&open=1).
import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Input, ServicePostRowT } from '../../../shared/contract';
import { POST_CATEGORIES, POST_CATEGORY_LABELS, type PostCategory } from '../../../shared/enums';
import { COBUILD, UI } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { useCommunities, useMutationFor } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { IconPlus, IconSearch } from '../../components/icons';
import { notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { communityOptions } from './Pickers';
import { PostFormModal, POST_CATEGORY_OPTIONS } from './PostForm';
import { usePosts } from './queries';
import { DeleteModal, rowLinkProps, useUrlFilters } from './shared';

const P = COBUILD.ui.posts;
const S = COBUILD.ui.screens;

export function PostsPage() {
  const navigate = useNavigate();
  const { params, patch } = useUrlFilters();
  const communityParam = Number(params.get('community'));
  const communityId = Number.isInteger(communityParam) && communityParam > 0 ? communityParam : undefined;
  const categoryParam = params.get('category') ?? '';
  const category = (POST_CATEGORIES as readonly string[]).includes(categoryParam)
    ? (categoryParam as PostCategory)
    : undefined;
  const openOnly = params.get('open') === '1';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const patchSearch = useDebouncedCallback((v: string) => patch({ q: v || null }), 250);

  const communities = useCommunities(false);
  const query: Input<'posts.list'> = {
    ...(communityId ? { communityId } : {}),
    ...(category ? { category } : {}),
    ...(openOnly ? { openOnly } : {}),
    ...(q ? { q } : {}),
  };
  const list = usePosts(query);
  const [editing, setEditing] = useState<{ post: ServicePostRowT | null } | null>(null);
  const [deleting, setDeleting] = useState<ServicePostRowT | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const remove = useMutationFor('posts.delete', {
    onSuccess: () => {
      setDeleting(null);
      notifySaved(UI.common.deleted);
    },
    onError: (e) => setDeleteError(errorMessage(e)),
  });

  const rows = list.data ?? [];
  const filtered = !!(communityId || category || openOnly || q);

  return (
    <>
      <PageHeader
        title={P.title}
        subtitle={list.data ? S.postCount(rows.length) : undefined}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ post: null })}>
            {P.create}
          </Button>
        }
      />

      <Group mb="md" gap="md" wrap="wrap">
        <Select
          aria-label={S.community}
          data={communityOptions(communities.data, { all: true })}
          value={communityId ? String(communityId) : ''}
          onChange={(v) => patch({ community: v || null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={170}
        />
        <Select
          aria-label={S.category}
          data={[{ value: '', label: S.allCategories }, ...POST_CATEGORY_OPTIONS]}
          value={category ?? ''}
          onChange={(v) => patch({ category: v || null })}
          allowDeselect={false}
          w={190}
        />
        <TextInput
          aria-label={UI.common.search}
          placeholder={S.postSearch}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            patchSearch(e.currentTarget.value.trim());
          }}
          w={240}
        />
        <Checkbox
          label={S.openOnly}
          checked={openOnly}
          onChange={(e) => patch({ open: e.currentTarget.checked ? '1' : null })}
        />
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder>
          {rows.length === 0 ? (
            <Empty>{filtered ? S.emptyFiltered : P.empty}</Empty>
          ) : (
            <Table
              striped
              highlightOnHover
              stickyHeader
              stickyHeaderOffset={HEADER_HEIGHT}
              horizontalSpacing={10}
              verticalSpacing={8}
              fz="sm"
              style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
              aria-label={P.title}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{P.columns.name}</Table.Th>
                  <Table.Th w={120}>{P.columns.community}</Table.Th>
                  <Table.Th w={150}>{P.columns.category}</Table.Th>
                  <Table.Th w={60} className="sg-num">
                    {P.columns.headcount}
                  </Table.Th>
                  <Table.Th w={64} className="sg-num">
                    {P.columns.approved}
                  </Table.Th>
                  <Table.Th w={64} className="sg-num">
                    {P.columns.pending}
                  </Table.Th>
                  <Table.Th w={96}>{P.columns.remaining}</Table.Th>
                  <Table.Th w={110}>{UI.common.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id} {...rowLinkProps(() => void navigate(PATHS.post(p.id)))}>
                    <Table.Td>
                      <Anchor component={Link} to={PATHS.post(p.id)} fw={500} size="sm">
                        {p.name}
                      </Anchor>
                      {p.requiredSkills.length > 0 && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {COBUILD.ui.postForm.skills}：{p.requiredSkills.join('、')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{p.communityName}</Table.Td>
                    <Table.Td>{POST_CATEGORY_LABELS[p.category]}</Table.Td>
                    <Table.Td className="sg-num">{p.headcount}</Table.Td>
                    <Table.Td className="sg-num">{p.approvedCount}</Table.Td>
                    <Table.Td className="sg-num">
                      {p.pendingCount > 0 ? (
                        <Text size="sm" c="orange.8" fw={600} component="span">
                          {p.pendingCount}
                        </Text>
                      ) : (
                        0
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RemainingBadge remaining={p.remaining} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing({ post: p })}>
                          {UI.common.edit}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            setDeleteError(null);
                            setDeleting(p);
                          }}
                        >
                          {UI.common.delete}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      <PostFormModal
        opened={editing !== null}
        post={editing?.post ?? null}
        defaultCommunityId={communityId}
        onClose={() => setEditing(null)}
        onCreated={(p) => void navigate(PATHS.post(p.id))}
      />
      <DeleteModal
        opened={deleting !== null}
        title={P.delete}
        message={deleting ? P.confirmDelete(deleting.name) : ''}
        error={deleteError}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </>
  );
}

export function RemainingBadge({ remaining, size }: { remaining: number; size?: string }) {
  return remaining === 0 ? (
    <Badge color="green" variant="light" radius="sm" tt="none" fw={500} size={size}>
      {P.full}
    </Badge>
  ) : (
    <Badge color="orange" variant="light" radius="sm" tt="none" fw={500} size={size}>
      {P.remaining(remaining)}
    </Badge>
  );
}
