// GET /api/events: the core's event stream as Server-Sent Events. The page reads it with fetch
// (not EventSource) so the token travels in the Authorization header and never in a URL.
import type { ServerResponse } from 'node:http';
import type { ApiEvent, ApiHost } from '../api/contract';
import { wireJson } from '../api/wireJson';

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
    // Events of one turn of the loop go out in one write: a 10,000-target lab emits a thousand a
    // second, and a write each costs more than the event.
    let pending = '';
    let flush: NodeJS.Immediate | undefined;
    const send = (e: ApiEvent) => {
      // Dates as ISO strings, the same as the API's responses.
      pending += `id: ${this.nextId++}\ndata: ${wireJson(e)}\n\n`;
      flush ??= setImmediate(() => {
        flush = undefined;
        const chunk = pending;
        pending = '';
        if (res.destroyed) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          return;
        }
        res.write(chunk);
      });
    };
    const unsubscribe = this.api.onEvent(send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      if (flush) clearImmediate(flush);
      unsubscribe();
      this.open.delete(res);
    });
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
