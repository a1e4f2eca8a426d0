// 目标考评: the year-end scorecard of every community for a year — rank, score and each enabled indicator's share with
// its weight and points, the definitions next to the scores (a tooltip on each header and the panel below), a
// printable page per community (打印) or all of them one per page (全部打印), the Excel export, and the 考评设置
// drawer (thresholds, weights, enabled indicators). ?year= in the URL.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { useState } from 'react';
import type { DocumentT } from '../../../shared/contract';
import { STATS_UI, UI } from '../../../shared/messages';
import { downloadFile } from '../../api/files';
import { useMutationFor } from '../../api/queries';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { positiveInt, useUrlFilters } from '../activities/shared';
import { DocumentPreview } from '../documents/DocumentPreview';
import { IconDownload, IconPrinter } from '../importExport/FileIcons';
import { useScorecard, useScorecardDocument } from '../statistics/queries';
import '../statistics/statistics.css';
import { ScorecardSettings } from './ScorecardSettings';

const S = STATS_UI.scorecard;
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => THIS_YEAR - i);

export const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

export function ScorecardPage() {
  const { params, patch } = useUrlFilters();
  const yearParam = positiveInt(params.get('year'));
  const year = yearParam && yearParam >= 2000 && yearParam <= 2100 ? yearParam : THIS_YEAR;
  const card = useScorecard(year);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // null: closed; 'all': 全部打印; a number: one community's page.
  const [printing, setPrinting] = useState<number | 'all' | null>(null);
  const excel = useMutationFor('excel.exportScorecard', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(S.exported(file.fileName));
    },
    onError: notifyError,
  });

  const c = card.data;
  const on = c ? c.indicators.filter((i) => i.enabled) : [];
  const years = YEARS.includes(year) ? YEARS : [year, ...YEARS];
  return (
    <>
      <PageHeader
        title={STATS_UI.screens.scorecardTitle}
        subtitle={c ? STATS_UI.screens.scorecardSubtitle(c.year, c.rows.length) : undefined}
        actions={
          <>
            <Button variant="default" onClick={() => setSettingsOpen(true)}>
              {STATS_UI.settings.open}
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={excel.isPending}
              onClick={() => excel.mutate({ year })}
            >
              {S.exportExcel}
            </Button>
            <Button
              leftSection={<IconPrinter size={16} />}
              disabled={!c || c.rows.length === 0}
              onClick={() => setPrinting('all')}
            >
              {S.printAll}
            </Button>
          </>
        }
      />
      <Group mb="md" gap="sm">
        <Select
          aria-label={S.year}
          data={years.map((y) => ({ value: String(y), label: S.yearOption(y) }))}
          value={String(year)}
          onChange={(v) => v && patch({ year: v })}
          allowDeselect={false}
          w={120}
        />
        <Text size="sm" c="dimmed">
          {S.weightsNote}
        </Text>
      </Group>

      {card.isPending ? (
        <PageLoader />
      ) : card.isError ? (
        <QueryError error={card.error} onRetry={() => void card.refetch()} />
      ) : c && c.rows.length === 0 ? (
        <Paper withBorder>
          <Empty>{S.noCommunities}</Empty>
        </Paper>
      ) : c ? (
        <>
          <Paper withBorder style={{ opacity: card.isPlaceholderData ? 0.6 : 1 }}>
            <ScrollArea type="auto">
              <Table
                striped
                highlightOnHover
                withColumnBorders
                horizontalSpacing={8}
                verticalSpacing={6}
                fz="sm"
                aria-label={S.title(c.year)}
                className="sg-stat-table"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={56} ta="center">
                      {S.rank}
                    </Table.Th>
                    <Table.Th miw={120}>{S.community}</Table.Th>
                    <Table.Th w={110} ta="right">
                      {S.score}
                    </Table.Th>
                    {on.map((i) => (
                      <Table.Th key={i.key} ta="right" className="sg-stat-head">
                        <Tooltip label={i.definition} multiline w={280} withArrow>
                          <span style={{ cursor: 'help', borderBottom: '1px dotted currentColor' }}>{i.label}</span>
                        </Tooltip>
                        <Text size="xs" c="dimmed" fw={400}>
                          {S.weight} {pct(i.weight)}
                        </Text>
                      </Table.Th>
                    ))}
                    <Table.Th w={60} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.rows.map((r) => (
                    <Table.Tr key={r.communityId}>
                      <Table.Td ta="center">
                        <Badge
                          variant={r.rank <= 3 ? 'filled' : 'light'}
                          color={r.rank <= 3 ? 'blue' : 'gray'}
                          radius="sm"
                        >
                          {r.rank}
                        </Badge>
                      </Table.Td>
                      <Table.Td fw={500}>{r.communityName}</Table.Td>
                      <Table.Td ta="right">
                        <Text fw={700} size="sm">
                          {r.score.toFixed(1)}
                        </Text>
                        <div
                          className="sg-score-bar"
                          style={{ width: `${Math.max(2, r.score)}%`, marginLeft: 'auto' }}
                        />
                      </Table.Td>
                      {on.map((i) => {
                        const f = r.figures[i.key];
                        return (
                          <Table.Td key={i.key} ta="right">
                            <Tooltip label={`${f.detail}；${S.points} ${f.points.toFixed(2)}`} withArrow>
                              <span>{pct(f.value)}</span>
                            </Tooltip>
                            <Text size="xs" c="dimmed">
                              {S.points} {f.points.toFixed(2)}
                            </Text>
                          </Table.Td>
                        );
                      })}
                      <Table.Td>
                        <Tooltip label={S.printOne}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`${S.printOne}：${r.communityName}`}
                            onClick={() => setPrinting(r.communityId)}
                          >
                            <IconPrinter size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>

          <Paper withBorder mt="md" p="md">
            <Text fw={600} mb="xs">
              {S.definitions}
            </Text>
            <Stack gap={6}>
              {c.indicators.map((i) => (
                <Group key={i.key} gap="xs" wrap="nowrap" align="flex-start">
                  <Badge variant="light" color={i.enabled ? 'blue' : 'gray'} radius="sm" miw={150}>
                    {i.label} · {i.enabled ? pct(i.weight) : S.disabledNote}
                  </Badge>
                  <Text size="sm" c={i.enabled ? undefined : 'dimmed'}>
                    {i.definition}
                  </Text>
                </Group>
              ))}
            </Stack>
            <Text size="xs" c="dimmed" mt="sm">
              {STATS_UI.settings.quarterNote}
            </Text>
          </Paper>
        </>
      ) : null}

      <ScorecardSettings opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ScorecardPreview year={year} printing={printing} onClose={() => setPrinting(null)} />
    </>
  );
}

function ScorecardPreview({
  year,
  printing,
  onClose,
}: {
  year: number;
  printing: number | 'all' | null;
  onClose: () => void;
}) {
  const communityId = typeof printing === 'number' ? printing : null;
  const doc = useScorecardDocument(year, communityId, printing !== null);
  const pdf = useMutationFor('documents.scorecardPdf', {
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
      opened={printing !== null}
      onClose={onClose}
      title={S.previewTitle}
      paper="A4"
      doc={printing !== null ? (doc.data ?? (doc.isFetching ? undefined : last)) : undefined}
      loading={doc.isFetching}
      error={doc.isError ? doc.error : null}
      onSavePdf={() => pdf.mutate({ year, ...(communityId !== null ? { communityId } : {}) })}
      savingPdf={pdf.isPending}
    />
  );
}
