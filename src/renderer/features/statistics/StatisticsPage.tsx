// 统计: the five tables a street sends upward (党员分类 / 服务活动 / 在职党员参与 / 共驻共建 / 议事会议) for a month,
// quarter, half-year or year and the whole street or one community. Every number links to the records behind it
// (links.ts); 导出 Excel (excel.exportStatsTable) and 打印 / 保存为 PDF through the document preview
// (documents.statsTable / statsTablePdf). ?table=&period=&community= in the URL.
import { Alert, Button, Group, Paper, ScrollArea, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { STAT_TABLE_KINDS, type DocumentT, type StatTableKind, type StatTableT } from '../../../shared/contract';
import { STATS_UI, UI } from '../../../shared/messages';
import { parsePeriod } from '../../../shared/period';
import { downloadFile } from '../../api/files';
import { useCommunities, useMutationFor } from '../../api/queries';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { currentPeriod, PeriodPicker, positiveInt, useUrlFilters } from '../activities/shared';
import { DocumentPreview } from '../documents/DocumentPreview';
import { IconDownload, IconPrinter } from '../importExport/FileIcons';
import { cellLink } from './links';
import { useStatTable, useStatTableDocument } from './queries';
import './statistics.css';

const S = STATS_UI.screens;
const T = STATS_UI.tables;

/** A number as shown on screen: counts with separators, hours with up to two decimals, shares as percentages. */
export function cellText(v: number | null, format: StatTableT['columns'][number]['format']): string {
  if (v === null) return UI.common.dash;
  if (format === 'ratio') return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
  if (format === 'hours') return (Math.round(v * 100) / 100).toLocaleString('zh-CN');
  return v.toLocaleString('zh-CN');
}

function NumberCell({ t, row, index }: { t: StatTableT; row: StatTableT['rows'][number] | null; index: number }) {
  const col = t.columns[index]!;
  const v = row ? row.values[index]! : t.totals[index]!;
  const to = v !== null && v !== 0 ? cellLink(t, row, col.key) : null;
  const text = cellText(v, col.format);
  return (
    <Table.Td ta="right" className="sg-nowrap" c={v === 0 ? 'dimmed' : undefined}>
      {to ? (
        <Link to={to} className="sg-stat-link" title={S.clickHint}>
          {text}
        </Link>
      ) : (
        text
      )}
    </Table.Td>
  );
}

export function StatisticsPage() {
  const { params, patch } = useUrlFilters();
  const kind: StatTableKind = (STAT_TABLE_KINDS as readonly string[]).includes(params.get('table') ?? '')
    ? (params.get('table') as StatTableKind)
    : 'members';
  const period = parsePeriod(params.get('period') ?? '')?.code ?? currentPeriod('year');
  const communityId = positiveInt(params.get('community')) ?? null;
  const communities = useCommunities(false);
  const input = { kind, period, ...(communityId !== null ? { communityId } : {}) };
  const table = useStatTable(input);
  const [previewing, setPreviewing] = useState(false);

  const excel = useMutationFor('excel.exportStatsTable', {
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
        title={S.statisticsTitle}
        subtitle={S.statisticsSubtitle}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={excel.isPending}
              onClick={() => excel.mutate(input)}
            >
              {S.exportExcel}
            </Button>
            <Button leftSection={<IconPrinter size={16} />} onClick={() => setPreviewing(true)}>
              {S.print}
            </Button>
          </>
        }
      />

      <SegmentedControl
        mb="md"
        aria-label={S.table}
        data={STAT_TABLE_KINDS.map((k) => ({ value: k, label: T.short[k]! }))}
        value={kind}
        onChange={(v) => patch({ table: v })}
      />

      <Group mb="md" gap="sm" wrap="wrap">
        <Select
          aria-label={S.community}
          data={[
            { value: '', label: S.allCommunities },
            ...(communities.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
          ]}
          value={communityId !== null ? String(communityId) : ''}
          onChange={(v) => patch({ community: v || null })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={170}
        />
        {kind !== 'members' && <PeriodPicker value={period} onChange={(code) => patch({ period: code })} />}
      </Group>

      {table.isPending ? (
        <PageLoader />
      ) : table.isError ? (
        <QueryError error={table.error} onRetry={() => void table.refetch()} />
      ) : t ? (
        <>
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Text fw={600}>{t.title}</Text>
            <Text size="sm" c="dimmed">
              {t.streetName}
              {t.communityName ? ` · ${t.communityName}` : ''} ·{' '}
              {t.kind === 'members' ? t.periodLabel : T.periodLine(t.periodLabel, formatDate(t.from), formatDate(t.to))}
            </Text>
          </Group>
          <Paper withBorder style={{ opacity: table.isPlaceholderData ? 0.6 : 1 }}>
            {t.rows.length === 0 ? (
              <Empty>{S.noRows}</Empty>
            ) : (
              <ScrollArea type="auto">
                <Table
                  striped
                  highlightOnHover
                  withColumnBorders
                  horizontalSpacing={8}
                  verticalSpacing={6}
                  fz="sm"
                  aria-label={t.title}
                  className="sg-stat-table"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={48}>{STATS_UI.doc.seq}</Table.Th>
                      <Table.Th miw={160}>{t.rowHeader}</Table.Th>
                      {t.columns.map((c) => (
                        <Table.Th key={c.key} ta="right" className="sg-stat-head">
                          {c.label}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {t.rows.map((r, i) => (
                      <Table.Tr key={r.key}>
                        <Table.Td c="dimmed">{i + 1}</Table.Td>
                        <Table.Td fw={500}>{r.label}</Table.Td>
                        {t.columns.map((c, j) => (
                          <NumberCell key={c.key} t={t} row={r} index={j} />
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr fw={700} className="sg-stat-total">
                      <Table.Td colSpan={2}>{T.total}</Table.Td>
                      {t.columns.map((c, j) => (
                        <NumberCell key={c.key} t={t} row={null} index={j} />
                      ))}
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </ScrollArea>
            )}
          </Paper>
          <Alert variant="light" color="gray" mt="sm" p="xs">
            <Text size="xs" c="dimmed">
              {STATS_UI.doc.notes}
              {t.notes.join('')} {S.clickHint}。
            </Text>
          </Alert>
        </>
      ) : null}

      <StatTablePreview opened={previewing} input={input} onClose={() => setPreviewing(false)} />
    </>
  );
}

function StatTablePreview({
  opened,
  input,
  onClose,
}: {
  opened: boolean;
  input: { kind: StatTableKind; period: string; communityId?: number };
  onClose: () => void;
}) {
  const doc = useStatTableDocument(input, opened);
  const pdf = useMutationFor('documents.statsTablePdf', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(UI.documents.pdfSaved(file.fileName));
    },
    onError: notifyError,
  });
  const [last, setLast] = useState<DocumentT | undefined>(undefined);
  if (doc.data && doc.data !== last) setLast(doc.data);
  return (
    <DocumentPreview
      opened={opened}
      onClose={onClose}
      title={T.kinds[input.kind]!}
      paper="A4"
      doc={opened ? (doc.data ?? last) : undefined}
      loading={doc.isFetching}
      error={doc.isError ? doc.error : null}
      onSavePdf={() => pdf.mutate(input)}
      savingPdf={pdf.isPending}
    />
  );
}
