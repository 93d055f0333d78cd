// The job dialog that is open (from Object Explorer's menus or the status view): Job Properties,
// Start Job at Step, Stop Job, Delete, View History, Script Job as CREATE.
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { nodeKey } from '../objectExplorer/explorerSlice';
import { useApp, useAppStore, useClient } from '../store';
import { JobHistory } from './JobHistory';
import { JobProperties } from './JobProperties';
import { saveToast } from './jobToasts';
import type { JobRef } from './jobsSlice';
import { ScriptDialog, type ScriptState } from './ScriptDialog';
import { StartJobDialog } from './StartJobDialog';

export function JobDialogs() {
  const dialog = useApp((s) => s.jobDialog);
  const store = useAppStore();
  const close = () => store.getState().closeJobDialog();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'properties':
      return <JobProperties key={dialog.job?.jobId ?? 'new'} connectionId={dialog.connectionId} job={dialog.job} initialPage={dialog.page} onClose={close} />;
    case 'history':
      return <JobHistory job={dialog.job} server={dialog.server} onClose={close} />;
    case 'start':
      return <StartJobDialog job={dialog.job} servers={dialog.servers} onClose={close} />;
    case 'stop':
      return <StopJobConfirm job={dialog.job} servers={dialog.servers} onClose={close} />;
    case 'delete':
      return <DeleteJobConfirm job={dialog.job} onClose={close} />;
    case 'script':
      return <CreateScript job={dialog.job} onClose={close} />;
  }
}

/** A write's script (its `script: true` answer), read when the confirmation opens. */
function useWriteScript(read: () => Promise<{ script: string }>, key: string): ScriptState & { loading: boolean; error: string | undefined; script: string | undefined } {
  const { t } = useTranslation();
  const [state, setState] = useState<ScriptState>({ loading: true });
  useEffect(() => {
    let live = true;
    read().then(
      (r) => live && setState({ loading: false, script: r.script }),
      (err: unknown) => live && setState({ loading: false, error: errorText(t, toErrorView(err)) }),
    );
    return () => {
      live = false;
    };
  }, [key, t]);
  return { loading: state.loading, script: state.script, error: state.error };
}

function refreshJobs(store: ReturnType<typeof useAppStore>, connectionId: string) {
  void store.getState().refreshNode(nodeKey(connectionId, 'server/agent/jobs'));
}

/** Runs a write; a failed call is thrown so ConfirmDialog shows it in place and stays open. */
async function runWrite(
  write: () => Promise<{ ok: boolean; outcomes?: Parameters<typeof saveToast>[1]['outcomes'] }>,
  title: string,
  t: TFunction,
  store: ReturnType<typeof useAppStore>,
): Promise<void> {
  let r;
  try {
    r = await write();
  } catch (err) {
    throw new Error(errorText(t, toErrorView(err)), { cause: err });
  }
  if (!r.ok) {
    const failed = r.outcomes?.find((o) => !o.ok);
    throw new Error(failed && !failed.ok ? errorText(t, failed.error) : title);
  }
  store.getState().pushToast(saveToast(title, r, t));
}

function DeleteJobConfirm({ job, onClose }: { job: JobRef; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const store = useAppStore();
  const p = { connectionId: job.connectionId, jobId: job.jobId };
  const script = useWriteScript(() => client.invoke('jobs.delete', { ...p, script: true }), job.jobId);
  return (
    <ConfirmDialog
      title={t('jobs.delete.title')}
      confirmLabel={t('jobs.delete.confirm')}
      danger
      script={script}
      onClose={onClose}
      onConfirm={async () => {
        await runWrite(() => client.invoke('jobs.delete', p), t('jobs.delete.done', { job: job.jobName }), t, store);
        refreshJobs(store, job.connectionId);
      }}
    >
      <p>{t('jobs.delete.question', { job: job.jobName })}</p>
      {job.multiserver && <p className="muted">{t('jobs.delete.multiserver')}</p>}
    </ConfirmDialog>
  );
}

function StopJobConfirm({ job, servers, onClose }: { job: JobRef; servers?: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const store = useAppStore();
  const p = { connectionId: job.connectionId, jobId: job.jobId, ...(servers ? { servers } : {}) };
  const script = useWriteScript(() => client.invoke('jobs.stop', { ...p, script: true }), JSON.stringify(p));
  return (
    <ConfirmDialog
      title={t('jobs.stop.title', { job: job.jobName })}
      confirmLabel={t('jobs.stop.confirm')}
      danger
      script={script}
      onClose={onClose}
      onConfirm={() => runWrite(() => client.invoke('jobs.stop', p), t('jobs.stop.done', { job: job.jobName }), t, store)}
    >
      <p>{!job.multiserver ? t('jobs.stop.questionLocal', { job: job.jobName }) : servers ? t('jobs.stop.question', { job: job.jobName }) : t('jobs.stop.questionAll', { job: job.jobName })}</p>
      {servers && (
        <ul className="name-list">
          {servers.slice(0, 20).map((s) => (
            <li key={s}>{s}</li>
          ))}
          {servers.length > 20 && <li className="muted">{t('toast.andMore', { count: servers.length - 20 })}</li>}
        </ul>
      )}
    </ConfirmDialog>
  );
}

function CreateScript({ job, onClose }: { job: JobRef; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const state = useWriteScript(() => client.invoke('jobs.scriptCreate', { connectionId: job.connectionId, jobId: job.jobId }), job.jobId);
  return <ScriptDialog title={t('jobs.script.title', { job: job.jobName })} state={state} onClose={onClose} />;
}

/** Enable / Disable from the menu: no confirmation (SSMS asks none); the outcome is a toast. */
export async function setJobEnabled(client: ReturnType<typeof useClient>, store: ReturnType<typeof useAppStore>, t: TFunction, job: JobRef, enabled: boolean) {
  try {
    await runWrite(
      () => client.invoke('jobs.setEnabled', { connectionId: job.connectionId, jobId: job.jobId, enabled }),
      enabled ? t('jobs.enable.done', { job: job.jobName }) : t('jobs.enable.disabledDone', { job: job.jobName }),
      t,
      store,
    );
  } catch (err) {
    store.getState().pushToast({ kind: 'error', title: t('jobs.enable.failed'), messages: [(err as Error).message] });
  }
  refreshJobs(store, job.connectionId);
}

/** Script Job as > CREATE To > Clipboard. */
export async function copyCreateScript(client: ReturnType<typeof useClient>, store: ReturnType<typeof useAppStore>, t: TFunction, job: JobRef) {
  try {
    const r = await client.invoke('jobs.scriptCreate', { connectionId: job.connectionId, jobId: job.jobId });
    await navigator.clipboard.writeText(r.script);
    store.getState().pushToast({ kind: 'success', title: t('jobs.script.copied', { job: job.jobName }) });
  } catch (err) {
    const text = err instanceof Error && err.name === 'NotAllowedError' ? t('jobs.script.copyFailed') : errorText(t, toErrorView(err));
    store.getState().pushToast({ kind: 'error', title: t('jobs.script.title', { job: job.jobName }), messages: [text] });
  }
}
