import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher } from './dispatcher';
import { method, table } from './table';
import { illFormedStrings, isWellFormedUtf16 } from './wellFormed';

describe('names that are not well-formed UTF-16 are refused at the API', () => {
  it('tells a lone high or low surrogate from a pair', () => {
    expect(isWellFormedUtf16('TSX01')).toBe(true);
    expect(isWellFormedUtf16('Z\u00fcrich-😀')).toBe(true);
    expect(isWellFormedUtf16('TSX\ud800')).toBe(false);
    expect(isWellFormedUtf16('\udc00TSX')).toBe(false);
    expect(isWellFormedUtf16('A\ud83dB\ude00')).toBe(false);
    expect(isWellFormedUtf16('\ud83d\ude00\ud83d')).toBe(false);
  });

  it('finds them anywhere in params, by path, keys included', () => {
    expect(illFormedStrings({ connectionId: 'c', servers: ['OK', 'BAD\ud800'] })).toEqual([{ path: 'servers.1', message: expect.stringMatching(/lone UTF-16 surrogate/) }]);
    expect(illFormedStrings({ params: { ['@x\udfff']: 1 } })[0].path).toBe('params.@x\udfff');
    expect(illFormedStrings({ a: 1, b: null, c: [true] })).toEqual([]);
  });

  it('the dispatcher refuses before the handler runs, with a clear INVALID_PARAMS', async () => {
    let ran = 0;
    const dispatch = createDispatcher(
      table(
        method('targets.x', 'x', z.strictObject({ servers: z.array(z.string()) }), async () => {
          ran++;
          return null;
        }),
      ),
    );
    const r = await dispatch('targets.x', { servers: ['TSX\ud800'] });
    expect(r).toMatchObject({ error: { code: 'INVALID_PARAMS', issues: [{ path: 'servers.0' }] } });
    expect((r as { error: { message: string } }).error.message).toMatch(/^targets\.x: Invalid parameters: servers\.0: Contains a lone UTF-16 surrogate/);
    expect(ran).toBe(0);
    expect(await dispatch('targets.x', { servers: ['TSX😀'] })).toEqual({ result: null });
    expect(ran).toBe(1);
  });
});
