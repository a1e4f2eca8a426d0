export const PATHS = {
  home: '/',
  communities: '/communities',
  community: (id: number, tab?: string) => `/communities/${id}${tab ? `?tab=${tab}` : ''}`,
  units: '/units',
  unit: (id: number) => `/units/${id}`,
  network: (communityId?: number) => `/network${communityId ? `?community=${communityId}` : ''}`,
  members: '/members',
  /** The member list with one member's drawer open. */
  member: (id: number) => `/members?member=${id}`,
  agreements: '/agreements',
  agreement: (id: number) => `/agreements/${id}`,
  posts: '/posts',
  post: (id: number) => `/posts/${id}`,
  teams: '/teams',
  team: (id: number) => `/teams/${id}`,
  // ---- cobuild paths: insert above this line ----
  activities: '/activities',
  activityNew: '/activities/new',
  activity: (id: number) => `/activities/${id}`,
  participation: '/participation',
  evaluations: '/evaluations',
  // ---- activity paths: insert above this line ----
  meetings: '/meetings',
  meetingsTab: (tab: 'list' | 'bodies' | 'compliance') => `/meetings${tab === 'list' ? '' : `?tab=${tab}`}`,
  meetingNew: '/meetings/new',
  meeting: (id: number) => `/meetings/${id}`,
  minutes: (meetingId: number) => `/meetings/${meetingId}/minutes`,
  decisions: '/decisions',
  // ---- meeting paths: insert above this line ----
  statistics: '/statistics',
  /** A 统计表 by kind (members / activities / participation / cobuild / meetings), period and community. */
  statisticsTable: (table: string, period?: string, communityId?: number) =>
    `/statistics?table=${table}${period ? `&period=${period}` : ''}${communityId ? `&community=${communityId}` : ''}`,
  scorecard: '/scorecard',
  // ---- stats paths: insert above this line ----
  exchange: '/exchange',
  district: '/district',
  // ---- exchange paths: insert above this line ----
  backup: '/backup',
  // ---- backup paths: insert above this line ----
  audit: '/audit',
  settings: '/settings',
} as const;

/** `path?k=v&…` with the empty values left out: how a figure opens a list with that list's own URL filters. */
export function withParams(path: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
