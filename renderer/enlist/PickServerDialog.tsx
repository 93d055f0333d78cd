// Pick Server: the servers MSX Studio is connected to (each lab server is one), masters first,
// to choose the master a target enlists into. Another server: Connect > Database Engine… first.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../api/types';
import { Dialog } from '../kit/Dialog';
import { roleText } from './roles';

export function PickServerDialog({ candidates, current, onPick, onClose }: { candidates: Connection[]; current: string; onPick: (server: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const sorted = [...candidates].sort((a, b) => Number(b.agentRole === 'msx') - Number(a.agentRole === 'msx') || a.server.localeCompare(b.server));
  const [chosen, setChosen] = useState(() => sorted.find((c) => c.server.toUpperCase() === current.toUpperCase())?.server ?? sorted[0]?.server ?? '');
  return (
    <Dialog
      title={t('life.enlist.pick.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="primary" disabled={!chosen} onClick={() => onPick(chosen)}>
            {t('common.ok')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <label htmlFor={`${id}-list`} className="block-label">
        {t('life.enlist.pick.servers')}
      </label>
      <select
        id={`${id}-list`}
        size={8}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        onDoubleClick={() => chosen && onPick(chosen)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && chosen) {
            e.preventDefault();
            onPick(chosen);
          }
        }}
        className="wide-list"
      >
        {sorted.map((c) => (
          <option key={c.id} value={c.server}>
            {t('life.enlist.pick.option', { server: c.server, role: roleText(c.agentRole, t), version: c.productName })}
          </option>
        ))}
      </select>
      <p className="field-note">{t('life.enlist.pick.note')}</p>
    </Dialog>
  );
}
