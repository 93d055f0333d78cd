import { describe, expect, it } from 'vitest';
import type { SqlServerConnector as ApiSqlServerConnector } from '../../api/connections';
import { InvalidConnectionOptions, type ConnectionStateEvent } from './connection';
import { createSqlServerConnector, toConnectionOptions } from './connector';
import { FakeDriver } from './fakeMssql';
import { responder } from './testSupport';

describe('createSqlServerConnector (for src/api)', () => {
  it("matches src/api's SqlServerConnector interface", () => {
    const connector: ApiSqlServerConnector = createSqlServerConnector();
    expect(typeof connector.connect).toBe('function');
  });

  it("takes the API's options as they are today: SQL login, encrypt as a boolean", async () => {
    const driver = new FakeDriver();
    driver.responder = responder();
    const s = await createSqlServerConnector({ driver }).connect({
      server: 'msx01.contoso.com',
      authentication: 'sql',
      login: 'dba',
      password: 'S3cret!',
      encrypt: true,
      trustServerCertificate: false,
    });
    // The API reads serverInfo itself right after connect: nothing is sent here.
    expect(driver.sent).toHaveLength(0);
    expect(driver.pools[0].config).toMatchObject({
      server: 'msx01.contoso.com',
      port: 1433,
      authentication: { type: 'default', options: { userName: 'dba', password: 'S3cret!' } },
      options: { encrypt: true, trustServerCertificate: false, appName: 'MSX Studio' },
    });
    expect((await s.executor.serverInfo()).serverName).toBe('MSX01');
    const states: ConnectionStateEvent[] = [];
    s.onState((e) => states.push(e));
    await s.close();
    expect(states.map((e) => e.state)).toEqual(['closed']);
  });

  it('Windows authentication is NTLM: DOMAIN\\user, or a separate domain', () => {
    expect(toConnectionOptions({ server: 'h', authentication: 'windows', login: 'CORP\\dba', password: 'p', encrypt: false, trustServerCertificate: true })).toEqual({
      server: 'h',
      authentication: { type: 'windows', domain: 'CORP', login: 'dba', password: 'p' },
      encrypt: 'Optional',
      trustServerCertificate: true,
    });
    expect(toConnectionOptions({ server: 'h', authentication: 'windows', domain: 'CORP', login: 'dba', password: 'p', encrypt: 'Strict', trustServerCertificate: false })).toMatchObject({
      authentication: { type: 'windows', domain: 'CORP', login: 'dba' },
      encrypt: 'Strict',
    });
    expect(() => toConnectionOptions({ server: 'h', authentication: 'windows', encrypt: true, trustServerCertificate: false })).toThrow(InvalidConnectionOptions);
  });

  it('Entra and timeouts pass through', () => {
    expect(
      toConnectionOptions({ server: 'h', authentication: 'entra-service-principal', clientId: 'c', clientSecret: 's', tenantId: 't', encrypt: true, trustServerCertificate: false, connectTimeoutMs: 3000, requestTimeoutMs: 0 }),
    ).toEqual({
      server: 'h',
      authentication: { type: 'entra-service-principal', clientId: 'c', clientSecret: 's', tenantId: 't' },
      encrypt: 'Mandatory',
      trustServerCertificate: false,
      connectTimeoutMs: 3000,
      requestTimeoutMs: 0,
    });
  });

  it('invalid options are refused with field issues before any connection is tried', async () => {
    const driver = new FakeDriver();
    const e = await createSqlServerConnector({ driver })
      .connect({ server: 'h,0', authentication: 'sql', login: 'sa', password: 'x', encrypt: true, trustServerCertificate: false })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidConnectionOptions);
    expect((e as InvalidConnectionOptions).issues).toEqual([{ path: 'server', message: 'The port after the comma must be a number from 1 to 65535.' }]);
    expect(driver.pools).toHaveLength(0);
  });
});
