import { describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../src/api/contract';
import { ApiCallError, bridgeClient, httpClient } from './client';

const event: ApiEvent = { type: 'lab', connectionId: 'lab', event: { type: 'lab.target', server: 'LONDON-SQL01' } };

function sseResponse(chunks: string[], keepOpen = false): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
      if (!keepOpen) c.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('httpClient', () => {
  it('POSTs /api/<method> with the bearer token and unwraps the result', async () => {
    const fetch = vi.fn(async () => Response.json({ result: [{ id: 'lab' }] }));
    const client = httpClient({ token: 'tok', fetch });
    expect(await client.invoke('connections.list', {})).toEqual([{ id: 'lab' }]);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/connections.list');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
    expect(init.body).toBe('{}');
  });

  it('rejects with the contract error, number included', async () => {
    const fetch = vi.fn(async () => Response.json({ error: { code: 'SQL_ERROR', message: 'nope', number: 14262 } }, { status: 422 }));
    const err = await httpClient({ token: 't', fetch }).invoke('msdb.exec', { connectionId: 'lab', proc: 'sp_help_targetserver' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ code: 'SQL_ERROR', number: 14262, message: 'nope' });
  });

  it('turns a network failure into an error value', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(httpClient({ token: 't', fetch }).invoke('connections.list', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('streams events to listeners over one authenticated request, and reconnects after a drop', async () => {
    let opened = 0;
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      expect(init?.headers).toMatchObject({ Authorization: 'Bearer tok' });
      opened++;
      return opened === 1 ? sseResponse([`data: ${JSON.stringify(event)}\n\n`]) : sseResponse([': connected\n\n'], true);
    });
    const client = httpClient({ token: 'tok', fetch, retryMs: { first: 5, max: 10 } });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    const a = vi.fn();
    const b = vi.fn();
    const offA = client.on(a);
    const offB = client.on(b);
    await vi.waitFor(() => expect(a).toHaveBeenCalledWith(event));
    expect(b).toHaveBeenCalledWith(event);
    await vi.waitFor(() => expect(opened).toBe(2));
    await vi.waitFor(() => expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']));
    expect(fetch.mock.calls.every(([url]) => url === '/api/events')).toBe(true);
    offA();
    offB();
  });

  it('stops on 401 and says so', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 401 }));
    const client = httpClient({ token: 'bad', fetch, retryMs: { first: 1, max: 1 } });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    const off = client.on(() => {});
    await vi.waitFor(() => expect(statuses).toContain('unauthorized'));
    await new Promise((r) => setTimeout(r, 20));
    expect(fetch).toHaveBeenCalledTimes(1);
    off();
  });
});

describe('bridgeClient', () => {
  it('uses window.msx and unwraps the envelope', async () => {
    const off = vi.fn();
    const bridge = { invoke: vi.fn(async () => ({ result: 42 })), on: vi.fn(() => off) };
    const client = bridgeClient(bridge);
    expect(client.transport).toBe('ipc');
    expect(await client.invoke('targets.list', { connectionId: 'lab' })).toBe(42);
    expect(bridge.invoke).toHaveBeenCalledWith('targets.list', { connectionId: 'lab' });
    const listener = vi.fn();
    expect(client.on(listener)).toBe(off);
    expect(bridge.on).toHaveBeenCalledWith(listener);
    bridge.invoke.mockResolvedValueOnce({ error: { code: 'NOT_FOUND', message: 'gone' } } as never);
    await expect(client.invoke('connections.list', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
