// What a lifecycle write reported, as the progress page's lines: each step (one msdb call on
// one server's own connection) an action in the UI's words, success / error / not run, and SQL
// Server's own message(s) verbatim.
import type { TFunction } from 'i18next';
import type { ApiWireResult } from '../../src/api/types';
import { errorText } from '../i18n/errorText';
import type { ProgressStep } from '../kit/Wizard';

export type WireResult = ApiWireResult<'enlist.makeTarget'>;
export type WireStep = WireResult['steps'][number];

/** "Enlist SEA-SQL06 into MSX01", "Create MSXOperator on SQLDEV07"…: the step's action in words. */
export function actionOf(s: Pick<WireStep, 'action' | 'server' | 'call'>, t: TFunction): string {
  const p = s.call.params;
  const str = (k: string) => (p[k] === null || p[k] === undefined ? '' : String(p[k]));
  switch (s.action) {
    case 'addOperator':
      return t('life.action.addOperator', { server: s.server });
    case 'enlist':
      return t('life.action.enlist', { server: s.server, master: str('msx_server_name') });
    case 'defect':
      return t('life.action.defect', { server: s.server });
    case 'forcedDefect':
      return t('life.action.forcedDefect', { server: s.server });
    case 'deleteTargetServer':
      return t('life.action.deleteTargetServer', { server: s.server, target: str('server_name') });
    case 'addGroup':
      return t('life.action.addGroup', { server: s.server, group: str('name') });
    case 'addGroupMember':
      return t('life.action.addGroupMember', { server: s.server, group: str('group_name'), target: str('server_name') });
    case 'addJobServer':
      return t('life.action.addJobServer', { server: s.server, job: str('job_name'), target: str('server_name') });
    case 'setPollInterval':
      return t('life.action.setPollInterval', { server: s.server, target: str('specific_target_server'), seconds: str('value') });
    default:
      return t('life.step.call', { proc: s.call.proc, server: s.server });
  }
}

export function resultSteps(r: Pick<WireResult, 'steps'>, t: TFunction): ProgressStep[] {
  return r.steps.map((s, i) => {
    const o = s.outcome;
    const messages = o ? o.messages.map((m) => m.text) : [];
    if (!o) {
      // Not run: the core's reason is English; the UI says it in its own words (which step, which server).
      const why = !s.skipped ? undefined : s.after !== undefined ? t('life.skippedAfter', { step: s.after + 1 }) : t('life.skippedNoConnection', { server: s.server });
      return { key: `${i}`, action: actionOf(s, t), state: s.skipped ? 'warning' : 'pending', message: why };
    }
    if (!o.ok) return { key: `${i}`, action: actionOf(s, t), state: 'error', message: [...messages, errorText(t, o.error)].join('\n') };
    // Return code 1 without an error: msdb's way of saying it did nothing (sp_msx_defect, master unreachable).
    if (o.returnValue !== 0) return { key: `${i}`, action: actionOf(s, t), state: 'error', message: [...messages, t('life.returnCode', { code: o.returnValue })].join('\n') };
    return { key: `${i}`, action: actionOf(s, t), state: 'success', message: messages.join('\n') || undefined };
  });
}

/** Before Finish: the steps as pending lines (what will run, in order). */
export function pendingSteps(r: Pick<WireResult, 'steps'>, t: TFunction): ProgressStep[] {
  return r.steps.map((s, i) => ({ key: `${i}`, action: actionOf(s, t), state: 'pending' }));
}

/** A call that never answered (the API itself failed): one error line saying so. */
export function failedStep(action: string, message: string): ProgressStep {
  return { key: 'failed', action, state: 'error', message };
}
