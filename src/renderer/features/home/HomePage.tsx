import { Anchor, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { UI } from '../../../shared/messages';
import { useCommunities, useGrids, useStatus } from '../../api/queries';
import { Empty, PageLoader, QueryError } from '../../components/feedback';
import { districtLine, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { PATHS } from '../../paths';
import { ThreeHaveBadges } from '../communities/ThreeHave';
import { DemoSeedCard } from '../setup/SetupWizard';

const TODO_MAX = 8;

function Stat({ label, value, unit }: { label: string; value: string; unit?: string }) {
  return (
    <Paper withBorder p="md">
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
  const year = rows[0]?.threeHave.year ?? new Date().getFullYear();
  const todo = rows.filter((r) => !(r.threeHave.people && r.threeHave.money && r.threeHave.place));

  return (
    <Stack gap={0} maw={1200}>
      <PageHeader
        title={UI.home.title}
        subtitle={
          street ? `${street.name}  ·  ${UI.home.streetCode} ${street.code}  ·  ${districtLine(street)}` : undefined
        }
        actions={
          <Button component={Link} to={PATHS.communities} variant="light">
            {UI.home.viewList}
          </Button>
        }
      />

      {communities.isPending ? (
        <PageLoader />
      ) : communities.isError ? (
        <QueryError error={communities.error} onRetry={() => void communities.refetch()} />
      ) : (
        <Stack gap="lg">
          {rows.length > 0 && <DemoSeedCard />}
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
                    {UI.home.year(year)}
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
