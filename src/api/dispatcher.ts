// The dispatcher: unknown methods and invalid params are refused before any handler runs, and
// nothing a handler throws escapes: every outcome is an ApiResponse.
import { describeIssues, fieldIssues } from '../admin/errors';
import type { ApiResponse } from './contract';
import { toApiError } from './errors';
import type { AnyMethod } from './table';
import { illFormedStrings } from './wellFormed';

export type Dispatch = (method: string, params: unknown) => Promise<ApiResponse>;

export function createDispatcher(methods: Readonly<Record<string, AnyMethod>>): Dispatch {
  return async (name, params) => {
    try {
      const def = typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name) ? methods[name] : undefined;
      if (!def) return { error: { code: 'UNKNOWN_METHOD', message: `Unknown method '${String(name)}'.` } };
      // Text that is not well-formed UTF-16 could be stored but never named again (wellFormed.ts).
      const illFormed = illFormedStrings(params);
      if (illFormed.length) return { error: { code: 'INVALID_PARAMS', message: `${name}: ${describeIssues(illFormed)}`, issues: illFormed } };
      // No params at all means "no params": methods without any accept it.
      const parsed = def.params.safeParse(params === undefined || params === null ? {} : params);
      if (!parsed.success) {
        const issues = fieldIssues(parsed.error);
        return { error: { code: 'INVALID_PARAMS', message: `${name}: ${describeIssues(issues)}`, issues } };
      }
      return { result: await def.handler(parsed.data) };
    } catch (e) {
      return { error: toApiError(e) };
    }
  };
}
