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
  audit: '/audit',
  settings: '/settings',
} as const;
