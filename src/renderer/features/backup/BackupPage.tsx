// 备份与恢复: the backups folder as a list (date, type, size, street, counts, integrity), 立即备份, 备份到文件夹…
// (a path field: browser mode has no native folder dialog, and Electron uses the same field), 从备份恢复… with a
// preview of what the file holds next to the current data and an explicit confirmation, and the rotation settings.
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { BackupInfoT, Output } from '../../../shared/contract';
import { BACKUP, UI } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import {
  useBackups,
  useBackupToFolder,
  useCreateBackup,
  useInspectBackup,
  useRestoreBackup,
  useSetRotation,
} from './queries';

const T = BACKUP.ui;
type Counts = BackupInfoT['counts'];
type ListT = Output<'backup.list'>;

const REASON_COLORS: Record<string, string> = {
  startup: 'gray',
  daily: 'civic',
  import: 'orange',
  merge: 'grape',
  restore: 'teal',
  manual: 'green',
  migrate: 'yellow',
  external: 'gray',
};

function ReasonBadge({ reason }: { reason: string }) {
  return (
    <Badge variant="light" color={REASON_COLORS[reason] ?? 'gray'} radius="sm" tt="none" fw={500}>
      {BACKUP.reasons[reason] ?? reason}
    </Badge>
  );
}

function IntegrityBadge({ ok }: { ok: boolean }) {
  return (
    <Badge variant="dot" color={ok ? 'green' : 'red'} tt="none" fw={500}>
      {ok ? T.ok : T.bad}
    </Badge>
  );
}

export function BackupPage() {
  const list = useBackups();
  const create = useCreateBackup();
  const [folderOpen, setFolderOpen] = useState(false);
  const [restore, setRestore] = useState<{ name?: string } | null>(null);

  return (
    <>
      <PageHeader
        title={T.title}
        subtitle={list.data ? T.subtitle(list.data.dir) : undefined}
        actions={
          <Group gap="sm">
            <Button
              loading={create.isPending}
              onClick={() =>
                create.mutate(undefined, {
                  onSuccess: (b) => notifySaved(T.created(b.name ?? b.path)),
                  onError: notifyError,
                })
              }
            >
              {T.backupNow}
            </Button>
            <Button variant="default" onClick={() => setFolderOpen(true)}>
              {T.toFolder}
            </Button>
            <Button variant="default" color="red" onClick={() => setRestore({})}>
              {T.restore}
            </Button>
          </Group>
        }
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap="lg">
          <BackupTable data={list.data} onRestore={(name) => setRestore({ name })} />
          <RotationForm rotation={list.data.rotation} />
        </Stack>
      )}
      <FolderModal opened={folderOpen} onClose={() => setFolderOpen(false)} />
      {restore && list.data && (
        <RestoreModal initialName={restore.name} current={list.data.current} onClose={() => setRestore(null)} />
      )}
    </>
  );
}

function BackupTable({ data, onRestore }: { data: ListT; onRestore: (name: string) => void }) {
  if (data.rows.length === 0)
    return (
      <Paper withBorder>
        <Empty>{T.empty}</Empty>
      </Paper>
    );
  return (
    <Paper withBorder>
      <Table
        stickyHeader
        stickyHeaderOffset={HEADER_HEIGHT}
        highlightOnHover
        horizontalSpacing="md"
        verticalSpacing={10}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{T.at}</Table.Th>
            <Table.Th w={90}>{T.reason}</Table.Th>
            <Table.Th>{T.counts}</Table.Th>
            <Table.Th w={120}>{T.street}</Table.Th>
            <Table.Th w={90}>{T.size}</Table.Th>
            <Table.Th w={90}>{T.integrity}</Table.Th>
            <Table.Th w={80} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.rows.map((b) => (
            <Table.Tr key={b.path} data-testid="backup-row">
              <Table.Td className="sg-nowrap">{formatDateTime(b.createdAt)}</Table.Td>
              <Table.Td>
                <ReasonBadge reason={b.reason} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{T.countsLine(b.counts)}</Text>
              </Table.Td>
              <Table.Td className="sg-nowrap">{b.street?.name ?? UI.common.dash}</Table.Td>
              <Table.Td className="sg-nowrap">{T.sizeUnit(b.sizeBytes)}</Table.Td>
              <Table.Td>
                <IntegrityBadge ok={b.integrityOk} />
              </Table.Td>
              <Table.Td>
                {b.integrityOk && b.name && (
                  <Button size="compact-sm" variant="subtle" onClick={() => onRestore(b.name!)}>
                    {T.restoreThis}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function RotationForm({ rotation }: { rotation: ListT['rotation'] }) {
  const [draft, setDraft] = useState<Record<keyof ListT['rotation'], number | string> | null>(null);
  const value = draft ?? rotation;
  const save = useSetRotation();
  const dirty = draft !== null;
  const fieldError = (k: string) =>
    save.error?.fieldName === k || (save.error && !save.error.fieldName && k === 'keepDaily')
      ? errorMessage(save.error)
      : undefined;
  const num = (v: number | string) => (typeof v === 'number' ? v : Number(v === '' ? NaN : v));
  return (
    <Paper withBorder p="lg">
      <Title order={3} fz={17} mb={6}>
        {T.rotationTitle}
      </Title>
      <Text size="sm" c="dimmed" mb="md" maw={820}>
        {T.rotationHint}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { keepDaily: num(value.keepDaily), keepWeekly: num(value.keepWeekly), keepMonthly: num(value.keepMonthly) },
            {
              onSuccess: () => {
                setDraft(null);
                notifySaved();
              },
            },
          );
        }}
      >
        <SimpleGrid cols={3} maw={560} mb="md">
          {(['keepDaily', 'keepWeekly', 'keepMonthly'] as const).map((k) => (
            <NumberInput
              key={k}
              label={T[k]}
              min={0}
              max={365}
              allowDecimal={false}
              value={value[k]}
              error={fieldError(k)}
              onChange={(v) => setDraft({ ...value, [k]: v })}
            />
          ))}
        </SimpleGrid>
        <Group gap="sm">
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            {UI.common.save}
          </Button>
          {dirty && (
            <Button variant="subtle" color="gray" onClick={() => setDraft(null)}>
              {UI.common.cancel}
            </Button>
          )}
        </Group>
      </form>
    </Paper>
  );
}

function FolderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [folder, setFolder] = useState('');
  const run = useBackupToFolder();
  const close = () => {
    run.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{T.folderTitle}</Text>} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate(
            { folder },
            {
              onSuccess: (b) => {
                notifySaved(T.createdTo(b.path));
                close();
              },
            },
          );
        }}
      >
        <TextInput
          label={T.folderLabel}
          description={T.folderHint}
          placeholder={T.folderPlaceholder}
          value={folder}
          onChange={(e) => {
            setFolder(e.currentTarget.value);
            run.reset();
          }}
          error={run.error ? errorMessage(run.error) : undefined}
          data-autofocus
          mb="lg"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={run.isPending}>
            {UI.common.cancel}
          </Button>
          <Button type="submit" loading={run.isPending}>
            {T.backupNow}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ wordBreak: 'break-all' }}>
        {children}
      </Text>
    </>
  );
}

function CountsCompare({ backup, current }: { backup: Counts; current: Counts }) {
  const rows: [string, keyof Counts][] = [
    ['社区', 'communities'],
    ['党员', 'members'],
    ['服务活动', 'activities'],
    ['会议', 'meetings'],
  ];
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" w={360}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th>{T.previewTitle}</Table.Th>
          <Table.Th>{T.currentData}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, k]) => (
          <Table.Tr key={k}>
            <Table.Td>{label}</Table.Td>
            <Table.Td fw={backup[k] !== current[k] ? 600 : undefined}>{backup[k]}</Table.Td>
            <Table.Td>{current[k]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RestoreModal({
  initialName,
  current,
  onClose,
}: {
  initialName: string | undefined;
  current: ListT['current'];
  onClose: () => void;
}) {
  const [name] = useState(initialName);
  const [path, setPath] = useState('');
  const inspect = useInspectBackup();
  const restore = useRestoreBackup();
  const { mutate: inspectNow } = inspect;
  // A backup of the list is inspected at once; a file elsewhere after 查看内容.
  useEffect(() => {
    if (name) inspectNow({ name });
  }, [name, inspectNow]);
  const preview = inspect.data;
  const source = name ? { name } : { path };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{T.restoreTitle}</Text>} size="xl">
      <Stack gap="md">
        {!name && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              inspect.mutate({ path });
            }}
          >
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={T.restorePathLabel}
                description={T.restorePathHint}
                placeholder="/media/U盘/streetgrid-20261123-080000-manual.db"
                value={path}
                onChange={(e) => {
                  setPath(e.currentTarget.value);
                  inspect.reset();
                }}
                error={inspect.error ? errorMessage(inspect.error) : undefined}
                data-autofocus
              />
              <Button type="submit" variant="default" loading={inspect.isPending}>
                {T.inspect}
              </Button>
            </Group>
          </form>
        )}
        {name && inspect.isPending && <PageLoader />}
        {name && inspect.error && <Alert color="red">{errorMessage(inspect.error)}</Alert>}
        {preview && (
          <Paper withBorder p="md" data-testid="backup-preview">
            <Title order={4} fz={15} mb="sm">
              {T.previewTitle}
            </Title>
            <Group align="flex-start" gap="xl">
              <Stack gap={0} style={{ flex: 1, minWidth: 280 }}>
                <dl
                  style={{
                    display: 'grid',
                    gridTemplateColumns: 'max-content 1fr',
                    columnGap: 16,
                    rowGap: 6,
                    margin: 0,
                  }}
                >
                  <Fact label={T.previewStreet}>
                    {preview.street ? `${preview.street.name}（${preview.street.code}）` : UI.common.dash}
                  </Fact>
                  <Fact label={T.previewDate}>{formatDateTime(preview.createdAt)}</Fact>
                  <Fact label={T.previewReason}>
                    <ReasonBadge reason={preview.reason} />
                  </Fact>
                  <Fact label={T.previewSchema}>{preview.schemaVersion}</Fact>
                  <Fact label={T.previewSize}>{T.sizeUnit(preview.sizeBytes)}</Fact>
                  <Fact label={T.integrity}>
                    <IntegrityBadge ok={preview.integrityOk} />
                  </Fact>
                  <Fact label={T.previewFile}>{preview.path}</Fact>
                </dl>
              </Stack>
              <CountsCompare backup={preview.counts} current={current.counts} />
            </Group>
          </Paper>
        )}
        {preview && !preview.restorable && (
          <Alert color="red" title={BACKUP.recoverFailed}>
            {preview.refusal}
          </Alert>
        )}
        {preview?.restorable && <Alert color="yellow">{T.restoreWarn}</Alert>}
        {restore.error && <Alert color="red">{errorMessage(restore.error)}</Alert>}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={restore.isPending}>
            {UI.common.cancel}
          </Button>
          <Button
            color="red"
            disabled={!preview?.restorable}
            loading={restore.isPending}
            onClick={() =>
              restore.mutate(
                { ...source, confirm: true },
                {
                  onSuccess: (r) => {
                    notifySaved(T.restored(formatDateTime(r.restored.createdAt)));
                    onClose();
                  },
                },
              )
            }
          >
            {T.restoreConfirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
