// Problems first: one button per kind of problem with its count, above the grid. Pressing one
// shows only the targets that have it (several: any of them); pressing it again shows all.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { PROBLEMS, SKEW_THRESHOLD_MS, type Health, type Problem } from './health';

interface Props {
  health: Health;
  chosen: readonly Problem[];
  onChange: (next: Problem[]) => void;
  masterVersion?: string;
}

export function HealthSummary({ health, chosen, onChange, masterVersion }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shown = PROBLEMS.filter((p) => health.counts[p] > 0 || chosen.includes(p));
  const toggle = (p: Problem) => onChange(chosen.includes(p) ? chosen.filter((x) => x !== p) : [...chosen, p]);
  return (
    <div className="health-summary" role="group" aria-label={t('health.summaryLabel')}>
      {shown.length === 0 ? (
        <span className="health-ok">
          <span aria-hidden="true">✓ </span>
          {t('health.allGood')}
        </span>
      ) : (
        shown.map((p) => (
          <button
            key={p}
            type="button"
            className={`health-count tone-${p === 'blocked' ? 'bad' : p === 'offline' || p === 'overdue' ? 'warn' : 'info'}`}
            aria-pressed={chosen.includes(p)}
            title={t(`health.problemHint.${p}`, { seconds: SKEW_THRESHOLD_MS / 1000, version: masterVersion ?? '' })}
            onClick={() => toggle(p)}
            data-problem={p}
          >
            <span className="count">{fmt.number(health.counts[p])}</span> {t(`health.problem.${p}`)}
          </button>
        ))
      )}
      {chosen.length > 0 && (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          {t('health.clearProblems')}
        </button>
      )}
    </div>
  );
}
