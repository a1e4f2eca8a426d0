// Exposes exactly one typed function family as window.streetgrid. No Node, no raw ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANGED_CHANNEL, INVOKE_CHANNEL, type StreetGridBridge } from '../src/shared/bridge';
import { METHOD_NAMES } from '../src/shared/contract';
import { ERR } from '../src/shared/messages';

const known = new Set<string>(METHOD_NAMES);

const bridge: StreetGridBridge = {
  platform: 'electron',
  invoke: (method, input) => {
    if (!known.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'VALIDATION', message: ERR.unknownMethod(String(method).slice(0, 60)) },
      });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, { method, input });
  },
  onChanged: (listener) => {
    const wrapped = (_e: IpcRendererEvent, tables: unknown) => {
      if (Array.isArray(tables)) listener(tables.filter((t): t is string => typeof t === 'string'));
    };
    ipcRenderer.on(CHANGED_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(CHANGED_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('streetgrid', bridge);
