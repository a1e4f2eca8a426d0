// The 服务活动 tab of the member drawer: every activity the member took part in, newest first, with total hours.
import { Anchor, Loader, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ACTIVITY_CATEGORY_LABELS } from '../../../shared/enums';
import { ACTIVITY } from '../../../shared/messages';
import { QueryError } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { PATHS } from '../../paths';
import { useMemberActivities } from './queries';
import { hoursText, round2 } from './shared';

const U = ACTIVITY.ui;
const S = ACTIVITY.screens;

export function MemberActivitiesTab({ memberId }: { memberId: number }) {
  const q = useMemberActivities(memberId);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Loader size="sm" />;
  const { rows, count, totalHours } = q.data;
  if (rows.length === 0) return <Text c="dimmed">{S.memberNoActivities}</Text>;
  return (
    <Stack gap="sm">
      <Text size="sm" fw={500}>
        {U.memberTotal(count, round2(totalHours))}
      </Text>
      <Table striped verticalSpacing={5} horizontalSpacing={8} fz="sm" aria-label={U.memberActivities}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>{U.date}</Table.Th>
            <Table.Th>{S.titleCol}</Table.Th>
            <Table.Th w={80}>{U.category}</Table.Th>
            <Table.Th w={64} ta="right">
              {S.hoursShort}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.participantId}>
              <Table.Td className="sg-nowrap">{formatDate(r.date)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={PATHS.activity(r.activityId)} size="sm">
                  {r.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {r.communityName ?? U.streetWide}
                  {r.role ? ` · ${r.role}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{ACTIVITY_CATEGORY_LABELS[r.category]}</Table.Td>
              <Table.Td ta="right">{hoursText(r.hours)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
