import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatters } from '../i18n/format';
import en from '../i18n/locales/en.json';
import { forcePollToast, MAX_LINES, outcomeToast, postToast } from './outcomes';

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
});

const fmt = formatters('en');
const posted = 'SP_POST_MSX_OPERATION: 1 SET-POLL download instruction(s) posted.';

describe('what Force Poll reports', () => {
  it("quotes SQL Server's 14230 once, and says per target whether it was signalled or when it polls", () => {
    const master = 3_600_000;
    const due = new Date(Date.now() + master + 45_000).toISOString();
    const toast = forcePollToast(
      [
        { server: 'LONDON-SQL01', instanceId: 7, message: posted, pollInterval: 60, signal: 'signalled' },
        { server: 'TOKYO-SQL04', instanceId: 8, message: posted, pollInterval: 60, signal: 'unreachable', reason: 'SQLServerAgent is not currently running.', nextPollDueAt: due },
      ],
      t.t,
      fmt,
      master,
    );
    expect(toast.kind).toBe('warning');
    expect(toast.title).toBe('Force Poll: 2 target servers');
    expect(toast.messages).toEqual([`${posted} (×2)`]);
    expect(toast.lines![0]).toEqual({ text: 'LONDON-SQL01: signalled, polling now.', tone: 'ok' });
    expect(toast.lines![1].text).toMatch(/^TOKYO-SQL04: not signalled; it polls at its next interval, due .+ \(in 4[45]s\)\. SQLServerAgent is not currently running\.$/);
  });

  it('counts what does not fit', () => {
    const many = Array.from({ length: MAX_LINES + 3 }, (_, i) => ({ server: `TSX${i}`, instanceId: i, message: posted, pollInterval: 10, signal: 'signalled' as const }));
    const toast = forcePollToast(many, t.t, fmt, 0);
    expect(toast.kind).toBe('success');
    expect(toast.lines).toHaveLength(MAX_LINES + 1);
    expect(toast.lines!.at(-1)!.text).toBe('…and 3 more');
  });
});

describe('what a posting action reports', () => {
  it('shows messages verbatim and failures with their number', () => {
    const ok = { call: { proc: 'sp_post_msx_operation', params: {} }, ok: true as const, returnValue: 0, messages: [{ number: 14230, severity: 10, text: posted }] };
    const bad = { call: { proc: 'sp_post_msx_operation', params: {} }, ok: false as const, error: { number: 14262, severity: 16, message: "The specified @specific_target_server ('X') does not exist." }, messages: [] };
    expect(outcomeToast('Post', [ok, ok], t.t)).toEqual({ kind: 'success', title: 'Post', messages: [`${posted} (×2)`] });
    expect(outcomeToast('Post', [ok, bad], t.t)).toMatchObject({ kind: 'warning', messages: [posted, "Msg 14262: The specified @specific_target_server ('X') does not exist."] });
  });
});

describe('what a post reports', () => {
  const call = { proc: 'sp_post_msx_operation', params: {} };
  const ok = (text: string) => ({ call, ok: true as const, returnValue: 0, messages: [{ number: 14230, severity: 10, text }] });

  it('a post that posted something is a success', () => {
    expect(postToast('Posted', [ok('SP_POST_MSX_OPERATION: 2 START download instruction(s) posted.')], t.t).kind).toBe('success');
  });

  it('a post that posted nothing is a warning that says why, never a success', () => {
    const toast = postToast('Posted', [ok('SP_POST_MSX_OPERATION: 0 START download instruction(s) posted.')], t.t, 'none of the chosen servers is a target of the job');
    expect(toast.kind).toBe('warning');
    expect(toast.title).toBe('Nothing was posted');
    expect(toast.messages?.[0]).toBe('SQL Server posted no instruction: none of the chosen servers is a target of the job');
    expect(toast.messages).toContain('SP_POST_MSX_OPERATION: 0 START download instruction(s) posted.');
    // No 14230 at all (msdb's silent no-op) says so too.
    const silent = postToast('Posted', [{ call, ok: true as const, returnValue: 0, messages: [] }], t.t);
    expect(silent.kind).toBe('warning');
    expect(silent.messages?.[0]).toMatch(/no 14230 message/);
  });
});
