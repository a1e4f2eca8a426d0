// The unit page's section 本单位党员参加社区活动情况: its members' activities and hours (all time, a year or a
// half-year), and what the unit itself took part in.
import { Anchor, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ACTIVITY, UI } from '../../../shared/messages';
import { todayIso } from '../../../shared/period';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { PATHS } from '../../paths';
import { useUnitParticipation } from './queries';
import { hoursText, round2 } from './shared';

const U = ACTIVITY.ui;
const S = ACTIVITY.screens;
const D = ACTIVITY.doc;

function periodOptions(): { value: string; label: string }[] {
  const y = Number(todayIso().slice(0, 4));
  const out: { value: string; label: string }[] = [{ value: '', label: S.allTime }];
  for (const year of [y, y - 1]) {
    out.push({ value: String(year), label: S.yearOption(year) });
    out.push({ value: `${year}H2`, label: `${year}${S.secondHalf}` });
    out.push({ value: `${year}H1`, label: `${year}${S.firstHalf}` });
  }
  return out;
}

export function UnitParticipation({ unitId }: { unitId: number }) {
  const [period, setPeriod] = useState('');
  const q = useUnitParticipation(unitId, period);
  const d = q.data;
  return (
    <Paper withBorder p="lg" mt="md">
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={4} fz={16}>
            {U.unitParticipation}
          </Title>
          {d && (
            <Text size="sm" c="dimmed">
              {U.unitTotal(d.totals.members, d.totals.activities, round2(d.totals.hours))}
              {S.unitSelf(d.unitActivities, hoursText(d.unitHours))}
            </Text>
          )}
        </Stack>
        <Select
          aria-label={U.period}
          data={periodOptions()}
          value={period}
          onChange={(v) => setPeriod(v ?? '')}
          allowDeselect={false}
          w={150}
        />
      </Group>
      {q.isPending ? (
        <PageLoader />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : d && d.rows.length === 0 ? (
        <Empty>{S.unitNoReported}</Empty>
      ) : d ? (
        <Table
          striped
          withTableBorder
          verticalSpacing={6}
          fz="sm"
          aria-label={U.unitParticipation}
          style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{D.name}</Table.Th>
              <Table.Th w={180}>{D.idNumber}</Table.Th>
              <Table.Th>{S.residenceCommunity}</Table.Th>
              <Table.Th w={140}>{D.reportDate}</Table.Th>
              <Table.Th w={110} ta="right">
                {D.activities}
              </Table.Th>
              <Table.Th w={130} ta="right">
                {D.hours}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.rows.map((r) => (
              <Table.Tr key={r.memberId}>
                <Table.Td fw={500} className="sg-nowrap">
                  <Anchor component={Link} to={PATHS.member(r.memberId)} size="sm">
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td className="sg-code sg-nowrap">{r.idMasked}</Table.Td>
                <Table.Td>{r.communityName}</Table.Td>
                <Table.Td className="sg-nowrap">{r.reportDate ? formatDate(r.reportDate) : UI.common.dash}</Table.Td>
                <Table.Td ta="right" c={r.activities === 0 ? 'orange.8' : undefined}>
                  {r.activities}
                </Table.Td>
                <Table.Td ta="right">{hoursText(r.hours)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}
