import type { Envelope } from './errors';

/** What the preload exposes as `window.streetgrid` (and what the browser-mode client imitates over HTTP). */
export interface StreetGridBridge {
  /** Calls one contract method. Resolves to an envelope; never rejects for application errors. */
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to `db:changed` (table names); returns an unsubscribe function. */
  onChanged(listener: (tables: string[]) => void): () => void;
  /** Electron-only helpers; absent in browser mode. */
  readonly platform: 'electron';
}

export const INVOKE_CHANNEL = 'streetgrid:invoke';
export const CHANGED_CHANNEL = 'streetgrid:db-changed';
