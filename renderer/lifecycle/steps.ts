// What a lifecycle write reported, as the progress page's lines: each msdb call an action
// ("sp_msx_enlist on SEA-SQL03"), success or error, and SQL Server's own message(s) verbatim.
import type { TFunction } from 'i18next';
import { errorText } from '../i18n/errorText';
import type { ProgressStep } from '../kit/Wizard';
import type { Outcome } from './lifeApi';

export function actionOf(o: Pick<Outcome, 'call'>, fallbackServer: string, t: TFunction): string {
  return t('life.step.call', { proc: o.call.proc, server: o.call.server ?? fallbackServer });
}

export function outcomeSteps(outcomes: readonly Outcome[], fallbackServer: string, t: TFunction): ProgressStep[] {
  return outcomes.map((o, i) => ({
    key: `${i}`,
    action: actionOf(o, fallbackServer, t),
    state: o.ok ? 'success' : 'error',
    message: (o.ok ? o.messages.map((m) => m.text) : [...o.messages.map((m) => m.text), errorText(t, o.error)]).join('\n') || undefined,
  }));
}

/** A call that never answered (the API itself failed): one error line saying so. */
export function failedStep(action: string, message: string): ProgressStep {
  return { key: 'failed', action, state: 'error', message };
}
