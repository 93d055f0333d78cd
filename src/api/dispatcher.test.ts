import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { WorkflowError } from '../admin/errors';
import { SqlServerError } from '../msx/errors';
import { createDispatcher } from './dispatcher';
import { ApiFailure } from './errors';
import { method, table } from './table';
import type { ApiMethodName, ApiParams, ApiResult, ApiWireResult } from './types';

function fixture() {
  const handler = vi.fn(async (p: { n: number }) => ({ doubled: p.n * 2 }));
  const methods = table(
    method('math.double', 'Doubles n.', z.strictObject({ n: z.int().min(0) }), handler),
    method('fail.sql', 'Raises 14262.', z.strictObject({}), async () => {
      throw SqlServerError.of(14262, '@server_name', 'NOPE');
    }),
    method('fail.workflow', 'Refuses.', z.strictObject({}), async () => {
      throw new WorkflowError('NOT_FOUND', 'No such node.');
    }),
    method('fail.api', 'Not connected.', z.strictObject({}), async () => {
      throw new ApiFailure('NOT_CONNECTED', 'Connect first.');
    }),
    method('fail.bug', 'A bug.', z.strictObject({}), async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    }),
    method('fail.string', 'Throws a string.', z.strictObject({}), async () => {
      throw 'bare string';
    }),
    method('fail.sync', 'Throws before returning a promise.', z.strictObject({}), (() => {
      throw new Error('sync');
    }) as () => Promise<never>),
  );
  return { dispatch: createDispatcher(methods), handler };
}

describe('dispatcher', () => {
  it('runs a method with its parsed params', async () => {
    const { dispatch } = fixture();
    expect(await dispatch('math.double', { n: 21 })).toEqual({ result: { doubled: 42 } });
  });

  it.each(['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '', 42, null])('refuses the unknown method %j', async (name) => {
    const { dispatch, handler } = fixture();
    const r = await dispatch(name as string, {});
    expect(r).toEqual({ error: { code: 'UNKNOWN_METHOD', message: `Unknown method '${String(name)}'.` } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses invalid params with every issue, before the handler runs', async () => {
    const { dispatch, handler } = fixture();
    const r = await dispatch('math.double', { n: -1.5, extra: true });
    expect(r).toEqual({
      error: {
        code: 'INVALID_PARAMS',
        message: expect.stringMatching(/^math\.double: Invalid parameters: /),
        issues: expect.arrayContaining([
          { path: 'n', message: expect.any(String) },
          { path: '', message: expect.stringContaining('extra') },
        ]),
      },
    });
    expect(handler).not.toHaveBeenCalled();
    expect((await dispatch('math.double', 'n=1')) as unknown).toMatchObject({ error: { code: 'INVALID_PARAMS' } });
    expect((await dispatch('math.double', [1])) as unknown).toMatchObject({ error: { code: 'INVALID_PARAMS' } });
  });

  it('treats absent params as an empty object', async () => {
    const { dispatch } = fixture();
    expect(await dispatch('fail.api', undefined)).toMatchObject({ error: { code: 'NOT_CONNECTED' } });
    expect(await dispatch('fail.api', null)).toMatchObject({ error: { code: 'NOT_CONNECTED' } });
  });

  it('maps SqlServerError to SQL_ERROR with the number and severity', async () => {
    const { dispatch } = fixture();
    expect(await dispatch('fail.sql', {})).toEqual({
      error: { code: 'SQL_ERROR', message: "The specified @server_name ('NOPE') does not exist.", number: 14262, severity: 16 },
    });
  });

  it('keeps the code of a workflow\'s or a handler\'s own refusal', async () => {
    const { dispatch } = fixture();
    expect(await dispatch('fail.workflow', {})).toEqual({ error: { code: 'NOT_FOUND', message: 'No such node.' } });
    expect(await dispatch('fail.api', {})).toEqual({ error: { code: 'NOT_CONNECTED', message: 'Connect first.' } });
  });

  it('never lets an exception escape: anything else is INTERNAL', async () => {
    const { dispatch } = fixture();
    expect(await dispatch('fail.bug', {})).toEqual({ error: { code: 'INTERNAL', message: "Internal error: Cannot read properties of undefined (reading 'x')" } });
    expect(await dispatch('fail.string', {})).toEqual({ error: { code: 'INTERNAL', message: 'Internal error: bare string' } });
    expect(await dispatch('fail.sync', {})).toEqual({ error: { code: 'INTERNAL', message: 'Internal error: sync' } });
  });

  it('refuses a table that names a method twice', () => {
    const m = method('a.b', 'x', z.strictObject({}), async () => 1);
    expect(() => table(m, m)).toThrow("API method 'a.b' is defined twice.");
  });
});

describe('method types', () => {
  it('derive names, params and results from the table', () => {
    expectTypeOf<'targets.forcePoll'>().toExtend<ApiMethodName>();
    expectTypeOf<'targets.nope'>().not.toExtend<ApiMethodName>();
    expectTypeOf<ApiParams<'targets.forcePoll'>>().toEqualTypeOf<{ connectionId: string; servers: string[] }>();
    expectTypeOf<ApiResult<'targets.list'>[number]['lastPollDate']>().toEqualTypeOf<Date>();
    expectTypeOf<ApiWireResult<'targets.list'>[number]['lastPollDate']>().toEqualTypeOf<string>();
    expectTypeOf<ApiResult<'msdb.exec'>>().toHaveProperty('recordsets');
  });
});
