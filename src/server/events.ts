// GET /api/events: the core's event stream as Server-Sent Events. The page reads it with fetch
// (not EventSource) so the token travels in the Authorization header and never in a URL.
import type { ServerResponse } from 'node:http';
import type { ApiEvent, ApiHost } from '../api/contract';

/** A comment line often enough that proxies keep the stream open and dead sockets are noticed. */
export const HEARTBEAT_MS = 15_000;
/** A client that stops reading is dropped (it reconnects) rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class EventStreams {
  private readonly open = new Set<ServerResponse>();
  private nextId = 1;

  constructor(private readonly api: ApiHost) {}

  get size(): number {
    return this.open.size;
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.open.add(res);
    const send = (e: ApiEvent) => {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        return;
      }
      // JSON.stringify writes Dates as ISO strings, the same as the API's responses.
      res.write(`id: ${this.nextId++}\ndata: ${JSON.stringify(e)}\n\n`);
    };
    const unsubscribe = this.api.onEvent(send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    });
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
