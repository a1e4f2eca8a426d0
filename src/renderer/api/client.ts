// The renderer's only way to the data: one typed `invoke` over Electron IPC (window.streetgrid) or, in browser
// mode, over `POST ./invoke`. Application errors arrive as envelopes and are thrown as `ApiError` (zh-CN message,
// optional field name). Tables a write changed are announced to listeners (see queries.ts), never refetched by hand.
import type { Input, MethodName, Output } from '../../shared/contract';
import type { ApiErrorShape, Envelope, ErrorCode } from '../../shared/errors';
import { UI } from '../../shared/messages';

export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Dotted path of the offending input field as the server names it, e.g. `spaceArea` or `functionRooms.0`. */
  readonly field: string | undefined;
  readonly row: number | undefined;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.field = shape.field;
    this.row = shape.row;
  }
  /** First segment of `field` (`functionRooms.0` → `functionRooms`). */
  get fieldName(): string | undefined {
    return this.field?.split('.')[0];
  }
}

/** A Chinese message for anything thrown by `invoke` (or by code around it). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return UI.errors.unexpected;
}

// ---- change notifications -------------------------------------------------------------------------------------

export type ChangeListener = (tables: string[]) => void | Promise<void>;
const listeners = new Set<ChangeListener>();

/** Subscribes to "these tables changed". Returns an unsubscribe function. */
export function onTablesChanged(listener: ChangeListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

async function notifyChanged(tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await Promise.allSettled([...listeners].map(async (l) => l(tables)));
}

// ---- transport ------------------------------------------------------------------------------------------------

function bridge() {
  return typeof window !== 'undefined' ? window.streetgrid : undefined;
}

let bridgeSubscribed = false;
function subscribeBridge(): void {
  const b = bridge();
  if (!b || bridgeSubscribed) return;
  bridgeSubscribed = true;
  // Changes made outside this call path (the main process, a restore, …). Duplicates of what an envelope already
  // reported are coalesced by the invalidation layer.
  b.onChanged((tables) => {
    void notifyChanged(tables);
  });
}
subscribeBridge();

function isEnvelope(v: unknown): v is Envelope<unknown> {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean';
}

async function viaHttp(method: string, input: unknown): Promise<Envelope<unknown>> {
  let res: Response;
  try {
    res = await fetch('./invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ method, input }),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: UI.errors.network } };
  }
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const body: unknown = await res.json();
      if (isEnvelope(body)) return body;
    } catch {
      // fall through
    }
    return { ok: false, error: { code: 'INTERNAL', message: UI.errors.badResponse } };
  }
  // Plain-text refusals from the local server (token missing, forbidden) are already Chinese.
  const text = (await res.text().catch(() => '')).trim();
  const code: ErrorCode = res.status === 401 || res.status === 403 ? 'FORBIDDEN' : 'INTERNAL';
  return { ok: false, error: { code, message: text || UI.errors.badResponse } };
}

async function transport(method: string, input: unknown): Promise<Envelope<unknown>> {
  const b = bridge();
  if (b) {
    try {
      return await b.invoke(method, input);
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: UI.errors.network } };
    }
  }
  return viaHttp(method, input);
}

/**
 * Calls one contract method. Resolves with its output once every listener has handled the tables the call changed
 * (so a finished mutation means fresh queries); rejects with an `ApiError`.
 */
export async function invoke<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const env = await transport(method, input);
  if (!env.ok) throw new ApiError(env.error);
  if (env.changed && env.changed.length > 0) await notifyChanged(env.changed);
  return env.data as Output<M>;
}

// ---- api.communities.list(...) --------------------------------------------------------------------------------

type Namespace<M extends string> = M extends `${infer A}.${string}` ? A : never;
type Leaf<M extends string> = M extends `${string}.${infer B}` ? B : never;

export type Api = {
  [N in Namespace<MethodName>]: {
    [M in MethodName as Namespace<M> extends N ? Leaf<M> : never]: (input: Input<M>) => Promise<Output<M>>;
  };
};

/** `api.communities.list({})` ≡ `invoke('communities.list', {})`. */
export const api = new Proxy({} as Api, {
  get(_t, ns) {
    if (typeof ns !== 'string') return undefined;
    return new Proxy(
      {},
      {
        get(_u, leaf) {
          if (typeof leaf !== 'string') return undefined;
          return (input: unknown) => invoke(`${ns}.${leaf}` as MethodName, input as never);
        },
      },
    );
  },
});
