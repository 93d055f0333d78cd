// Force Poll progress for screen readers: the grid shows it per row ("poll requested" → "✓ polled"),
// which a screen reader does not hear unless the row has focus. One polite live region says how
// many of the requested targets have polled so far, and again as each one does.
import { useTranslation } from 'react-i18next';
import { useApp } from '../store';
import { pollsOf } from './targetServersSlice';

export function PollProgress({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation();
  // Two numbers, not the requests: the region re-renders only when what it says changes.
  const total = useApp((s) => Object.keys(pollsOf(s, connectionId)).length);
  const polled = useApp((s) => Object.values(pollsOf(s, connectionId)).filter((r) => r.phase === 'polled').length);
  return (
    <span className="visually-hidden" role="status" aria-live="polite">
      {total > 0 ? t('targets.poll.progress', { polled, total }) : ''}
    </span>
  );
}
