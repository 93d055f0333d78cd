// The smallest page that proves the path end to end: the lab connection and its target servers,
// kept current by the core's events. The real console (Object Explorer, dialogs) replaces it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiWireResult } from '../src/api/types';
import { ApiCallError, type MsxClient, type TransportStatus } from './api/client';
import { sqlDatetimeText } from './format';

type Connection = ApiWireResult<'connections.list'>[number];
type TargetRow = ApiWireResult<'targets.list'>[number];

/** Lab events come in bursts (a poll is several); one reload per burst is enough. */
const RELOAD_DEBOUNCE_MS = 200;

export function App({ client }: { client: MsxClient }) {
  const [connection, setConnection] = useState<Connection>();
  const [targets, setTargets] = useState<TargetRow[]>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<TransportStatus>('connecting');
  const connectionId = connection?.id;

  /** Reads the lab connection (its Agent role follows enlistments) and its targets. */
  const load = useCallback(async () => {
    try {
      const list = await client.invoke('connections.list', {});
      const lab = list.find((c) => c.kind === 'lab') ?? list[0];
      if (!lab) {
        setError('No connection is open.');
        return;
      }
      const rows = await client.invoke('targets.list', { connectionId: lab.id });
      setConnection(lab);
      setTargets(rows);
      setError(undefined);
    } catch (err) {
      setError(describe(err));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!connectionId) return;
    const schedule = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(), RELOAD_DEBOUNCE_MS);
    };
    const offEvents = client.on((e) => {
      if (e.connectionId === connectionId && (e.type === 'lab' || e.type === 'refresh' || e.type === 'connection')) schedule();
    });
    let dropped = false;
    const offStatus = client.onStatus((s) => {
      setStatus(s);
      // Events missed while the stream was down are not replayed: reload instead.
      if (s === 'reconnecting') dropped = true;
      if (s === 'live' && dropped) {
        dropped = false;
        schedule();
      }
    });
    return () => {
      clearTimeout(timer.current);
      offEvents();
      offStatus();
    };
  }, [client, connectionId, load]);

  return (
    <div className="app">
      <header className="titlebar">
        <h1>MSX Studio</h1>
        <span className={`live live-${status}`} role="status">
          {STATUS_TEXT[status]}
        </span>
      </header>
      <main>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <section aria-labelledby="connection-heading">
          <h2 id="connection-heading">Connection</h2>
          {connection ? (
            <dl className="facts">
              <dt>Server</dt>
              <dd>{connection.server}</dd>
              <dt>Version</dt>
              <dd>
                {connection.productName} {connection.productVersion} ({connection.edition})
              </dd>
              <dt>Login</dt>
              <dd>{connection.login}</dd>
              <dt>Agent role</dt>
              <dd>{ROLE_TEXT[connection.agentRole] ?? connection.agentRole}</dd>
            </dl>
          ) : (
            <p className="muted">Connecting…</p>
          )}
        </section>
        <section aria-labelledby="targets-heading">
          <h2 id="targets-heading">Target servers</h2>
          {targets ? <TargetTable rows={targets} /> : <p className="muted">Loading…</p>}
        </section>
      </main>
    </div>
  );
}

function TargetTable({ rows }: { rows: TargetRow[] }) {
  if (rows.length === 0) return <p className="muted">This master has no target servers.</p>;
  return (
    <table className="grid" aria-labelledby="targets-heading">
      <thead>
        <tr>
          <th scope="col">Target Server</th>
          <th scope="col">Location</th>
          <th scope="col">Last Polled</th>
          <th scope="col" className="num">
            Unread Instructions
          </th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Poll Interval
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.serverId}>
            <th scope="row">{t.serverName}</th>
            <td>{t.location ?? ''}</td>
            <td>{sqlDatetimeText(t.lastPollDate)}</td>
            <td className="num">{t.unreadInstructions}</td>
            <td>
              <span className={`status status-${statusClass(t.status)}`}>{statusText(t.status)}</span>
            </td>
            <td className="num">{t.pollInterval}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STATUS_TEXT: Record<TransportStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Not authorised: open the address MSX Studio printed',
};

const ROLE_TEXT: Record<string, string> = {
  msx: 'Master (MSX)',
  tsx: 'Target (TSX)',
  standalone: 'Standalone',
  inconsistent: 'Inconsistent (both MSX and TSX)',
};

/** Status bits of sp_help_targetserver (spec §2.2): 2 offline, 4 blocked; otherwise normal. */
function statusText(status: number): string {
  const words = [status & 2 ? 'Offline' : '', status & 4 ? 'Blocked' : ''].filter(Boolean);
  return words.length ? words.join(', ') : 'Normal';
}

function statusClass(status: number): string {
  return status & 4 ? 'blocked' : status & 2 ? 'offline' : 'normal';
}

function describe(err: unknown): string {
  if (err instanceof ApiCallError) return err.number ? `Msg ${err.number}: ${err.message}` : err.message;
  return err instanceof Error ? err.message : String(err);
}
