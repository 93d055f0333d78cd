import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ApiHost } from '../src/api/contract';
import { EVENT_CHANNEL, handleInvoke, INVOKE_CHANNEL, registerApi, sendShellCommand } from './ipc';
import { isTrustedSender } from './security/sender';

function fakeApi() {
  const listeners = new Set<(e: ApiEvent) => void>();
  const api = {
    dispatch: vi.fn(async (method: string, params: unknown) => ({ result: { method, params, at: new Date(Date.UTC(2026, 0, 1)) } })),
    onEvent: vi.fn((l: (e: ApiEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
  } satisfies ApiHost;
  return { api, emit: (e: ApiEvent) => listeners.forEach((l) => l(e)), listeners };
}

const page = { url: 'app://msx-studio/index.html', parent: null };

describe('IPC sender check', () => {
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));

  it("trusts only the app page's main frame", () => {
    expect(isTrustedSender(page)).toBe(true);
    expect(isTrustedSender({ url: 'app://msx-studio/', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://msx-studio/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/dist/renderer/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://user@msx-studio/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('refuses a call from a foreign sender without reaching the core', async () => {
    const { api } = fakeApi();
    for (const senderFrame of [{ url: 'https://evil.example/', parent: null }, { url: page.url, parent: {} }, null]) {
      const r = await handleInvoke(api, { senderFrame } as never, 'lab.stopAgent', { server: 'LONDON-SQL01' });
      expect(r).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    expect(api.dispatch).not.toHaveBeenCalled();
  });

  it('passes a call from the app page through, as JSON (dates as ISO strings)', async () => {
    const { api } = fakeApi();
    const r = await handleInvoke(api, { senderFrame: page } as never, 'targets.list', { connectionId: 'lab' });
    expect(r).toEqual({ result: { method: 'targets.list', params: { connectionId: 'lab' }, at: '2026-01-01T00:00:00.000Z' } });
  });

  it('refuses a method that is not a string', async () => {
    const { api } = fakeApi();
    const r = await handleInvoke(api, { senderFrame: page } as never, { toString: () => 'x' }, {});
    expect(r).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(api.dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing core into an error object', async () => {
    const { api } = fakeApi();
    api.dispatch.mockRejectedValueOnce(new Error('boom'));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await handleInvoke(api, { senderFrame: page } as never, 'x', {})).toMatchObject({ error: { code: 'INTERNAL' } });
    spy.mockRestore();
  });
});

describe('IPC channels', () => {
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));

  it('registers one invoke channel and sends events on one event channel, to the app page only', async () => {
    const { api, emit, listeners } = fakeApi();
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const contents = { isDestroyed: () => false, getURL: vi.fn(() => 'app://msx-studio/index.html'), send: vi.fn() };
    const off = registerApi(ipcMain, api, () => contents);
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle.mock.calls[0][0]).toBe(INVOKE_CHANNEL);

    const handler = ipcMain.handle.mock.calls[0][1] as (e: unknown, m: unknown, p: unknown) => Promise<unknown>;
    expect(await handler({ senderFrame: { url: 'https://evil.example', parent: null } }, 'connections.list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await handler({ senderFrame: page }, 'connections.list', {})).toMatchObject({ result: { method: 'connections.list' } });

    const event: ApiEvent = { type: 'lab', connectionId: 'lab', event: { type: 'lab.target', server: 'LONDON-SQL01' } };
    emit(event);
    expect(contents.send).toHaveBeenCalledWith(EVENT_CHANNEL, event);
    contents.getURL.mockReturnValue('https://evil.example/');
    emit(event);
    expect(contents.send).toHaveBeenCalledTimes(1);

    off();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(INVOKE_CHANNEL);
    expect(listeners.size).toBe(0);
  });

  it('uses the channel names the preload uses', () => {
    const preload = readFileSync(new URL('./preload.ts', import.meta.url), 'utf8');
    expect(preload).toContain(`'${INVOKE_CHANNEL}'`);
    expect(preload).toContain(`'${EVENT_CHANNEL}'`);
  });
});

describe('menu commands to the page', () => {
  it("go to the app's own page only", () => {
    const contents = (url: string, destroyed = false) => ({ isDestroyed: () => destroyed, getURL: () => url, send: vi.fn() });
    const page = contents('app://msx-studio/index.html');
    expect(sendShellCommand(page, 'about')).toBe(true);
    expect(page.send).toHaveBeenCalledWith(EVENT_CHANNEL, { type: 'shell', command: 'about' });
    for (const other of [contents('https://evil.example/'), contents('app://msx-studio/index.html', true)]) {
      expect(sendShellCommand(other, 'about')).toBe(false);
      expect(other.send).not.toHaveBeenCalled();
    }
    expect(sendShellCommand(undefined, 'about')).toBe(false);
  });
});
