// A Server-Sent Events parser for a fetch() body. The page reads /api/events with fetch rather
// than EventSource because EventSource cannot send an Authorization header, and the token must
// not travel in a URL (history, logs, Referer).

/** Splits an event stream into the `data` of each event; comments and other fields are dropped. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  /** Feeds text; returns the data of every event completed by it. */
  push(text: string): string[] {
    this.buffer += text;
    const out: string[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + (this.buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (this.data.length) out.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data')) {
        const rest = line.slice(4);
        if (rest === '' || rest.startsWith(':')) this.data.push(rest.replace(/^: ?/, ''));
      }
    }
    return out;
  }
}

/** Reads a stream to its end (or until `signal` aborts), handing each event's data to `onData`. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onData: (data: string) => void, signal?: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const data of parser.push(decoder.decode(value, { stream: true }))) onData(data);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
