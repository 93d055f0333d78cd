// Connect to Server (Database Engine), with SSMS's fields. Each is checked as it is typed; Connect
// calls connections.connectSqlServer and shows what came back as SSMS does: the server's text
// verbatim and "(Microsoft SQL Server, Error: 18456)".
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView, type ErrorView } from '../api/errors';
import type { ConnectParams } from '../api/types';
import { Dialog } from '../kit/Dialog';
import { useAppStore } from '../store';
import { parseServerName } from './serverName';

type Encrypt = 'Mandatory' | 'Optional' | 'Strict';
type Auth = 'sql' | 'windows';

export function ConnectDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const id = useId();
  const [server, setServer] = useState('');
  const [auth, setAuth] = useState<Auth>('sql');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [encrypt, setEncrypt] = useState<Encrypt>('Mandatory');
  const [trust, setTrust] = useState(false);
  const [timeout, setTimeoutText] = useState('30');
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView & { server: string }>();

  const parsed = parseServerName(server);
  const serverIssue = typeof parsed === 'string' ? parsed : undefined;
  const loginIssue = auth === 'sql' && !login.trim();
  const timeoutOk = /^\d+$/.test(timeout.trim()) && Number(timeout) >= 1 && Number(timeout) <= 3600;
  const valid = !serverIssue && !loginIssue && timeoutOk;
  const show = (field: string) => touched[field];

  const connect = async () => {
    setTouched({ server: true, login: true, timeout: true });
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    const params: ConnectParams = {
      server: server.trim(),
      authentication: auth,
      encrypt,
      trustServerCertificate: trust,
      connectTimeoutMs: Number(timeout) * 1000,
      ...(auth === 'sql' ? { login: login.trim(), password } : {}),
    };
    try {
      await store.getState().connectSqlServer(params);
      onClose();
    } catch (err) {
      setError({ ...toErrorView(err), server: server.trim() });
      setBusy(false);
    }
  };

  const serverMessage = serverIssue && show('server') ? t(`connect.serverIssue.${serverIssue}`) : undefined;

  return (
    <Dialog
      title={t('connect.title')}
      onClose={onClose}
      className="dialog-connect"
      footer={
        <>
          <button type="submit" form={`${id}-form`} className="primary" disabled={busy}>
            {busy ? t('connect.connecting') : t('connect.connect')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        className="form connect-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <div className="form-row">
          <label htmlFor={`${id}-type`}>{t('connect.serverType')}</label>
          <select id={`${id}-type`} disabled>
            <option>{t('connect.databaseEngine')}</option>
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-server`}>{t('connect.serverName')}</label>
          <div>
            <input
              id={`${id}-server`}
              value={server}
              autoFocus
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setServer(e.target.value)}
              onBlur={() => setTouched((x) => ({ ...x, server: true }))}
              aria-invalid={!!serverMessage}
              aria-describedby={`${id}-server-note`}
              placeholder={t('connect.serverPlaceholder')}
            />
            <p id={`${id}-server-note`} className={serverMessage ? 'field-error' : 'field-note'}>
              {serverMessage ?? t('connect.serverNote')}
            </p>
          </div>
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-auth`}>{t('connect.authentication')}</label>
          <select id={`${id}-auth`} value={auth} onChange={(e) => setAuth(e.target.value as Auth)}>
            <option value="sql">{t('connect.auth.sql')}</option>
            <option value="windows">{t('connect.auth.windows')}</option>
          </select>
        </div>
        <div className="form-row indent">
          <label htmlFor={`${id}-login`}>{t('connect.login')}</label>
          <div>
            <input
              id={`${id}-login`}
              value={login}
              disabled={auth !== 'sql'}
              autoComplete="username"
              spellCheck={false}
              onChange={(e) => setLogin(e.target.value)}
              onBlur={() => setTouched((x) => ({ ...x, login: true }))}
              aria-invalid={loginIssue && show('login')}
              aria-describedby={loginIssue && show('login') ? `${id}-login-note` : undefined}
            />
            {loginIssue && show('login') && (
              <p id={`${id}-login-note`} className="field-error">
                {t('connect.loginRequired')}
              </p>
            )}
          </div>
        </div>
        <div className="form-row indent">
          <label htmlFor={`${id}-password`}>{t('connect.password')}</label>
          <input id={`${id}-password`} type="password" value={password} disabled={auth !== 'sql'} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} />
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-encrypt`}>{t('connect.encryption')}</label>
          <div>
            <select id={`${id}-encrypt`} value={encrypt} onChange={(e) => setEncrypt(e.target.value as Encrypt)} aria-describedby={`${id}-encrypt-note`}>
              <option value="Mandatory">{t('connect.encrypt.mandatory')}</option>
              <option value="Optional">{t('connect.encrypt.optional')}</option>
              <option value="Strict">{t('connect.encrypt.strict')}</option>
            </select>
            <p id={`${id}-encrypt-note`} className="field-note">
              {t(`connect.encryptNote.${encrypt === 'Mandatory' ? 'mandatory' : encrypt === 'Optional' ? 'optional' : 'strict'}`)}
            </p>
          </div>
        </div>
        <div className="form-row">
          <span />
          <label className="check">
            <input type="checkbox" checked={trust} disabled={encrypt === 'Strict'} onChange={(e) => setTrust(e.target.checked)} />
            {t('connect.trustCertificate')}
          </label>
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-timeout`}>{t('connect.timeout')}</label>
          <div>
            <span className="input-with-unit">
              <input
                id={`${id}-timeout`}
                className="num-input"
                inputMode="numeric"
                value={timeout}
                onChange={(e) => setTimeoutText(e.target.value)}
                aria-invalid={!timeoutOk}
                aria-describedby={!timeoutOk ? `${id}-timeout-note` : undefined}
              />
              <span>{t('common.seconds')}</span>
            </span>
            {!timeoutOk && (
              <p id={`${id}-timeout-note`} className="field-error">
                {t('connect.timeoutRange')}
              </p>
            )}
          </div>
        </div>
        {error && (
          <div className="connect-error" role="alert">
            <p>
              <strong>{t('connect.failed', { server: error.server })}</strong>
            </p>
            <p className="sql-message">{error.message}</p>
            {error.number !== undefined && <p className="muted">{t('connect.errorNumber', { number: error.number })}</p>}
            {error.hint && <p className="muted">{error.hint}</p>}
          </div>
        )}
      </form>
    </Dialog>
  );
}
