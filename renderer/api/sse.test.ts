import { describe, expect, it } from 'vitest';
import { readEventStream, SseParser } from './sse';

describe('SseParser', () => {
  it('yields the data of complete events, across chunk boundaries', () => {
    const p = new SseParser();
    expect(p.push('retry: 2000\n: connected\n\n')).toEqual([]);
    expect(p.push('id: 1\ndata: {"a"')).toEqual([]);
    expect(p.push(':1}\n')).toEqual([]);
    expect(p.push('\n')).toEqual(['{"a":1}']);
  });

  it('joins multi-line data and accepts CRLF, CR and a missing space', () => {
    const p = new SseParser();
    expect(p.push('data: one\r\ndata:two\r\n\r\ndata: three\r\rdata\n\n')).toEqual(['one\ntwo', 'three', '']);
  });

  it('waits when a chunk ends between \\r and \\n', () => {
    const p = new SseParser();
    expect(p.push('data: x\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual(['x']);
  });

  it('ignores other fields and comments', () => {
    const p = new SseParser();
    expect(p.push('event: lab\nid: 7\n: ping\ndatum: no\ndata: yes\n\n')).toEqual(['yes']);
  });
});

describe('readEventStream', () => {
  it('reads a byte stream to its end, decoding UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"server":"MÜNCHEN-SQL"}\n\ndata: 2\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 21));
        c.enqueue(bytes.slice(21));
        c.close();
      },
    });
    const got: string[] = [];
    await readEventStream(body, (d) => got.push(d));
    expect(got).toEqual(['{"server":"MÜNCHEN-SQL"}', '2']);
  });

  it('stops when aborted', async () => {
    const body = new ReadableStream<Uint8Array>({ start() {} });
    const ctrl = new AbortController();
    const done = readEventStream(body, () => {}, ctrl.signal);
    ctrl.abort();
    await expect(done).resolves.toBeUndefined();
  });
});
