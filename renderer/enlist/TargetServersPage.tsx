// The Target Servers page (spec §8.4): Registered servers (the servers MSX Studio is connected
// to that can be enlisted: standalone ones, each lab server included) and Target servers (the
// chosen), moved with >, >>, <, <<. Add Connection… opens Connect to Server; the new connection
// joins the left list. Each chosen server is enlisted through its own connection.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import type { Candidate } from './candidates';
import { moveAll, moveChosen } from './dualList';

export function TargetServersPage({ candidates, chosen, onChange }: { candidates: Candidate[]; chosen: string[]; onChange: (next: string[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const store = useAppStore();
  const [leftSel, setLeftSel] = useState<string[]>([]);
  const [rightSel, setRightSel] = useState<string[]>([]);
  const all = useMemo(() => candidates.map((c) => c.key), [candidates]);
  const byKey = useMemo(() => new Map(candidates.map((c) => [c.key, c])), [candidates]);
  const left = all.filter((x) => !chosen.includes(x));
  const label = (key: string) => {
    const c = byKey.get(key);
    return c ? t('life.enlist.servers.option', { server: c.server, version: c.productName }) : key;
  };

  const add = () => {
    onChange(moveChosen(chosen, leftSel, all, 'add'));
    setLeftSel([]);
  };
  const remove = () => {
    onChange(moveChosen(chosen, rightSel, all, 'remove'));
    setRightSel([]);
  };

  return (
    <>
      <div className="dual-list">
        <div>
          <label htmlFor={`${id}-registered`}>{t('life.enlist.servers.registered')}</label>
          <select
            id={`${id}-registered`}
            multiple
            value={leftSel}
            onChange={(e) => setLeftSel([...e.target.selectedOptions].map((o) => o.value))}
            onDoubleClick={add}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && leftSel.length) {
                e.preventDefault();
                add();
              }
            }}
          >
            {left.map((x) => (
              <option key={x} value={x}>
                {label(x)}
              </option>
            ))}
          </select>
        </div>
        <div className="dual-list-buttons">
          <button type="button" aria-label={t('life.enlist.servers.addChosen')} title={t('life.enlist.servers.addChosen')} disabled={!leftSel.length} onClick={add}>
            &gt;
          </button>
          <button type="button" aria-label={t('life.enlist.servers.addAll')} title={t('life.enlist.servers.addAll')} disabled={!left.length} onClick={() => onChange(moveAll(all, 'add'))}>
            &gt;&gt;
          </button>
          <button type="button" aria-label={t('life.enlist.servers.removeChosen')} title={t('life.enlist.servers.removeChosen')} disabled={!rightSel.length} onClick={remove}>
            &lt;
          </button>
          <button type="button" aria-label={t('life.enlist.servers.removeAll')} title={t('life.enlist.servers.removeAll')} disabled={!chosen.length} onClick={() => onChange(moveAll(all, 'remove'))}>
            &lt;&lt;
          </button>
        </div>
        <div>
          <label htmlFor={`${id}-targets`}>{t('life.enlist.servers.targets')}</label>
          <select
            id={`${id}-targets`}
            multiple
            value={rightSel}
            onChange={(e) => setRightSel([...e.target.selectedOptions].map((o) => o.value))}
            onDoubleClick={remove}
            onKeyDown={(e) => {
              if ((e.key === 'Delete' || e.key === 'Enter') && rightSel.length) {
                e.preventDefault();
                remove();
              }
            }}
          >
            {chosen.map((x) => (
              <option key={x} value={x}>
                {label(x)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => store.getState().setConnectDialogOpen(true)}>
          {t('life.enlist.servers.addConnection')}
        </button>
        <p className="field-note">{candidates.length ? t('life.enlist.servers.note') : t('life.enlist.servers.noneNote')}</p>
      </div>
    </>
  );
}
