// One meeting: body, date and times, place, chair, recorder, subject; 参会人员 (AttendeeSection); 议题 with their
// discussion; 议定事项 (content, responsible unit or free text, deadline, optional agenda item). One 保存 writes it
// all (meetings.create / meetings.update). The core's messages land where they belong: on a field, or on the row
// they name (`attendees.3.attendance`, `decisions.2.deadline`, `agendaItems.0.title`).
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Input, MeetingDetailT } from '../../../shared/contract';
import type { DecisionStatus } from '../../../shared/enums';
import { MEETING_UI, UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';
import { ApiError } from '../../api/client';
import { useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate, formatDateTime, textOrNull } from '../../components/format';
import { IconAlert, IconChevronLeft, IconPlus } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { fieldMessage, useFieldErrors } from '../../components/useFieldErrors';
import { PATHS } from '../../paths';
import { positiveInt } from '../activities/shared';
import { UnitPicker } from '../cobuild/Pickers';
import { AttendeeSection, type AttendeeRow } from './AttendeeSection';
import { IconArrowDown, IconArrowUp, IconTrash } from './MeetingIcons';
import { useMeeting, useMeetingBodies } from './queries';
import { bodyOptions, DecisionStatusBadge, moved, nextKey } from './shared';
import './meetings.css';

const E = MEETING_UI.editor;
const C = MEETING_UI.common;

const FIELDS = [
  'bodyId',
  'date',
  'startTime',
  'endTime',
  'place',
  'chairName',
  'recorderName',
  'subject',
  'attendees',
  'agendaItems',
  'decisions',
] as const;

function BackLink() {
  return (
    <Anchor component={Link} to={PATHS.meetings} size="sm" c="dimmed">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {C.backToList}
      </Group>
    </Anchor>
  );
}

/** Route element of /meetings/new (?body=) and /meetings/:id. */
export function MeetingEditorPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const id = positiveInt(params.id ?? null);
  const q = useMeeting(id);
  if (params.id !== undefined && id === undefined) return <NotFound />;
  if (id === undefined) return <MeetingEditor meeting={null} initialBody={positiveInt(search.get('body')) ?? null} />;
  if (q.isPending) return <PageLoader />;
  if (q.isError) {
    if (q.error instanceof ApiError && q.error.code === 'NOT_FOUND') return <NotFound />;
    return (
      <>
        <BackLink />
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  }
  // A save re-mounts the form with what the core stored.
  return <MeetingEditor key={`${q.data.id}:${q.data.updatedAt}`} meeting={q.data} initialBody={null} />;
}

function NotFound() {
  return (
    <Paper withBorder mt="md">
      <Empty action={<BackLink />}>{E.notFound}</Empty>
    </Paper>
  );
}

interface Basics {
  bodyId: string | null;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  chairName: string;
  recorderName: string;
  subject: string;
}

interface AgendaRow {
  key: string;
  title: string;
  discussion: string;
}

interface DecisionRow {
  key: string;
  id: number | undefined;
  content: string;
  unit: { id: number; label: string } | null;
  responsibleName: string;
  deadline: string;
  agendaKey: string | null;
  status: DecisionStatus | null;
  overdue: boolean;
}

/** Row errors: row key → field (last path segment) and message. */
type RowErrors = Record<string, { field: string; message: string }>;

function initial(m: MeetingDetailT | null, bodyId: number | null) {
  const agenda: AgendaRow[] = (m?.agendaItems ?? []).map((a) => ({
    key: nextKey('g'),
    title: a.title,
    discussion: a.discussion ?? '',
  }));
  const agendaKeyOf = new Map((m?.agendaItems ?? []).map((a, i) => [a.id, agenda[i]!.key]));
  return {
    basics: {
      bodyId: m ? String(m.bodyId) : bodyId ? String(bodyId) : null,
      date: m?.date ?? todayIso(),
      startTime: m?.startTime ?? '',
      endTime: m?.endTime ?? '',
      place: m?.place ?? '',
      chairName: m?.chairName ?? '',
      recorderName: m?.recorderName ?? '',
      subject: m?.subject ?? '',
    } satisfies Basics,
    attendees: (m?.attendees ?? []).map((a): AttendeeRow => ({
      key: nextKey('a'),
      memberId: a.memberId,
      unitId: a.unitId,
      unitName: a.unitName,
      personName: a.personName,
      attendance: a.attendance,
      reason: a.reason ?? '',
    })),
    agenda,
    decisions: (m?.decisions ?? []).map((d): DecisionRow => ({
      key: nextKey('d'),
      id: d.id,
      content: d.content,
      unit: d.responsibleUnitId ? { id: d.responsibleUnitId, label: d.responsibleUnitName ?? '' } : null,
      responsibleName: d.responsibleName ?? '',
      deadline: d.deadline ?? '',
      agendaKey: d.agendaItemId ? (agendaKeyOf.get(d.agendaItemId) ?? null) : null,
      status: d.status,
      overdue: d.overdue,
    })),
  };
}

export function MeetingEditor({
  meeting,
  initialBody,
}: {
  meeting: MeetingDetailT | null;
  initialBody: number | null;
}) {
  const navigate = useNavigate();
  const bodies = useMeetingBodies();
  const [init] = useState(() => initial(meeting, initialBody));
  const [f, setF] = useState<Basics>(init.basics);
  const [attendees, setAttendees] = useState<AttendeeRow[]>(init.attendees);
  const [agenda, setAgenda] = useState<AgendaRow[]>(init.agenda);
  const [decisions, setDecisions] = useState<DecisionRow[]>(init.decisions);
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const errors = useFieldErrors(FIELDS);

  const set = <K extends keyof Basics>(k: K, v: Basics[K]) => {
    setF((prev) => ({ ...prev, [k]: v }));
    errors.clear(k);
  };

  const create = useMutationFor('meetings.create', {
    onSuccess: (m) => {
      notifySaved(E.created);
      void navigate(PATHS.meeting(m.id), { replace: true });
    },
  });
  const update = useMutationFor('meetings.update', { onSuccess: () => notifySaved(E.updated) });
  const del = useMutationFor('meetings.delete', {
    onSuccess: () => {
      setConfirmDelete(false);
      notifySaved(UI.common.deleted);
      void navigate(PATHS.meetings);
    },
    onError: (e) => {
      setConfirmDelete(false);
      notifyError(e);
    },
  });
  const saving = create.isPending || update.isPending;

  const handleError = (
    e: unknown,
    sent: { attendees: AttendeeRow[]; agenda: AgendaRow[]; decisions: DecisionRow[] },
  ) => {
    if (e instanceof ApiError && e.field) {
      const [list, index, field = ''] = e.field.split('.');
      const rows =
        list === 'attendees'
          ? sent.attendees
          : list === 'agendaItems'
            ? sent.agenda
            : list === 'decisions'
              ? sent.decisions
              : null;
      const row = rows?.[Number(index)];
      if (row) {
        errors.clear();
        setRowErrors({ [row.key]: { field, message: fieldMessage(e.message) } });
        document.querySelector(`[data-row="${row.key}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        return;
      }
    }
    setRowErrors({});
    errors.handle(e);
  };

  const submit = () => {
    errors.clear();
    setRowErrors({});
    if (!f.bodyId) return errors.set('bodyId', E.pickBody);
    if (!f.date) return errors.set('date', UI.errors.unexpected);
    const sent = { attendees, agenda, decisions };
    const agendaIndex = new Map(agenda.map((a, i) => [a.key, i]));
    const input: Input<'meetings.create'> = {
      bodyId: Number(f.bodyId),
      date: f.date,
      startTime: f.startTime || null,
      endTime: f.endTime || null,
      place: textOrNull(f.place),
      chairName: textOrNull(f.chairName),
      recorderName: textOrNull(f.recorderName),
      subject: textOrNull(f.subject),
      attendees: attendees.map((a) => ({
        memberId: a.memberId,
        unitId: a.unitId,
        personName: a.personName.trim(),
        attendance: a.attendance,
        reason: a.attendance === 'leave' ? textOrNull(a.reason) : null,
      })),
      agendaItems: agenda.map((a) => ({ title: a.title.trim(), discussion: textOrNull(a.discussion) })),
      decisions: decisions.map((d) => ({
        ...(d.id ? { id: d.id } : {}),
        content: d.content.trim(),
        responsibleUnitId: d.unit?.id ?? null,
        responsibleName: textOrNull(d.responsibleName),
        deadline: d.deadline || null,
        agendaIndex: d.agendaKey ? (agendaIndex.get(d.agendaKey) ?? null) : null,
      })),
    };
    if (meeting) update.mutate({ id: meeting.id, ...input }, { onError: (e) => handleError(e, sent) });
    else create.mutate(input, { onError: (e) => handleError(e, sent) });
  };

  const clearRow = (key: string) => setRowErrors((prev) => (key in prev ? {} : prev));
  const rowErr = (key: string, field?: string) => {
    const r = rowErrors[key];
    if (!r) return undefined;
    return field === undefined || r.field === field ? r.message : undefined;
  };
  const patchAgenda = (key: string, p: Partial<AgendaRow>) => {
    setAgenda((prev) => prev.map((a) => (a.key === key ? { ...a, ...p } : a)));
    clearRow(key);
  };
  const patchDecision = (key: string, p: Partial<DecisionRow>) => {
    setDecisions((prev) => prev.map((d) => (d.key === key ? { ...d, ...p } : d)));
    clearRow(key);
  };

  const attendeeErrors: Record<string, string> = {};
  for (const a of attendees) if (rowErrors[a.key]) attendeeErrors[a.key] = rowErrors[a.key]!.message;
  const agendaOptions = agenda.map((a, i) => ({
    value: a.key,
    label: `${E.agendaTitle(i + 1)}${a.title.trim() ? `：${a.title.trim()}` : ''}`,
  }));
  const body = bodies.data?.find((b) => String(b.id) === f.bodyId);

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        above={<BackLink />}
        title={meeting ? meeting.subject || `${formatDate(meeting.date)} ${meeting.bodyName}` : E.addTitle}
        subtitle={meeting ? E.lastSaved(formatDateTime(meeting.updatedAt)) : E.newHint}
        actions={
          meeting ? (
            <>
              <Button variant="light" component={Link} to={PATHS.minutes(meeting.id)}>
                {E.minutes}
              </Button>
              <Button variant="default" c="red.8" onClick={() => setConfirmDelete(true)}>
                {UI.common.delete}
              </Button>
            </>
          ) : undefined
        }
      />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Paper withBorder p="md">
          <Title order={4} fz={16} mb="sm">
            {E.basics}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={5}>
              <Select
                label={E.body}
                withAsterisk
                placeholder={E.pickBody}
                data={bodyOptions(bodies.data)}
                value={f.bodyId}
                onChange={(v) => set('bodyId', v)}
                searchable
                nothingFoundMessage={UI.common.nothingFound}
                error={errors.errors.bodyId}
                description={body ? (body.communityName ?? C.streetLevel) : undefined}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
              />
            </Grid.Col>
            <Grid.Col span={2}>
              <TextInput
                type="date"
                label={E.date}
                withAsterisk
                value={f.date}
                onChange={(e) => set('date', e.currentTarget.value)}
                error={errors.errors.date}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <TextInput
                  type="time"
                  label={E.startTime}
                  value={f.startTime}
                  onChange={(e) => set('startTime', e.currentTarget.value)}
                  error={errors.errors.startTime}
                  style={{ flex: 1 }}
                />
                <TextInput
                  type="time"
                  label={E.endTime}
                  value={f.endTime}
                  onChange={(e) => set('endTime', e.currentTarget.value)}
                  error={errors.errors.endTime}
                  style={{ flex: 1 }}
                />
              </Group>
            </Grid.Col>
            <Grid.Col span={2}>
              <TextInput
                label={E.place}
                value={f.place}
                maxLength={100}
                onChange={(e) => set('place', e.currentTarget.value)}
                error={errors.errors.place}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <TextInput
                label={E.subject}
                placeholder={E.subjectPlaceholder}
                value={f.subject}
                maxLength={100}
                onChange={(e) => set('subject', e.currentTarget.value)}
                error={errors.errors.subject}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput
                label={E.chair}
                value={f.chairName}
                maxLength={30}
                onChange={(e) => set('chairName', e.currentTarget.value)}
                error={errors.errors.chairName}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput
                label={E.recorder}
                value={f.recorderName}
                maxLength={30}
                onChange={(e) => set('recorderName', e.currentTarget.value)}
                error={errors.errors.recorderName}
              />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder p="md" mt="md">
          <AttendeeSection
            bodyId={f.bodyId ? Number(f.bodyId) : null}
            rows={attendees}
            errors={attendeeErrors}
            onChange={(next) => {
              setAttendees(next);
              setRowErrors((prev) => (Object.keys(prev).some((k) => k.startsWith('a')) ? {} : prev));
              errors.clear('attendees');
            }}
          />
          {errors.errors.attendees && (
            <Alert color="red" variant="light" icon={<IconAlert />} mt="sm" role="alert">
              {errors.errors.attendees}
            </Alert>
          )}
        </Paper>

        <Paper withBorder p="md" mt="md">
          <Group justify="space-between" mb="sm">
            <Title order={4} fz={16}>
              {E.agenda}
            </Title>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setAgenda((prev) => [...prev, { key: nextKey('g'), title: '', discussion: '' }])}
            >
              {E.addAgenda}
            </Button>
          </Group>
          {agenda.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="sm">
              {E.noAgenda}
            </Text>
          ) : (
            <Stack gap="sm">
              {agenda.map((a, i) => (
                <div key={a.key} className="sg-mt-block" data-row={a.key} data-error={rowErr(a.key) ? true : undefined}>
                  <Group gap="sm" align="flex-start" wrap="nowrap">
                    <Text fw={600} size="sm" pt={30} w={48} className="sg-nowrap">
                      {E.agendaTitle(i + 1)}
                    </Text>
                    <Stack gap={6} style={{ flex: 1 }}>
                      <TextInput
                        label={E.agendaTitleLabel}
                        withAsterisk
                        value={a.title}
                        maxLength={200}
                        onChange={(e) => patchAgenda(a.key, { title: e.currentTarget.value })}
                        error={rowErr(a.key, 'title')}
                      />
                      <Textarea
                        label={E.discussion}
                        value={a.discussion}
                        maxLength={5000}
                        autosize
                        minRows={2}
                        maxRows={8}
                        onChange={(e) => patchAgenda(a.key, { discussion: e.currentTarget.value })}
                        error={rowErr(a.key, 'discussion')}
                      />
                    </Stack>
                    <RowTools
                      label={E.agendaTitle(i + 1)}
                      first={i === 0}
                      last={i === agenda.length - 1}
                      onMove={(d) => setAgenda((prev) => moved(prev, i, d))}
                      onRemove={() => {
                        setAgenda((prev) => prev.filter((x) => x.key !== a.key));
                        setDecisions((prev) =>
                          prev.map((d) => (d.agendaKey === a.key ? { ...d, agendaKey: null } : d)),
                        );
                      }}
                    />
                  </Group>
                </div>
              ))}
            </Stack>
          )}
        </Paper>

        <Paper withBorder p="md" mt="md">
          <Group justify="space-between" mb="sm">
            <Title order={4} fz={16}>
              {E.decisions}
            </Title>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                setDecisions((prev) => [
                  ...prev,
                  {
                    key: nextKey('d'),
                    id: undefined,
                    content: '',
                    unit: null,
                    responsibleName: '',
                    deadline: '',
                    agendaKey: null,
                    status: null,
                    overdue: false,
                  },
                ])
              }
            >
              {E.addDecision}
            </Button>
          </Group>
          {decisions.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="sm">
              {E.noDecisions}
            </Text>
          ) : (
            <Stack gap="sm">
              {decisions.map((d, i) => {
                const general =
                  rowErr(d.key) &&
                  !['content', 'responsibleName', 'deadline', 'agendaIndex', 'responsibleUnitId'].includes(
                    rowErrors[d.key]!.field,
                  );
                return (
                  <div
                    key={d.key}
                    className="sg-mt-block"
                    data-row={d.key}
                    data-error={rowErr(d.key) ? true : undefined}
                    aria-label={E.decisionNo(i + 1)}
                    role="group"
                  >
                    <Group gap="sm" align="flex-start" wrap="nowrap">
                      <Stack gap={4} w={64} pt={28} align="flex-start">
                        <Text fw={600} size="sm" className="sg-nowrap">
                          {E.decisionNo(i + 1)}
                        </Text>
                        {d.status && <DecisionStatusBadge status={d.status} overdue={d.overdue} />}
                      </Stack>
                      <Grid gap="sm" style={{ flex: 1 }}>
                        <Grid.Col span={12}>
                          <Textarea
                            label={E.content}
                            withAsterisk
                            value={d.content}
                            maxLength={500}
                            autosize
                            minRows={1}
                            maxRows={5}
                            onChange={(e) => patchDecision(d.key, { content: e.currentTarget.value })}
                            error={rowErr(d.key, 'content')}
                          />
                        </Grid.Col>
                        <Grid.Col span={4}>
                          <UnitPicker
                            label={E.responsibleUnit}
                            placeholder={E.responsibleUnitPlaceholder}
                            value={d.unit}
                            clearable
                            onChange={(u) => patchDecision(d.key, { unit: u })}
                            error={rowErr(d.key, 'responsibleUnitId')}
                          />
                        </Grid.Col>
                        <Grid.Col span={3}>
                          <TextInput
                            label={E.responsibleName}
                            value={d.responsibleName}
                            maxLength={60}
                            onChange={(e) => patchDecision(d.key, { responsibleName: e.currentTarget.value })}
                            error={rowErr(d.key, 'responsibleName')}
                          />
                        </Grid.Col>
                        <Grid.Col span={2}>
                          <TextInput
                            type="date"
                            label={E.deadline}
                            value={d.deadline}
                            min={f.date || undefined}
                            onChange={(e) => patchDecision(d.key, { deadline: e.currentTarget.value })}
                            error={rowErr(d.key, 'deadline')}
                          />
                        </Grid.Col>
                        <Grid.Col span={3}>
                          <Select
                            label={E.agendaOf}
                            placeholder={E.noAgendaOption}
                            data={agendaOptions}
                            value={d.agendaKey}
                            onChange={(v) => patchDecision(d.key, { agendaKey: v })}
                            clearable
                            error={rowErr(d.key, 'agendaIndex')}
                          />
                        </Grid.Col>
                        {general && (
                          <Grid.Col span={12}>
                            <Text size="xs" c="red.8" role="alert">
                              {rowErr(d.key)}
                            </Text>
                          </Grid.Col>
                        )}
                      </Grid>
                      <RowTools
                        label={E.decisionNo(i + 1)}
                        first={i === 0}
                        last={i === decisions.length - 1}
                        onMove={(dir) => setDecisions((prev) => moved(prev, i, dir))}
                        onRemove={() => setDecisions((prev) => prev.filter((x) => x.key !== d.key))}
                      />
                    </Group>
                  </div>
                );
              })}
            </Stack>
          )}
        </Paper>

        <Group className="sg-mt-savebar" justify="space-between">
          <Text size="sm" c={Object.keys(rowErrors).length ? 'red.8' : 'dimmed'}>
            {Object.keys(rowErrors).length
              ? E.rowErrorsHint
              : E.saveHint(attendees.length, agenda.length, decisions.length)}
          </Text>
          <Group gap="sm">
            <Button variant="default" component={Link} to={PATHS.meetings}>
              {UI.common.cancel}
            </Button>
            <Button type="submit" loading={saving}>
              {meeting ? E.save : E.createSubmit}
            </Button>
          </Group>
        </Group>
      </form>

      {meeting && (
        <ConfirmModal
          opened={confirmDelete}
          title={E.deleteTitle}
          message={E.deleteConfirm(formatDate(meeting.date))}
          confirmLabel={UI.common.delete}
          loading={del.isPending}
          onConfirm={() => del.mutate({ id: meeting.id })}
          onClose={() => setConfirmDelete(false)}
        />
      )}
    </Stack>
  );
}

/** 上移 / 下移 / 移除 of one block. */
export function RowTools({
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
  return (
    <Stack gap={2} pt={24}>
      <ActionIcon
        variant="subtle"
        color="gray"
        disabled={first}
        aria-label={`${C.moveUp}${label}`}
        onClick={() => onMove(-1)}
      >
        <IconArrowUp size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        disabled={last}
        aria-label={`${C.moveDown}${label}`}
        onClick={() => onMove(1)}
      >
        <IconArrowDown size={16} />
      </ActionIcon>
      <ActionIcon variant="subtle" color="red" aria-label={`${C.remove}${label}`} onClick={onRemove}>
        <IconTrash size={16} />
      </ActionIcon>
    </Stack>
  );
}
