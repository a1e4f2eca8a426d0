// One 服务岗位: headcount and how it is filled, the claims (待审核 with 通过 / 不通过, 在岗 with 退出, and the history of
// withdrawn and rejected claims), 登记认领, and 推荐党员 — members of the community whose 专业特长 match, one click to
// claim. A refusal from the core (超额认领, 重复认领 …) stays on screen above the claims until dismissed.
import { Alert, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PostClaimT, ServicePostDetailT } from '../../../shared/contract';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, POST_CATEGORY_LABELS } from '../../../shared/enums';
import { COBUILD, UI } from '../../../shared/messages';
import { ApiError, errorMessage } from '../../api/client';
import { useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { IconAlert, IconPlus } from '../../components/icons';
import { notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { ClaimModal } from './ClaimModal';
import { PostFormModal } from './PostForm';
import { RemainingBadge } from './PostsPage';
import { usePost, usePostSuggestions } from './queries';
import { BackLink, ClaimStatusBadge, DeleteModal } from './shared';

const P = COBUILD.ui.posts;
const CL = COBUILD.ui.claims;
const F = COBUILD.ui.claimForm;
const PF = COBUILD.ui.postForm;
const SG = COBUILD.ui.suggest;
const S = COBUILD.ui.screens;

const Back = () => <BackLink to={PATHS.posts} label={S.backToPosts} />;

export function PostDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const q = usePost(valid ? id : undefined);

  if (!valid) return <NotFound />;
  if (q.isPending) return <PageLoader />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.code === 'NOT_FOUND') return <NotFound />;
    return (
      <>
        <Back />
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  }
  return <Detail key={q.data.id} post={q.data} />;
}

function NotFound() {
  return (
    <Paper withBorder mt="md">
      <Empty action={<Back />}>{COBUILD.err.postNotFound}</Empty>
    </Paper>
  );
}

type Ask = { kind: 'reject' | 'withdraw'; claim: PostClaimT };

function Detail({ post: p }: { post: ServicePostDetailT }) {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask | null>(null);

  const refuse = (e: unknown) => {
    setAsk(null);
    setRefusal(errorMessage(e));
  };
  const approve = useMutationFor('claims.approve', {
    onSuccess: (c) => {
      setRefusal(null);
      notifySaved(F.approved1(c.claimantName));
    },
    onError: refuse,
  });
  const reject = useMutationFor('claims.reject', {
    onSuccess: (c) => {
      setAsk(null);
      setRefusal(null);
      notifySaved(F.rejected1(c.claimantName));
    },
    onError: refuse,
  });
  const withdraw = useMutationFor('claims.withdraw', {
    onSuccess: (c) => {
      setAsk(null);
      setRefusal(null);
      notifySaved(F.withdrawn1(c.claimantName));
    },
    onError: refuse,
  });
  const remove = useMutationFor('posts.delete', {
    onSuccess: () => {
      setDeleting(false);
      notifySaved(UI.common.deleted);
      void navigate(PATHS.posts);
    },
    onError: (e) => setDeleteError(errorMessage(e)),
  });

  const pending = p.claims.filter((c) => c.status === 'pending');
  const approved = p.claims.filter((c) => c.status === 'approved');
  const history = p.claims.filter((c) => c.status === 'rejected' || c.status === 'withdrawn');
  const kindLabel = (c: PostClaimT) => (c.claimantKind === 'member' ? CL.claimantMember : CL.claimantUnit);

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        above={<Back />}
        title={
          <Group gap="sm" wrap="nowrap" component="span">
            <span>{p.name}</span>
            <Badge variant="light" color="civic" radius="sm" tt="none" fw={500}>
              {POST_CATEGORY_LABELS[p.category]}
            </Badge>
            <RemainingBadge remaining={p.remaining} />
          </Group>
        }
        subtitle={p.communityName}
        actions={
          <>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setClaiming(true)}>
              {CL.create}
            </Button>
            <Button variant="light" onClick={() => setEditing(true)}>
              {P.edit}
            </Button>
            <Button
              variant="default"
              c="red.8"
              onClick={() => {
                setDeleteError(null);
                setDeleting(true);
              }}
            >
              {P.delete}
            </Button>
          </>
        }
      />

      <SimpleGrid cols={4} spacing="md" mb="md">
        <Stat label={PF.stats.headcount} value={p.headcount} />
        <Stat label={PF.stats.approved} value={p.approvedCount} color="green.8" />
        <Stat label={PF.stats.pending} value={p.pendingCount} color={p.pendingCount > 0 ? 'orange.8' : undefined} />
        <Stat label={PF.stats.remaining} value={p.remaining} color={p.remaining === 0 ? 'green.8' : 'orange.8'} />
      </SimpleGrid>

      <Paper withBorder p="md" mb="md">
        <Stack gap={6}>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" w={100}>
              {PF.requiredSkills}
            </Text>
            {p.requiredSkills.length === 0 ? (
              <Text size="sm" c="dimmed">
                {PF.noSkills}
              </Text>
            ) : (
              p.requiredSkills.map((s) => (
                <Badge key={s} variant="outline" color="gray" radius="sm" tt="none" fw={500}>
                  {s}
                </Badge>
              ))
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={100} style={{ flexShrink: 0 }}>
              {PF.description}
            </Text>
            <Text size="sm" c={p.description ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
              {p.description ?? UI.common.notSet}
            </Text>
          </Group>
        </Stack>
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="lg" component="section" aria-label={CL.title}>
            <Title order={4} fz={16} mb="md">
              {CL.title}
            </Title>
            {refusal && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlert />}
                title={F.refusedTitle}
                withCloseButton
                closeButtonLabel={UI.common.close}
                onClose={() => setRefusal(null)}
                mb="md"
                role="alert"
              >
                {refusal}
              </Alert>
            )}
            {p.claims.length === 0 ? (
              <Empty>{P.emptyClaims}</Empty>
            ) : (
              <Stack gap="lg">
                <Block title={`${F.pending}（${pending.length}）`}>
                  {pending.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {F.noPending}
                    </Text>
                  ) : (
                    <>
                      {p.remaining === 0 && (
                        <Text size="xs" c="orange.8" mb={6}>
                          {F.fullHint}
                        </Text>
                      )}
                      <ClaimTable
                        label={F.pending}
                        claims={pending}
                        kindLabel={kindLabel}
                        actions={(c) => (
                          <>
                            <Button
                              size="compact-sm"
                              variant="light"
                              color="green"
                              loading={approve.isPending && approve.variables.id === c.id}
                              onClick={() => approve.mutate({ id: c.id })}
                            >
                              {CL.approve}
                            </Button>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              onClick={() => setAsk({ kind: 'reject', claim: c })}
                            >
                              {CL.reject}
                            </Button>
                          </>
                        )}
                      />
                    </>
                  )}
                </Block>
                <Block title={`${F.approved}（${approved.length}）`}>
                  {approved.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {F.noApproved}
                    </Text>
                  ) : (
                    <ClaimTable
                      label={F.approved}
                      claims={approved}
                      kindLabel={kindLabel}
                      showDecided
                      actions={(c) => (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setAsk({ kind: 'withdraw', claim: c })}
                        >
                          {CL.withdraw}
                        </Button>
                      )}
                    />
                  )}
                </Block>
                <Block title={`${CL.history}（${history.length}）`}>
                  {history.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {F.noHistory}
                    </Text>
                  ) : (
                    <ClaimTable label={CL.history} claims={history} kindLabel={kindLabel} showDecided showStatus />
                  )}
                </Block>
              </Stack>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Suggestions post={p} onRefused={setRefusal} />
        </Grid.Col>
      </Grid>

      <PostFormModal opened={editing} post={p} onClose={() => setEditing(false)} />
      <ClaimModal post={p} opened={claiming} onClose={() => setClaiming(false)} />
      <DeleteModal
        opened={deleting}
        title={P.delete}
        message={P.confirmDelete(p.name)}
        error={deleteError}
        loading={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: p.id })}
      />
      <ConfirmModal
        opened={ask !== null}
        title={ask?.kind === 'reject' ? CL.reject : CL.withdraw}
        message={
          ask
            ? ask.kind === 'reject'
              ? F.confirmReject(ask.claim.claimantName)
              : F.confirmWithdraw(ask.claim.claimantName)
            : ''
        }
        confirmLabel={ask?.kind === 'reject' ? CL.reject : CL.withdraw}
        loading={reject.isPending || withdraw.isPending}
        onClose={() => setAsk(null)}
        onConfirm={() => {
          if (!ask) return;
          if (ask.kind === 'reject') reject.mutate({ id: ask.claim.id });
          else withdraw.mutate({ id: ask.claim.id });
        }}
      />
    </Stack>
  );
}

function Stat({ label, value, color }: { label: string; value: number; color?: string | undefined }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={600} c={color} className="sg-code" aria-label={`${label} ${value}`}>
        {value}
      </Text>
    </Paper>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function ClaimTable({
  label,
  claims,
  kindLabel,
  actions,
  showDecided,
  showStatus,
}: {
  label: string;
  claims: PostClaimT[];
  kindLabel: (c: PostClaimT) => string;
  actions?: (c: PostClaimT) => ReactNode;
  showDecided?: boolean;
  showStatus?: boolean;
}) {
  return (
    <Table withTableBorder verticalSpacing={6} fz="sm" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{F.claimant}</Table.Th>
          <Table.Th w={80}>{F.kindCol}</Table.Th>
          {showStatus && <Table.Th w={80}>{F.status}</Table.Th>}
          <Table.Th w={130}>{F.claimDate2}</Table.Th>
          {showDecided && <Table.Th w={130}>{F.decidedDate}</Table.Th>}
          <Table.Th>{F.noteCol}</Table.Th>
          {actions && <Table.Th w={150}>{UI.common.actions}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {claims.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td fw={500}>{c.claimantName}</Table.Td>
            <Table.Td className="sg-nowrap">{kindLabel(c)}</Table.Td>
            {showStatus && (
              <Table.Td>
                <ClaimStatusBadge status={c.status} />
              </Table.Td>
            )}
            <Table.Td className="sg-nowrap">{formatDate(c.claimDate)}</Table.Td>
            {showDecided && <Table.Td className="sg-nowrap">{formatDate(c.withdrawnDate ?? c.decidedDate)}</Table.Td>}
            <Table.Td c={c.note ? undefined : 'dimmed'}>{c.note ?? UI.common.dash}</Table.Td>
            {actions && (
              <Table.Td>
                <Group gap={4} wrap="nowrap" role="group" aria-label={c.claimantName}>
                  {actions(c)}
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Suggestions({ post, onRefused }: { post: ServicePostDetailT; onRefused: (m: string) => void }) {
  const hasSkills = post.requiredSkills.length > 0;
  const list = usePostSuggestions(post.id, hasSkills);
  const claim = useMutationFor('claims.create', {
    onSuccess: (c) => notifySaved(F.created(c.claimantName)),
    onError: (e) => onRefused(errorMessage(e)),
  });
  return (
    <Paper withBorder p="lg" component="section" aria-label={SG.title}>
      <Title order={4} fz={16} mb={4}>
        {SG.title}
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        {SG.hint}
      </Text>
      {!hasSkills ? (
        <Text size="sm" c="dimmed">
          {SG.noSkills}
        </Text>
      ) : list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {P.suggestEmpty}
        </Text>
      ) : (
        <Stack gap={0} role="list">
          {list.data.map((m) => (
            <Group
              key={m.memberId}
              role="listitem"
              aria-label={m.name}
              justify="space-between"
              wrap="nowrap"
              py={8}
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {m.name}
                  </Text>
                  <Text size="xs" c="dimmed" className="sg-nowrap">
                    {GENDER_LABELS[m.gender]} · {MEMBER_CATEGORY_LABELS[m.category]}
                    {m.gridName ? ` · ${m.gridName}` : ''}
                  </Text>
                </Group>
                <Group gap={4} wrap="wrap">
                  {m.skills.map((s) => (
                    <Badge
                      key={s}
                      size="sm"
                      radius="sm"
                      tt="none"
                      fw={500}
                      variant={m.matched.includes(s) ? 'filled' : 'outline'}
                      color={m.matched.includes(s) ? 'civic' : 'gray'}
                    >
                      {s}
                    </Badge>
                  ))}
                </Group>
              </Stack>
              <Button
                size="compact-sm"
                variant="light"
                aria-label={SG.claimFor(m.name)}
                loading={claim.isPending && claim.variables.memberId === m.memberId}
                onClick={() => claim.mutate({ postId: post.id, memberId: m.memberId })}
              >
                {SG.claim}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
