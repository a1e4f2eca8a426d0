import { AppShell, Badge, Box, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { StreetT } from '../../shared/contract';
import { APP_NAME, UI } from '../../shared/messages';
import { useSettings } from '../api/queries';
import { ErrorBoundary } from './ErrorBoundary';
import { districtLine } from './format';
import { AppMark, IconBuildings, IconHistory, IconHome, IconSettings } from './icons';
import { IconNetwork } from '../features/network/NetworkIcon';
import { IconUnits } from '../features/units/UnitsIcon';
import { IconMembers } from '../features/members/MembersIcon';
import { IconAgreements, IconPosts, IconTeams } from '../features/cobuild/CobuildIcons';
import { COBUILD } from '../../shared/messages';
// ---- cobuild icon imports: insert above this line ----
import { IconActivities, IconEvaluations, IconParticipation } from '../features/activities/ActivityIcons';
import { ACTIVITY } from '../../shared/messages';
// ---- activity icon imports: insert above this line ----
import { IconDecisions, IconMeetings } from '../features/meetings/MeetingIcons';
import { MEETING_UI } from '../../shared/messages';
// ---- meeting icon imports: insert above this line ----
import { IconScorecard, IconStatistics } from '../features/statistics/StatsIcons';
import { STATS_UI } from '../../shared/messages';
// ---- stats icon imports: insert above this line ----
import { IconDistrict, IconExchange } from '../features/exchange/ExchangeIcons';
import { EXCHANGE } from '../../shared/messages';
// ---- exchange icon imports: insert above this line ----
import { IconBackup } from '../features/backup/BackupIcon';
import { BACKUP } from '../../shared/messages';
// ---- backup icon imports: insert above this line ----

export const HEADER_HEIGHT = 56;

const NAV = [
  { to: '/', label: UI.nav.home, icon: IconHome, exact: true },
  { to: '/communities', label: UI.nav.communities, icon: IconBuildings, exact: false },
  { to: '/members', label: UI.members.nav, icon: IconMembers, exact: false },
  { to: '/units', label: UI.units.nav, icon: IconUnits, exact: false },
  { to: '/network', label: UI.network.nav, icon: IconNetwork, exact: false },
  { to: '/agreements', label: COBUILD.ui.nav.agreements, icon: IconAgreements, exact: false },
  { to: '/posts', label: COBUILD.ui.nav.posts, icon: IconPosts, exact: false },
  { to: '/teams', label: COBUILD.ui.nav.teams, icon: IconTeams, exact: false },
  // ---- cobuild nav (共建协议 / 服务岗位 / 志愿服务队): insert above this line ----
  { to: '/activities', label: ACTIVITY.screens.nav.activities, icon: IconActivities, exact: false },
  { to: '/participation', label: ACTIVITY.screens.nav.participation, icon: IconParticipation, exact: false },
  { to: '/evaluations', label: ACTIVITY.screens.nav.evaluations, icon: IconEvaluations, exact: false },
  // ---- activity nav (服务活动 / 统计表 / 评价与反馈表): insert above this line ----
  { to: '/meetings', label: MEETING_UI.nav.meetings, icon: IconMeetings, exact: false },
  { to: '/decisions', label: MEETING_UI.nav.decisions, icon: IconDecisions, exact: false },
  // ---- meeting nav (协调议事会议 / 议定事项): insert above this line ----
  { to: '/statistics', label: STATS_UI.nav.statistics, icon: IconStatistics, exact: false },
  { to: '/scorecard', label: STATS_UI.nav.scorecard, icon: IconScorecard, exact: false },
  // ---- stats nav (统计 / 目标考评): insert above this line ----
  { to: '/exchange', label: EXCHANGE.ui.nav.exchange, icon: IconExchange, exact: false },
  { to: '/district', label: EXCHANGE.ui.nav.district, icon: IconDistrict, exact: false },
  // ---- exchange nav (数据交换包 / 区级汇总): insert above this line ----
  { to: '/backup', label: BACKUP.ui.nav, icon: IconBackup, exact: false },
  // ---- backup nav (备份与恢复): insert above this line ----
  { to: '/audit', label: UI.nav.audit, icon: IconHistory, exact: false },
  { to: '/settings', label: UI.nav.settings, icon: IconSettings, exact: false },
] as const;

export function AppLayout({ street, children }: { street: StreetT | null; children: ReactNode }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const settings = useSettings();

  // A new page starts at the top (the router keeps the window's scroll position otherwise).
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <AppShell header={{ height: HEADER_HEIGHT }} navbar={{ width: 184, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <AppMark />
            <Text fw={700} size="lg" className="sg-nowrap">
              {APP_NAME}
            </Text>
            {street && (
              <Group
                gap={8}
                wrap="nowrap"
                ml="md"
                pl="md"
                style={{ borderLeft: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Text fw={600} className="sg-nowrap">
                  {street.name}
                </Text>
                <Text c="dimmed" size="sm" className="sg-nowrap">
                  {districtLine(street)}
                </Text>
              </Group>
            )}
          </Group>
          {settings.data && (
            <Badge variant="light" color="gray" size="lg" radius="sm" fw={500} tt="none">
              {UI.app.operator(settings.data.operatorName)}
            </Badge>
          )}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={UI.app.mainNav}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>
            {NAV.map((item) => {
              const active = item.exact
                ? pathname === item.to
                : pathname === item.to || pathname.startsWith(`${item.to}/`);
              const Icon = item.icon;
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  leftSection={<Icon size={18} />}
                  active={active}
                  variant="light"
                  styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' }, label: { fontSize: 15 } }}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
        {street && (
          <AppShell.Section>
            <Box px="sm" py="xs">
              <Text size="xs" c="dimmed">
                {UI.wizard.codeLabel}
              </Text>
              <Text size="sm" className="sg-code">
                {street.code}
              </Text>
            </Box>
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main>
        <ErrorBoundary key={pathname} onHome={() => navigate('/')}>
          {children}
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
