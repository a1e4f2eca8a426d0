// One invoke channel. The handler checks the sender, then hands { method, input } to the core's invoke, which
// validates input with the contract's zod schema. Errors cross as { code, message (zh-CN), field? } only.
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { invokeAsync, type Core } from '../src/core/api';
import { INVOKE_CHANNEL } from '../src/shared/bridge';
import type { Envelope } from '../src/shared/errors';
import { ERR } from '../src/shared/messages';
import { isTrustedSender } from './security';

export function handleInvoke(
  core: Core,
  mainFrame: () => WebFrameMain | null | undefined,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  payload: unknown,
): Promise<Envelope<unknown>> {
  if (!isTrustedSender(event.senderFrame, mainFrame())) {
    return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: ERR.forbidden } });
  }
  const { method, input } = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    method?: unknown;
    input?: unknown;
  };
  return invokeAsync(core, method, input);
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: Core,
  mainFrame: () => WebFrameMain | null | undefined,
): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, payload: unknown) => handleInvoke(core, mainFrame, event, payload));
}
