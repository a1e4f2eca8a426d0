// "三有" (有人管事, 有钱办事, 有处议事): small badges for tables and the always-visible panel of the detail page.
import { Badge, Group, Paper, SimpleGrid, Text, ThemeIcon, Tooltip } from '@mantine/core';
import type { SettingsT, ThreeHaveT } from '../../../shared/contract';
import { UI } from '../../../shared/messages';
import { useSettings } from '../../api/queries';
import { IconAlert, IconCheck } from '../../components/icons';

type Key = 'people' | 'money' | 'place';

function items(settings: SettingsT | undefined): { key: Key; short: string; label: string; rule: string }[] {
  return [
    {
      key: 'people',
      short: UI.communities.hasPeople.slice(0, 2),
      label: UI.communities.hasPeople,
      rule: UI.communities.hasPeopleRule,
    },
    {
      key: 'money',
      short: UI.communities.hasMoney.slice(0, 2),
      label: UI.communities.hasMoney,
      rule: UI.communities.hasMoneyRule(settings?.minFunding ?? 0),
    },
    {
      key: 'place',
      short: UI.communities.hasPlace.slice(0, 2),
      label: UI.communities.hasPlace,
      rule: UI.communities.hasPlaceRule(settings?.minSpaceArea ?? 0),
    },
  ];
}

/** 有人 / 有钱 / 有处 badges: green when met, gray when not; the tooltip gives the rule. */
export function ThreeHaveBadges({ value }: { value: ThreeHaveT }) {
  const settings = useSettings();
  return (
    <Group gap={4} wrap="nowrap">
      {items(settings.data).map((it) => {
        const met = value[it.key];
        return (
          <Tooltip
            key={it.key}
            multiline
            w={260}
            label={`${it.label}：${met ? UI.communities.met : UI.communities.notMet}。${UI.communities.rule}：${it.rule}`}
          >
            <Badge
              size="sm"
              radius="sm"
              variant={met ? 'filled' : 'light'}
              color={met ? 'green.7' : 'gray'}
              tt="none"
              fw={500}
              style={{ flexShrink: 0, overflow: 'visible' }}
              aria-label={`${it.label}${met ? UI.communities.met : UI.communities.notMet}`}
            >
              {it.short}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}

/** Three cards with 达标/未达标 and the rule text, using the thresholds from settings. */
export function ThreeHavePanel({ value, vertical = false }: { value: ThreeHaveT; vertical?: boolean }) {
  const settings = useSettings();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>{UI.communities.threeHave}</Text>
        <Text size="xs" c="dimmed">
          {UI.communities.threeHaveYear(value.year)}
        </Text>
      </Group>
      <SimpleGrid cols={vertical ? 1 : 3} spacing="sm">
        {items(settings.data).map((it) => {
          const met = value[it.key];
          return (
            <Paper
              key={it.key}
              p="sm"
              radius="sm"
              bg={met ? 'green.0' : 'gray.0'}
              style={{ border: `1px solid var(--mantine-color-${met ? 'green-2' : 'gray-3'})` }}
            >
              <Group gap="xs" wrap="nowrap" mb={6}>
                <ThemeIcon size={22} radius="xl" color={met ? 'green.7' : 'gray.5'} variant="filled">
                  {met ? <IconCheck size={14} /> : <IconAlert size={14} />}
                </ThemeIcon>
                <Text fw={600} size="sm" className="sg-nowrap">
                  {it.label}
                </Text>
                <Text size="sm" c={met ? 'green.8' : 'dimmed'} fw={500} className="sg-nowrap" ml="auto">
                  {met ? UI.communities.met : UI.communities.notMet}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" lh={1.5}>
                {it.rule}
              </Text>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}
