// 导出数据交换包: full or incremental, de-identified (default) or identified (with an explicit confirmation that is
// audit-logged), the counts of what will be written before anything is, progress while it is built, where the file
// went, and a copy to a folder the user chooses (a USB stick; browser mode and Electron use the same path field).
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  Progress,
  Radio,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { ExportBatchT } from '../../../shared/contract';
import { EXCHANGE } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { formatNumber } from '../../components/format';
import { useCopy, useExport, usePreview, useProgress } from './queries';

const T = EXCHANGE.ui;

export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [full, setFull] = useState(false);
  const [identified, setIdentified] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [outDir, setOutDir] = useState('');
  const [done, setDone] = useState<ExportBatchT | null>(null);
  const preview = usePreview(full, opened && !done);
  const exp = useExport();
  const progress = useProgress(exp.isPending);

  const close = () => {
    setDone(null);
    setIdentified(false);
    setConfirmed(false);
    exp.reset();
    onClose();
  };
  const p = preview.data;
  const run = () =>
    exp.mutate(
      {
        full,
        identified,
        ...(identified ? { confirmIdentified: confirmed } : {}),
        ...(outDir.trim() ? { outDir } : {}),
      },
      { onSuccess: (b) => setDone(b) },
    );
  const pr = progress.data;
  const pct = pr && pr.total > 0 ? Math.min(100, Math.round((pr.done / pr.total) * 100)) : 0;

  return (
    <Modal opened={opened} onClose={close} title={done ? T.exportedTitle : T.dialogTitle} size="lg" centered>
      {done ? (
        <Exported batch={done} onClose={close} />
      ) : (
        <Stack gap="md">
          <Stack gap={6}>
            <Text fw={600} size="sm">
              {T.kindLabel}
            </Text>
            <SegmentedControl
              value={full ? 'full' : 'incremental'}
              onChange={(v) => setFull(v === 'full')}
              data={[
                { value: 'incremental', label: T.kindIncremental },
                { value: 'full', label: T.kindFull },
              ]}
              disabled={exp.isPending}
            />
            {p?.first && !full && (
              <Text size="sm" c="dimmed">
                {T.firstIsFull}
              </Text>
            )}
          </Stack>
          <Radio.Group
            label={T.privacyLabel}
            value={identified ? 'identified' : 'deidentified'}
            onChange={(v) => {
              setIdentified(v === 'identified');
              setConfirmed(false);
            }}
          >
            <Stack gap={6} mt={6}>
              <Radio value="deidentified" label={T.privacyDeidentified} disabled={exp.isPending} />
              <Radio value="identified" label={T.privacyIdentified} disabled={exp.isPending} />
            </Stack>
          </Radio.Group>
          {identified && (
            <Alert color="red" variant="light" title={T.identifiedWarning}>
              <Checkbox
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
                label={T.identifiedConfirm}
                color="red"
              />
            </Alert>
          )}
          <TextInput
            label={T.outDirLabel}
            description={T.outDirHint}
            placeholder={p?.defaultOutDir}
            value={outDir}
            onChange={(e) => setOutDir(e.currentTarget.value)}
            disabled={exp.isPending}
          />
          {p && (
            <Stack gap={4}>
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {T.countsTitle(p.seq, p.baseSeq, p.full)}
                </Text>
                <Text size="xs" c="dimmed">
                  {T.rangeLine(p.changeFrom, p.changeTo)}
                </Text>
              </Group>
              {p.totalRows + p.totalTombstones === 0 ? (
                <Text size="sm" c="dimmed">
                  {T.nothingChanged}
                </Text>
              ) : (
                <ScrollArea.Autosize mah={220}>
                  <Table striped withTableBorder fz="sm" aria-label={T.countsTable}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{T.countsTable}</Table.Th>
                        <Table.Th ta="right">{T.countsRows}</Table.Th>
                        <Table.Th ta="right">{T.countsTombs}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {p.counts
                        .filter((c) => c.rows > 0 || c.tombstones > 0)
                        .map((c) => (
                          <Table.Tr key={c.table}>
                            <Table.Td>{c.label}</Table.Td>
                            <Table.Td ta="right">{formatNumber(c.rows)}</Table.Td>
                            <Table.Td ta="right">{formatNumber(c.tombstones)}</Table.Td>
                          </Table.Tr>
                        ))}
                      <Table.Tr fw={600}>
                        <Table.Td>{T.countsTotal}</Table.Td>
                        <Table.Td ta="right">{formatNumber(p.totalRows)}</Table.Td>
                        <Table.Td ta="right">{formatNumber(p.totalTombstones)}</Table.Td>
                      </Table.Tr>
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              )}
            </Stack>
          )}
          {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
          {exp.isPending && (
            <Stack gap={4} aria-live="polite">
              <Text size="sm">{pr ? (T.phase[pr.phase] ?? T.exporting) : T.exporting}</Text>
              <Progress
                value={pr?.phase === 'zip' || pr?.phase === 'done' ? 100 : pct}
                animated
                aria-label={T.exporting}
              />
            </Stack>
          )}
          {exp.isError && (
            <Alert color="red" style={{ whiteSpace: 'pre-line' }}>
              {errorMessage(exp.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={exp.isPending}>
              {T.cancel}
            </Button>
            <Button onClick={run} loading={exp.isPending} disabled={!p || (identified && !confirmed)}>
              {T.exportAction}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Exported({ batch, onClose }: { batch: ExportBatchT; onClose: () => void }) {
  const [dir, setDir] = useState('');
  const copy = useCopy();
  return (
    <Stack gap="md">
      <Alert color="green" variant="light">
        <Stack gap={4}>
          <Text size="sm">{T.seqCell(batch.seq, batch.baseSeq)}</Text>
          <Text size="sm">{T.exportedTo}</Text>
          <Code block data-testid="exported-path">
            {batch.filePath}
          </Code>
          <Text size="xs" c="dimmed">
            {T.exportedHash}
            {batch.contentHash}
          </Text>
        </Stack>
      </Alert>
      <Stack gap={6}>
        <TextInput
          label={T.copyToUsb}
          description={T.copyHint}
          value={dir}
          onChange={(e) => setDir(e.currentTarget.value)}
        />
        {copy.isError && <Alert color="red">{errorMessage(copy.error)}</Alert>}
        {copy.data && (
          <Alert color="green" variant="light">
            {T.copyDone(copy.data.filePath)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="light"
            onClick={() => copy.mutate({ batchId: batch.id, dir })}
            loading={copy.isPending}
            disabled={!dir.trim()}
          >
            {T.copyAction}
          </Button>
          <Button onClick={onClose}>{T.close}</Button>
        </Group>
      </Stack>
    </Stack>
  );
}
