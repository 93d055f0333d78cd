// The method table: each method is a name, a zod schema for its params, and a handler. The
// dispatcher parses params with the schema before the handler runs, so a handler only ever
// sees valid, typed input.
import type { z } from 'zod';

export interface MethodDef<N extends string = string, S extends z.ZodType = z.ZodType, R = unknown> {
  name: N;
  /** One line for documentation and `describe()`. */
  summary: string;
  params: S;
  // Method syntax on purpose: handlers of different params fit one table (bivariant parameters).
  handler(params: z.output<S>): Promise<R>;
}

export type AnyMethod = MethodDef<string, z.ZodType, unknown>;

export function method<N extends string, S extends z.ZodType, R>(
  name: N,
  summary: string,
  params: S,
  handler: (params: z.output<S>) => Promise<R>,
): MethodDef<N, S, R> {
  return { name, summary, params, handler };
}

export type TableOf<T extends readonly AnyMethod[]> = { [M in T[number] as M['name']]: M };

/** Builds the name -> method record; a name given twice is a programming error. */
export function table<T extends readonly AnyMethod[]>(...defs: T): TableOf<T> {
  const out: Record<string, AnyMethod> = Object.create(null);
  for (const d of defs) {
    if (out[d.name]) throw new Error(`API method '${d.name}' is defined twice.`);
    out[d.name] = d;
  }
  return out as TableOf<T>;
}
