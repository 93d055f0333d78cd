import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import { createInstance } from 'i18next';
import { resultSteps } from './steps';

const i18n = createInstance();
void i18n.init({ lng: 'en', resources: { en: { translation: en } }, initAsync: false, interpolation: { escapeValue: false } });
const t = i18n.t as TFunction;

const enlist = { action: 'enlist' as const, server: 'SQLDEV07', call: { proc: 'sp_msx_enlist', params: { msx_server_name: 'MSX01', location: null }, server: 'SQLDEV07' } };

describe('progress lines from lifecycle steps', () => {
  it('words each step and quotes SQL Server verbatim', () => {
    const steps = resultSteps(
      {
        steps: [
          { ...enlist, outcome: { call: enlist.call, ok: true, returnValue: 0, messages: [{ number: 14229, severity: 10, text: "Server enlisted into MSX 'MSX01'." }] } },
          {
            action: 'defect',
            server: 'SEA-SQL03',
            call: { proc: 'sp_msx_defect', params: {} },
            outcome: { call: { proc: 'sp_msx_defect', params: {} }, ok: false, error: { number: 14298, severity: 16, message: 'This server is not currently enlisted into an MSX.' }, messages: [] },
          },
          { action: 'addGroupMember', server: 'MSX01', call: { proc: 'sp_add_targetsvrgrp_member', params: { group_name: 'Production', server_name: 'SQLDEV07' } }, outcome: null, skipped: 'Not run: step 1 failed.', after: 0 },
        ],
      },
      t,
    );
    expect(steps.map((s) => [s.action, s.state, s.message])).toEqual([
      ['Enlist SQLDEV07 into MSX01', 'success', "Server enlisted into MSX 'MSX01'."],
      ['Defect SEA-SQL03', 'error', 'Msg 14298: This server is not currently enlisted into an MSX.'],
      ['Add SQLDEV07 to group Production on MSX01', 'warning', 'Not run: step 1 did not succeed.'],
    ]);
  });

  it('reports return code 1 without an error as a failure', () => {
    const [s] = resultSteps(
      { steps: [{ action: 'defect', server: 'SEA-SQL03', call: { proc: 'sp_msx_defect', params: {} }, outcome: { call: { proc: 'sp_msx_defect', params: {} }, ok: true, returnValue: 1, messages: [] } }] },
      t,
    );
    expect(s.state).toBe('error');
    expect(s.message).toContain('1');
  });
});
