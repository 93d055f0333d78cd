// What the preload puts on `window`, typed from the API contract, so the renderer is typed
// without importing anything from Electron.
import type { ApiEvent, ApiResponse } from '../src/api/contract';

export interface MsxBridge {
  /** Calls one API method; resolves to the contract's envelope and never rejects for API errors. */
  invoke(method: string, params?: unknown): Promise<ApiResponse>;
  /** Subscribes to the core's events; returns the unsubscribe function. */
  on(listener: (event: ApiEvent) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    readonly msx?: MsxBridge;
  }
}
