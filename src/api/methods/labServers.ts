// Every lab server is its own connection (issue 11): MSX01 is connection 'lab' (opened on first
// launch); each other lab server (a target, or a standalone server waiting to be enlisted) opens
// as 'lab:<SERVER>' with its own msdb, so Object Explorer shows each one with its own Agent node
// (SQL Server Agent (TSX: MSX01), or plain SQL Server Agent on a standalone).
//
//   lab.servers              {}          → LabServer[] (every lab server, the master first; connectionId when open)
//   connections.openLabServer { server } → ConnectionInfo (the lab master's is 'lab')
import { z } from 'zod';
import type { LabServerRole } from '../../lab/lab';
import { productName, parseProductVersion } from '../../msx/version';
import { serverName } from '../schemas';
import { method } from '../table';
import { LAB_CONNECTION_ID, type Core } from './core';

export interface LabServer {
  server: string;
  /** standalone: not enlisted and no targets; master: has targets (or is MSX01); target: enlisted into msxServerName. */
  role: LabServerRole;
  productVersion: string;
  /** 'SQL Server 2019'. */
  productName: string;
  edition: string;
  msxServerName: string | null;
  /** The open connection to it, or null (connections.openLabServer opens it). */
  connectionId: string | null;
}

/** 'lab' for the lab's master, 'lab:<SERVER>' for every other lab server. */
export function labConnectionId(server: string, masterName: string): string {
  return server.toUpperCase() === masterName.toUpperCase() ? LAB_CONNECTION_ID : `lab:${server.toUpperCase()}`;
}

export function labServerMethods(core: Core) {
  return [
    method('lab.servers', 'Every lab server (the master first): role, version, edition, its master, its connection when open.', z.strictObject({}), async () => {
      const lab = core.lab();
      return lab.servers().map((s): LabServer => {
        const id = labConnectionId(s.name, lab.master.identity.serverName);
        return {
          server: s.name,
          role: s.role,
          productVersion: s.productVersion,
          productName: productName(parseProductVersion(s.productVersion).major),
          edition: s.edition,
          msxServerName: s.msxServerName,
          connectionId: core.connections.has(id) ? id : null,
        };
      });
    }),
    method(
      'connections.openLabServer',
      "Opens a lab server as its own connection ('lab:<SERVER>'; the master is 'lab'), or returns it when open.",
      z.strictObject({ server: serverName }),
      (p) => core.openLabServer(p.server),
    ),
  ];
}
