// What an action reports: SQL Server's messages verbatim (14230 "...download instruction(s)
// posted."), each failed call as "Msg N: text", and per target what Force Poll did.
import type { TFunction } from 'i18next';
import type { CallOutcome, ForcePollResult } from '../api/types';
import type { Formatters } from '../i18n/format';
import type { Toast } from '../store/uiSlice';
import { errorText } from '../i18n/errorText';

/** Lines shown per toast; the rest are counted. */
export const MAX_LINES = 8;

type ToastBody = Omit<Toast, 'id'>;

function capped<T>(items: readonly T[], t: TFunction, line: (x: T) => NonNullable<Toast['lines']>[number]): NonNullable<Toast['lines']> {
  const lines = items.slice(0, MAX_LINES).map(line);
  if (items.length > MAX_LINES) lines.push({ text: t('toast.andMore', { count: items.length - MAX_LINES }) });
  return lines;
}

/** Distinct texts in order, with "(×3)" when the same text came several times. */
function distinct(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of texts) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([text, n]) => (n > 1 ? `${text} (×${n})` : text));
}

export function outcomeToast(title: string, outcomes: readonly CallOutcome[], t: TFunction): ToastBody {
  const failed = outcomes.filter((o) => !o.ok);
  const messages = distinct(outcomes.flatMap((o) => o.messages.map((m) => m.text)));
  const errors = failed.map((o) => errorText(t, o.error));
  return {
    kind: failed.length === 0 ? 'success' : failed.length === outcomes.length ? 'error' : 'warning',
    title,
    messages: [...messages, ...distinct(errors)].slice(0, MAX_LINES),
  };
}

export function forcePollToast(results: readonly ForcePollResult[], t: TFunction, fmt: Formatters, masterOffsetMs: number | null): ToastBody {
  const signalled = results.filter((r) => r.signal === 'signalled').length;
  const messages = distinct(results.map((r) => r.message).filter((m): m is string => !!m));
  const lines = capped(results, t, (r) => {
    if (r.signal === 'signalled') return { text: t('targets.forcePoll.signalled', { server: r.server }), tone: 'ok' };
    const due = r.nextPollDueAt ? Date.parse(r.nextPollDueAt) : NaN;
    const inMs = Number.isFinite(due) && masterOffsetMs !== null ? due - (Date.now() + masterOffsetMs) : NaN;
    const when = !Number.isFinite(due)
      ? t('targets.forcePoll.notSignalled', { server: r.server })
      : Number.isFinite(inMs) && inMs > 0
        ? t('targets.forcePoll.notSignalledDue', { server: r.server, time: fmt.time(due), relative: fmt.in(inMs) })
        : t('targets.forcePoll.notSignalledOverdue', { server: r.server, time: fmt.time(due) });
    return { text: r.reason ? `${when} ${r.reason}` : when, tone: r.signal === 'failed' ? 'bad' : 'warn' };
  });
  return {
    kind: signalled === results.length ? 'success' : signalled === 0 && results.every((r) => r.signal === 'failed') ? 'error' : 'warning',
    title: t('targets.forcePoll.toastTitle', { count: results.length }),
    messages,
    lines,
  };
}

/** SQL Server's "N download instruction(s) posted." (14230), or undefined. */
const POSTED = /(\d+)\s+\S+\s+download instruction\(s\) posted/i;

/**
 * A post's toast: like outcomeToast, but a post that posted nothing (no 14230, or "0 … posted")
 * is a warning that says why, never a success.
 */
export function postToast(title: string, outcomes: readonly CallOutcome[], t: TFunction, why?: string): ToastBody {
  const toast = outcomeToast(title, outcomes, t);
  if (toast.kind !== 'success') return toast;
  const counts = outcomes.flatMap((o) => o.messages.map((m) => POSTED.exec(m.text)?.[1])).filter((n): n is string => n !== undefined);
  const posted = counts.reduce((sum, n) => sum + Number(n), 0);
  if (posted > 0) return toast;
  return {
    ...toast,
    kind: 'warning',
    title: t('health.post.nothingPosted'),
    messages: [t('health.post.nothingPostedWhy', { why: why ?? t('health.post.nothingPostedUnknown') }), ...(toast.messages ?? [])],
  };
}
