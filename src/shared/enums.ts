import { UI } from './messages';

export const COMMUNITY_KINDS = ['community', 'village'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];
export const COMMUNITY_KIND_LABELS: Record<CommunityKind, string> = UI.kinds;

export const SPACE_OWNERSHIPS = ['owned', 'rented', 'borrowed'] as const;
export type SpaceOwnership = (typeof SPACE_OWNERSHIPS)[number];
export const SPACE_OWNERSHIP_LABELS: Record<SpaceOwnership, string> = UI.ownership;

/** Tables whose changes the renderer listens for (query keys are named after them). */
export const TABLES = ['street', 'community', 'community_funding', 'grid', 'settings', 'audit'] as const;
export type TableName = (typeof TABLES)[number];

/** The database's schema identity: PRAGMA application_id. ASCII "SGRD". */
export const APPLICATION_ID = 0x53475244;
