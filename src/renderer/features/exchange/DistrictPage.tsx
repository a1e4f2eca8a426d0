// 区级汇总 (the district's side, same app): open or create a district DB file, register streets' public keys
// (checking the fingerprint read over the phone), verify and merge packages, and see the merged totals per street.
// Everything here works on the district file given by path; the street DB is never touched.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { DistrictStateT } from '../../../shared/contract';
import { EXCHANGE } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { Empty } from '../../components/feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useDistrictMerge, useDistrictOpen, useDistrictRegister } from './queries';

const T = EXCHANGE.ui;

export function DistrictPage() {
  const [file, setFile] = useState('');
  const [state, setState] = useState<DistrictStateT | null>(null);
  const open = useDistrictOpen();
  const run = (create: boolean) =>
    open.mutate({ path: file, create }, { onSuccess: (s) => setState(s), onError: () => setState(null) });

  return (
    <>
      <PageHeader title={T.districtTitle} subtitle={T.districtSubtitle} />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Group align="flex-end" gap="sm">
            <TextInput
              style={{ flex: 1 }}
              label={T.districtPath}
              description={T.districtPathHint}
              value={file}
              onChange={(e) => setFile(e.currentTarget.value)}
            />
            <Button variant="default" onClick={() => run(false)} loading={open.isPending} disabled={!file.trim()}>
              {T.open}
            </Button>
            <Button variant="light" onClick={() => run(true)} loading={open.isPending} disabled={!file.trim()}>
              {T.create}
            </Button>
          </Group>
          {open.isError && (
            <Alert color="red" mt="sm">
              {errorMessage(open.error)}
            </Alert>
          )}
        </Paper>
        {state && <DistrictBody state={state} onState={setState} />}
      </Stack>
    </>
  );
}

function DistrictBody({ state, onState }: { state: DistrictStateT; onState: (s: DistrictStateT) => void }) {
  const [pubkey, setPubkey] = useState('');
  const [fp, setFp] = useState('');
  const [replace, setReplace] = useState(false);
  const [files, setFiles] = useState('');
  const reg = useDistrictRegister();
  const merge = useDistrictMerge();
  const list = files
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const totals = (k: string) => state.streets.reduce((a, s) => a + (s.totals[k] ?? 0), 0);

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {state.path} · {T.districtCode(state.districtCode)}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3} fz={17}>
              {T.registerTitle}
            </Title>
            <TextInput label={T.pubkeyPath} value={pubkey} onChange={(e) => setPubkey(e.currentTarget.value)} />
            <TextInput label={T.fingerprintInput} value={fp} onChange={(e) => setFp(e.currentTarget.value)} />
            <Checkbox label={T.replaceKey} checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
            {reg.isError && <Alert color="red">{errorMessage(reg.error)}</Alert>}
            {reg.data && (
              <Alert color="green" variant="light">
                {reg.data.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button
                disabled={!pubkey.trim()}
                loading={reg.isPending}
                onClick={() =>
                  reg.mutate(
                    {
                      path: state.path,
                      pubkeyPath: pubkey,
                      ...(fp.trim() ? { fingerprint: fp } : {}),
                      ...(replace ? { replace } : {}),
                    },
                    { onSuccess: (r) => onState(r.state) },
                  )
                }
              >
                {T.registerAction}
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3} fz={17}>
              {T.mergeTitle}
            </Title>
            <Textarea
              label={T.mergeFiles}
              description={T.mergeHint}
              autosize
              minRows={3}
              value={files}
              onChange={(e) => setFiles(e.currentTarget.value)}
            />
            {merge.isError && (
              <Alert color="red" title={T.refusedTitle} style={{ whiteSpace: 'pre-line' }} data-testid="merge-error">
                {errorMessage(merge.error)}
              </Alert>
            )}
            {merge.data && (
              <Alert color="green" variant="light" title={T.mergedTitle} data-testid="merge-result">
                <Stack gap={2}>
                  {merge.data.messages.map((m) => (
                    <Text key={m} size="sm">
                      {m}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button
                disabled={list.length === 0}
                loading={merge.isPending}
                onClick={() => merge.mutate({ path: state.path, files: list }, { onSuccess: (r) => onState(r.state) })}
              >
                {T.mergeAction}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </SimpleGrid>

      <Stack gap="xs">
        <Title order={3} fz={18}>
          {T.streetsTitle}
        </Title>
        {state.streets.length === 0 ? (
          <Empty>{T.streetsEmpty}</Empty>
        ) : (
          <Table striped withTableBorder fz="sm" aria-label={T.streetsTitle}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{T.colStreet}</Table.Th>
                <Table.Th>{T.colSeq}</Table.Th>
                {state.columns.map((c) => (
                  <Table.Th key={c.key} ta="right">
                    {c.label}
                  </Table.Th>
                ))}
                <Table.Th>{T.colApplied}</Table.Th>
                <Table.Th>{T.colFingerprint}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.streets.map((s) => (
                <Table.Tr key={s.streetCode}>
                  <Table.Td className="sg-nowrap">
                    {s.streetName}
                    <Text size="xs" c="dimmed">
                      {s.streetCode}
                    </Text>
                  </Table.Td>
                  <Table.Td className="sg-nowrap">
                    <Badge variant="light" radius="sm" tt="none" fw={500} color={s.lastSeq > 0 ? 'green' : 'gray'}>
                      {T.seqShort(s.lastSeq)}
                    </Badge>
                  </Table.Td>
                  {state.columns.map((c) => (
                    <Table.Td key={c.key} ta="right">
                      {formatNumber(s.totals[c.key] ?? 0)}
                    </Table.Td>
                  ))}
                  <Table.Td className="sg-nowrap">{s.lastAppliedAt ? formatDateTime(s.lastAppliedAt) : '—'}</Table.Td>
                  <Table.Td className="sg-nowrap" ff="monospace">
                    {s.fingerprint}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700} data-testid="district-total">
                <Table.Td>{T.total(state.streets.length)}</Table.Td>
                <Table.Td />
                {state.columns.map((c) => (
                  <Table.Td key={c.key} ta="right">
                    {formatNumber(totals(c.key))}
                  </Table.Td>
                ))}
                <Table.Td />
                <Table.Td />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {state.packages.length > 0 && (
        <Stack gap="xs">
          <Title order={3} fz={18}>
            {T.packagesTitle}
          </Title>
          <Table withTableBorder fz="sm" aria-label={T.packagesTitle}>
            <Table.Tbody>
              {state.packages.map((p) => (
                <Table.Tr key={p.packageId}>
                  <Table.Td className="sg-nowrap">{p.streetCode}</Table.Td>
                  <Table.Td className="sg-nowrap">{T.seqCell(p.seq, p.baseSeq)}</Table.Td>
                  <Table.Td>{p.full ? T.full : T.incremental}</Table.Td>
                  <Table.Td>{p.deidentified ? T.deidentified : T.identified}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.rowCount)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.tombstoneCount)}</Table.Td>
                  <Table.Td>{p.fileName}</Table.Td>
                  <Table.Td className="sg-nowrap">{formatDateTime(p.appliedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
