// What the pieces of the network page can ask the page to do. The page owns the mutations and the modals, so an
// action started from a row that disappears once it succeeds (an assigned member leaves the unassigned list) still
// gets its notification.
import { createContext, useContext, type DragEvent } from 'react';
import type { NetworkTreeT } from '../../../shared/contract';

export type StationT = NetworkTreeT['stations'][number];
export type GroupT = StationT['groups'][number];
export type LiaisonT = GroupT['members'][number];
export type PersonRef = { id: number; name: string };

export interface NetworkActions {
  tree: NetworkTreeT;
  /** Puts a member into a group (also moves a liaison from another group, in one action). Resolves true when done. */
  assign: (member: PersonRef, groupId: number, moving: boolean) => Promise<boolean>;
  unassign: (member: PersonRef) => Promise<boolean>;
  /** Asks first (a modal), then unassigns. */
  confirmUnassign: (member: PersonRef) => void;
  editStation: (station: StationT) => void;
  deleteStation: (station: StationT) => void;
  addGroup: (station: StationT) => void;
  editGroup: (group: GroupT) => void;
  moveGroup: (group: GroupT) => void;
  deleteGroup: (group: GroupT) => void;
}

/** Chip colours of the member categories (tree chips and the legend). */
export const CATEGORY_COLOR = { employed: 'civic', retired: 'teal', mobile: 'orange' } as const;

export const NetworkContext = createContext<NetworkActions | null>(null);

export function useNetwork(): NetworkActions {
  const ctx = useContext(NetworkContext);
  if (!ctx) throw new Error('useNetwork outside NetworkContext');
  return ctx;
}

export function findGroup(tree: NetworkTreeT, groupId: number): GroupT | undefined {
  for (const s of tree.stations) for (const g of s.groups) if (g.id === groupId) return g;
  return undefined;
}

// ---- drag and drop (a shortcut; every drop has a click/keyboard equivalent) -------------------------------------

export const DRAG_TYPE = 'application/x-streetgrid-member';
export type DragPayload = { memberId: number; name: string; fromGroupId: number | null };

export function startDrag(e: DragEvent, payload: DragPayload): void {
  e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(payload));
  e.dataTransfer.setData('text/plain', payload.name);
  e.dataTransfer.effectAllowed = 'move';
}

export function isMemberDrag(e: DragEvent): boolean {
  return Array.from(e.dataTransfer.types).includes(DRAG_TYPE);
}

export function readDrag(e: DragEvent): DragPayload | null {
  try {
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return null;
    const p = JSON.parse(raw) as DragPayload;
    return typeof p.memberId === 'number' ? p : null;
  } catch {
    return null;
  }
}
