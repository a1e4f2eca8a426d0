export const PATHS = {
  home: '/',
  communities: '/communities',
  community: (id: number, tab?: string) => `/communities/${id}${tab ? `?tab=${tab}` : ''}`,
  audit: '/audit',
  settings: '/settings',
} as const;
