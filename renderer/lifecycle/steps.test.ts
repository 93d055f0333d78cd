import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { outcomeSteps } from './steps';

const t = ((key: string, o?: Record<string, unknown>) => (key === 'errors.msg' ? `Msg ${String(o?.number)}: ${String(o?.message)}` : `${String(o?.proc)} on ${String(o?.server)}`)) as unknown as TFunction;

describe('progress lines from call outcomes', () => {
  it('names each call and its server, with SQL Server text verbatim', () => {
    const steps = outcomeSteps(
      [
        { call: { proc: 'sp_msx_enlist', params: {}, server: 'SEA-SQL06' }, ok: true, returnValue: 0, messages: [{ number: 0, severity: 10, text: 'Enlisted.' }] },
        {
          call: { proc: 'sp_msx_enlist', params: {} },
          ok: false,
          error: { number: 14299, severity: 16, message: "Server 'X' is an MSX. Cannot enlist one MSX into another MSX." },
          messages: [],
        },
      ],
      'MSX01',
      t,
    );
    expect(steps.map((s) => [s.action, s.state, s.message])).toEqual([
      ['sp_msx_enlist on SEA-SQL06', 'success', 'Enlisted.'],
      ['sp_msx_enlist on MSX01', 'error', "Msg 14299: Server 'X' is an MSX. Cannot enlist one MSX into another MSX."],
    ]);
  });
});
