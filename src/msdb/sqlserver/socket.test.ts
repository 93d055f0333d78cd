// The real driver against a real socket: nothing listens on the port, so the connection must
// fail quickly as 'unreachable', well inside the connection timeout.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectSqlServer } from './connector';
import { ConnectionFailure } from './errors';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a real connection attempt (mssql + tedious)', () => {
  it('to 127.0.0.1 on a closed port fails quickly with kind unreachable', async () => {
    const port = await closedPort();
    const started = Date.now();
    const e = await connectSqlServer({
      server: `127.0.0.1,${port}`,
      authentication: { type: 'sql', login: 'sa', password: 'Not-a-real-password1' },
      encrypt: 'Mandatory',
      trustServerCertificate: true,
      connectTimeoutMs: 10_000,
    }).catch((x: unknown) => x);
    const elapsed = Date.now() - started;
    expect(e).toBeInstanceOf(ConnectionFailure);
    const f = e as ConnectionFailure;
    expect(f.kind).toBe('unreachable');
    expect(f.code).toBe('ESOCKET');
    expect(f.message).toBe(`Cannot reach 127.0.0.1,${port}: the connection was refused.`);
    expect(f.hint).toMatch(/SQL Server is running/);
    expect(JSON.stringify(f)).not.toContain('Not-a-real-password1');
    expect(f.message).not.toContain('Not-a-real-password1');
    expect(elapsed).toBeLessThan(5000);
  });
});
