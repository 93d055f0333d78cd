// The servers a master can enlist (Target Servers page): the standalone servers MSX Studio is
// connected to, and, for the lab, every standalone lab server (the core reaches each one by name
// through the lab, open or not). Named by @@SERVERNAME; each is enlisted through its own connection.
import { useEffect, useMemo, useState } from 'react';
import type { Connection } from '../api/types';
import type { ApiWireResult } from '../../src/api/types';
import { useApp, useClient } from '../store';

export type LabServerRow = ApiWireResult<'lab.servers'>[number];

export interface Candidate {
  /** Upper-cased server name: what the lists key on. */
  key: string;
  server: string;
  productName: string;
}

export function enlistCandidates(connections: readonly Connection[], masterId: string, labServers: readonly LabServerRow[] | undefined): Candidate[] {
  const master = connections.find((c) => c.id === masterId);
  const out = new Map<string, Candidate>();
  for (const c of connections) {
    if (c.id === masterId || c.agentRole !== 'standalone') continue;
    out.set(c.server.toUpperCase(), { key: c.server.toUpperCase(), server: c.server, productName: c.productName });
  }
  if (master?.kind === 'lab') {
    for (const s of labServers ?? []) {
      if (s.role !== 'standalone' || s.server.toUpperCase() === master.server.toUpperCase()) continue;
      out.set(s.server.toUpperCase(), { key: s.server.toUpperCase(), server: s.server, productName: s.productName });
    }
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The candidates for a master connection, kept in step with the open connections. */
export function useEnlistCandidates(masterId: string): Candidate[] {
  const client = useClient();
  const connections = useApp((s) => s.connections);
  const isLab = connections.find((c) => c.id === masterId)?.kind === 'lab';
  const [labServers, setLabServers] = useState<LabServerRow[]>();
  useEffect(() => {
    if (!isLab) return;
    let live = true;
    client.invoke('lab.servers', {}).then(
      (list) => live && setLabServers(list),
      () => live && setLabServers([]),
    );
    return () => {
      live = false;
    };
  }, [client, isLab, connections]);
  return useMemo(() => enlistCandidates(connections, masterId, labServers), [connections, masterId, labServers]);
}
