// Confirmation for an action on chosen target servers (Force Defection, Resync Target): names
// the servers, shows the T-SQL that will run, runs it and reports SQL Server's messages.
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { CallOutcome } from '../api/types';
import { errorText } from '../i18n/errorText';
import { ConfirmDialog, type ConfirmDialogProps } from '../kit/ConfirmDialog';
import { useAppStore } from '../store';
import { outcomeToast } from './outcomes';
import { useScript } from './useScript';

/** Names listed in the dialog; the rest are counted ("and 12 more"). */
const NAMES_SHOWN = 20;

interface Props {
  title: string;
  confirmLabel: string;
  question: string;
  explain: string;
  /** The toast's title once the action ran. */
  doneTitle: string;
  servers: readonly string[];
  script: ConfirmDialogProps['script'];
  run: () => Promise<CallOutcome[]>;
  onClose: () => void;
}

export function ServerActionConfirm({ title, confirmLabel, question, explain, doneTitle, servers, script, run, onClose }: Props) {
  const { t } = useTranslation();
  const store = useAppStore();
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      danger
      script={script}
      onClose={onClose}
      onConfirm={async () => {
        try {
          store.getState().pushToast(outcomeToast(doneTitle, await run(), t));
        } catch (err) {
          // ConfirmDialog shows the thrown message in place and keeps the dialog open.
          throw new Error(errorText(t, toErrorView(err)), { cause: err });
        }
      }}
    >
      <p>{question}</p>
      <ul className="name-list">
        {servers.slice(0, NAMES_SHOWN).map((s) => (
          <li key={s}>{s}</li>
        ))}
        {servers.length > NAMES_SHOWN && <li className="muted">{t('toast.andMore', { count: servers.length - NAMES_SHOWN })}</li>}
      </ul>
      <p className="muted">{explain}</p>
    </ConfirmDialog>
  );
}

/** Resync Target for chosen servers: the same confirmation from the Status tab, its details pane and the Download Instructions tab. */
export function ResyncConfirm({ connectionId, servers, onClose }: { connectionId: string; servers: readonly string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const script = useScript(connectionId, { kind: 'resync', servers: [...servers] });
  return (
    <ServerActionConfirm
      title={t('downloads.resync.title')}
      confirmLabel={t('downloads.resync.confirm')}
      question={t('downloads.resync.question', { count: servers.length })}
      explain={t('downloads.resync.explain')}
      doneTitle={t('downloads.resync.done', { count: servers.length })}
      servers={servers}
      script={script}
      run={() => store.getState().resync(connectionId, [...servers])}
      onClose={onClose}
    />
  );
}
