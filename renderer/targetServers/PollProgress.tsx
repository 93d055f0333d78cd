// Force Poll's counter: how many targets were asked, how many the master has answered for (the
// posts go in chunks, so this moves while a large Force Poll is posting) and how many ended.
// It never goes back (pollTracker.ts nextTally). Visible beside the filter, and a polite live
// region, so a screen reader hears the rows it cannot see.
import { useTranslation } from 'react-i18next';
import { useApp } from '../store';
import { hasPending } from './pollTracker';
import { pollsOf, tallyOf } from './targetServersSlice';

export function PollProgress({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation();
  const tally = useApp((s) => tallyOf(s, connectionId));
  const active = useApp((s) => Object.keys(pollsOf(s, connectionId)).length > 0);
  const pending = useApp((s) => hasPending(pollsOf(s, connectionId)));
  const text = active && tally.asked > 0 ? t('health.poll.progress', { finished: tally.finished, answered: tally.answered, asked: tally.asked }) : '';
  return (
    <span className="poll-progress" role="status" aria-live="polite" data-asked={tally.asked} data-answered={tally.answered} data-finished={tally.finished}>
      {pending && text && <span className="spinner" aria-hidden="true" />}
      {text}
    </span>
  );
}
