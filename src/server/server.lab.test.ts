// Browser mode over the real API host and an in-memory lab: the acceptance path end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../agent/scheduler';
import { createApiHost } from '../api/host';
import type { ApiEvent } from '../api/contract';
import { startWebServer, type WebServer } from './server';
import { openEventStream, rawRequest } from './testing';

const TOKEN = 'lab-test-token-42';

describe('browser mode over the lab', () => {
  let api: Awaited<ReturnType<typeof createApiHost>>;
  let server: WebServer;

  beforeAll(async () => {
    api = await createApiHost({ scheduler: new VirtualScheduler(), refreshIntervalMs: 0 });
    server = await startWebServer({ api, token: TOKEN, port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await api.close();
  });

  const call = (method: string, params: unknown) =>
    rawRequest(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(params),
    });

  it('opens the lab as the first connection', async () => {
    const r = await call('connections.list', {});
    expect(r.status).toBe(200);
    const [lab] = (r.json() as { result: Array<Record<string, unknown>> }).result;
    expect(lab).toMatchObject({ id: 'lab', kind: 'lab', server: 'MSX01', login: 'sa', agentRole: 'msx' });
    expect(lab.openedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("lists the lab's five targets", async () => {
    const r = await call('targets.list', { connectionId: 'lab' });
    expect(r.status).toBe(200);
    const rows = (r.json() as { result: Array<{ serverName: string; lastPollDate: string }> }).result;
    expect(rows.map((t) => t.serverName)).toEqual(['LONDON-SQL01', 'NYC-SQL02', 'SEA-SQL03', 'SYD-SQL05', 'TOKYO-SQL04']);
    expect(typeof rows[0].lastPollDate).toBe('string');
  });

  it('maps the dispatcher: 400 invalid params, 404 unknown method, 422 with the msdb number', async () => {
    expect((await call('targets.list', { connectionId: 5 })).status).toBe(400);
    expect((await call('targets.nope', {})).status).toBe(404);
    const sql = await call('msdb.exec', { connectionId: 'lab', proc: 'sp_help_targetserver', params: { server_name: 'NOPE' } });
    expect(sql.status).toBe(422);
    expect(sql.json()).toMatchObject({ error: { code: 'SQL_ERROR', number: 14262 } });
  });

  it('delivers a lab event over SSE after a lab change', async () => {
    const stream = await openEventStream(server.port, TOKEN);
    try {
      expect(stream.status).toBe(200);
      const r = await call('lab.stopAgent', { server: 'LONDON-SQL01' });
      expect(r.status).toBe(200);
      const isLabTarget = (x: unknown) => (x as ApiEvent).type === 'lab' && (x as Extract<ApiEvent, { type: 'lab' }>).event.type === 'lab.target';
      expect(await stream.next(isLabTarget)).toEqual({ type: 'lab', connectionId: 'lab', event: { type: 'lab.target', server: 'LONDON-SQL01' } });
    } finally {
      stream.close();
    }
  });
});
