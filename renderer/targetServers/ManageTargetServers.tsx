// Manage Target Servers - <master>: a dialog docked in the work area rather than a modal window,
// so Object Explorer and the lab panel stay usable beside it. Esc closes it and focus returns to
// SQL Server Agent in the tree. Script shows the T-SQL of each action for the selection, as
// SSMS's Script button does.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../kit/Dialog';
import { selectedInOrder } from '../kit/gridSelection';
import { Menu, type MenuItem } from '../kit/Menu';
import { ScriptBox } from '../kit/ScriptBox';
import { Tabs } from '../kit/Tabs';
import { nodeKey } from '../objectExplorer/explorerSlice';
import { useApp, useAppStore } from '../store';
import type { ScriptAction } from '../api/types';
import { DownloadInstructionsTab } from './DownloadInstructionsTab';
import { filterTargets } from './targetRows';
import { manageOf, targetsOf, type ManageTab } from './targetServersSlice';
import { TargetStatusTab } from './TargetStatusTab';
import { useLiveTargets } from './useLive';
import { useScript } from './useScript';

export function ManageTargetServers({ docId, connectionId }: { docId: string; connectionId: string }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const titleId = useId();
  const connection = useApp((s) => s.connections.find((c) => c.id === connectionId));
  const tab = useApp((s) => manageOf(s, connectionId).tab);
  const rootRef = useRef<HTMLElement>(null);
  const isLab = connection?.kind === 'lab';
  const notSysadmin = connection?.isSysadmin === false;
  useLiveTargets(connectionId, isLab ? 'lab' : 'sqlserver');

  // Opened from the menu: focus goes into the dialog, on the grid.
  useEffect(() => {
    rootRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }, []);

  const close = () => {
    store.getState().closeDocument(docId);
    const agent = nodeKey(connectionId, 'server/agent');
    store.getState().setFocusedKey(agent);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-key="${CSS.escape(agent)}"]`)?.focus());
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Keys inside a modal opened from here (Post Instructions, a confirmation) are that modal's.
    if ((e.target as Element).closest('dialog')) return;
    const clearsSearch = e.target instanceof HTMLInputElement && e.target.type === 'search' && e.target.value !== '';
    if (e.key === 'Escape' && !e.defaultPrevented && !clearsSearch) {
      e.preventDefault();
      close();
    }
    // Access keys of the dialog's buttons, as SSMS's &-underlined ones.
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const target = rootRef.current?.querySelector<HTMLButtonElement>(`[aria-keyshortcuts="Alt+${e.key.toUpperCase()}"]:not([disabled])`);
      if (target) {
        e.preventDefault();
        target.click();
      }
    }
  };

  const server = connection?.server ?? connectionId;
  return (
    <section ref={rootRef} role="dialog" aria-labelledby={titleId} className="document manage-targets" onKeyDown={onKeyDown}>
      <header className="doc-head">
        <h2 id={titleId}>{t('manage.title', { server })}</h2>
        <ScriptMenu connectionId={connectionId} />
        <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={close}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      {notSysadmin && (
        <p className="warning-banner not-sysadmin" role="note">
          <strong>{t('sysadmin.title')}</strong> {t('sysadmin.warning', { login: connection.login })} {t('tds.readsNeedGrant')}
        </p>
      )}
      <Tabs
        label={t('manage.tabs')}
        selected={tab}
        onSelect={(id) => store.getState().setManage(connectionId, { tab: id as ManageTab })}
        tabs={[
          { id: 'status', label: t('manage.tab.status') },
          { id: 'downloads', label: t('manage.tab.downloads') },
        ]}
      >
        {tab === 'status' ? <TargetStatusTab connectionId={connectionId} isLab={isLab} /> : <DownloadInstructionsTab connectionId={connectionId} isLab={isLab} />}
      </Tabs>
    </section>
  );
}

type ScriptKind = 'forcePoll' | 'forceDefection' | 'resync';

function ScriptMenu({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  const [rect, setRect] = useState<DOMRect | null>(null);
  const [shown, setShown] = useState<{ kind: ScriptKind; servers: string[] } | null>(null);
  const rows = useApp((s) => targetsOf(s, connectionId).rows);
  const view = useApp((s) => manageOf(s, connectionId));
  const selected = useMemo(() => selectedInOrder(view.selection, filterTargets(rows ?? [], view.filter).map((r) => r.serverName)), [rows, view.selection, view.filter]);
  const hint = t('script.selectFirst');
  const item = (kind: ScriptKind, label: string): MenuItem => ({
    id: kind,
    label,
    disabled: selected.length === 0,
    hint,
    onSelect: () => setShown({ kind, servers: selected }),
  });
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={!!rect}
        onClick={() => setRect(rect ? null : button.current!.getBoundingClientRect())}
      >
        {t('script.button')} <span aria-hidden="true">▾</span>
      </button>
      {rect && (
        <Menu
          label={t('script.button')}
          anchor={{ rect, side: 'below' }}
          items={[item('forcePoll', t('script.forcePoll')), item('forceDefection', t('script.forceDefection')), item('resync', t('script.resync'))]}
          onClose={(reason) => {
            setRect(null);
            if (reason === 'escape' || reason === 'tab') button.current?.focus();
          }}
        />
      )}
      {shown && <ScriptDialog connectionId={connectionId} action={{ kind: shown.kind, servers: shown.servers }} onClose={() => setShown(null)} returnFocus={() => button.current} />}
    </>
  );
}

function ScriptDialog({ connectionId, action, onClose, returnFocus }: { connectionId: string; action: ScriptAction; onClose: () => void; returnFocus: () => Element | null }) {
  const { t } = useTranslation();
  const script = useScript(connectionId, action);
  return (
    <Dialog
      title={t(`script.title.${action.kind as ScriptKind}`)}
      onClose={onClose}
      returnFocus={returnFocus}
      className="dialog-medium"
      footer={
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <ScriptBox script={script.script} loading={script.loading} error={script.error} />
    </Dialog>
  );
}
