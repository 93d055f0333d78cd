// The window, SSMS's way: Object Explorer on the left (resizable), the work area on the right
// with its documents and, for the lab, the lab panel below them, and a status bar.
import { useTranslation } from 'react-i18next';
import { ConnectDialog } from './connect/ConnectDialog';
import { Splitter } from './kit/Splitter';
import { LabPanel } from './lab/LabPanel';
import { LifecycleDialogs } from './lifecycle/LifecycleDialogs';
import { ObjectExplorer } from './objectExplorer/ObjectExplorer';
import { StatusBar } from './shell/StatusBar';
import { Toasts } from './shell/Toasts';
import { useLiveSync } from './shell/useLiveSync';
import { useApp, useAppStore } from './store';
import { LAB_AUTO_OPEN_MAX } from './store/uiSlice';
import { ManageTargetServers } from './targetServers/ManageTargetServers';
import { JobStatusView } from './jobs/JobStatusView';

export function App() {
  const { t } = useTranslation();
  const store = useAppStore();
  useLiveSync();
  const layout = useApp((s) => s.layout);
  const connectOpen = useApp((s) => s.connectDialogOpen);
  const hasLab = useApp((s) => s.connections.some((c) => c.kind === 'lab'));
  const labCount = useApp((s) => s.labTargets?.length);
  const labOpen = layout.labOpen ?? (labCount === undefined || labCount <= LAB_AUTO_OPEN_MAX);
  const unauthorized = useApp((s) => s.transport === 'unauthorized');

  return (
    <div className="app" style={{ ['--explorer-width' as string]: `${layout.explorerWidth}px`, ['--lab-height' as string]: `${layout.labHeight}px` }}>
      {unauthorized && (
        <p className="fatal-banner" role="alert">
          {t('app.unauthorized')}
        </p>
      )}
      <div className="main">
        <ObjectExplorer />
        <Splitter
          label={t('app.resizeExplorer')}
          value={layout.explorerWidth}
          min={200}
          max={640}
          onChange={(explorerWidth) => store.getState().setLayout({ explorerWidth })}
        />
        <main className="workarea" aria-label={t('app.workArea')}>
          <Documents />
          {hasLab && (
            <>
              {labOpen && (
                <Splitter
                  label={t('app.resizeLab')}
                  orientation="horizontal"
                  invert
                  value={layout.labHeight}
                  min={120}
                  max={640}
                  onChange={(labHeight) => store.getState().setLayout({ labHeight })}
                />
              )}
              <section className={`lab-pane${labOpen ? '' : ' collapsed'}`} aria-labelledby="lab-title">
                <header className="pane-head">
                  <button
                    type="button"
                    className="pane-toggle"
                    aria-expanded={labOpen}
                    aria-controls="lab-content"
                    onClick={() => store.getState().setLayout({ labOpen: !labOpen })}
                  >
                    <span aria-hidden="true">{labOpen ? '▾' : '▸'}</span>
                    <span id="lab-title">{t('lab.title')}</span>
                  </button>
                  <span className="muted">{labCount === undefined ? t('lab.subtitle') : t('lab.subtitleCount', { count: labCount })}</span>
                </header>
                <div id="lab-content" hidden={!labOpen} className="lab-content">
                  {labOpen && <LabPanel open={labOpen} />}
                </div>
              </section>
            </>
          )}
        </main>
      </div>
      <StatusBar />
      <Toasts />
      <LifecycleDialogs />
      {connectOpen && <ConnectDialog onClose={() => store.getState().setConnectDialogOpen(false)} />}
    </div>
  );
}

function Documents() {
  const { t } = useTranslation();
  const store = useAppStore();
  const documents = useApp((s) => s.documents);
  const active = useApp((s) => s.activeDocument);
  const connections = useApp((s) => s.connections);
  const doc = documents.find((d) => d.id === active);
  if (!doc) {
    return (
      <div className="documents empty">
        <p className="hint">{t('app.hint')}</p>
      </div>
    );
  }
  const title = (d: { kind: string; connectionId: string }) => {
    const server = connections.find((c) => c.id === d.connectionId)?.server ?? d.connectionId;
    return d.kind === 'jobStatus' ? t('jobs.status.title', { server }) : t('manage.title', { server });
  };
  return (
    <div className="documents">
      {documents.length > 1 && (
        <nav className="doc-tabs" aria-label={t('app.documents')}>
          {documents.map((d) => (
            <button key={d.id} type="button" className="doc-tab" aria-current={d.id === active ? 'page' : undefined} onClick={() => store.getState().activateDocument(d.id)}>
              {title(d)}
            </button>
          ))}
        </nav>
      )}
      {doc.kind === 'jobStatus' ? (
        <JobStatusView key={doc.id} docId={doc.id} connectionId={doc.connectionId} />
      ) : (
        <ManageTargetServers key={doc.id} docId={doc.id} connectionId={doc.connectionId} />
      )}
    </div>
  );
}
