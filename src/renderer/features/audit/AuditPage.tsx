import { Badge, Box, Button, Group, Pagination, Paper, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { AuditRowT } from '../../../shared/contract';
import { AUDIT_ACTIONS, ENTITY_LABELS, UI } from '../../../shared/messages';
import { useAudit } from '../../api/queries';
import { HEADER_HEIGHT } from '../../components/AppLayout';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { changeLines } from './auditFormat';

const PAGE_SIZE = 50;
const COLS = 6;

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'civic',
  delete: 'red',
  retire: 'orange',
  restore: 'teal',
  setup: 'grape',
  settings: 'gray',
};

export function AuditPage() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const audit = useAudit(page, PAGE_SIZE);
  const total = audit.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader title={UI.audit.title} subtitle={audit.data ? UI.audit.total(total) : undefined} />
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
                  <Table.Th w={100}>{UI.audit.action}</Table.Th>
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
