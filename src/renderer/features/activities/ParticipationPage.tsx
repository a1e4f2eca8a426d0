// 参加社区活动情况统计表: one community's reported 在职党员 for a month, quarter, half-year or year — activities joined,
// hours, posts held — with totals; 导出 Excel (excel.exportParticipation) and 打印 / 保存为 PDF through the document
// preview (documents.participationTable / participationTablePdf). ?community=&period= in the URL.
import { Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { DocumentT } from '../../../shared/contract';
import { ACTIVITY, UI } from '../../../shared/messages';
import { parsePeriod } from '../../../shared/period';
import { downloadFile } from '../../api/files';
import { useCommunities, useMutationFor } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { DocumentPreview, type Paper as PaperSize } from '../documents/DocumentPreview';
import { IconDownload, IconPrinter } from '../importExport/FileIcons';
import { useParticipationDocument, useParticipationTable } from './queries';
import { communityOptions, currentPeriod, hoursText, PeriodPicker, positiveInt, useUrlFilters } from './shared';

const U = ACTIVITY.ui;
const S = ACTIVITY.screens;
const D = ACTIVITY.doc;

export function ParticipationPage() {
  const { params, patch } = useUrlFilters();
  const communities = useCommunities(false);
  const period = parsePeriod(params.get('period') ?? '')?.code ?? currentPeriod('quarter');
  const communityId = positiveInt(params.get('community')) ?? communities.data?.[0]?.id ?? null;
  const table = useParticipationTable(communityId, period);
  const [previewing, setPreviewing] = useState(false);

  const excel = useMutationFor('excel.exportParticipation', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(S.exported(file.fileName));
    },
    onError: notifyError,
  });

  const t = table.data;
  return (
    <>
      <PageHeader
        title={U.participationTitle}
        subtitle={t ? S.tableSubtitle(t.communityName, t.periodLabel, formatDate(t.from), formatDate(t.to)) : undefined}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={excel.isPending}
              disabled={communityId === null}
              onClick={() => communityId !== null && excel.mutate({ communityId, period })}
            >
              {S.exportExcel}
            </Button>
            <Button
              leftSection={<IconPrinter size={16} />}
              disabled={communityId === null}
              onClick={() => setPreviewing(true)}
            >
              {S.printOrPdf}
            </Button>
          </>
        }
      />

      <Group mb="md" gap="sm" wrap="wrap">
        <Select
          aria-label={U.community}
          data={communityOptions(communities.data)}
          value={communityId !== null ? String(communityId) : null}
          onChange={(v) => patch({ community: v })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          placeholder={communities.isPending ? UI.common.loading : undefined}
          w={170}
        />
        <PeriodPicker value={period} onChange={(code) => patch({ period: code })} />
      </Group>

      {communities.data && communities.data.length === 0 ? (
        <Paper withBorder>
          <Empty>{S.noCommunities}</Empty>
        </Paper>
      ) : table.isPending ? (
        <PageLoader />
      ) : table.isError ? (
        <QueryError error={table.error} onRetry={() => void table.refetch()} />
      ) : t && t.rows.length === 0 ? (
        <Paper withBorder>
          <Empty>{D.noRows}</Empty>
        </Paper>
      ) : t ? (
        <>
          <Group gap="sm" mb="xs">
            <Badge variant="light" radius="sm" tt="none" fw={500} size="lg">
              {D.activeMembers(t.totals.activeMembers, t.totals.members)}
            </Badge>
            <Text size="sm" c="dimmed">
              {S.withPosts(t.totals.withPosts)}
            </Text>
          </Group>
          <Paper withBorder style={{ opacity: table.isPlaceholderData ? 0.6 : 1 }}>
            <Table
              striped
              stickyHeader
              stickyHeaderOffset={HEADER_HEIGHT}
              horizontalSpacing={10}
              verticalSpacing={6}
              fz="sm"
              aria-label={U.participationTitle}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={56}>{D.seq}</Table.Th>
                  <Table.Th w={90}>{D.name}</Table.Th>
                  <Table.Th w={170}>{D.idNumber}</Table.Th>
                  <Table.Th>{D.employer}</Table.Th>
                  <Table.Th w={140}>{D.reportDate}</Table.Th>
                  <Table.Th w={124} ta="right">
                    {D.activities}
                  </Table.Th>
                  <Table.Th w={130} ta="right">
                    {D.hours}
                  </Table.Th>
                  <Table.Th w={200}>{D.posts}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {t.rows.map((r, i) => (
                  <Table.Tr key={r.memberId}>
                    <Table.Td c="dimmed">{i + 1}</Table.Td>
                    <Table.Td fw={500} className="sg-nowrap">
                      {r.name}
                    </Table.Td>
                    <Table.Td className="sg-code sg-nowrap">{r.idMasked}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1} title={r.employerName ?? undefined}>
                        {r.employerName ?? UI.common.dash}
                      </Text>
                    </Table.Td>
                    <Table.Td className="sg-nowrap">{formatDate(r.reportDate)}</Table.Td>
                    <Table.Td ta="right" c={r.activities === 0 ? 'orange.8' : undefined}>
                      {r.activities}
                    </Table.Td>
                    <Table.Td ta="right">{hoursText(r.hours)}</Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        lineClamp={1}
                        title={r.posts.join('、')}
                        c={r.posts.length ? undefined : 'dimmed'}
                      >
                        {r.posts.length ? r.posts.join('、') : D.noPosts}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={600}>
                  <Table.Td colSpan={2}>{D.total}</Table.Td>
                  <Table.Td colSpan={3}>{D.totalMembers(t.totals.members)}</Table.Td>
                  <Table.Td ta="right">{t.totals.activities}</Table.Td>
                  <Table.Td ta="right">{hoursText(t.totals.hours)}</Table.Td>
                  <Table.Td>{S.withPosts(t.totals.withPosts)}</Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Paper>
        </>
      ) : null}

      {communityId !== null && (
        <ParticipationPreview
          opened={previewing}
          communityId={communityId}
          period={period}
          onClose={() => setPreviewing(false)}
        />
      )}
    </>
  );
}

function ParticipationPreview({
  opened,
  communityId,
  period,
  onClose,
}: {
  opened: boolean;
  communityId: number;
  period: string;
  onClose: () => void;
}) {
  const [paper, setPaper] = useState<PaperSize>('A4');
  const doc = useParticipationDocument(communityId, period, opened);
  const pdf = useMutationFor('documents.participationTablePdf', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(UI.documents.pdfSaved(file.fileName));
    },
    onError: notifyError,
  });
  // Keeps the last document while a refetch runs; a closed preview forgets it.
  const [last, setLast] = useState<DocumentT | undefined>(undefined);
  if (opened && doc.data && doc.data !== last) setLast(doc.data);
  if (!opened && last !== undefined) setLast(undefined);
  return (
    <DocumentPreview
      opened={opened}
      onClose={onClose}
      title={D.tableTitle}
      paper={paper}
      onPaperChange={setPaper}
      doc={doc.data ?? last}
      loading={doc.isFetching}
      error={doc.isError ? doc.error : null}
      onSavePdf={() => pdf.mutate({ communityId, period })}
      savingPdf={pdf.isPending}
    />
  );
}
