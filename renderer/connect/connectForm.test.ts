import { describe, expect, it } from 'vitest';
import { checkForm, paramsOf, type ConnectForm } from './connectForm';

const base: ConnectForm = {
  server: 'SQL01\\PROD',
  auth: 'sql',
  login: ' sa ',
  password: 'pw',
  domain: 'CORP',
  clientId: 'app-id',
  clientSecret: 'secret',
  tenantId: 'tenant',
  encrypt: 'Strict',
  trust: false,
  timeout: '15',
};

describe('Connect to Server form', () => {
  it('sends only the fields each authentication uses', () => {
    expect(paramsOf(base)).toEqual({ server: 'SQL01\\PROD', authentication: 'sql', encrypt: 'Strict', trustServerCertificate: false, connectTimeoutMs: 15_000, login: 'sa', password: 'pw' });
    expect(paramsOf({ ...base, auth: 'windows' })).toMatchObject({ login: 'sa', password: 'pw', domain: 'CORP' });
    const sp = paramsOf({ ...base, auth: 'entra-service-principal' });
    expect(sp).toMatchObject({ clientId: 'app-id', clientSecret: 'secret', tenantId: 'tenant' });
    expect(sp).not.toHaveProperty('login');
    expect(sp).not.toHaveProperty('password');
    const def = paramsOf({ ...base, auth: 'entra-default', clientId: '' });
    expect(Object.keys(def).sort()).toEqual(['authentication', 'connectTimeoutMs', 'encrypt', 'server', 'trustServerCertificate']);
  });

  it('leaves an empty password out, so a saved one is used', () => {
    expect(paramsOf({ ...base, password: '' })).not.toHaveProperty('password');
  });

  it('checks server name, login, client ID and time-out before sending', () => {
    expect(checkForm(base)).toEqual({});
    expect(checkForm({ ...base, server: '' }).server).toBe('required');
    expect(checkForm({ ...base, server: 'sql01,70000' }).server).toBe('port');
    expect(checkForm({ ...base, login: ' ' }).login).toBe(true);
    expect(checkForm({ ...base, auth: 'windows', login: '' }).login).toBeUndefined();
    expect(checkForm({ ...base, auth: 'entra-password', login: '' }).login).toBe(true);
    expect(checkForm({ ...base, auth: 'entra-service-principal', clientId: '' }).clientId).toBe(true);
    for (const timeout of ['0', '3601', 'abc', '1.5']) expect(checkForm({ ...base, timeout }).timeout).toBe(true);
  });
});
