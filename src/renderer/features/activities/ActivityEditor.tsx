// One service activity: its fields (date and time span, community or 全街道, title, category, organiser — a
// community, a unit or a volunteer team — place, residents served, description) and its participants, entered from
// the sign-in sheet (SignInSheet: type a name or pinyin initials, Enter adds the highlighted member, the box keeps
// the focus; everyone gets the same 统一时长 and role) and corrected in the table below (exceptions inline, rows
// removed). Units can take part too. One 保存 writes the activity with its whole participant list in one action
// (activities.create / activities.update): the core refuses hours > 24, a future date or a participant twice, and
// the message lands on the field or participant row it names.
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ActivityDetailT, Input } from '../../../shared/contract';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_LABELS,
  ORGANIZER_KINDS,
  ORGANIZER_KIND_LABELS,
  type ActivityCategory,
  type OrganizerKind,
} from '../../../shared/enums';
import { ACTIVITY, UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';
import { ApiError } from '../../api/client';
import { useCommunities, useMutationFor } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDateTime, numOrNull, textOrNull } from '../../components/format';
import { IconAlert, IconChevronLeft } from '../../components/icons';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { fieldMessage, useFieldErrors } from '../../components/useFieldErrors';
import { PATHS } from '../../paths';
import { ParticipantTable, participantKey, type Participant } from './ParticipantTable';
import { useActivity, useTeamOptions, useUnitMatches } from './queries';
import { communityOptions, positiveInt } from './shared';
import { SignInSheet } from './SignInSheet';
import './activities.css';

const U = ACTIVITY.ui;
const S = ACTIVITY.screens;
const F = ACTIVITY.fields;

const FIELDS = [
  'date',
  'startTime',
  'endTime',
  'communityId',
  'title',
  'category',
  'organizerKind',
  'organizerUnitId',
  'organizerTeamId',
  'place',
  'description',
  'residentsServed',
  'participants',
] as const;
type Field = (typeof FIELDS)[number];

const DEFAULT_HOURS = 2;

function BackLink() {
  return (
    <Anchor component={Link} to={PATHS.activities} size="sm" c="dimmed">
      <Group gap={2} wrap="nowrap">
        <IconChevronLeft size={16} />
        {S.backToList}
      </Group>
    </Anchor>
  );
}

/** Route element of /activities/new and /activities/:id. */
export function ActivityEditorPage() {
  const params = useParams();
  const id = positiveInt(params.id ?? null);
  const q = useActivity(id);
  if (params.id !== undefined && id === undefined) return <NotFound />;
  if (id === undefined) return <ActivityEditor activity={null} />;
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
  return <ActivityEditor key={`${q.data.id}:${q.data.updatedAt}`} activity={q.data} />;
}

function NotFound() {
  return (
    <Paper withBorder mt="md">
      <Empty action={<BackLink />}>{ACTIVITY.activityNotFound}</Empty>
    </Paper>
  );
}

interface FormState {
  date: string;
  startTime: string;
  endTime: string;
  /** '' not chosen yet, 'street' 全街道, else a community id. */
  community: string;
  title: string;
  category: ActivityCategory | null;
  organizerKind: OrganizerKind;
  organizerUnit: { id: number; name: string } | null;
  organizerTeamId: string | null;
  place: string;
  residentsServed: number | string;
  description: string;
}

function initialState(a: ActivityDetailT | null): FormState {
  if (!a) {
    return {
      date: todayIso(),
      startTime: '',
      endTime: '',
      community: '',
      title: '',
      category: null,
      organizerKind: 'community',
      organizerUnit: null,
      organizerTeamId: null,
      place: '',
      residentsServed: '',
      description: '',
    };
  }
  return {
    date: a.date,
    startTime: a.startTime ?? '',
    endTime: a.endTime ?? '',
    community: a.communityId === null ? 'street' : String(a.communityId),
    title: a.title,
    category: a.category,
    organizerKind: a.organizerKind,
    organizerUnit: a.organizerUnitId ? { id: a.organizerUnitId, name: a.organizerName } : null,
    organizerTeamId: a.organizerTeamId ? String(a.organizerTeamId) : null,
    place: a.place ?? '',
    residentsServed: a.residentsServed,
    description: a.description ?? '',
  };
}

function initialParticipants(a: ActivityDetailT | null): Participant[] {
  return (a?.participants ?? []).map((p) => ({
    key: participantKey(p.memberId, p.unitId),
    memberId: p.memberId,
    unitId: p.unitId,
    name: p.name,
    idMasked: p.idMasked,
    detail: p.detail,
    hours: p.hours,
    role: p.role ?? '',
  }));
}

/** The most common hours among the participants (the sheet's 统一时长 when an activity is opened again). */
function commonHours(list: readonly Participant[]): number {
  const n = new Map<number, number>();
  for (const p of list) if (typeof p.hours === 'number') n.set(p.hours, (n.get(p.hours) ?? 0) + 1);
  let best = DEFAULT_HOURS;
  let most = 0;
  for (const [h, c] of n)
    if (c > most) {
      best = h;
      most = c;
    }
  return best;
}

export function ActivityEditor({ activity }: { activity: ActivityDetailT | null }) {
  const navigate = useNavigate();
  const communities = useCommunities(false);
  const teams = useTeamOptions();
  const [f, setF] = useState<FormState>(() => initialState(activity));
  const [participants, setParticipants] = useState<Participant[]>(() => initialParticipants(activity));
  const [bulkHours, setBulkHours] = useState<number | string>(() => commonHours(initialParticipants(activity)));
  const [bulkRole, setBulkRole] = useState('');
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [unitSearch, setUnitSearch] = useState(activity?.organizerKind === 'unit' ? activity.organizerName : '');
  const units = useUnitMatches(unitSearch.trim() === f.organizerUnit?.name ? '' : unitSearch.trim());
  const errors = useFieldErrors(FIELDS);

  const set = <K extends keyof FormState>(k: K, v: FormState[K], field: Field = k as Field) => {
    setF((prev) => ({ ...prev, [k]: v }));
    errors.clear(field);
  };

  /** Errors naming a participant (participants.3.hours) go to that row; the rest to the field or a notification. */
  const handleError = (e: unknown, sent: readonly Participant[]) => {
    if (e instanceof ApiError && e.field?.startsWith('participants.')) {
      const index = Number(e.field.split('.')[1]);
      const p = sent[index];
      if (p) {
        errors.clear();
        setRowErrors({ [p.key]: fieldMessage(e.message) });
        return;
      }
    }
    setRowErrors({});
    errors.handle(e);
  };

  const create = useMutationFor('activities.create', {
    onSuccess: (a) => {
      notifySaved(S.created(a.title, a.participantCount));
      void navigate(PATHS.activity(a.id), { replace: true });
    },
  });
  const update = useMutationFor('activities.update', {
    onSuccess: (a) => notifySaved(S.updated(a.title, a.participantCount)),
  });
  const del = useMutationFor('activities.delete', {
    onSuccess: () => {
      setConfirmDelete(false);
      notifySaved(UI.common.deleted);
      void navigate(PATHS.activities);
    },
    onError: (e) => {
      setConfirmDelete(false);
      notifyError(e);
    },
  });
  const saving = create.isPending || update.isPending;

  const submit = () => {
    errors.clear();
    setRowErrors({});
    if (!f.community) return errors.set('communityId', S.pickCommunity);
    if (!f.title.trim()) return errors.set('title', S.titleRequired);
    if (!f.category) return errors.set('category', S.categoryRequired);
    if (f.organizerKind === 'unit' && !f.organizerUnit)
      return errors.set('organizerUnitId', ACTIVITY.organizerUnitRequired);
    if (f.organizerKind === 'team' && !f.organizerTeamId)
      return errors.set('organizerTeamId', ACTIVITY.organizerTeamRequired);
    const missing = participants.find((p) => numOrNull(p.hours) === null);
    if (missing) return setRowErrors({ [missing.key]: S.hoursRequired });
    const sent = participants;
    const input: Input<'activities.create'> = {
      date: f.date,
      startTime: f.startTime || null,
      endTime: f.endTime || null,
      communityId: f.community === 'street' ? null : Number(f.community),
      title: f.title.trim(),
      category: f.category,
      organizerKind: f.organizerKind,
      organizerUnitId: f.organizerKind === 'unit' ? (f.organizerUnit?.id ?? null) : null,
      organizerTeamId: f.organizerKind === 'team' && f.organizerTeamId ? Number(f.organizerTeamId) : null,
      place: textOrNull(f.place),
      description: textOrNull(f.description),
      residentsServed: numOrNull(f.residentsServed) ?? 0,
      participants: sent.map((p) => ({
        ...(p.memberId ? { memberId: p.memberId } : { unitId: p.unitId }),
        hours: numOrNull(p.hours) ?? 0,
        role: textOrNull(p.role),
      })),
    };
    if (activity) update.mutate({ id: activity.id, ...input }, { onError: (e) => handleError(e, sent) });
    else create.mutate(input, { onError: (e) => handleError(e, sent) });
  };

  const add = (list: Participant[]) => {
    setParticipants((prev) => {
      const have = new Set(prev.map((p) => p.key));
      return [...prev, ...list.filter((p) => !have.has(p.key))];
    });
    errors.clear('participants');
  };

  const unitOptions = (units.data?.rows ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  if (f.organizerUnit && !unitOptions.some((o) => o.value === String(f.organizerUnit!.id)))
    unitOptions.unshift({ value: String(f.organizerUnit.id), label: f.organizerUnit.name });
  const chosenCommunity = positiveInt(f.community) ?? null;
  const teamOptions = (teams.data ?? []).map((t) => ({
    value: String(t.id),
    label: `${t.name}（${t.communityName}）`,
  }));

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        above={<BackLink />}
        title={activity ? activity.title : U.addTitle}
        subtitle={activity ? S.lastSaved(formatDateTime(activity.updatedAt)) : S.newHint}
        actions={
          activity ? (
            <Button variant="default" c="red.8" onClick={() => setConfirmDelete(true)}>
              {UI.common.delete}
            </Button>
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
            {S.basics}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={3}>
              <TextInput
                type="date"
                label={F.date}
                withAsterisk
                value={f.date}
                max={todayIso()}
                onChange={(e) => set('date', e.currentTarget.value)}
                error={errors.errors.date}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <TextInput
                  type="time"
                  label={F.startTime}
                  value={f.startTime}
                  onChange={(e) => set('startTime', e.currentTarget.value)}
                  error={errors.errors.startTime}
                  style={{ flex: 1 }}
                />
                <TextInput
                  type="time"
                  label={F.endTime}
                  value={f.endTime}
                  onChange={(e) => set('endTime', e.currentTarget.value)}
                  error={errors.errors.endTime}
                  style={{ flex: 1 }}
                />
              </Group>
            </Grid.Col>
            <Grid.Col span={3}>
              <Select
                label={U.community}
                withAsterisk
                placeholder={S.pickCommunity}
                data={[{ value: 'street', label: U.streetWide }, ...communityOptions(communities.data)]}
                value={f.community || null}
                onChange={(v) => set('community', v ?? '', 'communityId')}
                searchable
                nothingFoundMessage={UI.common.nothingFound}
                error={errors.errors.communityId}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <Select
                label={U.category}
                withAsterisk
                placeholder={S.pickCategory}
                data={ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: ACTIVITY_CATEGORY_LABELS[c] }))}
                value={f.category}
                onChange={(v) => set('category', v as ActivityCategory | null)}
                error={errors.errors.category}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <TextInput
                label={F.title}
                withAsterisk
                value={f.title}
                maxLength={100}
                onChange={(e) => set('title', e.currentTarget.value)}
                error={errors.errors.title}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <TextInput
                label={F.place}
                value={f.place}
                maxLength={100}
                onChange={(e) => set('place', e.currentTarget.value)}
                error={errors.errors.place}
              />
            </Grid.Col>
            <Grid.Col span={2}>
              <NumberInput
                label={U.residentsServed}
                value={f.residentsServed}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                onChange={(v) => set('residentsServed', v)}
                error={errors.errors.residentsServed}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="sg-act-organizer">
                  {F.organizerKind}
                </Text>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <SegmentedControl
                    aria-labelledby="sg-act-organizer"
                    data={ORGANIZER_KINDS.map((k) => ({ value: k, label: ORGANIZER_KIND_LABELS[k] }))}
                    value={f.organizerKind}
                    onChange={(v) => {
                      set('organizerKind', v as OrganizerKind);
                      errors.clear('organizerUnitId');
                      errors.clear('organizerTeamId');
                      errors.clear('communityId');
                    }}
                  />
                  {f.organizerKind === 'unit' && (
                    <Select
                      aria-label={F.organizerUnitId}
                      placeholder={S.searchUnit}
                      data={unitOptions}
                      searchable
                      searchValue={unitSearch}
                      onSearchChange={setUnitSearch}
                      filter={({ options }) => options}
                      value={f.organizerUnit ? String(f.organizerUnit.id) : null}
                      onChange={(v, o) =>
                        set('organizerUnit', v && o ? { id: Number(v), name: o.label } : null, 'organizerUnitId')
                      }
                      nothingFoundMessage={UI.common.nothingFound}
                      error={errors.errors.organizerUnitId}
                      style={{ flex: 1 }}
                    />
                  )}
                  {f.organizerKind === 'team' && (
                    <Select
                      aria-label={F.organizerTeamId}
                      placeholder={S.pickTeam}
                      data={teamOptions}
                      searchable
                      value={f.organizerTeamId}
                      onChange={(v) => set('organizerTeamId', v)}
                      nothingFoundMessage={teams.isPending ? UI.common.loading : S.noTeams}
                      error={errors.errors.organizerTeamId}
                      style={{ flex: 1 }}
                    />
                  )}
                  {f.organizerKind === 'community' && (
                    <Text size="sm" c="dimmed" pt={6}>
                      {S.organizerIsCommunity}
                    </Text>
                  )}
                </Group>
              </Stack>
            </Grid.Col>
            <Grid.Col span={6}>
              <Textarea
                label={F.description}
                value={f.description}
                maxLength={2000}
                autosize
                minRows={1}
                maxRows={4}
                onChange={(e) => set('description', e.currentTarget.value)}
                error={errors.errors.description}
              />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder p="md" mt="md">
          <Group justify="space-between" mb="sm" wrap="nowrap">
            <Stack gap={2}>
              <Title order={4} fz={16}>
                {U.signInTitle}
              </Title>
              <Text size="xs" c="dimmed">
                {U.signInHint}
              </Text>
            </Stack>
          </Group>
          <Group align="flex-start" gap="md" wrap="nowrap">
            <SignInSheet
              communityId={chosenCommunity}
              added={participants}
              bulkHours={bulkHours}
              bulkRole={bulkRole}
              onBulkHours={setBulkHours}
              onBulkRole={setBulkRole}
              onAdd={add}
            />
            <ParticipantTable
              participants={participants}
              bulkHours={numOrNull(bulkHours)}
              bulkRole={bulkRole}
              errors={rowErrors}
              onChange={(key, patch) => {
                setParticipants((prev) => prev.map((p) => (p.key === key ? { ...p, ...patch } : p)));
                setRowErrors((prev) => (key in prev ? {} : prev));
              }}
              onRemove={(key) => {
                setParticipants((prev) => prev.filter((p) => p.key !== key));
                setRowErrors((prev) => (key in prev ? {} : prev));
              }}
              onApplyAll={() => {
                const h = numOrNull(bulkHours);
                if (h === null) return;
                setParticipants((prev) => prev.map((p) => ({ ...p, hours: h, role: bulkRole })));
                setRowErrors({});
              }}
              onAddUnit={(u) =>
                add([
                  {
                    key: participantKey(null, u.id),
                    memberId: null,
                    unitId: u.id,
                    name: u.name,
                    idMasked: null,
                    detail: u.partyOrgName,
                    hours: numOrNull(bulkHours) ?? DEFAULT_HOURS,
                    role: bulkRole,
                  },
                ])
              }
            />
          </Group>
          {errors.errors.participants && (
            <Alert color="red" variant="light" icon={<IconAlert />} mt="sm" role="alert">
              {errors.errors.participants}
            </Alert>
          )}
        </Paper>

        <Group className="sg-act-savebar" justify="space-between">
          <Text size="sm" c="dimmed">
            {S.saveHint(participants.length)}
          </Text>
          <Group gap="sm">
            <Button variant="default" component={Link} to={PATHS.activities}>
              {UI.common.cancel}
            </Button>
            <Button type="submit" loading={saving}>
              {activity ? UI.common.save : S.createSubmit}
            </Button>
          </Group>
        </Group>
      </form>

      {activity && (
        <ConfirmModal
          opened={confirmDelete}
          title={U.deleteTitle}
          message={U.deleteConfirm(activity.title)}
          confirmLabel={UI.common.delete}
          loading={del.isPending}
          onConfirm={() => del.mutate({ id: activity.id })}
          onClose={() => setConfirmDelete(false)}
        />
      )}
    </Stack>
  );
}
