// The page's only way out of its sandbox: `window.msx = { invoke, on }`. Nothing else crosses,
// no ipcRenderer, no Node object, and the listener never sees Electron's event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent, ApiResponse } from '../src/api/contract';
import type { MsxBridge } from './preload-api';

// Inlined rather than imported from ./ipc: a sandboxed preload is one bundled file, and ipc.ts
// belongs to the main process. electron/ipc.test.ts checks the two stay equal.
const INVOKE_CHANNEL = 'msx:invoke';
const EVENT_CHANNEL = 'msx:event';

const bridge: MsxBridge = {
  invoke: (method: string, params?: unknown): Promise<ApiResponse> => ipcRenderer.invoke(INVOKE_CHANNEL, String(method), params),
  on: (listener: (event: ApiEvent) => void) => {
    const relay = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('msx', bridge);
