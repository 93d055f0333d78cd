// A promise wrapper over raw tedious for the TDS server's tests (imported by *.test.ts only):
// what a third-party Node client does, without the project's executor in between.
import { Connection, Request, TYPES, type ConnectionConfiguration } from 'tedious';

export interface RawResult {
  recordsets: Array<Array<Record<string, unknown>>>;
  infos: Array<{ number: number; message: string; class: number }>;
  returnStatus?: number;
}

export async function rawConnect(port: number, o: { user?: string; password: string; encrypt?: boolean | 'strict'; trust?: boolean; ca?: string; server?: string; database?: string; requestTimeout?: number; cancelTimeout?: number }): Promise<Connection> {
  const config: ConnectionConfiguration = {
    server: o.server ?? '127.0.0.1',
    authentication: { type: 'default', options: { userName: o.user ?? 'sa', password: o.password } },
    options: {
      port,
      encrypt: o.encrypt ?? false,
      trustServerCertificate: o.trust ?? false,
      database: o.database,
      requestTimeout: o.requestTimeout ?? 15000,
      cancelTimeout: o.cancelTimeout ?? 5000,
      connectTimeout: 10000,
      useUTC: true,
      ...(o.ca ? { cryptoCredentialsDetails: { ca: o.ca } } : {}),
    },
  };
  const c = new Connection(config);
  c.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    c.connect((err) => (err ? reject(err) : resolve()));
  });
  return c;
}

function collect(c: Connection, make: (cb: (err: Error | null | undefined) => void) => Request, run: (r: Request) => void): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const out: RawResult = { recordsets: [], infos: [] };
    let current: Array<Record<string, unknown>> | undefined;
    const onInfo = (m: { number: number; message: string; class: number }) => out.infos.push({ number: m.number, message: m.message, class: m.class });
    c.on('infoMessage', onInfo);
    const r = make((err) => {
      c.off('infoMessage', onInfo);
      if (err) reject(err);
      else resolve(out);
    });
    r.on('columnMetadata', () => {
      current = [];
      out.recordsets.push(current);
    });
    r.on('row', (cols: Array<{ value: unknown; metadata: { colName: string } }>) => {
      current?.push(Object.fromEntries(cols.map((col) => [col.metadata.colName, col.value])));
    });
    r.on('returnValue', () => undefined);
    r.on('doneProc', (_rc: unknown, _more: unknown, status: unknown) => {
      if (typeof status === 'number') out.returnStatus = status;
    });
    run(r);
  });
}

export function rawBatch(c: Connection, sql: string): Promise<RawResult> {
  return collect(c, (cb) => new Request(sql, cb), (r) => c.execSqlBatch(r));
}

export function rawQuery(c: Connection, sql: string, params: Array<[string, unknown, unknown]> = []): Promise<RawResult> {
  return collect(
    c,
    (cb) => {
      const r = new Request(sql, cb);
      for (const [name, type, value] of params) r.addParameter(name, type as never, value);
      return r;
    },
    (r) => c.execSql(r),
  );
}

export function rawProc(c: Connection, proc: string, params: Array<[string, unknown, unknown, object?]> = []): Promise<RawResult> {
  return collect(
    c,
    (cb) => {
      const r = new Request(proc, cb);
      for (const [name, type, value, opts] of params) r.addParameter(name, type as never, value, opts);
      return r;
    },
    (r) => c.callProcedure(r),
  );
}

export function rawClose(c: Connection): Promise<void> {
  return new Promise((resolve) => {
    c.on('end', () => resolve());
    c.close();
  });
}

export { TYPES };
