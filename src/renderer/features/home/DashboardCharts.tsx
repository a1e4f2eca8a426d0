// The dashboard's charts (recharts). Per-community charts are horizontal bars, one row per community at a fixed row
// height inside a scroll area, so 30 communities stay readable; every bar opens the records behind it.
import { Box, Group, ScrollArea, SimpleGrid, Text, Tooltip as Tip, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { StatsDashboardT } from '../../../shared/contract';
import { percent } from '../../../shared/dashboard-tables';
import { ACTIVITY_CATEGORY_LABELS, MEMBER_CATEGORY_LABELS } from '../../../shared/enums';
import { DASHBOARD } from '../../../shared/messages';
import { formatNumber } from '../../components/format';
import { PATHS, withParams } from '../../paths';

const T = DASHBOARD.tables;
const U = DASHBOARD.ui;
/** Distinct, print-safe colours (ColorBrewer-like), in series order. */
export const PALETTE = ['#2f6db5', '#e08a2c', '#3b9a5b', '#c2484d', '#7a5cb0', '#8c6d46', '#d46fa8', '#6f7b87'];
/** Activity categories need more distinct colours than the palette has. */
const CATEGORY_COLORS = [
  '#2f6db5',
  '#e08a2c',
  '#3b9a5b',
  '#c2484d',
  '#7a5cb0',
  '#8c6d46',
  '#d46fa8',
  '#6f7b87',
  '#17a2b8',
  '#b5a22f',
  '#9ecae1',
  '#fdae6b',
  '#a1d99b',
  '#bcbddc',
  '#f4a3a8',
  '#5e8c31',
];
const ROW = 26;
const AXIS = { fontSize: 12, fill: '#495057' };
const NAME_WIDTH = 112;

export type Scope = { communityId?: number; year: number };

const keyOf = <K extends string>(labels: Record<K, string>, label: string) =>
  (Object.keys(labels) as K[]).find((k) => labels[k] === label);

/** Horizontal bars, one row per community, scrolling past 16 rows. */
function PerCommunity({ rows, children }: { rows: number; children: React.ReactElement }) {
  const height = Math.max(120, rows * ROW + 56);
  return (
    <ScrollArea.Autosize mah={16 * ROW + 56} type="auto">
      <Box h={height} miw={360}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </Box>
    </ScrollArea.Autosize>
  );
}

const pct = (v: unknown) => percent(Number(v));
const num = (v: unknown) => formatNumber(Number(v));

export function MembersChart({ d }: { d: StatsDashboardT }) {
  const navigate = useNavigate();
  const cats = ['在职党员', '离退休党员', '流动党员'] as const;
  const data = d.communities.map((c) => ({ id: c.id, name: c.name, ...d.members.byCommunityCategory[c.code] }));
  return (
    <PerCommunity rows={data.length}>
      <BarChart layout="vertical" data={data} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={NAME_WIDTH} tick={AXIS} interval={0} />
        <Tooltip formatter={num} />
        <Legend verticalAlign="top" height={28} itemSorter={null} />
        {cats.map((label, i) => (
          <Bar
            key={label}
            dataKey={label}
            stackId="m"
            fill={PALETTE[i]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(bar) => {
              const row = bar.payload as { id: number };
              navigate(
                withParams(PATHS.members, { community: row.id, category: keyOf(MEMBER_CATEGORY_LABELS, label) }),
              );
            }}
          />
        ))}
      </BarChart>
    </PerCommunity>
  );
}

export function EmployedAgeChart({ d, scope }: { d: StatsDashboardT; scope: Scope }) {
  const navigate = useNavigate();
  const data = d.members.employedAge.map((b) => ({
    name: b.label,
    [T.reported]: b.reported,
    [T.notReported]: b.count - b.reported,
  }));
  const go = (reported: '1' | '0') =>
    navigate(withParams(PATHS.members, { community: scope.communityId, category: 'employed', reported }));
  return (
    <Box h={260}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis allowDecimals={false} tick={AXIS} />
          <Tooltip formatter={num} />
          <Legend verticalAlign="top" height={28} itemSorter={null} />
          <Bar
            dataKey={T.reported}
            stackId="e"
            fill={PALETTE[2]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={() => go('1')}
          />
          <Bar
            dataKey={T.notReported}
            stackId="e"
            fill={PALETTE[7]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={() => go('0')}
          />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}

export function NetworkChart({ d }: { d: StatsDashboardT }) {
  const navigate = useNavigate();
  const data = d.communities.map((c) => {
    const n = d.network.byCommunity[c.code]!;
    return { id: c.id, name: c.name, [U.inNetwork]: n.members - n.notInNetwork, [T.notInNetwork]: n.notInNetwork };
  });
  return (
    <PerCommunity rows={data.length}>
      <BarChart layout="vertical" data={data} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={NAME_WIDTH} tick={AXIS} interval={0} />
        <Tooltip formatter={num} />
        <Legend verticalAlign="top" height={28} itemSorter={null} />
        {[U.inNetwork, T.notInNetwork].map((k, i) => (
          <Bar
            key={k}
            dataKey={k}
            stackId="n"
            fill={i === 0 ? PALETTE[0] : '#ced4da'}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(bar) => navigate(PATHS.network((bar.payload as { id: number }).id))}
          />
        ))}
      </BarChart>
    </PerCommunity>
  );
}

export function ActivitiesChart({ d, scope }: { d: StatsDashboardT; scope: Scope }) {
  const navigate = useNavigate();
  const cats = Object.keys(d.activities.byCategory);
  const data = Object.entries(d.activities.byMonthCategory).map(([ym, byCat]) => ({
    ym,
    name: T.month(ym),
    ...byCat,
    // The line stops at the office's month: months still to come have no hours yet, not zero hours.
    [U.hoursLine]: ym > d.today.slice(0, 7) ? null : (d.activities.hoursByMonth[ym] ?? 0),
  }));
  return (
    <Box h={300}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis yAxisId="n" allowDecimals={false} tick={AXIS} />
          <YAxis yAxisId="h" orientation="right" tick={AXIS} />
          <Tooltip formatter={num} />
          <Legend verticalAlign="top" height={48} itemSorter={null} />
          {cats.map((label, i) => (
            <Bar
              key={label}
              yAxisId="n"
              dataKey={label}
              stackId="a"
              fill={CATEGORY_COLORS[i % CATEGORY_COLORS.length]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(bar) =>
                navigate(
                  withParams(PATHS.activities, {
                    month: (bar.payload as { ym: string }).ym,
                    category: keyOf(ACTIVITY_CATEGORY_LABELS, label),
                    community: scope.communityId,
                  }),
                )
              }
            />
          ))}
          <Line
            yAxisId="h"
            type="linear"
            dataKey={U.hoursLine}
            stroke="#212529"
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </Box>
  );
}

export function ParticipationChart({ d, scope }: { d: StatsDashboardT; scope: Scope }) {
  const navigate = useNavigate();
  const th = d.participation.thresholds;
  const one = U.share1(th.atLeastOne);
  const four = U.share1(th.atLeastFour);
  const data = d.communities.map((c) => {
    const p = d.participation.byCommunity[c.code]!;
    return {
      id: c.id,
      name: c.name,
      [one]: p.reported ? p.atLeastOne / p.reported : 0,
      [four]: p.reported ? p.atLeastFour / p.reported : 0,
    };
  });
  return (
    <PerCommunity rows={data.length * 1.6}>
      <BarChart layout="vertical" data={data} margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barGap={1}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 1]} tickFormatter={pct} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={NAME_WIDTH} tick={AXIS} interval={0} />
        <Tooltip formatter={pct} />
        <Legend verticalAlign="top" height={28} itemSorter={null} />
        {[one, four].map((k, i) => (
          <Bar
            key={k}
            dataKey={k}
            fill={i === 0 ? PALETTE[0] : PALETTE[1]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(bar) =>
              navigate(
                withParams(PATHS.participation, { community: (bar.payload as { id: number }).id, period: scope.year }),
              )
            }
          />
        ))}
      </BarChart>
    </PerCommunity>
  );
}

export function PostsChart({ d }: { d: StatsDashboardT }) {
  const navigate = useNavigate();
  const data = d.communities.map((c) => ({
    id: c.id,
    name: c.name,
    [T.claimRate]: d.posts.byCommunity[c.code]?.claimRate ?? 0,
  }));
  return (
    <PerCommunity rows={data.length}>
      <BarChart layout="vertical" data={data} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 1]} tickFormatter={pct} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={NAME_WIDTH} tick={AXIS} interval={0} />
        <Tooltip formatter={pct} />
        <Bar
          dataKey={T.claimRate}
          fill={PALETTE[2]}
          isAnimationActive={false}
          cursor="pointer"
          onClick={(bar) => navigate(withParams(PATHS.posts, { community: (bar.payload as { id: number }).id }))}
        />
      </BarChart>
    </PerCommunity>
  );
}

export function CommitmentsChart({ d, scope }: { d: StatsDashboardT; scope: Scope }) {
  const navigate = useNavigate();
  const data = d.communities.map((c) => {
    const k = d.commitments.byCommunity[c.code] ?? { total: 0, done: 0, inProgress: 0, overdue: 0 };
    return {
      id: c.id,
      name: c.name,
      [T.done]: k.done,
      [T.inProgress]: k.inProgress,
      [T.notStarted]: k.total - k.done - k.inProgress,
      [T.overdue]: k.overdue,
    };
  });
  const series = [
    { key: T.done, color: PALETTE[2], stack: 's' },
    { key: T.inProgress, color: PALETTE[0], stack: 's' },
    { key: T.notStarted, color: '#ced4da', stack: 's' },
    { key: T.overdue, color: PALETTE[3], stack: 'o' },
  ];
  return (
    <PerCommunity rows={data.length * 1.5}>
      <BarChart layout="vertical" data={data} margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barGap={1}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={NAME_WIDTH} tick={AXIS} interval={0} />
        <Tooltip formatter={num} />
        <Legend verticalAlign="top" height={28} itemSorter={null} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            stackId={s.stack}
            fill={s.color}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(bar) =>
              navigate(
                withParams(PATHS.agreements, {
                  community: (bar.payload as { id: number }).id,
                  year: scope.year,
                  overdue: s.key === T.overdue ? 1 : undefined,
                }),
              )
            }
          />
        ))}
      </BarChart>
    </PerCommunity>
  );
}

const STATE_COLOR: Record<string, string> = { met: '#3b9a5b', missed: '#c2484d', upcoming: '#e9ecef' };

/** Communities × quarters, coloured; a missed quarter stands out. Clicking opens the compliance grid. */
export function MeetingsGrid({ d, scope }: { d: StatsDashboardT; scope: Scope }) {
  const navigate = useNavigate();
  const open = () => navigate(`${PATHS.meetingsTab('compliance')}&year=${scope.year}`);
  return (
    <Box>
      <ScrollArea.Autosize mah={16 * ROW + 40} type="auto">
        <Box
          component="table"
          style={{ borderCollapse: 'separate', borderSpacing: 3, width: '100%' }}
          aria-label={T.meetings}
        >
          <thead>
            <tr>
              <Text component="th" size="xs" c="dimmed" ta="left" fw={500}>
                {T.community}
              </Text>
              {T.quarters.map((q) => (
                <Text component="th" key={q} size="xs" c="dimmed" fw={500} w={64}>
                  {q}
                </Text>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.communities.map((c) => {
              const q = d.meetings.compliance[c.code];
              return (
                <tr key={c.code}>
                  <Text component="td" size="sm" className="sg-nowrap" pr="xs">
                    {c.name}
                  </Text>
                  {(['Q1', 'Q2', 'Q3', 'Q4'] as const).map((k) => {
                    const state = q?.[k];
                    const label = state ? (T.quarterState[state] ?? state) : U.legendNoBody;
                    return (
                      <td key={k}>
                        <Tip label={`${c.name} ${T.quarters[Number(k[1]) - 1]}：${label}`} withArrow>
                          <UnstyledButton
                            onClick={open}
                            aria-label={`${c.name} ${k} ${label}`}
                            style={{
                              display: 'block',
                              width: '100%',
                              height: 20,
                              borderRadius: 3,
                              background: state
                                ? STATE_COLOR[state]
                                : 'repeating-linear-gradient(45deg,#f1f3f5,#f1f3f5 4px,#fff 4px,#fff 8px)',
                            }}
                          />
                        </Tip>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </Box>
      </ScrollArea.Autosize>
      <Group gap="md" mt="xs">
        {(['met', 'missed', 'upcoming'] as const).map((s) => (
          <Group key={s} gap={4}>
            <Box w={12} h={12} style={{ background: STATE_COLOR[s], borderRadius: 2, border: '1px solid #dee2e6' }} />
            <Text size="xs" c="dimmed">
              {T.quarterState[s]}
            </Text>
          </Group>
        ))}
      </Group>
    </Box>
  );
}

/** 三有 as small multiples: one tile per community, three marks each (人 / 钱 / 处). */
export function SanYouGrid({ d }: { d: StatsDashboardT }) {
  const navigate = useNavigate();
  const marks = [
    { k: 'people', label: T.people },
    { k: 'money', label: T.money },
    { k: 'place', label: T.place },
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing={6} verticalSpacing={6}>
      {d.communities.map((c) => {
        const s = d.sanYou[c.code]!;
        const all = s.people && s.money && s.place;
        return (
          <UnstyledButton
            key={c.code}
            onClick={() => navigate(PATHS.community(c.id))}
            p={6}
            style={{ border: `1px solid ${all ? '#b2dfc0' : '#f1c6c8'}`, borderRadius: 4 }}
            aria-label={`${c.name} ${marks.map((m) => `${m.label}${s[m.k] ? T.yes : T.no}`).join(' ')}`}
          >
            <Text size="xs" fw={500} truncate>
              {c.name}
            </Text>
            <Group gap={4} mt={4} wrap="nowrap">
              {marks.map((m) => (
                <Tip key={m.k} label={`${m.label}：${s[m.k] ? T.yes : T.no}`} withArrow>
                  <Text
                    size="xs"
                    px={4}
                    style={{
                      borderRadius: 3,
                      background: s[m.k] ? '#3b9a5b' : '#f8f9fa',
                      color: s[m.k] ? '#fff' : '#c2484d',
                      border: s[m.k] ? 'none' : '1px solid #f1c6c8',
                    }}
                  >
                    {m.label.slice(1, 2)}
                  </Text>
                </Tip>
              ))}
            </Group>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
