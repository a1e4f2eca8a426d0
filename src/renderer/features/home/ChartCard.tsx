// One dashboard panel: a title, 图表 / 表格 toggle, 导出 Excel (the same table, written by core), and either the
// chart or the table behind it. Table cells that have records behind them link to the matching list.
import { Anchor, Button, Group, Paper, ScrollArea, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { dashboardTable, percent, type DashboardChart } from '../../../shared/dashboard-tables';
import type { StatsDashboardT } from '../../../shared/contract';
import { DASHBOARD } from '../../../shared/messages';
import { downloadFile } from '../../api/files';
import { useMutationFor } from '../../api/queries';
import { formatNumber } from '../../components/format';
import { notifyError, notifySaved } from '../../components/notify';

const U = DASHBOARD.ui;

export function ChartCard({
  chart,
  data,
  query,
  rowLink,
  note,
  children,
}: {
  chart: DashboardChart;
  data: StatsDashboardT;
  query: { communityId?: number; year?: number };
  /** Where a table row leads (its first cell becomes a link), by row index. */
  rowLink?: (row: number) => string | null;
  note?: ReactNode;
  children: ReactNode;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const table = dashboardTable(data, chart);
  const excel = useMutationFor('excel.exportDashboard', {
    onSuccess: (file) => {
      downloadFile(file);
      notifySaved(U.exported(file.fileName));
    },
    onError: notifyError,
  });
  const cell = (v: string | number, col: number) =>
    typeof v === 'number' ? (table.percentColumns.includes(col) ? percent(v) : formatNumber(v)) : v;

  return (
    <Paper withBorder p="md" data-chart={chart}>
      <Group justify="space-between" mb="sm" wrap="nowrap" gap="xs">
        <Title order={4} fz={15} className="sg-nowrap">
          {table.title}
        </Title>
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            data={[
              { value: 'chart', label: U.chartView },
              { value: 'table', label: U.tableView },
            ]}
            aria-label={`${table.title} ${U.chartView}/${U.tableView}`}
          />
          <Button
            size="compact-xs"
            variant="default"
            loading={excel.isPending}
            onClick={() => excel.mutate({ ...query, chart })}
          >
            {U.exportExcel}
          </Button>
        </Group>
      </Group>
      {view === 'chart' ? (
        children
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          <Table striped withTableBorder withColumnBorders verticalSpacing={4} fz="sm" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c, k) => (
                  <Table.Th key={k} ta={k === 0 ? 'left' : 'right'} className="sg-nowrap">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((r, i) => {
                const to = rowLink?.(i) ?? null;
                return (
                  <Table.Tr key={i}>
                    {r.map((v, k) => (
                      <Table.Td key={k} ta={k === 0 ? 'left' : 'right'} className={k === 0 ? undefined : 'sg-num'}>
                        {k === 0 && to ? (
                          <Anchor component={Link} to={to} size="sm">
                            {v}
                          </Anchor>
                        ) : (
                          cell(v, k)
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
              {table.total && (
                <Table.Tr fw={600}>
                  {table.total.map((v, k) => (
                    <Table.Td key={k} ta={k === 0 ? 'left' : 'right'} className={k === 0 ? undefined : 'sg-num'}>
                      {cell(v, k)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {note && (
        <Text size="xs" c="dimmed" mt="xs">
          {note}
        </Text>
      )}
    </Paper>
  );
}
