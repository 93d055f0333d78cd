// The renderer's one door to the core. Inside Electron it is the preload's `window.msx` (IPC);
// in a browser it is HTTP + SSE to the browser-mode server. Both carry the same contract
// (src/api/contract.ts), so nothing above this file knows which shell it runs in.
import type { ApiError, ApiEvent, ApiResponse } from '../../src/api/contract';
import type { ApiMethodName, ApiParams, ApiWireResult } from '../../src/api/types';
import type { MsxBridge } from '../../electron/preload-api';
import { readEventStream } from './sse';

/** Live means events are arriving; after `reconnecting` a view should reload what it shows. */
export type TransportStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

export interface MsxClient {
  readonly transport: 'ipc' | 'http';
  /** Resolves to the method's result (as JSON: dates are ISO strings); rejects with ApiCallError carrying the contract's error. */
  invoke<M extends ApiMethodName>(method: M, params: ApiParams<M>): Promise<ApiWireResult<M>>;
  on(listener: (e: ApiEvent) => void): () => void;
  onStatus(listener: (s: TransportStatus) => void): () => void;
}

/** An API failure as a value a view can show: the code, SQL Server's number, the text. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  readonly code: ApiError['code'];
  readonly number: number | undefined;
  readonly issues: ApiError['issues'];

  constructor(readonly error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.number = error.number;
    this.issues = error.issues;
  }
}

function unwrap<T>(response: ApiResponse): T {
  if ('error' in response) throw new ApiCallError(response.error);
  return response.result as T;
}

/** Over Electron's preload bridge. */
export function bridgeClient(bridge: MsxBridge): MsxClient {
  return {
    transport: 'ipc',
    invoke: async <M extends ApiMethodName>(method: M, params: ApiParams<M>) => unwrap<ApiWireResult<M>>(await bridge.invoke(method, params)),
    on: (listener) => bridge.on(listener),
    // IPC to the main process does not drop; it is live as long as the page exists.
    onStatus: (listener) => {
      listener('live');
      return () => {};
    },
  };
}

export interface HttpClientOptions {
  token: string;
  /** The server's origin; '' means the page's own. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reconnect delays for the event stream, doubling up to the maximum. */
  retryMs?: { first: number; max: number };
}

/** Over browser mode's HTTP API, with one shared event stream while anyone listens. */
export function httpClient(opts: HttpClientOptions): MsxClient {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const retry = opts.retryMs ?? { first: 500, max: 10_000 };
  const auth = { Authorization: `Bearer ${opts.token}` };
  const listeners = new Set<(e: ApiEvent) => void>();
  const statusListeners = new Set<(s: TransportStatus) => void>();
  let status: TransportStatus = 'connecting';
  let stream: AbortController | undefined;

  const setStatus = (s: TransportStatus) => {
    if (s === status) return;
    status = s;
    for (const l of statusListeners) l(s);
  };

  async function run(ctrl: AbortController): Promise<void> {
    let delay = retry.first;
    while (!ctrl.signal.aborted) {
      try {
        const res = await doFetch(`${base}/api/events`, { headers: auth, signal: ctrl.signal, cache: 'no-store' });
        if (res.status === 401 || res.status === 403) {
          setStatus('unauthorized');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
        setStatus('live');
        delay = retry.first;
        await readEventStream(
          res.body,
          (data) => {
            let event: ApiEvent;
            try {
              event = JSON.parse(data) as ApiEvent;
            } catch {
              return;
            }
            for (const l of listeners) l(event);
          },
          ctrl.signal,
        );
      } catch {
        // Dropped or refused: fall through to the retry below.
      }
      if (ctrl.signal.aborted) return;
      setStatus('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, retry.max);
    }
  }

  return {
    transport: 'http',
    async invoke<M extends ApiMethodName>(method: M, params: ApiParams<M>): Promise<ApiWireResult<M>> {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify(params ?? {}),
          cache: 'no-store',
        });
      } catch (err) {
        throw new ApiCallError({ code: 'INTERNAL', message: `MSX Studio's server cannot be reached (${(err as Error).message}).` });
      }
      let body: ApiResponse;
      try {
        body = (await res.json()) as ApiResponse;
      } catch {
        throw new ApiCallError({ code: 'INTERNAL', message: `MSX Studio's server answered ${res.status} without a readable body.` });
      }
      return unwrap<ApiWireResult<M>>(body);
    },
    on(listener) {
      listeners.add(listener);
      if (!stream) {
        const ctrl = new AbortController();
        stream = ctrl;
        void run(ctrl);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = undefined;
          status = 'connecting';
        }
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}

/** The client for this page: the preload bridge when Electron provides one, else HTTP with the token. */
export function createClient(win: Window, token: () => string | undefined): MsxClient {
  if (win.msx) return bridgeClient(win.msx);
  const t = token();
  if (!t) throw new Error('Open MSX Studio with the address it printed (it carries the access token).');
  return httpClient({ token: t });
}
