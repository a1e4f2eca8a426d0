// One 共建协议: who and which year, the 四联 areas, signatories and duties, and the commitments table — status badges,
// overdue rows in red, add / edit / delete, 标记完成 with evidence — and the printable 协议书.
import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AgreementDetailT, CommitmentT } from '../../../shared/contract';
import { AGREEMENT_AREA_LABELS, COMMITMENT_STATUS_LABELS, COMMITMENT_STATUSES } from '../../../shared/enums';
import { COBUILD, UI } from '../../../shared/messages';
import { ApiError, errorMessage } from '../../api/client';
import { useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../components/format';
import { IconCheck, IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { AgreementFormModal } from './AgreementForm';
import { AgreementPreview } from './AgreementPreview';
import { IconPrinter } from './CobuildIcons';
import { CommitmentModal, type CommitmentEdit } from './CommitmentForm';
import { useAgreement } from './queries';
import { AreaBadges, BackLink, CommitmentStatusBadge, DeleteModal, Fact } from './shared';

const A = COBUILD.ui.agreements;
const U = COBUILD.ui.commitments;
const C = COBUILD.ui.commitmentForm;
const F = COBUILD.ui.agreementForm;
const S = COBUILD.ui.screens;

const Back = () => <BackLink to={PATHS.agreements} label={S.backToAgreements} />;

export function AgreementDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useAgreement(valid ? id : undefined);

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
  return <Detail key={q.data.id} agreement={q.data} />;
}

function NotFound() {
  return (
    <Paper withBorder mt="md">
      <Empty action={<Back />}>{COBUILD.err.agreementNotFound}</Empty>
    </Paper>
  );
}

function Detail({ agreement: a }: { agreement: AgreementDetailT }) {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [commitment, setCommitment] = useState<CommitmentEdit | null>(null);
  const [removing, setRemoving] = useState<CommitmentT | null>(null);

  const remove = useMutationFor('agreements.delete', {
    onSuccess: () => {
      setDeleting(false);
      notifySaved(UI.common.deleted);
      void navigate(PATHS.agreements);
    },
    onError: (e) => setDeleteError(errorMessage(e)),
  });
  const removeCommitment = useMutationFor('commitments.delete', {
    onSuccess: () => {
      setRemoving(null);
      notifySaved(UI.common.deleted);
    },
    onError: (e) => {
      setRemoving(null);
      notifyError(e);
    },
  });

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        above={<Back />}
        title={a.title}
        subtitle={
          <Group gap="xs" component="span">
            <span>{S.yearOption(a.year)}</span>
            <span>·</span>
            <span>{a.communityName}</span>
            <span>—</span>
            <span>{a.unitName}</span>
          </Group>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => setPrinting(true)}>
              {A.print}
            </Button>
            <Button variant="light" onClick={() => setEditing(true)}>
              {A.edit}
            </Button>
            <Button
              variant="default"
              c="red.8"
              onClick={() => {
                setDeleteError(null);
                setDeleting(true);
              }}
            >
              {A.delete}
            </Button>
          </>
        }
      />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="lg" h="100%">
            <Title order={4} fz={16} mb="md">
              {S.info}
            </Title>
            <Stack gap={8}>
              <Fact
                label={F.unit}
                value={
                  <Anchor component={Link} to={PATHS.unit(a.unitId)} size="sm">
                    {a.unitName}
                  </Anchor>
                }
              />
              <Fact
                label={F.community}
                value={
                  a.communityId ? (
                    <Anchor component={Link} to={PATHS.community(a.communityId)} size="sm">
                      {a.communityName}
                    </Anchor>
                  ) : (
                    a.communityName
                  )
                }
              />
              <Fact label={F.year} value={S.yearOption(a.year)} />
              <Fact label={F.areas} value={<AreaBadges areas={a.areas} />} />
              <Fact label={F.signatoryA} value={a.signatoryA} />
              <Fact label={F.signatoryB} value={a.signatoryB} />
              <Fact label={F.liaisonPerson} value={a.liaisonPerson} />
              <Fact label={F.liaisonPhone} value={a.liaisonPhone} mono />
              <Fact label={F.signedDate} value={a.signedDate ? formatDate(a.signedDate) : null} />
              <Fact label={F.note} value={a.note} />
              <Fact label={S.updatedAt} value={formatDateTime(a.updatedAt)} />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="lg" h="100%">
            <Title order={4} fz={16} mb="md">
              {S.duties}
            </Title>
            <Stack gap="md">
              <Fact label={F.dutiesA} value={a.dutiesA} />
              <Fact label={F.dutiesB} value={a.dutiesB} />
              {(!a.dutiesA || !a.dutiesB) && (
                <Text size="xs" c="dimmed">
                  {S.dutiesDefaultHint}
                </Text>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>

      <Paper withBorder p="lg" mt="md" component="section" aria-label={U.title}>
        <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Title order={4} fz={16}>
              {U.title}
            </Title>
            <Group gap={6}>
              {COMMITMENT_STATUSES.map((s) => (
                <Text key={s} size="sm" c="dimmed" component="span">
                  {COMMITMENT_STATUS_LABELS[s]} {a.statusCounts[s]}
                </Text>
              ))}
              {a.overdueCount > 0 && (
                <Badge color="red" variant="filled" radius="sm" tt="none" fw={500}>
                  {A.overdue(a.overdueCount)}
                </Badge>
              )}
            </Group>
          </Stack>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCommitment({ kind: 'create' })}>
            {U.add}
          </Button>
        </Group>
        {a.commitments.length === 0 ? (
          <Empty>{U.empty}</Empty>
        ) : (
          <>
            <Table withTableBorder verticalSpacing={8} fz="sm" aria-label={U.title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={52}>{C.colNo}</Table.Th>
                  <Table.Th>{C.colContent}</Table.Th>
                  <Table.Th w={100}>{C.colArea}</Table.Th>
                  <Table.Th w={130}>{C.colDue}</Table.Th>
                  <Table.Th w={150}>{C.colStatus}</Table.Th>
                  <Table.Th w={220}>{C.colEvidence}</Table.Th>
                  <Table.Th w={190}>{UI.common.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.commitments.map((c, i) => (
                  <Table.Tr key={c.id} className={c.overdue ? 'sg-cb-overdue' : undefined}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.content}</Table.Td>
                    <Table.Td className="sg-nowrap">{c.area ? AGREEMENT_AREA_LABELS[c.area] : UI.common.dash}</Table.Td>
                    <Table.Td
                      className="sg-nowrap"
                      c={c.overdue ? 'red.8' : undefined}
                      fw={c.overdue ? 600 : undefined}
                    >
                      {formatDate(c.dueDate)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <CommitmentStatusBadge status={c.status} />
                        {c.overdue && (
                          <Badge color="red" variant="filled" radius="sm" tt="none" fw={500}>
                            {U.overdueBadge}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {c.evidenceNote || c.evidenceDate ? (
                        <Stack gap={0}>
                          {c.evidenceNote && (
                            <Text size="sm" lineClamp={3}>
                              {c.evidenceNote}
                            </Text>
                          )}
                          {c.evidenceDate && (
                            <Text size="xs" c="dimmed">
                              {formatDate(c.evidenceDate)}
                            </Text>
                          )}
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {UI.common.dash}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap" role="group" aria-label={`${C.colNo} ${i + 1}`}>
                        {c.status !== 'done' && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="green"
                            leftSection={<IconCheck size={14} />}
                            onClick={() => setCommitment({ kind: 'done', commitment: c })}
                          >
                            {C.markDoneShort}
                          </Button>
                        )}
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setCommitment({ kind: 'edit', commitment: c })}
                        >
                          {UI.common.edit}
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(c)}>
                          {UI.common.delete}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {a.overdueCount > 0 && (
              <Text size="xs" c="dimmed" mt="xs">
                {S.overdueLegend}
              </Text>
            )}
          </>
        )}
      </Paper>

      <AgreementFormModal opened={editing} agreement={a} onClose={() => setEditing(false)} />
      <CommitmentModal agreement={a} edit={commitment} onClose={() => setCommitment(null)} />
      <AgreementPreview agreementId={printing ? a.id : null} onClose={() => setPrinting(false)} />
      <DeleteModal
        opened={deleting}
        title={A.delete}
        message={A.confirmDelete(a.title)}
        error={deleteError}
        loading={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: a.id })}
      />
      <ConfirmModal
        opened={removing !== null}
        title={U.delete}
        message={removing ? U.confirmDelete(removing.content) : ''}
        confirmLabel={UI.common.delete}
        loading={removeCommitment.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && removeCommitment.mutate({ id: removing.id })}
      />
    </Stack>
  );
}
