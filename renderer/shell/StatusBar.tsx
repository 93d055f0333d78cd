// The status bar, as SSMS's: the connection the window is on, its version, the login, and
// whether the event stream is live.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditLogDialog } from '../audit/AuditLogDialog';
import { isLanguage, LANGUAGES, setLanguage } from '../i18n';
import { useApp } from '../store';
import { AboutButton } from './About';

export function StatusBar() {
  const { t } = useTranslation();
  const transport = useApp((s) => s.transport);
  const connection = useApp((s) => s.connections.find((c) => c.id === s.activeConnectionId));
  const tone = transport === 'live' ? 'ok' : transport === 'unauthorized' ? 'bad' : 'warn';
  const [auditOpen, setAuditOpen] = useState(false);
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
          {!connection.isSysadmin && (
            <span className="status-item tone-warn not-sysadmin" role="note" title={t('sysadmin.hint')}>
              <span aria-hidden="true">⚠ </span>
              {t('sysadmin.status')}
            </span>
          )}
        </>
      ) : (
        <span className="status-item">{t('status.notConnected')}</span>
      )}
      <span className="spacer" />
      <AboutButton />
      {/* What this console sent: the audit log (every write, its T-SQL and outcome). */}
      <button type="button" className="status-item status-button" onClick={() => setAuditOpen(true)}>
        {t('health.audit.open')}
      </button>
      {auditOpen && <AuditLogDialog onClose={() => setAuditOpen(false)} />}
      <LanguagePicker />
      <span className={`status-item live tone-${tone}`} role="status">
        <span className="dot" aria-hidden="true" />
        {t(`status.transport.${transport}`)}
      </span>
    </footer>
  );
}

/**
 * The UI language, switched in place (no restart) and remembered. A native select: labelled,
 * keyboard-operable and announced by every screen reader without extra ARIA.
 */
function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <label className="status-item language-picker" title={t('status.language')}>
      <span className="visually-hidden">{t('status.language')}</span>
      <select
        value={current}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          // lang on each option, so a screen reader reads "Deutsch" as German.
          <option key={l.code} value={l.code} lang={l.code}>
            {l.nativeName}
          </option>
        ))}
      </select>
    </label>
  );
}
