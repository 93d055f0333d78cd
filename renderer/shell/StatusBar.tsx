// The status bar, as SSMS's: the connection the window is on, its version, the login, and
// whether the event stream is live.
import { useTranslation } from 'react-i18next';
import { useApp } from '../store';

export function StatusBar() {
  const { t } = useTranslation();
  const transport = useApp((s) => s.transport);
  const connection = useApp((s) => s.connections.find((c) => c.id === s.activeConnectionId));
  const tone = transport === 'live' ? 'ok' : transport === 'unauthorized' ? 'bad' : 'warn';
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      {connection ? (
        <>
          <span className="status-item" title={t('status.connection')}>
            {connection.kind === 'lab' ? t('status.lab', { server: connection.server }) : connection.server}
          </span>
          <span className="status-item">{t('status.version', { product: connection.productName, version: connection.productVersion })}</span>
          <span className="status-item">{t('status.login', { login: connection.login })}</span>
          <span className="status-item">{t(`status.role.${connection.agentRole}`)}</span>
        </>
      ) : (
        <span className="status-item">{t('status.notConnected')}</span>
      )}
      <span className="spacer" />
      <span className={`status-item live tone-${tone}`} role="status">
        <span className="dot" aria-hidden="true" />
        {t(`status.transport.${transport}`)}
      </span>
    </footer>
  );
}
