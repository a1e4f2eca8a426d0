// 评价与反馈表: the community's half-yearly evaluation of its reported 在职党员 in one batch (grade and comment per
// row, 全部设为合格, one 保存 — evaluations.save, all or nothing), a preview of each member's 在职党员活动情况反馈表,
// and the batch print by employer unit (documents.feedbackBatchPdf → one PDF to hand over). ?community=&period=.
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { DocumentT, EvaluationListT } from '../../../shared/contract';
import { EVALUATION_GRADES, EVALUATION_GRADE_LABELS, type EvaluationGrade } from '../../../shared/enums';
import { ACTIVITY, UI } from '../../../shared/messages';
import { parsePeriod } from '../../../shared/period';
import { ApiError } from '../../api/client';
import { downloadFile } from '../../api/files';
import { useCommunities, useMutationFor } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { IconAlert } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { fieldMessage } from '../../components/useFieldErrors';
import { DocumentPreview, type Paper as PaperSize } from '../documents/DocumentPreview';
import { IconPrinter } from '../importExport/FileIcons';
import { useEvaluations, useFeedbackDocument, useFeedbackUnits } from './queries';
import { communityOptions, currentPeriod, hoursText, PeriodPicker, positiveInt, useUrlFilters } from './shared';
import './activities.css';

const U = ACTIVITY.ui;
const S = ACTIVITY.screens;
const D = ACTIVITY.doc;

export function EvaluationsPage() {
  const { params, patch } = useUrlFilters();
  const communities = useCommunities(false);
  const p = parsePeriod(params.get('period') ?? '');
  const period = p?.kind === 'half' ? p.code : currentPeriod('half');
  const communityId = positiveInt(params.get('community')) ?? communities.data?.[0]?.id ?? null;
  const list = useEvaluations(communityId, period);

  return (
    <>
      <PageHeader title={S.evaluationsPageTitle} subtitle={U.evaluationsHint} />
      <Group mb="md" gap="sm" wrap="wrap" justify="space-between" align="flex-end">
        <Group gap="sm" wrap="nowrap">
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
          <PeriodPicker value={period} onChange={(code) => patch({ period: code })} kinds={['half']} />
        </Group>
        <BatchPrint period={period} />
      </Group>

      {communities.data && communities.data.length === 0 ? (
        <Paper withBorder>
          <Empty>{S.noCommunities}</Empty>
        </Paper>
      ) : list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <EvaluationTable key={`${list.data.communityId}:${list.data.period}`} list={list.data} />
      )}
    </>
  );
}

interface Draft {
  grade: EvaluationGrade | null;
  comment: string;
}

function draftsOf(list: EvaluationListT): Record<number, Draft> {
  return Object.fromEntries(list.rows.map((r) => [r.memberId, { grade: r.grade, comment: r.comment ?? '' }]));
}

function EvaluationTable({ list }: { list: EvaluationListT }) {
  const [saved, setSaved] = useState(list);
  const [drafts, setDrafts] = useState<Record<number, Draft>>(() => draftsOf(list));
  const [error, setError] = useState<{ memberId: number | null; message: string } | null>(null);
  const [preview, setPreview] = useState<{ memberId: number; name: string } | null>(null);
  // A refetch (another window saved, a member changed) brings new rows: start from them unless edits are pending.
  if (list !== saved && !dirtyOf(saved, drafts)) {
    setSaved(list);
    setDrafts(draftsOf(list));
  }
  const save = useMutationFor('evaluations.save');

  const rows = saved.rows;
  const dirty = dirtyOf(saved, drafts);
  const graded = rows.filter((r) => drafts[r.memberId]?.grade);
  const ungraded = rows.length - graded.length;

  const change = (memberId: number, patch: Partial<Draft>) => {
    setDrafts((prev) => ({ ...prev, [memberId]: { ...prev[memberId]!, ...patch } }));
    if (error) setError(null);
  };

  const submit = () => {
    setError(null);
    const items = graded.map((r) => {
      const d = drafts[r.memberId]!;
      return { memberId: r.memberId, grade: d.grade!, comment: d.comment.trim() || null };
    });
    if (items.length === 0) {
      setError({ memberId: null, message: S.nothingToSave });
      return;
    }
    save.mutate(
      { communityId: saved.communityId, period: saved.period, items },
      {
        onSuccess: (next) => {
          setSaved(next);
          setDrafts(draftsOf(next));
          notifySaved(S.evaluationsSaved(items.length));
        },
        onError: (e) => {
          if (e instanceof ApiError && e.field?.startsWith('items.')) {
            const i = Number(e.field.split('.')[1]);
            setError({ memberId: items[i]?.memberId ?? null, message: fieldMessage(e.message) });
          } else {
            setError({ memberId: null, message: e instanceof ApiError ? e.message : UI.errors.unexpected });
          }
        },
      },
    );
  };

  if (rows.length === 0) {
    return (
      <Paper withBorder>
        <Empty>{S.noReported(saved.communityName, saved.periodLabel)}</Empty>
      </Paper>
    );
  }

  const count = (g: EvaluationGrade) => rows.filter((r) => drafts[r.memberId]?.grade === g).length;

  return (
    <>
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="sm">
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={500}>
            {S.evaluationScope(saved.communityName, saved.periodLabel, rows.length)}
          </Text>
          {EVALUATION_GRADES.map((g) => (
            <Badge key={g} variant="light" color={gradeColor(g)} radius="sm" tt="none" fw={500}>
              {EVALUATION_GRADE_LABELS[g]} {count(g)}
            </Badge>
          ))}
          <Badge variant="outline" color="gray" radius="sm" tt="none" fw={500}>
            {U.notEvaluated} {ungraded}
          </Badge>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="light"
            size="sm"
            onClick={() =>
              setDrafts((prev) =>
                Object.fromEntries(Object.entries(prev).map(([k, d]) => [k, { ...d, grade: 'qualified' as const }])),
              )
            }
          >
            {S.allQualified}
          </Button>
          {dirty && (
            <Button variant="subtle" color="gray" size="sm" onClick={() => setDrafts(draftsOf(saved))}>
              {S.undo}
            </Button>
          )}
        </Group>
      </Group>

      {error && (
        <Alert color="red" variant="light" icon={<IconAlert />} mb="sm" role="alert" title={S.notSaved}>
          {error.message}
        </Alert>
      )}

      <Paper withBorder>
        <Table
          stickyHeader
          stickyHeaderOffset={HEADER_HEIGHT}
          striped
          horizontalSpacing={8}
          verticalSpacing={4}
          fz="sm"
          className="sg-eval-table"
          aria-label={U.evaluationsTitle}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>{D.seq}</Table.Th>
              <Table.Th w={84}>{D.name}</Table.Th>
              <Table.Th>{D.employer}</Table.Th>
              <Table.Th w={120}>{D.reportDate}</Table.Th>
              <Table.Th w={64} ta="right">
                {S.activitiesShort}
              </Table.Th>
              <Table.Th w={64} ta="right">
                {S.hoursShort}
              </Table.Th>
              <Table.Th w={118}>{ACTIVITY.fields.grade}</Table.Th>
              <Table.Th w={230}>{ACTIVITY.fields.comment}</Table.Th>
              <Table.Th w={96}>{S.feedbackCol}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => {
              const d = drafts[r.memberId] ?? { grade: null, comment: '' };
              const bad = error?.memberId === r.memberId;
              return (
                <Table.Tr key={r.memberId} bg={bad ? 'red.0' : undefined}>
                  <Table.Td c="dimmed">{i + 1}</Table.Td>
                  <Table.Td fw={500} className="sg-nowrap">
                    {r.name}
                  </Table.Td>
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
                    <NativeSelect
                      size="xs"
                      aria-label={S.gradeOf(r.name)}
                      data={[
                        { value: '', label: U.notEvaluated },
                        ...EVALUATION_GRADES.map((g) => ({ value: g, label: EVALUATION_GRADE_LABELS[g] })),
                      ]}
                      value={d.grade ?? ''}
                      onChange={(e) =>
                        change(r.memberId, { grade: (e.currentTarget.value || null) as EvaluationGrade | null })
                      }
                      error={bad}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={S.commentOf(r.name)}
                      placeholder={S.commentPlaceholder}
                      value={d.comment}
                      maxLength={200}
                      onChange={(e) => change(r.memberId, { comment: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => {
                        if (dirty) notifications.show({ color: 'orange', message: S.previewUnsaved, autoClose: 5000 });
                        setPreview({ memberId: r.memberId, name: r.name });
                      }}
                      aria-label={S.previewOf(r.name)}
                    >
                      {S.preview}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>

      <Group className="sg-act-savebar" justify="space-between">
        <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'}>
          {dirty ? S.unsaved : ungraded > 0 ? S.ungradedHint(ungraded) : S.allGraded}
        </Text>
        <Button onClick={submit} loading={save.isPending} disabled={!dirty}>
          {U.saveEvaluations}
        </Button>
      </Group>

      <FeedbackPreview member={preview} period={saved.period} onClose={() => setPreview(null)} />
    </>
  );
}

function dirtyOf(list: EvaluationListT, drafts: Record<number, Draft>): boolean {
  return list.rows.some((r) => {
    const d = drafts[r.memberId];
    return d !== undefined && (d.grade !== r.grade || d.comment.trim() !== (r.comment ?? ''));
  });
}

function gradeColor(g: EvaluationGrade): string {
  return g === 'excellent' ? 'teal' : g === 'qualified' ? 'blue' : g === 'basic' ? 'yellow' : 'red';
}

/** One member's 反馈表. There is no single-form PDF method: 保存为 PDF goes through the print dialog's PDF printer. */
function FeedbackPreview({
  member,
  period,
  onClose,
}: {
  member: { memberId: number; name: string } | null;
  period: string;
  onClose: () => void;
}) {
  const [paper, setPaper] = useState<PaperSize>('A4');
  const doc = useFeedbackDocument(member?.memberId ?? null, period);
  const [last, setLast] = useState<DocumentT | undefined>(undefined);
  if (member !== null && doc.data && doc.data !== last) setLast(doc.data);
  if (member === null && last !== undefined) setLast(undefined);
  return (
    <DocumentPreview
      opened={member !== null}
      onClose={onClose}
      title={member ? S.feedbackOf(member.name) : D.feedbackTitle}
      paper={paper}
      onPaperChange={setPaper}
      doc={doc.data ?? last}
      loading={doc.isFetching}
      error={doc.isError ? doc.error : null}
      onSavePdf={() => {
        const frame = document.querySelector<HTMLIFrameElement>('.sg-paper iframe');
        notifySaved(S.pdfViaPrint);
        try {
          frame?.contentWindow?.focus();
          frame?.contentWindow?.print();
        } catch (e) {
          notifyError(e);
        }
      }}
      savingPdf={false}
    />
  );
}

/** 批量打印: a unit (or all units) of the half-year → one PDF of all its members' 反馈表, downloaded. */
function BatchPrint({ period }: { period: string }) {
  const units = useFeedbackUnits(period);
  const [unit, setUnit] = useState<string>('all');
  const pdf = useMutationFor('documents.feedbackBatchPdf', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(UI.documents.pdfSaved(file.fileName));
    },
    onError: notifyError,
  });
  const list = units.data ?? [];
  const total = list.reduce((s, u) => s + u.count, 0);
  const chosen = unit === 'all' ? null : list.find((u) => String(u.unitId) === unit);
  const n = chosen ? chosen.count : total;
  const value = unit === 'all' || chosen ? unit : 'all';
  return (
    <Paper withBorder px="sm" py={6}>
      <Group gap="sm" wrap="nowrap">
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {U.feedbackBatch}
          </Text>
          <Text size="xs" c="dimmed">
            {S.batchHint(parsePeriod(period)?.label ?? period)}
          </Text>
        </Stack>
        <Select
          aria-label={S.batchUnit}
          size="sm"
          data={[
            { value: 'all', label: S.allUnits(total) },
            ...list.map((u) => ({
              value: u.unitId === null ? `name:${u.unitName}` : String(u.unitId),
              label: S.unitOption(u.unitName, u.count),
              disabled: u.unitId === null,
            })),
          ]}
          value={value}
          onChange={(v) => v && setUnit(v)}
          allowDeselect={false}
          searchable
          nothingFoundMessage={UI.common.nothingFound}
          w={260}
          disabled={units.isPending || pdf.isPending}
          comboboxProps={{ width: 340, position: 'bottom-end' }}
        />
        <Button
          leftSection={<IconPrinter size={16} />}
          onClick={() => pdf.mutate(chosen?.unitId ? { period, unitId: chosen.unitId } : { period })}
          loading={pdf.isPending}
          disabled={units.isPending || n === 0}
        >
          {S.batchSubmit}
        </Button>
      </Group>
      {pdf.isPending && <Generating count={n} />}
    </Paper>
  );
}

function Generating({ count }: { count: number }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const t = window.setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => window.clearInterval(t);
  }, []);
  return (
    <Group gap="xs" mt={6} role="status">
      <Loader size={14} />
      <Text size="xs" c="dimmed">
        {S.generating(count, seconds)}
      </Text>
    </Group>
  );
}
