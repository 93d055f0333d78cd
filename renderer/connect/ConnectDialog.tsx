// Connect to Server (Database Engine), with SSMS's fields. Each is checked as it is typed; Connect
// calls connections.connectSqlServer and shows what came back as SSMS does: the server's text
// verbatim and "(Microsoft SQL Server, Error: 18456)", then the API's hint. The same fields
// register a target of a SQL Server master (targets.register) for Force Poll's signal.
// Nothing here blocks: while connecting, Cancel (or Esc) closes the dialog and a late answer is
// dropped (a connection opened after Cancel is closed again, as the user asked for none).
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView, type ErrorView } from '../api/errors';
import type { ConnectParams, SavedConnection, TestResult } from '../api/types';
import { Dialog } from '../kit/Dialog';
import { useAppStore, useClient } from '../store';
import { AUTHS, checkForm, fieldsOf, paramsOf, type Auth, type Encrypt } from './connectForm';

export type ConnectMode = { kind: 'connect' } | { kind: 'register'; connectionId: string; server: string };

export function ConnectDialog({ onClose, mode = { kind: 'connect' }, returnFocus }: { onClose: () => void; mode?: ConnectMode; returnFocus?: () => Element | null }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const client = useClient();
  const id = useId();
  const register = mode.kind === 'register';
  const browserMode = client.transport === 'http';
  const [server, setServer] = useState(register ? mode.server : '');
  const [auth, setAuth] = useState<Auth>('sql');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [domain, setDomain] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [remember, setRemember] = useState(false);
  const [unencrypted, setUnencrypted] = useState(false);
  const [encrypt, setEncrypt] = useState<Encrypt>('Mandatory');
  const [trust, setTrust] = useState(false);
  const [timeout, setTimeoutText] = useState('30');
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState<'connect' | 'test' | null>(null);
  const [error, setError] = useState<ErrorView & { server: string }>();
  const [tested, setTested] = useState<TestResult>();
  const [saved, setSaved] = useState<SavedConnection[]>([]);
  const [savedId, setSavedId] = useState<string>('');
  // Whether the dialog is still open: answers that arrive after Cancel are dropped.
  const open = useRef(true);
  useEffect(() => {
    // Set here, not only at creation: React's development StrictMode unmounts and remounts once,
    // and a dialog left marked closed would drop every answer (Connecting… forever).
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);

  useEffect(() => {
    if (register) return;
    client.invoke('connections.saved', {}).then(
      (list) => open.current && setSaved(list),
      () => undefined, // No saved list is not a reason to keep anyone from connecting.
    );
  }, [client, register]);

  const f = fieldsOf(auth);
  const form = { server, auth, login, password, domain, clientId, clientSecret, tenantId, encrypt, trust, timeout };
  const issues = checkForm(form);
  const serverIssue = issues.server;
  const loginIssue = !!issues.login;
  const clientIdIssue = !!issues.clientId;
  const timeoutOk = !issues.timeout;
  const valid = !serverIssue && !loginIssue && !clientIdIssue && timeoutOk;
  const show = (field: string) => touched[field];
  const picked = saved.find((s) => s.id === savedId);

  // An empty password of a saved connection means "use the saved one" (connectSaved).
  const params = (): ConnectParams => paramsOf(form);

  const fail = (err: unknown) => {
    if (!open.current) return;
    setError({ ...toErrorView(err), server: server.trim() });
    setBusy(null);
  };

  const connect = async () => {
    setTouched({ server: true, login: true, timeout: true, clientId: true });
    if (!valid || busy) return;
    setBusy('connect');
    setError(undefined);
    setTested(undefined);
    try {
      if (register) {
        const out = await client.invoke('targets.register', {
          connectionId: mode.connectionId,
          server: mode.server,
          connection: params(),
          ...(unencrypted ? { rememberPasswordUnencrypted: true } : {}),
        });
        if (!open.current) return;
        await store.getState().loadRegistered(mode.connectionId);
        // Its version can now be read through its registration.
        void store.getState().loadVersions(mode.connectionId);
        store.getState().pushToast({ kind: out.warning ? 'warning' : 'success', title: t('register.done', { server: out.server }), messages: out.warning ? [out.warning] : [] });
        onClose();
        return;
      }
      const p = params();
      const useSaved = picked && !p.password && !p.clientSecret && picked.hasPassword;
      const c = useSaved
        ? await client.invoke('connections.connectSaved', { id: picked.id })
        : await client.invoke('connections.connectSqlServer', {
            ...p,
            ...(picked ? { id: picked.id } : {}),
            save: true,
            ...(remember ? { rememberPassword: true } : {}),
            ...(remember && unencrypted ? { rememberPasswordUnencrypted: true } : {}),
          });
      if (!open.current) {
        // Canceled while connecting: the user asked for no connection.
        void client.invoke('connections.disconnect', { connectionId: c.id }).catch(() => undefined);
        return;
      }
      await store.getState().loadConnections();
      store.getState().setActiveConnection(c.id);
      // connectSaved saves nothing; connectSqlServer says how it kept the password.
      const warning = (c as { saved?: { warning?: string } }).saved?.warning;
      if (warning) store.getState().pushToast({ kind: 'warning', title: t('connect.storedUnencrypted'), messages: [warning] });
      onClose();
    } catch (err) {
      fail(err);
    }
  };

  const test = async () => {
    setTouched({ server: true, login: true, timeout: true, clientId: true });
    if (!valid || busy) return;
    setBusy('test');
    setError(undefined);
    setTested(undefined);
    try {
      const r = await client.invoke('connections.test', params());
      if (!open.current) return;
      setTested(r);
      setBusy(null);
    } catch (err) {
      fail(err);
    }
  };

  const pick = (sid: string) => {
    setSavedId(sid);
    const s = saved.find((x) => x.id === sid);
    if (!s) return;
    setServer(s.server);
    setAuth(s.authentication);
    setLogin(s.login ?? '');
    setDomain(s.domain ?? '');
    setClientId(s.clientId ?? '');
    setTenantId(s.tenantId ?? '');
    setPassword('');
    setClientSecret('');
    setRemember(s.rememberPassword);
    setEncrypt(s.encrypt === true ? 'Mandatory' : s.encrypt === false ? 'Optional' : s.encrypt);
    setTrust(s.trustServerCertificate);
    if (s.connectTimeoutMs) setTimeoutText(String(Math.round(s.connectTimeoutMs / 1000)));
  };

  const forget = async () => {
    if (!picked) return;
    try {
      await client.invoke('connections.forget', { id: picked.id });
      setSaved((list) => list.filter((s) => s.id !== picked.id));
      setSavedId('');
    } catch (err) {
      fail(err);
    }
  };

  const serverMessage = serverIssue && show('server') ? t(`connect.serverIssue.${serverIssue}`) : undefined;
  const secretLabel = f.clientSecret ? t('connect.clientSecret') : t('connect.password');
  const showUnencrypted = browserMode && (register || remember);

  return (
    <Dialog
      title={register ? t('register.title', { server: mode.server }) : t('connect.title')}
      onClose={onClose}
      className="dialog-connect"
      {...(returnFocus ? { returnFocus } : {})}
      footer={
        <>
          <button type="button" onClick={() => void test()} disabled={busy !== null}>
            {busy === 'test' ? t('connect.testing') : t('connect.test')}
          </button>
          <button type="submit" form={`${id}-form`} className="primary" disabled={busy !== null}>
            {busy === 'connect' ? t('connect.connecting') : register ? t('register.register') : t('connect.connect')}
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
        aria-busy={busy !== null}
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        {register ? (
          <p className="muted">{t('register.explain', { server: mode.server })}</p>
        ) : (
          <div className="form-row">
            <label htmlFor={`${id}-saved`}>{t('connect.saved')}</label>
            <div className="saved-row">
              <select id={`${id}-saved`} value={savedId} onChange={(e) => pick(e.target.value)} disabled={saved.length === 0}>
                <option value="">{saved.length ? t('connect.savedPick') : t('connect.savedNone')}</option>
                {saved.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => void forget()} disabled={!picked} title={t('connect.forgetHint')}>
                {t('connect.forget')}
              </button>
            </div>
          </div>
        )}
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
            {AUTHS.map((a) => (
              <option key={a} value={a}>
                {t(`connect.auth.${a}`)}
              </option>
            ))}
          </select>
        </div>
        {(f.login || auth === 'entra-default') && (
          <div className="form-row indent">
            <label htmlFor={`${id}-login`}>{auth === 'entra-password' ? t('connect.userName') : t('connect.login')}</label>
            <div>
              <input
                id={`${id}-login`}
                value={login}
                disabled={!f.login}
                autoComplete="username"
                spellCheck={false}
                placeholder={auth === 'windows' ? t('connect.windowsLoginPlaceholder') : undefined}
                onChange={(e) => setLogin(e.target.value)}
                onBlur={() => setTouched((x) => ({ ...x, login: true }))}
                aria-invalid={loginIssue && show('login')}
                aria-describedby={loginIssue && show('login') ? `${id}-login-note` : undefined}
              />
              {loginIssue && show('login') && (
                <p id={`${id}-login-note`} className="field-error">
                  {auth === 'sql' ? t('connect.loginRequired') : t('connect.userRequired')}
                </p>
              )}
            </div>
          </div>
        )}
        {f.domain && (
          <div className="form-row indent">
            <label htmlFor={`${id}-domain`}>{t('connect.domain')}</label>
            <div>
              <input id={`${id}-domain`} value={domain} spellCheck={false} autoComplete="off" aria-describedby={`${id}-domain-note`} onChange={(e) => setDomain(e.target.value)} />
              <p id={`${id}-domain-note`} className="field-note">
                {t('connect.domainNote')}
              </p>
            </div>
          </div>
        )}
        {f.clientId && (
          <div className="form-row indent">
            <label htmlFor={`${id}-clientId`}>{t('connect.clientId')}</label>
            <div>
              <input
                id={`${id}-clientId`}
                value={clientId}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setClientId(e.target.value)}
                onBlur={() => setTouched((x) => ({ ...x, clientId: true }))}
                aria-invalid={clientIdIssue && show('clientId')}
                aria-describedby={`${id}-clientId-note`}
              />
              <p id={`${id}-clientId-note`} className={clientIdIssue && show('clientId') ? 'field-error' : 'field-note'}>
                {clientIdIssue && show('clientId') ? t('connect.clientIdRequired') : auth === 'entra-default' ? t('connect.clientIdDefaultNote') : t('connect.clientIdNote')}
              </p>
            </div>
          </div>
        )}
        {f.tenantId && (
          <div className="form-row indent">
            <label htmlFor={`${id}-tenant`}>{t('connect.tenantId')}</label>
            <input id={`${id}-tenant`} value={tenantId} spellCheck={false} autoComplete="off" onChange={(e) => setTenantId(e.target.value)} />
          </div>
        )}
        {(f.password || f.clientSecret || auth === 'entra-default') && (
          <div className="form-row indent">
            <label htmlFor={`${id}-password`}>{secretLabel}</label>
            <div>
              <input
                id={`${id}-password`}
                type="password"
                value={f.clientSecret ? clientSecret : password}
                disabled={auth === 'entra-default'}
                autoComplete="current-password"
                aria-describedby={picked?.hasPassword ? `${id}-password-note` : undefined}
                onChange={(e) => (f.clientSecret ? setClientSecret(e.target.value) : setPassword(e.target.value))}
              />
              {picked?.hasPassword && (
                <p id={`${id}-password-note`} className="field-note">
                  {t('connect.passwordSaved')}
                </p>
              )}
            </div>
          </div>
        )}
        {!register && auth !== 'entra-default' && (
          <div className="form-row">
            <span />
            <label className="check">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} aria-describedby={`${id}-remember-note`} />
              {t('connect.rememberPassword')}
            </label>
            <span />
            <p id={`${id}-remember-note`} className="field-note">
              {browserMode ? (remember && unencrypted ? t('connect.rememberUnencryptedNote') : t('connect.rememberSessionNote')) : t('connect.rememberEncryptedNote')}
            </p>
          </div>
        )}
        {showUnencrypted && auth !== 'entra-default' && (
          <div className="form-row">
            <span />
            <label className="check">
              <input type="checkbox" checked={unencrypted} onChange={(e) => setUnencrypted(e.target.checked)} aria-describedby={`${id}-unencrypted-note`} />
              {t('connect.storeUnencrypted')}
            </label>
            <span />
            <p id={`${id}-unencrypted-note`} className={unencrypted ? 'field-error' : 'field-note'}>
              {t('connect.storeUnencryptedNote')}
            </p>
          </div>
        )}
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
        <div aria-live="polite">
          {busy && (
            <p className="muted">
              <span className="spinner" aria-hidden="true" /> {busy === 'test' ? t('connect.testing') : t('connect.connecting')} {t('connect.cancelHint')}
            </p>
          )}
          {tested && (
            <div className="connect-ok" role="status">
              <p>
                <strong>{t('connect.testOk', { server: tested.serverName })}</strong>
              </p>
              <p className="muted">
                {t('connect.testDetails', {
                  product: tested.productName,
                  version: tested.productVersion,
                  role: t(`status.role.${tested.agentRole}`),
                  login: tested.login,
                  ms: tested.elapsedMs,
                })}
              </p>
              {!tested.isSysadmin && <p className="field-error">{t('sysadmin.warning', { login: tested.login })} {t('tds.readsNeedGrant')}</p>}
            </div>
          )}
        </div>
        {error && (
          <div className="connect-error" role="alert">
            <p>
              <strong>{t('connect.failed', { server: error.server })}</strong>
            </p>
            <p className="sql-message">{error.message}</p>
            {error.number !== undefined && <p className="muted">{t('connect.errorNumber', { number: error.number })}</p>}
            {error.hint && <p className="muted">{error.hint}</p>}
            {error.issues?.map((i) => (
              <p key={i.path} className="muted">
                {i.path}: {i.message}
              </p>
            ))}
          </div>
        )}
      </form>
    </Dialog>
  );
}
