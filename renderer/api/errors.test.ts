import { describe, expect, it } from 'vitest';
import { ApiCallError } from './client';
import { toErrorView } from './errors';

describe('toErrorView', () => {
  it("keeps SQL Server's text and number as they came", () => {
    const e = new ApiCallError({ code: 'SQL_ERROR', message: "The specified @server_name ('X') does not exist.", number: 14262 });
    expect(toErrorView(e)).toMatchObject({ message: "The specified @server_name ('X') does not exist.", number: 14262, code: 'SQL_ERROR' });
  });

  it('reads a hint when the core sends one, and plain errors as text', () => {
    const e = new ApiCallError({ code: 'NOT_CONNECTED', message: 'No.', hint: 'Check the port.' } as never);
    expect(toErrorView(e).hint).toBe('Check the port.');
    expect(toErrorView(new Error('boom'))).toEqual({ message: 'boom' });
    expect(toErrorView('x')).toEqual({ message: 'x' });
  });
});
