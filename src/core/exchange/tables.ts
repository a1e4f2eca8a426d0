// The tables that go into a package, in apply order (parents before children), and the columns de-identification
// rewrites. Everything else in the street DB (settings, audit, counters, tallies, exchange bookkeeping) stays home.

export const EXCHANGE_TABLES = [
  'street',
  'community',
  'community_funding',
  'grid',
  'unit',
  'member',
  'member_report',
  'liaison_station',
  'liaison_group',
  'liaison_assignment',
  'agreement',
  'commitment',
  'service_post',
  'post_claim',
  'volunteer_team',
  'team_member',
  'activity',
  'activity_participant',
  'member_evaluation',
  'meeting_body',
  'meeting_body_member',
  'meeting',
  'meeting_attendee',
  'agenda_item',
  'decision',
  'decision_note',
  'meeting_minutes',
] as const;

export type ExchangeTable = (typeof EXCHANGE_TABLES)[number];

export function isExchangeTable(t: string): t is ExchangeTable {
  return (EXCHANGE_TABLES as readonly string[]).includes(t);
}

/** Phone columns masked in a de-identified package (besides member.id_number, which is hashed and masked). */
export const PHONE_COLUMNS: Partial<Record<ExchangeTable, string[]>> = {
  street: ['contact_phone'],
  unit: ['contact_phone'],
  member: ['phone'],
  agreement: ['liaison_phone'],
};

export const TOMBSTONE_FILE = 'tombstones.ndjson';
export const dataFileName = (t: ExchangeTable): string => `data/${t}.ndjson`;
