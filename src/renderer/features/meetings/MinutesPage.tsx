// 会议纪要 of one meeting (/meetings/:id/minutes): the draft (the saved unprinted version, or one generated from the
// meeting record) edited as structured text — title, 期号, opening paragraphs, sections with a heading and paragraphs
// (added, removed, reordered), the 出席 / 列席 / 请假 lists, issuer and date. 从会议记录重新生成 replaces the editor's
// content (minutes.generate; nothing is written until 保存草稿). 预览 lays the current content out (minutes.render,
// GB/T 9704) in a sandboxed sheet with 打印 (then minutes.markPrinted), 保存为 PDF and 导出 Word (minutes.export).
// Every print or export is kept as a frozen version; the 印发版本 list gives each one's files again
// (minutes.versionFile).
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { MinutesContentT, MinutesStateT } from '../../../shared/contract';
import { MEETING_UI, UI } from '../../../shared/messages';
import { ApiError, errorMessage } from '../../api/client';
import { downloadFile } from '../../api/files';
import { useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../components/format';
import { IconAlert, IconChevronLeft, IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { fieldMessage } from '../../components/useFieldErrors';
import { PATHS } from '../../paths';
import { positiveInt } from '../activities/shared';
import { pageBox } from '../documents/DocumentPreview';
import { IconDownload, IconFile, IconPrinter } from '../importExport/FileIcons';
import { RowTools } from './MeetingEditor';
import { useMeeting, useMinutes, useMinutesDocument } from './queries';
import { bodyLabel, moved, nextKey } from './shared';
import '../documents/documents.css';
import './meetings.css';

const M = MEETING_UI.minutes;

interface Para {
  key: string;
  text: string;
}
interface Section {
  key: string;
  heading: string;
  paragraphs: Para[];
}
interface Draft {
  title: string;
  issue: string;
  intro: Para[];
  sections: Section[];
  present: string[];
  observers: string[];
  leave: string[];
  issuer: string;
  date: string;
}

function toDraft(c: MinutesContentT): Draft {
  const paras = (list: readonly string[]) => list.map((text) => ({ key: nextKey('p'), text }));
  return {
    title: c.title,
    issue: c.issue ?? '',
    intro: paras(c.intro),
    sections: c.sections.map((s) => ({ key: nextKey('s'), heading: s.heading, paragraphs: paras(s.paragraphs) })),
    present: [...c.present],
    observers: [...c.observers],
    leave: [...c.leave],
    issuer: c.issuer ?? '',
    date: c.date,
  };
}

function toContent(d: Draft): MinutesContentT {
  return {
    title: d.title.trim(),
    issue: d.issue.trim() || null,
    intro: d.intro.map((p) => p.text),
    sections: d.sections.map((s) => ({ heading: s.heading.trim(), paragraphs: s.paragraphs.map((p) => p.text) })),
    present: d.present,
    observers: d.observers,
    leave: d.leave,
    issuer: d.issuer.trim() || null,
    date: d.date,
  };
}

export function MinutesPage() {
  const params = useParams();
  const id = positiveInt(params.id ?? null);
  const meeting = useMeeting(id);
  const state = useMinutes(id);
  if (id === undefined || (meeting.error instanceof ApiError && meeting.error.code === 'NOT_FOUND'))
    return (
      <Paper withBorder mt="md">
        <Empty>{MEETING_UI.editor.notFound}</Empty>
      </Paper>
    );
  const back = (
    <Anchor component={Link} to={PATHS.meeting(id)} size="sm" c="dimmed">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {M.back}
      </Group>
    </Anchor>
  );
  if (state.isError)
    return (
      <>
        {back}
        <QueryError error={state.error} onRetry={() => void state.refetch()} />
      </>
    );
  if (state.isPending) return <PageLoader />;
  const subtitle = meeting.data ? `${formatDate(meeting.data.date)} · ${bodyLabel(meeting.data)}` : undefined;
  // Keyed by meeting only: a refetch after saving or printing must not throw away what is being edited.
  return <MinutesEditor key={id} meetingId={id} state={state.data} back={back} subtitle={subtitle} />;
}

function MinutesEditor({
  meetingId,
  state,
  back,
  subtitle,
}: {
  meetingId: number;
  state: MinutesStateT;
  back: ReactNode;
  subtitle: string | undefined;
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(state.draft));
  const [savedJson, setSavedJson] = useState<string | null>(() =>
    state.draftVersionId ? JSON.stringify(toContent(toDraft(state.draft))) : null,
  );
  const [error, setError] = useState<{ path: string; message: string } | null>(null);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const [preview, setPreview] = useState<MinutesContentT | null>(null);
  const content = toContent(draft);
  const json = JSON.stringify(content);
  const dirty = savedJson !== json;

  const edit = (fn: (d: Draft) => Draft) => {
    setDraft(fn);
    setError(null);
  };
  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.field?.startsWith('content.')) {
      setError({ path: e.field.slice('content.'.length), message: fieldMessage(e.message) });
      setPreview(null);
    } else notifyError(e);
  };
  const errAt = (path: string) => (error?.path === path ? error.message : undefined);

  const save = useMutationFor('minutes.saveDraft', {
    onSuccess: (v) => {
      setSavedJson(JSON.stringify(v.content));
      notifySaved(M.draftSaved);
    },
    onError,
  });
  const generate = useMutationFor('minutes.generate', {
    onSuccess: (c) => {
      setDraft(toDraft(c));
      setError(null);
      setConfirmRegenerate(false);
      notifySaved(M.regenerated);
    },
    onError: (e) => {
      setConfirmRegenerate(false);
      notifyError(e);
    },
  });
  const exporter = useMutationFor('minutes.export', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(M.exported(file.fileName));
    },
    onError,
  });
  const markPrinted = useMutationFor('minutes.markPrinted', {
    onSuccess: () => notifySaved(M.printed),
    onError,
  });
  const versionFile = useMutationFor('minutes.versionFile', {
    onSuccess: (file) => downloadFile(file),
    onError: (e) => notifyError(e),
  });

  const validate = (): boolean => {
    if (!draft.title.trim()) {
      setError({ path: 'title', message: M.titleRequired });
      return false;
    }
    const s = draft.sections.findIndex((x) => !x.heading.trim());
    if (s >= 0) {
      setError({ path: `sections.${s}.heading`, message: M.headingRequired });
      return false;
    }
    return true;
  };

  const paraList = (
    list: Para[],
    path: string,
    onList: (next: Para[]) => void,
    label: (i: number) => string,
    minRows = 2,
  ) => (
    <Stack gap={6}>
      {list.map((p, i) => (
        <Group key={p.key} gap={6} align="flex-start" wrap="nowrap">
          <Textarea
            aria-label={label(i + 1)}
            value={p.text}
            autosize
            minRows={minRows}
            maxRows={10}
            maxLength={3000}
            onChange={(e) => {
              const text = e.currentTarget.value;
              onList(list.map((x) => (x.key === p.key ? { ...x, text } : x)));
            }}
            error={errAt(`${path}.${i}`)}
            style={{ flex: 1 }}
          />
          <Group gap={0} wrap="nowrap">
            <RowToolsInline
              label={label(i + 1)}
              first={i === 0}
              last={i === list.length - 1}
              onMove={(d) => onList(moved(list, i, d))}
              onRemove={() => onList(list.filter((x) => x.key !== p.key))}
            />
          </Group>
        </Group>
      ))}
      <Group>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={() => onList([...list, { key: nextKey('p'), text: '' }])}
        >
          {M.addParagraph}
        </Button>
      </Group>
    </Stack>
  );

  const printedVersions = state.versions.filter((v) => v.printedAt !== null);

  return (
    <Stack gap={0} maw={1200}>
      <PageHeader
        above={back}
        title={M.title}
        subtitle={
          <Group gap="xs">
            {subtitle && <span>{subtitle}</span>}
            <Badge
              variant="light"
              color={dirty ? 'orange' : 'green'}
              radius="sm"
              tt="none"
              fw={500}
              data-testid="minutes-state"
            >
              {dirty ? (savedJson === null ? M.generatedState : M.unsaved) : M.savedState}
            </Badge>
          </Group>
        }
        actions={
          <>
            <Button variant="default" onClick={() => setConfirmRegenerate(true)}>
              {M.regenerate}
            </Button>
            <Button
              variant="default"
              onClick={() => validate() && save.mutate({ meetingId, content })}
              loading={save.isPending}
            >
              {M.saveDraft}
            </Button>
            <Button leftSection={<IconFile size={16} />} onClick={() => validate() && setPreview(content)}>
              {M.preview}
            </Button>
          </>
        }
      />
      {error &&
        !error.path.match(/^(title|issue|issuer|date|intro\.\d+|sections\.\d+\.(heading|paragraphs\.\d+))$/) && (
          <Alert color="red" variant="light" icon={<IconAlert />} mb="md" role="alert">
            {error.message}
          </Alert>
        )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md">
            <Grid gap="sm">
              <Grid.Col span={8}>
                <TextInput
                  label={M.docTitle}
                  withAsterisk
                  value={draft.title}
                  maxLength={60}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    edit((d) => ({ ...d, title: v }));
                  }}
                  error={errAt('title')}
                />
              </Grid.Col>
              <Grid.Col span={4}>
                <TextInput
                  label={M.issue}
                  placeholder={M.issuePlaceholder}
                  value={draft.issue}
                  maxLength={30}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    edit((d) => ({ ...d, issue: v }));
                  }}
                  error={errAt('issue')}
                />
              </Grid.Col>
            </Grid>
            <Title order={5} fz={15} mt="md" mb={2}>
              {M.intro}
            </Title>
            <Text size="xs" c="dimmed" mb={6}>
              {M.introHint}
            </Text>
            {paraList(
              draft.intro,
              'intro',
              (next) => edit((d) => ({ ...d, intro: next })),
              (i) => `${M.intro}${M.paragraph(i)}`,
            )}

            <Group justify="space-between" mt="lg" mb={6}>
              <Stack gap={0}>
                <Title order={5} fz={15}>
                  {M.sections}
                </Title>
                <Text size="xs" c="dimmed">
                  {M.subHeadingHint}
                </Text>
              </Stack>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  edit((d) => ({
                    ...d,
                    sections: [
                      ...d.sections,
                      { key: nextKey('s'), heading: '', paragraphs: [{ key: nextKey('p'), text: '' }] },
                    ],
                  }))
                }
              >
                {M.addSection}
              </Button>
            </Group>
            <Stack gap="sm">
              {draft.sections.map((s, i) => {
                const setSection = (patch: Partial<Section>) =>
                  edit((d) => ({ ...d, sections: d.sections.map((x) => (x.key === s.key ? { ...x, ...patch } : x)) }));
                return (
                  <div key={s.key} className="sg-mt-block" role="group" aria-label={M.sectionNo(i + 1)}>
                    <Group gap="sm" align="flex-start" wrap="nowrap">
                      <Stack gap={6} style={{ flex: 1 }}>
                        <TextInput
                          label={`${M.sectionNo(i + 1)} · ${M.heading}`}
                          withAsterisk
                          placeholder={M.headingPlaceholder}
                          value={s.heading}
                          maxLength={100}
                          onChange={(e) => setSection({ heading: e.currentTarget.value })}
                          error={errAt(`sections.${i}.heading`)}
                        />
                        {paraList(
                          s.paragraphs,
                          `sections.${i}.paragraphs`,
                          (next) => setSection({ paragraphs: next }),
                          (n) => `${M.sectionNo(i + 1)}${M.paragraph(n)}`,
                        )}
                      </Stack>
                      <RowTools
                        label={M.sectionNo(i + 1)}
                        first={i === 0}
                        last={i === draft.sections.length - 1}
                        onMove={(dir) => edit((d) => ({ ...d, sections: moved(d.sections, i, dir) }))}
                        onRemove={() => edit((d) => ({ ...d, sections: d.sections.filter((x) => x.key !== s.key) }))}
                      />
                    </Group>
                  </div>
                );
              })}
            </Stack>
          </Paper>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Title order={5} fz={15} mb="xs">
                {M.attendance}
              </Title>
              <Stack gap="sm">
                <TagsInput
                  label={M.present}
                  placeholder={M.namesPlaceholder}
                  value={draft.present}
                  onChange={(v) => edit((d) => ({ ...d, present: v }))}
                  splitChars={['、', '，', ',']}
                  clearable
                  error={error?.path.startsWith('present') ? error.message : undefined}
                />
                <TagsInput
                  label={M.observers}
                  placeholder={M.namesPlaceholder}
                  value={draft.observers}
                  onChange={(v) => edit((d) => ({ ...d, observers: v }))}
                  splitChars={['、', '，', ',']}
                  clearable
                  error={error?.path.startsWith('observers') ? error.message : undefined}
                />
                <TagsInput
                  label={M.leave}
                  placeholder={M.leavePlaceholder}
                  value={draft.leave}
                  onChange={(v) => edit((d) => ({ ...d, leave: v }))}
                  splitChars={['、', '，', ',']}
                  clearable
                  error={error?.path.startsWith('leave') ? error.message : undefined}
                />
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <TextInput
                  label={M.issuer}
                  value={draft.issuer}
                  maxLength={60}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    edit((d) => ({ ...d, issuer: v }));
                  }}
                  error={errAt('issuer')}
                />
                <TextInput
                  type="date"
                  label={M.date}
                  withAsterisk
                  value={draft.date}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    edit((d) => ({ ...d, date: v }));
                  }}
                  error={errAt('date')}
                />
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Title order={5} fz={15}>
                {M.versions}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {M.versionsHint}
              </Text>
              {printedVersions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {M.noVersions}
                </Text>
              ) : (
                <Table fz="sm" verticalSpacing={4} horizontalSpacing={6} aria-label={M.versions}>
                  <Table.Tbody>
                    {printedVersions.map((v) => (
                      <Table.Tr key={v.id}>
                        <Table.Td className="sg-nowrap">
                          <Text size="sm" fw={500}>
                            {M.version(v.version)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {formatDateTime(v.printedAt)} · {v.format ? (M.formats[v.format] ?? v.format) : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right" className="sg-nowrap">
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            aria-label={`${M.version(v.version)} PDF`}
                            onClick={() => versionFile.mutate({ versionId: v.id, format: 'pdf' })}
                          >
                            PDF
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            aria-label={`${M.version(v.version)} Word`}
                            onClick={() => versionFile.mutate({ versionId: v.id, format: 'docx' })}
                          >
                            Word
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <ConfirmModal
        opened={confirmRegenerate}
        title={M.regenerateTitle}
        message={M.regenerateConfirm}
        confirmLabel={M.regenerate}
        color="blue"
        loading={generate.isPending}
        onConfirm={() => generate.mutate({ meetingId })}
        onClose={() => setConfirmRegenerate(false)}
      />
      <MinutesPreview
        meetingId={meetingId}
        content={preview}
        onClose={() => setPreview(null)}
        onExport={(format) => preview && exporter.mutate({ meetingId, format, content: preview })}
        exporting={exporter.isPending ? (exporter.variables?.format ?? null) : null}
        onPrinted={() => preview && markPrinted.mutate({ meetingId, content: preview })}
      />
    </Stack>
  );
}

function RowToolsInline({
  label,
  first,
  last,
  onMove,
  onRemove,
}: {
  label: string;
  first: boolean;
  last: boolean;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  const C = MEETING_UI.common;
  return (
    <Stack gap={0}>
      <ActionIcon
        size="sm"
        variant="subtle"
        color="gray"
        disabled={first}
        aria-label={`${C.moveUp}${label}`}
        onClick={() => onMove(-1)}
      >
        ↑
      </ActionIcon>
      <ActionIcon
        size="sm"
        variant="subtle"
        color="gray"
        disabled={last}
        aria-label={`${C.moveDown}${label}`}
        onClick={() => onMove(1)}
      >
        ↓
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" color="red" aria-label={`${C.remove}${label}`} onClick={onRemove}>
        ×
      </ActionIcon>
    </Stack>
  );
}

/**
 * The minutes laid out on an A4 sheet (the document's own @page box), in a sandboxed iframe as DocumentPreview does
 * it; 打印 prints the iframe and, once the dialog has returned, records the print as a frozen version.
 */
function MinutesPreview({
  meetingId,
  content,
  onClose,
  onExport,
  exporting,
  onPrinted,
}: {
  meetingId: number;
  content: MinutesContentT | null;
  onClose: () => void;
  onExport: (format: 'pdf' | 'docx') => void;
  exporting: 'pdf' | 'docx' | null;
  onPrinted: () => void;
}) {
  const doc = useMinutesDocument(meetingId, content);
  const frame = useRef<HTMLIFrameElement>(null);
  const [measured, setMeasured] = useState<{ html: string; height: number } | null>(null);
  const html = doc.data?.html;
  const contentHeight = measured && html && measured.html === html ? measured.height : null;
  const box = pageBox(html ?? '', 'A4');
  const innerHeightMm = box.height - box.margin[0] - box.margin[2];

  const print = () => {
    const w = frame.current?.contentWindow;
    if (!w) return;
    try {
      w.focus();
      // Blocks until the print dialog is closed (Chromium and Electron alike).
      w.print();
      onPrinted();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Modal
      opened={content !== null}
      onClose={onClose}
      size={`calc(${Math.max(box.width, 210)}mm + 96px)`}
      title={<Text fw={600}>{doc.data?.title ?? M.previewTitle}</Text>}
    >
      <Stack gap="sm">
        <Group justify="flex-end" gap="sm" wrap="nowrap">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => onExport('docx')}
            loading={exporting === 'docx'}
            disabled={!doc.data}
          >
            {M.exportWord}
          </Button>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => onExport('pdf')}
            loading={exporting === 'pdf'}
            disabled={!doc.data}
          >
            {M.savePdf}
          </Button>
          <Button leftSection={<IconPrinter size={16} />} onClick={print} disabled={!doc.data || doc.isFetching}>
            {M.print}
          </Button>
        </Group>
        {doc.isError ? (
          <Alert color="red" variant="light" icon={<IconAlert />} title={UI.errors.loadFailed}>
            {errorMessage(doc.error)}
          </Alert>
        ) : (
          <div className="sg-paper-desk">
            <div
              className="sg-paper"
              style={{
                width: `${box.width}mm`,
                minHeight: `${box.height}mm`,
                padding: box.margin.map((m) => `${m}mm`).join(' '),
              }}
            >
              {html ? (
                <iframe
                  ref={frame}
                  title={M.frameTitle}
                  sandbox="allow-same-origin allow-modals"
                  srcDoc={html}
                  onLoad={() => {
                    const el = frame.current?.contentDocument?.documentElement;
                    if (el) setMeasured({ html, height: el.scrollHeight });
                  }}
                  style={{
                    height: contentHeight ? `max(${innerHeightMm}mm, ${contentHeight}px)` : `${innerHeightMm}mm`,
                  }}
                />
              ) : (
                <Group justify="center" pt={80}>
                  <Loader size="sm" />
                  <Text size="sm" c="dimmed">
                    {UI.common.loading}
                  </Text>
                </Group>
              )}
            </div>
          </div>
        )}
        <Text size="xs" c="dimmed">
          {M.printHint}
        </Text>
      </Stack>
    </Modal>
  );
}
