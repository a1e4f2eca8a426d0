import { Anchor, Button, Group, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import type { StatsDashboardT } from '../../../shared/contract';
import { DASHBOARD, UI } from '../../../shared/messages';
import { formatDateZh } from '../../../shared/validators';
import { useCommunities, useGrids, useStatus } from '../../api/queries';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { districtLine, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { PATHS, withParams } from '../../paths';
import { ThreeHaveBadges } from '../communities/ThreeHave';
import { DemoSeedCard } from '../setup/SetupWizard';
import { ChartCard } from './ChartCard';
import {
  ActivitiesChart,
  CommitmentsChart,
  EmployedAgeChart,
  MeetingsGrid,
  MembersChart,
  NetworkChart,
  ParticipationChart,
  PostsChart,
  SanYouGrid,
} from './DashboardCharts';
import { useDashboard } from './queries';

const D = DASHBOARD.ui;
const THIS_YEAR = new Date().getFullYear();

const TODO_MAX = 8;

function Stat({
  label,
  value,
  unit,
  hint,
  to,
}: {
  label: string;
  value: string;
  unit?: string;
  hint?: string;
  to?: string;
}) {
  const inner = (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group gap={4} align="baseline" mt={4}>
        <Text fz={28} fw={600} lh={1.2} className="sg-num">
          {value}
        </Text>
        {unit && (
          <Text size="sm" c="dimmed">
            {unit}
          </Text>
        )}
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </>
  );
  return to ? (
    <Paper withBorder p="md" component={Link} to={to} className="sg-stat-link">
      {inner}
    </Paper>
  ) : (
    <Paper withBorder p="md">
      {inner}
    </Paper>
  );
}

function Meter({ label, met, total }: { label: string; met: number; total: number }) {
  const pct = total === 0 ? 0 : Math.round((met / total) * 100);
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        <Text size="sm" c="dimmed" className="sg-num">
          {UI.home.metOf(met, total)}
        </Text>
      </Group>
      <Progress value={pct} color={pct === 100 ? 'green' : 'civic'} size="md" radius="sm" aria-label={label} />
    </Stack>
  );
}

export function HomePage() {
  const status = useStatus();
  const communities = useCommunities(false);
  const allGrids = useGrids(undefined);
  const street = status.data?.street ?? null;
  const [params, setParams] = useSearchParams();
  const communityParam = Number(params.get('community'));
  const communityId = Number.isInteger(communityParam) && communityParam > 0 ? communityParam : undefined;
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= THIS_YEAR + 1 ? yearParam : THIS_YEAR;
  const scope = { year, ...(communityId ? { communityId } : {}) };
  const dash = useDashboard(scope);
  const setScope = (patch: { community?: string | null; year?: string | null }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const rows = communities.data ?? [];
  const nCommunity = rows.filter((r) => r.kind === 'community').length;
  const nVillage = rows.length - nCommunity;
  const activeIds = new Set(rows.map((r) => r.id));
  const grids = allGrids.data
    ? allGrids.data.filter((g) => activeIds.has(g.communityId)).length
    : rows.reduce((s, r) => s + r.gridCount, 0);
  const households = rows.reduce((s, r) => s + (r.households ?? 0), 0);
  const population = rows.reduce((s, r) => s + (r.population ?? 0), 0);
  const people = rows.filter((r) => r.threeHave.people).length;
  const money = rows.filter((r) => r.threeHave.money).length;
  const place = rows.filter((r) => r.threeHave.place).length;
  const all = rows.filter((r) => r.threeHave.people && r.threeHave.money && r.threeHave.place).length;
  const threeHaveYear = rows[0]?.threeHave.year ?? THIS_YEAR;
  const todo = rows.filter((r) => !(r.threeHave.people && r.threeHave.money && r.threeHave.place));

  return (
    <Stack gap={0} maw={1400}>
      <PageHeader
        title={D.title}
        subtitle={
          street ? `${street.name}  ·  ${UI.home.streetCode} ${street.code}  ·  ${districtLine(street)}` : undefined
        }
        actions={
          <Group gap="xs" wrap="nowrap">
            <Select
              aria-label={D.scope}
              w={170}
              value={communityId ? String(communityId) : ''}
              onChange={(v) => setScope({ community: v || null })}
              data={[{ value: '', label: D.wholeStreet }, ...rows.map((r) => ({ value: String(r.id), label: r.name }))]}
              allowDeselect={false}
              searchable
            />
            <Select
              aria-label={D.year}
              w={110}
              value={String(year)}
              onChange={(v) => setScope({ year: v && Number(v) !== THIS_YEAR ? v : null })}
              data={Array.from({ length: 5 }, (_, k) => THIS_YEAR - k).map((y) => ({
                value: String(y),
                label: D.yearOption(y),
              }))}
              allowDeselect={false}
            />
          </Group>
        }
      />

      {communities.isPending ? (
        <PageLoader />
      ) : communities.isError ? (
        <QueryError error={communities.error} onRetry={() => void communities.refetch()} />
      ) : (
        <Stack gap="lg">
          {rows.length > 0 && <DemoSeedCard />}
          {rows.length > 0 &&
            (dash.isError ? (
              <QueryError error={dash.error} onRetry={() => void dash.refetch()} />
            ) : !dash.data ? (
              <PageLoader />
            ) : (
              <Dashboard d={dash.data} scope={scope} />
            ))}
          <Group justify="space-between" mt="md">
            <Title order={3} fz={18}>
              {D.streetOverview}
            </Title>
            <Button component={Link} to={PATHS.communities} variant="light" size="xs">
              {UI.home.viewList}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md">
            <Stat label={UI.home.communityCount} value={formatNumber(nCommunity)} unit={UI.common.unitItems} />
            <Stat label={UI.home.villageCount} value={formatNumber(nVillage)} unit={UI.common.unitItems} />
            <Stat label={UI.home.gridCount} value={formatNumber(grids)} unit={UI.common.unitItems} />
            <Stat label={UI.home.households} value={formatNumber(households)} />
            <Stat label={UI.home.population} value={formatNumber(population)} />
          </SimpleGrid>

          {rows.length === 0 ? (
            <Paper withBorder>
              <Empty>{UI.home.emptyCommunities}</Empty>
            </Paper>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Paper withBorder p="lg">
                <Group justify="space-between" mb="md">
                  <Title order={4} fz={16}>
                    {UI.home.threeHave}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {UI.home.year(threeHaveYear)}
                  </Text>
                </Group>
                <Stack gap="md">
                  <Meter label={UI.communities.hasPeople} met={people} total={rows.length} />
                  <Meter label={UI.communities.hasMoney} met={money} total={rows.length} />
                  <Meter label={UI.communities.hasPlace} met={place} total={rows.length} />
                  <Meter label={UI.home.allThree} met={all} total={rows.length} />
                </Stack>
              </Paper>
              <Paper withBorder p="lg">
                <Title order={4} fz={16} mb="md">
                  {UI.home.street}
                </Title>
                {street && (
                  <Stack gap="xs">
                    <InfoRow label={UI.settings.streetName} value={street.name} />
                    <InfoRow label={UI.home.streetCode} value={street.code} mono />
                    <InfoRow label={UI.home.district} value={districtLine(street)} />
                    <InfoRow label={UI.home.contact} value={street.contactPerson} />
                    <InfoRow label={UI.home.contactPhone} value={street.contactPhone} />
                    <InfoRow label={UI.home.address} value={street.address} />
                  </Stack>
                )}
              </Paper>
            </SimpleGrid>
          )}

          {rows.length > 0 && (
            <Paper withBorder p="lg">
              <Title order={4} fz={16} mb="sm">
                {UI.home.todo}
              </Title>
              {todo.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {UI.home.todoNone}
                </Text>
              ) : (
                <>
                  <Table verticalSpacing={6} horizontalSpacing="sm" highlightOnHover>
                    <Table.Tbody>
                      {todo.slice(0, TODO_MAX).map((r) => (
                        <Table.Tr key={r.id}>
                          <Table.Td w={150} className="sg-code" c="dimmed">
                            {r.code}
                          </Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={PATHS.community(r.id)} size="sm">
                              {r.name}
                            </Anchor>
                          </Table.Td>
                          <Table.Td w={170}>
                            <ThreeHaveBadges value={r.threeHave} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  {todo.length > TODO_MAX && (
                    <Anchor component={Link} to={PATHS.communities} size="sm" mt="sm" display="inline-block">
                      {UI.home.todoMore(todo.length - TODO_MAX)}
                    </Anchor>
                  )}
                </>
              )}
            </Paper>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function Dashboard({ d, scope }: { d: StatsDashboardT; scope: { communityId?: number; year: number } }) {
  const r = d.members.employedReporting;
  const communityRow = (i: number) => d.communities[i]?.id;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} spacing="md">
        <Stat
          label={D.members}
          value={formatNumber(d.members.total)}
          unit={D.unitPeople}
          to={withParams(PATHS.members, { community: scope.communityId })}
        />
        <Stat
          label={DASHBOARD.tables.reportedEmployed}
          value={formatNumber(r.reported)}
          unit={D.unitPeople}
          hint={D.reportedOf(r.reported, r.employed)}
          to={withParams(PATHS.members, { category: 'employed', reported: 1, community: scope.communityId })}
        />
        <Stat
          label={D.activities}
          value={formatNumber(d.activities.total)}
          unit={D.unitTimes}
          to={withParams(PATHS.activities, {
            from: `${d.year}-01-01`,
            to: `${d.year}-12-31`,
            community: scope.communityId,
          })}
        />
        <Stat label={D.hours} value={formatNumber(d.activities.hours)} unit={D.unitHours} />
        <Stat label={D.served} value={formatNumber(d.activities.residentsServed)} unit={D.unitVisits} />
        <Stat
          label={D.decisionsOpen}
          value={formatNumber(d.decisions.open)}
          unit={D.unitItems}
          hint={D.decisionsOverdue(d.decisions.overdue)}
          to={withParams(PATHS.decisions, {
            status: d.decisions.overdue > 0 ? 'overdue' : 'open',
            community: scope.communityId,
          })}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {`${D.todayNote(formatDateZh(d.today))}；${D.clickHint}`}
      </Text>
      <ChartCard chart="activities" data={d} query={scope}>
        <ActivitiesChart d={d} scope={scope} />
      </ChartCard>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartCard
          chart="members"
          data={d}
          query={scope}
          rowLink={(i) => withParams(PATHS.members, { community: communityRow(i) })}
        >
          <MembersChart d={d} />
        </ChartCard>
        <ChartCard chart="employedAge" data={d} query={scope}>
          <EmployedAgeChart d={d} scope={scope} />
        </ChartCard>
        <ChartCard chart="network" data={d} query={scope} rowLink={(i) => PATHS.network(communityRow(i))}>
          <NetworkChart d={d} />
        </ChartCard>
        <ChartCard
          chart="participation"
          data={d}
          query={scope}
          rowLink={(i) => withParams(PATHS.participation, { community: communityRow(i), period: d.year })}
          note={D.thresholdsNote(d.participation.thresholds.atLeastOne, d.participation.thresholds.atLeastFour)}
        >
          <ParticipationChart d={d} scope={scope} />
        </ChartCard>
        <ChartCard
          chart="posts"
          data={d}
          query={scope}
          rowLink={(i) => withParams(PATHS.posts, { community: communityRow(i) })}
        >
          <PostsChart d={d} />
        </ChartCard>
        <ChartCard
          chart="commitments"
          data={d}
          query={scope}
          rowLink={(i) => withParams(PATHS.agreements, { community: communityRow(i), year: d.year })}
        >
          <CommitmentsChart d={d} scope={scope} />
        </ChartCard>
        <ChartCard chart="meetings" data={d} query={scope}>
          <MeetingsGrid d={d} scope={scope} />
        </ChartCard>
        <ChartCard chart="sanYou" data={d} query={scope} rowLink={(i) => PATHS.community(communityRow(i) ?? 0)}>
          <SanYouGrid d={d} />
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}

function InfoRow({ label, value, mono }: { label: string; value: string | null; mono?: boolean }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={96} className="sg-nowrap">
        {label}
      </Text>
      <Text size="sm" className={mono ? 'sg-code' : undefined} c={value ? undefined : 'dimmed'}>
        {value || UI.common.notSet}
      </Text>
    </Group>
  );
}
