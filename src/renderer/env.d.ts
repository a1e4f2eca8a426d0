import type { StreetGridBridge } from '../shared/bridge';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent in browser mode. */
    streetgrid?: StreetGridBridge;
  }
}

export {};
