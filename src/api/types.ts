// Types of every method's params and result, derived from the method table itself, so a client
// (renderer, scripts) is typed by the same code that validates and runs the calls.
import type { z } from 'zod';
import type { buildMethods } from './methods';

export type ApiMethods = ReturnType<typeof buildMethods>;
export type ApiMethodName = keyof ApiMethods & string;

/** What a caller sends (defaults may be left out). */
export type ApiParams<M extends ApiMethodName> = z.input<ApiMethods[M]['params']>;

/** What the core returns, with Date objects. */
export type ApiResult<M extends ApiMethodName> = Awaited<ReturnType<ApiMethods[M]['handler']>>;

/** A value after a transport's JSON: every Date becomes its ISO 8601 string. */
export type Wire<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? Record<string, number>
    : T extends ReadonlyArray<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** A method's result as a client receives it over IPC or HTTP. */
export type ApiWireResult<M extends ApiMethodName> = Wire<ApiResult<M>>;
