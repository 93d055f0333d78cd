import { describe, expect, it } from 'vitest';
import { ConnectionStringError, parseConnectionString, redactConnectionString } from './connectionString';

describe('parseConnectionString', () => {
  it('reads the documented MSX_TEST_MASTER form', () => {
    expect(parseConnectionString('Server=host,1433;User Id=sa;Password=p@ss;Encrypt=Mandatory;TrustServerCertificate=true')).toEqual({
      server: 'host,1433',
      authentication: { type: 'sql', login: 'sa', password: 'p@ss' },
      encrypt: 'Mandatory',
      trustServerCertificate: true,
    });
  });

  it('accepts SqlClient synonyms, any case, spaces in keys, and a trailing semicolon', () => {
    expect(
      parseConnectionString('data source=MSX01\\SQL2022; UID = dba ; PWD=x; encrypt=strict; Connect Timeout=5; Command Timeout=60; Initial Catalog=master; Application Name=foo;'),
    ).toEqual({
      server: 'MSX01\\SQL2022',
      authentication: { type: 'sql', login: 'dba', password: 'x' },
      encrypt: 'Strict',
      connectTimeoutMs: 5000,
      requestTimeoutMs: 60000,
    });
    expect(parseConnectionString('Server=h;UserID=u;Password=p;Encrypt=false;Trust Server Certificate=yes')).toMatchObject({
      encrypt: 'Optional',
      trustServerCertificate: true,
    });
  });

  it('quoted values may contain ; and = and doubled quotes', () => {
    const o = parseConnectionString(`Server=h;User Id=sa;Password="a;b=c""d";Encrypt=Optional`);
    expect(o.authentication).toEqual({ type: 'sql', login: 'sa', password: 'a;b=c"d' });
    expect(parseConnectionString(`Server=h;User Id=sa;Password='it''s'`).authentication).toMatchObject({ password: "it's" });
  });

  it('the last occurrence of a key wins', () => {
    expect(parseConnectionString('Server=a;Server=b;User Id=sa;Password=p').server).toBe('b');
  });

  it('Windows authentication is NTLM: Domain + User Id + Password, or DOMAIN\\user', () => {
    expect(parseConnectionString('Server=h;Authentication=Windows;Domain=CORP;User Id=dba;Password=p').authentication).toEqual({
      type: 'windows',
      domain: 'CORP',
      login: 'dba',
      password: 'p',
    });
    expect(parseConnectionString('Server=h;Integrated Security=SSPI;User Id=CORP\\dba;Password=p').authentication).toEqual({
      type: 'windows',
      domain: 'CORP',
      login: 'dba',
      password: 'p',
    });
    expect(() => parseConnectionString('Server=h;Integrated Security=true')).toThrow(/NTLM/);
  });

  it('Microsoft Entra forms', () => {
    expect(parseConnectionString('Server=h;Authentication=Active Directory Password;User Id=a@b.c;Password=p;Client Id=app;Tenant Id=t').authentication).toEqual({
      type: 'entra-password',
      login: 'a@b.c',
      password: 'p',
      clientId: 'app',
      tenantId: 't',
    });
    expect(parseConnectionString('Server=h;Authentication=ActiveDirectoryServicePrincipal;User Id=app;Password=secret;Tenant Id=t').authentication).toEqual({
      type: 'entra-service-principal',
      clientId: 'app',
      clientSecret: 'secret',
      tenantId: 't',
    });
    expect(parseConnectionString('Server=h;Authentication=ActiveDirectoryDefault').authentication).toEqual({ type: 'entra-default' });
    expect(() => parseConnectionString('Server=h;Authentication=ActiveDirectoryPassword;User Id=a;Password=p')).toThrow(/Client Id/);
  });

  it('errors name the key, never a value', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['User Id=sa;Password=hunter2', /needs Server/],
      ['Server=h;Password=hunter2', /User Id/],
      ['Server=h;User Id=sa;Password=hunter2;Colour=blue', /Unknown keyword "Colour"/],
      ['Server=h;User Id=sa;Password="hunter2', /opening quote/],
      ['Server=h;User Id=sa;Password=hunter2;Encrypt=maybe', /Encrypt must be/],
      ['Server=h;User Id=sa;Password=hunter2;TrustServerCertificate=perhaps', /true or false/],
      ['Server=h;User Id=sa;Password=hunter2;Connect Timeout=soon', /whole number of seconds/],
      ['Server=h,99999;User Id=sa;Password=hunter2', /1 to 65535/],
      ['Server=h;User Id=sa;Password=hunter2;Authentication=Kerberos', /Authentication must be/],
      ['Server=h;User Id;Password=hunter2', /has no value/],
    ];
    for (const [text, re] of cases) {
      const e = (() => {
        try {
          parseConnectionString(text);
        } catch (x) {
          return x;
        }
        throw new Error(`accepted: ${text}`);
      })();
      expect(e).toBeInstanceOf(ConnectionStringError);
      expect((e as Error).message).toMatch(re);
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});

describe('redactConnectionString', () => {
  it('hides passwords, quoted or not, and nothing else', () => {
    expect(redactConnectionString('Server=h,1433;User Id=sa;Password=hunter2;Encrypt=Mandatory')).toBe('Server=h,1433;User Id=sa;Password=***;Encrypt=Mandatory');
    expect(redactConnectionString('Server=h;PWD="a;b";UID=sa')).toBe('Server=h;PWD=***;UID=sa');
  });
});
