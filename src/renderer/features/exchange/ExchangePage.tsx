// 数据上报: the export dialog, the public key (file + phone fingerprint), and the export history (上报批次) with
// copy-to-folder and re-export of the latest batch.
import { Alert, Badge, Button, Code, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { ExportBatchT } from '../../../shared/contract';
import { EXCHANGE } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { downloadFile } from '../../api/files';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ExportDialog } from './ExportDialog';
import { useCopy, useHistory, usePreview, usePublicKey, useReexport } from './queries';

const T = EXCHANGE.ui;

export function ExchangePage() {
  const history = useHistory();
  const preview = usePreview(false, true);
  const pub = usePublicKey();
  const reexport = useReexport();
  const [dialog, setDialog] = useState(false);
  const [copyOf, setCopyOf] = useState<ExportBatchT | null>(null);
  const fp = pub.data?.fingerprint ?? preview.data?.keyFingerprint ?? null;

  return (
    <>
      <PageHeader
        title={T.title}
        subtitle={T.subtitle}
        actions={
          <Group gap="sm">
            <Button
              variant="default"
              loading={pub.isPending}
              onClick={() =>
                pub.mutate(undefined, {
                  onSuccess: (f) => {
                    downloadFile(f);
                    notifySaved(T.pubkeySaved(f.fingerprint));
                  },
                  onError: notifyError,
                })
              }
            >
              {T.pubkeyButton}
            </Button>
            <Button onClick={() => setDialog(true)}>{T.exportButton}</Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Group gap="sm">
            <Text size="sm" c="dimmed">
              {T.fingerprintLabel}
            </Text>
            <Text fw={700} ff="monospace" fz="lg" data-testid="fingerprint">
              {fp ?? T.noKey}
            </Text>
          </Group>
        </Paper>
        {reexport.isError && <Alert color="red">{errorMessage(reexport.error)}</Alert>}
        {reexport.data && (
          <Alert color="green" variant="light">
            {T.reexportDone(reexport.data.filePath, reexport.data.sameBytes)}
          </Alert>
        )}
        <Stack gap="xs">
          <Title order={3} fz={18}>
            {T.historyTitle}
          </Title>
          {history.isPending ? (
            <PageLoader />
          ) : history.isError ? (
            <QueryError error={history.error} onRetry={() => void history.refetch()} />
          ) : history.data.length === 0 ? (
            <Empty>{T.historyEmpty}</Empty>
          ) : (
            <Table striped withTableBorder highlightOnHover fz="sm" aria-label={T.historyTitle}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{T.cols.seq}</Table.Th>
                  <Table.Th>{T.cols.kind}</Table.Th>
                  <Table.Th>{T.cols.range}</Table.Th>
                  <Table.Th ta="right">{T.cols.rows}</Table.Th>
                  <Table.Th ta="right">{T.cols.tombstones}</Table.Th>
                  <Table.Th>{T.cols.hash}</Table.Th>
                  <Table.Th>{T.cols.at}</Table.Th>
                  <Table.Th>{T.cols.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.map((b, i) => (
                  <Table.Tr key={b.id}>
                    <Table.Td className="sg-nowrap">{T.seqCell(b.seq, b.baseSeq)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge variant="light" radius="sm" tt="none" fw={500}>
                          {b.full ? T.full : T.incremental}
                        </Badge>
                        <Badge variant="light" radius="sm" tt="none" fw={500} color={b.identified ? 'red' : 'green'}>
                          {b.identified ? T.identified : T.deidentified}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td className="sg-nowrap">
                      {b.changeFrom}–{b.changeTo}
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(b.rowCount)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(b.tombstoneCount)}</Table.Td>
                    <Table.Td>
                      <Code title={b.contentHash}>{b.contentHash.slice(0, 16)}…</Code>
                      <Text size="xs" c={b.fileExists ? 'dimmed' : 'red'} title={b.filePath}>
                        {b.fileExists ? b.fileName : T.fileMissing}
                      </Text>
                    </Table.Td>
                    <Table.Td className="sg-nowrap">{formatDateTime(b.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          disabled={!b.fileExists}
                          onClick={() => setCopyOf(b)}
                        >
                          {T.copy}
                        </Button>
                        {i === 0 && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            loading={reexport.isPending}
                            onClick={() => reexport.mutate({ batchId: b.id })}
                          >
                            {T.reexport}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Stack>
      <ExportDialog opened={dialog} onClose={() => setDialog(false)} />
      {copyOf && <CopyModal batch={copyOf} onClose={() => setCopyOf(null)} />}
    </>
  );
}

function CopyModal({ batch, onClose }: { batch: ExportBatchT; onClose: () => void }) {
  const [dir, setDir] = useState('');
  const copy = useCopy();
  return (
    <Modal opened onClose={onClose} title={T.copyTitle(batch.seq)} centered>
      <Stack gap="md">
        <TextInput
          label={T.copyLabel}
          description={T.copyHint}
          value={dir}
          onChange={(e) => setDir(e.currentTarget.value)}
          data-autofocus
        />
        {copy.isError && <Alert color="red">{errorMessage(copy.error)}</Alert>}
        {copy.data && (
          <Alert color="green" variant="light">
            {T.copyDone(copy.data.filePath)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {copy.data ? T.close : T.cancel}
          </Button>
          {!copy.data && (
            <Button
              onClick={() => copy.mutate({ batchId: batch.id, dir })}
              loading={copy.isPending}
              disabled={!dir.trim()}
            >
              {T.copyAction}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
