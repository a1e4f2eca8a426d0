import { Badge, Box, Button, Group, Pagination, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import type { AuditRowT } from '../../../shared/contract';
import { AUDIT_ACTIONS, BACKUP, ENTITY_LABELS, UI } from '../../../shared/messages';
import { errorMessage } from '../../api/client';
import { downloadFile } from '../../api/files';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { notifyError, notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { changeLines } from './auditFormat';
import { useAuditEntities, useAuditExport, useAuditSearch, type AuditFilters } from './queries';

const PAGE_SIZE = 50;
const COLS = 6;
const F = BACKUP.audit;

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'civic',
  delete: 'red',
  retire: 'orange',
  restore: 'teal',
  setup: 'grape',
  settings: 'gray',
  reveal: 'yellow',
  backup: 'teal',
  restore_backup: 'red',
  recover: 'red',
  export: 'indigo',
  export_identified: 'yellow',
};

export function AuditPage() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [entity, setEntity] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const badRange = from !== '' && to !== '' && to < from;
  const filters: AuditFilters = {
    ...(entity ? { entity } : {}),
    ...(from ? { from } : {}),
    ...(to && !badRange ? { to } : {}),
    ...(debouncedQ ? { q: debouncedQ } : {}),
  };
  const audit = useAuditSearch(filters, page, PAGE_SIZE);
  const entities = useAuditEntities();
  const exporter = useAuditExport();
  const total = audit.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Object.keys(filters).length > 0;

  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
      setOpen(new Set());
    };

  return (
    <>
      <PageHeader
        title={UI.audit.title}
        subtitle={audit.data ? UI.audit.total(total) : undefined}
        actions={
          <Button
            variant="default"
            loading={exporter.isPending}
            disabled={total === 0}
            onClick={() =>
              exporter.mutate(filters, {
                onSuccess: (file) => {
                  downloadFile(file);
                  notifySaved(F.exported(file.fileName));
                },
                onError: notifyError,
              })
            }
          >
            {F.export}
          </Button>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={F.filterEntity}
            placeholder={F.allEntities}
            clearable
            w={170}
            value={entity}
            onChange={changed(setEntity)}
            data={(entities.data ?? []).map((e) => ({
              value: e.entity,
              label: `${ENTITY_LABELS[e.entity] ?? e.entity}（${e.count}）`,
            }))}
          />
          <TextInput
            type="date"
            label={F.from}
            w={160}
            value={from}
            onChange={(e) => changed(setFrom)(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={F.to}
            w={160}
            value={to}
            error={badRange ? F.dateOrder : undefined}
            onChange={(e) => changed(setTo)(e.currentTarget.value)}
          />
          <TextInput
            label={UI.common.search}
            placeholder={F.search}
            w={240}
            value={q}
            onChange={(e) => changed(setQ)(e.currentTarget.value)}
          />
          {(filtered || q !== '' || to !== '') && (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setEntity(null);
                setFrom('');
                setTo('');
                setQ('');
                setPage(1);
              }}
            >
              {F.clear}
            </Button>
          )}
        </Group>
      </Paper>
      {audit.isPending ? (
        <PageLoader />
      ) : audit.isError ? (
        <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.rows.length === 0 ? (
        <Paper withBorder>
          <Empty>{UI.audit.empty}</Empty>
        </Paper>
      ) : (
        <>
          <Paper withBorder style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
            <Table
              stickyHeader
              stickyHeaderOffset={HEADER_HEIGHT}
              highlightOnHover
              horizontalSpacing="md"
              verticalSpacing={10}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={170}>{UI.audit.at}</Table.Th>
                  <Table.Th w={110}>{UI.audit.operator}</Table.Th>
                  <Table.Th w={130}>{UI.audit.action}</Table.Th>
                  <Table.Th w={96}>{UI.audit.entity}</Table.Th>
                  <Table.Th>{UI.audit.summary}</Table.Th>
                  <Table.Th w={80} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.data.rows.map((r) => (
                  <AuditRow key={r.id} row={r} expanded={open.has(r.id)} onToggle={() => toggle(r.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          {pages > 1 && (
            <Group justify="center" mt="lg">
              <Pagination
                total={pages}
                value={page}
                onChange={(p) => {
                  setPage(p);
                  setOpen(new Set());
                  window.scrollTo(0, 0);
                }}
                withEdges
              />
            </Group>
          )}
        </>
      )}
      {exporter.error && (
        <Text c="red" size="sm" mt="sm" role="alert">
          {errorMessage(exporter.error)}
        </Text>
      )}
    </>
  );
}

function AuditRow({ row: r, expanded, onToggle }: { row: AuditRowT; expanded: boolean; onToggle: () => void }) {
  const hasDetail = r.before !== null || r.after !== null;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td className="sg-nowrap">{formatDateTime(r.at)}</Table.Td>
        <Table.Td>{r.operator}</Table.Td>
        <Table.Td>
          <Badge variant="light" color={ACTION_COLORS[r.action] ?? 'gray'} radius="sm" tt="none" fw={500}>
            {AUDIT_ACTIONS[r.action] ?? r.action}
          </Badge>
        </Table.Td>
        <Table.Td className="sg-nowrap">{ENTITY_LABELS[r.entity] ?? r.entity}</Table.Td>
        <Table.Td>{r.summary}</Table.Td>
        <Table.Td>
          {hasDetail && (
            <Button size="compact-sm" variant="subtle" onClick={onToggle} aria-expanded={expanded}>
              {expanded ? UI.common.collapse : UI.common.expand}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr bg="gray.0">
          <Table.Td colSpan={COLS} py="sm">
            <ChangeList before={r.before} after={r.after} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

function Value({ v }: { v: string | null | undefined }) {
  if (v === undefined) return null;
  if (v === null)
    return (
      <Text span size="sm" c="dimmed">
        {UI.common.notSet}
      </Text>
    );
  return (
    <Text span size="sm">
      {v}
    </Text>
  );
}

function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const lines = changeLines(before, after);
  if (lines.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {UI.audit.noDetail}
      </Text>
    );
  const both = before !== null && after !== null;
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 24, rowGap: 6 }}
    >
      {lines.map((l) => (
        <Fragment key={l.key}>
          <Text component="dt" size="sm" c="dimmed">
            {l.label}
          </Text>
          <Box component="dd" m={0} style={{ wordBreak: 'break-all' }}>
            {both ? (
              <>
                <Value v={l.before} />
                <Text span size="sm" c="dimmed" mx={8}>
                  →
                </Text>
                <Value v={l.after} />
              </>
            ) : (
              <Value v={l.after !== undefined ? l.after : l.before} />
            )}
          </Box>
        </Fragment>
      ))}
    </Box>
  );
}
