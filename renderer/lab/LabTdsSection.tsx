// The lab panel's switch for SQL Server connections (lab.tds / lab.serveTds): off by default; on,
// the lab's master and first targets accept TDS on loopback, and this lists each server's port and
// the logins, so SSMS, sqlcmd or this app's own Connect dialog can reach the lab as real servers.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { ApiWireResult } from '../../src/api/types';
import { errorText } from '../i18n/errorText';
import { useClient } from '../store';

type TdsAnswer = ApiWireResult<'lab.tds'>;

/** 14330, not 1433: a SQL Server installed on this computer keeps its port. */
const DEFAULT_PORT = '14330';

export function LabTdsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const [status, setStatus] = useState<TdsAnswer>();
  const [port, setPort] = useState(DEFAULT_PORT);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    client.invoke('lab.tds', {}).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        if (s.enabled) setPort(String(s.endpoints[0]?.port ?? DEFAULT_PORT));
      },
      (err: unknown) => live && setError(errorText(t, toErrorView(err))),
    );
    return () => {
      live = false;
    };
  }, [client, t]);

  const portOk = /^\d+$/.test(port.trim()) && Number(port) >= 1 && Number(port) <= 65535;
  const on = status?.enabled === true;

  const serve = async (enabled: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await client.invoke('lab.serveTds', enabled ? { enabled, port: Number(port), ...(password.trim() ? { password: password.trim() } : {}) } : { enabled });
      setStatus(next);
    } catch (err) {
      setError(errorText(t, toErrorView(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="lab-tds" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="lab-title">
        {t('tds.title')}
      </h3>
      <label className="check">
        <input type="checkbox" checked={on} disabled={busy || status === undefined || (!on && !portOk)} onChange={(e) => void serve(e.target.checked)} />
        {t('tds.serve')}
      </label>
      <div className="lab-row">
        <label htmlFor={`${id}-port`}>{t('tds.port')}</label>
        <input id={`${id}-port`} className="num-input" inputMode="numeric" value={port} disabled={on || busy} onChange={(e) => setPort(e.target.value)} aria-invalid={!portOk} />
      </div>
      <div className="lab-row">
        <label htmlFor={`${id}-pw`}>{t('tds.password')}</label>
        <input
          id={`${id}-pw`}
          className="tds-password"
          value={on && status.enabled ? status.password : password}
          disabled={on || busy}
          placeholder={t('tds.passwordHint')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {on && status.enabled ? (
        <>
          <p className="tds-logins" title={t('tds.help')}>
            {t('tds.logins', { login: status.otherLogin, password: status.password })}
          </p>
          {/* Focusable: a keyboard user scrolls the list (a fleet lists 101 servers). */}
          <ul className="tds-endpoints" aria-label={t('tds.title')} tabIndex={0}>
            {status.endpoints.map((e) => (
              <li key={e.server}>{t('tds.endpoint', { server: e.server, port: e.port })}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p className="muted">{t('tds.off')}</p>
          <p className="muted">{t('tds.help')}</p>
        </>
      )}
    </section>
  );
}
