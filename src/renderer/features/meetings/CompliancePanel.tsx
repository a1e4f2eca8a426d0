// 达标情况: for the chosen year, every community × 第一季度…第四季度 — green 已召开 (a link to the meeting), red 未召开
// (the quarter is over without one), grey 未到期. A community that missed a quarter is tinted and named above the grid.
import { Alert, Badge, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { MEETING_UI } from '../../../shared/messages';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { IconAlert, IconCheck } from '../../components/icons';
import { PATHS } from '../../paths';
import { positiveInt, useUrlFilters } from '../activities/shared';
import { useCompliance } from './queries';
import { THIS_YEAR, yearOptions } from './shared';

const C = MEETING_UI.common;
const G = MEETING_UI.compliance;

export function CompliancePanel() {
  const { params, patch } = useUrlFilters();
  const year = positiveInt(params.get('year')) ?? THIS_YEAR;
  const grid = useCompliance(year);
  const rows = grid.data?.rows ?? [];
  const missedRows = rows.filter((r) => r.cells.some((c) => c.state === 'missed'));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="center">
          <Select
            aria-label={MEETING_UI.list.yearLabel}
            data={yearOptions(year)}
            value={String(year)}
            onChange={(v) => patch({ year: v === String(THIS_YEAR) ? null : v })}
            allowDeselect={false}
            w={100}
          />
          <Text size="sm" c="dimmed" maw={720}>
            {G.hint}
          </Text>
        </Group>
      </Group>

      {grid.isPending ? (
        <PageLoader />
      ) : grid.isError ? (
        <QueryError error={grid.error} onRetry={() => void grid.refetch()} />
      ) : rows.length === 0 ? (
        <Paper withBorder>
          <Empty>{G.empty}</Empty>
        </Paper>
      ) : (
        <>
          {missedRows.length > 0 ? (
            <Alert color="red" variant="light" icon={<IconAlert />} role="status">
              {G.missedCommunities(missedRows.map((r) => r.communityName).join('、'))}
            </Alert>
          ) : (
            <Alert color="green" variant="light" icon={<IconCheck />} role="status">
              {G.allMet}
            </Alert>
          )}
          <Paper withBorder>
            <Table
              className="sg-mt-grid"
              verticalSpacing={6}
              horizontalSpacing={12}
              fz="sm"
              aria-label={G.title}
              style={{ opacity: grid.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={260}>{G.community}</Table.Th>
                  {[1, 2, 3, 4].map((q) => (
                    <Table.Th key={q}>{C.quarter(q)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => {
                  const missed = r.cells.filter((c) => c.state === 'missed').length;
                  return (
                    <Table.Tr key={r.communityId} data-missed={missed > 0 || undefined}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={missed > 0 ? 700 : 500} c={missed > 0 ? 'red.9' : undefined}>
                            {r.communityName}
                          </Text>
                          {missed > 0 && (
                            <Badge color="red" variant="filled" radius="sm" tt="none" fw={500} size="sm">
                              {G.missedBadge(missed)}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {r.bodyName ?? G.noBody}
                        </Text>
                      </Table.Td>
                      {[1, 2, 3, 4].map((q) => {
                        const cell = r.cells.find((c) => c.quarter === q);
                        const state = cell?.state ?? 'upcoming';
                        const label = `${r.communityName}${C.quarter(q)}：${G[state]}`;
                        if (state === 'met' && cell && cell.meetingIds[0]) {
                          return (
                            <Table.Td key={q}>
                              <Link
                                to={PATHS.meeting(cell.meetingIds[0])}
                                className="sg-mt-cell"
                                data-state="met"
                                aria-label={label}
                                title={label}
                              >
                                {G.metCount(cell.meetingIds.length)}
                              </Link>
                            </Table.Td>
                          );
                        }
                        return (
                          <Table.Td key={q}>
                            <span className="sg-mt-cell" data-state={state} aria-label={label} title={label}>
                              {G[state]}
                            </span>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
          {grid.data && (
            <Group justify="space-between">
              <Text size="sm">
                {G.totals(grid.data.totals.met, grid.data.totals.missed, grid.data.totals.upcoming)}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDate(grid.data.today)}
              </Text>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
