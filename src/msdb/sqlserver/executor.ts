// MsdbExecutor over mssql: the seam's real side. Thin on purpose: a procedure call is an RPC of
// `msdb.dbo.<name>` with typed parameters (params.ts); what comes back is handed up as SQL Server
// sent it (return value, every result set, every informational message in order); failures are
// SQL Server's own errors or a ConnectionFailure (errors.ts). No T-SQL text is ever built.
import { SqlServerError } from '../../msx/errors';
import { normalizeProcName, type AgentRegistryRead, type InfoMessage, type MsdbExecutor, type ProcResult, type Recordset, type SqlValue } from '../executor';
import type { DriverPool, DriverRequest } from './driver';
import { ConnectionFailure, mapDriverError, type FailureContext } from './errors';
import { bindRpcParameters } from './params';
import { AGENT_REGISTRY_BATCH, toAgentRegistry } from './agentRegistry';
import { SERVER_INFO_BATCH, toServerInfo, type SqlServerInfo } from './serverInfo';

export interface ExecOptions {
  /** Aborting cancels the request on the server (a TDS attention), and the call rejects with kind 'canceled'. */
  signal?: AbortSignal;
  /** This call's timeout instead of the connection's request timeout; 0 = no limit. */
  timeoutMs?: number;
}

/** What the executor needs from a connection (SqlServerConnection provides it). */
export interface RequestTarget {
  acquirePool(): DriverPool;
  failureContext(phase: 'connect' | 'request'): FailureContext;
  reportFailure(f: ConnectionFailure): void;
}

function toRecordsets(value: unknown): Recordset[] {
  if (!Array.isArray(value)) return [];
  // mssql's recordsets are arrays with extra members (columns, toTable); the seam hands up
  // plain arrays of plain row objects, as the embedded msdb does.
  return value.map((rs) => (Array.isArray(rs) ? rs.map((row) => ({ ...(row as Record<string, unknown>) })) : []));
}

function toReturnValue(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function canceled(): ConnectionFailure {
  return new ConnectionFailure('canceled', 'The request was canceled.', 'It was canceled before it was sent; nothing ran.', undefined, 'ECANCEL', 'request');
}

export class SqlServerExecutor implements MsdbExecutor {
  constructor(private readonly target: RequestTarget) {}

  /**
   * Runs `msdb.dbo.<proc>` as an RPC. `proc` is `sp_x`, `dbo.sp_x` or `msdb.dbo.sp_x`; anything
   * else is refused with 2812 before anything is sent, as the embedded msdb refuses it.
   */
  async exec(proc: string, params?: Record<string, SqlValue | undefined>, options: ExecOptions = {}): Promise<ProcResult> {
    const name = normalizeProcName(proc);
    if (!name) throw SqlServerError.of(2812, proc.trim());
    const bound = bindRpcParameters(name, params);
    return this.run(options, async (request, messages) => {
      for (const p of bound) request.input(p.name, p.type, p.value);
      const result = await request.execute(`msdb.dbo.${name}`);
      return { returnValue: toReturnValue(result.returnValue), recordsets: toRecordsets(result.recordsets), messages };
    });
  }

  /** One round trip: the constant batch of serverInfo.ts. */
  async serverInfo(options: ExecOptions = {}): Promise<SqlServerInfo> {
    return this.run(options, async (request) => toServerInfo(toRecordsets((await request.query(SERVER_INFO_BATCH)).recordsets)));
  }

  /** One round trip: the constant batch of agentRegistry.ts. */
  async agentRegistry(options: ExecOptions = {}): Promise<AgentRegistryRead> {
    return this.run(options, async (request) => toAgentRegistry(toRecordsets((await request.query(AGENT_REGISTRY_BATCH)).recordsets)));
  }

  private async run<T>(options: ExecOptions, body: (request: DriverRequest, messages: InfoMessage[]) => Promise<T>): Promise<T> {
    const { signal, timeoutMs } = options;
    if (signal?.aborted) throw canceled();
    const pool = this.target.acquirePool();
    const request = pool.request(timeoutMs !== undefined ? { requestTimeout: timeoutMs } : undefined);
    const messages: InfoMessage[] = [];
    request.on('info', (m) => messages.push({ number: m.number, severity: m.class, text: m.message }));
    const onAbort = () => request.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await body(request, messages);
    } catch (e) {
      const context = this.target.failureContext('request');
      if (timeoutMs !== undefined) context.requestTimeoutMs = timeoutMs;
      const mapped = mapDriverError(e, context, messages);
      if (mapped instanceof ConnectionFailure) this.target.reportFailure(mapped);
      throw mapped;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
