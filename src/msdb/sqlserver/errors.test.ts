import { describe, expect, it } from 'vitest';
import mssql from 'mssql';
import { SqlServerError } from '../../msx/errors';
import { ConnectionFailure, isConnectionLost, isPermanent, mapDriverError, type FailureContext } from './errors';
import { connectionError, sqlError } from './fakeMssql';

const ctx: FailureContext = { server: 'MSX01,1433', connectTimeoutMs: 15000, requestTimeoutMs: 30000, phase: 'connect' };

function failure(e: unknown, c: Partial<FailureContext> = {}): ConnectionFailure {
  const m = mapDriverError(e, { ...ctx, ...c });
  expect(m).toBeInstanceOf(ConnectionFailure);
  return m as ConnectionFailure;
}

const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('connection errors as the UI shows them', () => {
  it('ELOGIN 18456: kind login, the number, SQL Server\'s text and a hint', () => {
    const f = failure(connectionError('ELOGIN', "Login failed for user 'sa'."));
    expect(f.toJSON()).toEqual({
      kind: 'login',
      number: 18456,
      code: 'ELOGIN',
      phase: 'connect',
      message: "Login failed for user 'sa'.",
      hint: expect.stringMatching(/login name and password.*mixed|Windows Authentication mode/s),
    });
  });

  it('ELOGIN with another number from the login token: 18486 locked out, 4060 msdb', () => {
    const locked = failure(connectionError('ELOGIN', "Login failed for user 'x'. Reason: The account is currently locked out."), {
      loginError: { number: 18486, class: 14, state: 1, message: "Login failed for user 'x' because the account is currently locked out." },
    });
    expect(locked).toMatchObject({ kind: 'login', number: 18486 });
    expect(locked.hint).toMatch(/locked/);
    const db = failure(connectionError('ELOGIN', 'Cannot open database "msdb" requested by the login.'), {
      loginError: { number: 4060, class: 11, state: 1, message: 'Cannot open database "msdb" requested by the login. The login failed.' },
    });
    expect(db).toMatchObject({ kind: 'login', number: 4060 });
    expect(db.hint).toMatch(/msdb/);
  });

  it('ESOCKET connection refused: unreachable with what to check', () => {
    const agg = new AggregateError([errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1433')], 'Could not connect (sequence)');
    const f = failure(connectionError('ESOCKET', 'Failed to connect to 127.0.0.1:1433 - Could not connect (sequence)', agg));
    expect(f).toMatchObject({ kind: 'unreachable', code: 'ESOCKET', phase: 'connect' });
    expect(f.message).toBe('Cannot reach MSX01,1433: the connection was refused.');
    expect(f.hint).toMatch(/SQL Server is running.*TCP\/IP.*port.*firewall/s);
    expect(isConnectionLost(f)).toBe(true);
    expect(isPermanent(f)).toBe(false);
  });

  it('ETIMEOUT while connecting: kind timeout with the timeout in seconds', () => {
    const f = failure(connectionError('ETIMEOUT', 'Failed to connect to MSX01:1433 in 15000ms'));
    expect(f).toMatchObject({ kind: 'timeout', code: 'ETIMEOUT' });
    expect(f.message).toBe('No answer from MSX01,1433 within 15 s.');
    expect(f.hint).toMatch(/firewall/);
  });

  it('certificate not trusted: kind certificate, with Trust server certificate in the hint', () => {
    const tls = errno('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain');
    const f = failure(connectionError('ESOCKET', 'Failed to connect to MSX01:1433 - self-signed certificate in certificate chain', tls));
    expect(f.kind).toBe('certificate');
    expect(f.hint).toMatch(/Trust server certificate/);
    expect(isPermanent(f)).toBe(true);
    const name = failure(connectionError('ESOCKET', "Failed to connect - Hostname/IP does not match certificate's altnames", errno('ERR_TLS_CERT_ALTNAME_INVALID')));
    expect(name.kind).toBe('certificate');
  });

  it('named instance not found through SQL Server Browser', () => {
    const f = failure(connectionError('EINSTLOOKUP', 'Failed to get response from SQL Server Browser on MSX01'));
    expect(f.kind).toBe('unreachable');
    expect(f.hint).toMatch(/SQL Server Browser.*UDP 1434.*host,port/s);
  });

  it('unknown host', () => {
    const f = failure(connectionError('ESOCKET', 'Failed to connect to nohost:1433 - getaddrinfo ENOTFOUND nohost', errno('ENOTFOUND')));
    expect(f).toMatchObject({ kind: 'unreachable' });
    expect(f.message).toMatch(/resolve/);
  });

  it('the server requires encryption', () => {
    const f = failure(connectionError('EENCRYPT', "Server requires encryption, set 'encrypt' config option to true."));
    expect(f.kind).toBe('other');
    expect(f.hint).toMatch(/Mandatory/);
    expect(isPermanent(f)).toBe(true);
  });

  it('Entra sign-in failure', () => {
    const f = failure(connectionError('EFEDAUTH', 'Security token could not be authenticated or authorized.'));
    expect(f.kind).toBe('login');
    expect(f.hint).toMatch(/Entra/);
  });

  it('a request timeout is a request-phase timeout', () => {
    const f = failure(new mssql.RequestError(errno('ETIMEOUT', 'Timeout: Request failed to complete in 30000ms'), 'EREQUEST'), { phase: 'request' });
    expect(f).toMatchObject({ kind: 'timeout', phase: 'request' });
    expect(f.message).toMatch(/30 s/);
    expect(isConnectionLost(f)).toBe(false);
  });

  it('a socket error on an open connection (no number): the connection was lost', () => {
    const e = new mssql.RequestError(Object.assign(new Error('Connection lost - read ECONNRESET'), { info: errno('ESOCKET', 'Connection lost - read ECONNRESET') }), 'EREQUEST');
    const f = failure(e, { phase: 'request' });
    expect(f.kind).toBe('unreachable');
    expect(f.message).toMatch(/was lost/);
  });

  it('canceled', () => {
    expect(failure(new mssql.RequestError('Canceled.', 'ECANCEL'), { phase: 'request' }).kind).toBe('canceled');
  });

  it('anything else is kind other, keeping the text', () => {
    const f = failure(new Error('something odd'));
    expect(f).toMatchObject({ kind: 'other', message: 'something odd' });
  });
});

describe('SQL Server errors', () => {
  it('RequestError with a number and class maps field for field', () => {
    const e = mapDriverError(sqlError(14262, 16, "The specified @server_name ('X') does not exist.", { state: 1, procName: 'sp_help_targetserver', lineNumber: 28 }), ctx);
    expect(e).toBeInstanceOf(SqlServerError);
    expect((e as SqlServerError).toJSON()).toEqual({ number: 14262, severity: 16, state: 1, message: "The specified @server_name ('X') does not exist.", procName: 'sp_help_targetserver' });
    expect((e as SqlServerError).lineNumber).toBe(28);
  });

  it('an error from the batch itself has no procedure name', () => {
    const e = mapDriverError(sqlError(229, 14, 'The EXECUTE permission was denied.', { procName: '' }), ctx) as SqlServerError;
    expect(e.procName).toBeUndefined();
    expect(e.severity).toBe(14);
  });

  it('driver refusals (EINJECT, EARGS) stay plain errors: they are our bugs', () => {
    const e = mapDriverError(new mssql.RequestError("Invalid parameter name 'a b'.", 'EINJECT'), ctx);
    expect(e).not.toBeInstanceOf(ConnectionFailure);
    expect(e).not.toBeInstanceOf(SqlServerError);
  });
});
