import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MsxBridge } from './preload-api';

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ result: 1 })), on: vi.fn(), removeListener: vi.fn() },
}));

const electron = await import('electron');

describe('preload', () => {
  let bridge: MsxBridge;

  beforeAll(async () => {
    await import('./preload');
    const calls = vi.mocked(electron.contextBridge.exposeInMainWorld).mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe('msx');
    bridge = calls[0][1] as MsxBridge;
  });

  it('exposes window.msx with invoke and on, nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('invoke goes over the one invoke channel', async () => {
    expect(await bridge.invoke('connections.list', {})).toEqual({ result: 1 });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('msx:invoke', 'connections.list', {});
  });

  it('on relays payloads without the Electron event, and unsubscribes', () => {
    const listener = vi.fn();
    const off = bridge.on(listener);
    const [channel, relay] = vi.mocked(electron.ipcRenderer.on).mock.calls[0] as unknown as [string, (e: unknown, p: unknown) => void];
    expect(channel).toBe('msx:event');
    relay({ sender: 'secret ipcRenderer' }, { type: 'refresh', connectionId: 'lab', at: 1 });
    expect(listener).toHaveBeenCalledWith({ type: 'refresh', connectionId: 'lab', at: 1 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('msx:event', relay);
  });
});
