// Every lab server is its own connection (issue 11): MSX01 is connection 'lab' (opened on first
// launch); each other lab server (a target, or a standalone server waiting to be enlisted) opens
// as 'lab:<SERVER>' with its own msdb, so Object Explorer shows each one with its own Agent node
// (SQL Server Agent (TSX: MSX01), or plain SQL Server Agent on a standalone).
//
//   lab.servers              {}          → LabServer[] (every lab server, the master first; connectionId when open)
//   connections.openLabServer { server } → ConnectionInfo (the lab master's is 'lab')
//   lab.stopMaster / lab.startMaster { server } → LabServer (its targets cannot reach it while stopped)
import { z } from 'zod';
import type { LabServerInfo, LabServerRole } from '../../lab/lab';
import { ApiFailure } from '../errors';
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
  /** false: a master whose SQL Server service is stopped (lab.stopMaster): its targets cannot reach it. */
  running: boolean;
}

/** 'lab' for the lab's master, 'lab:<SERVER>' for every other lab server. */
export function labConnectionId(server: string, masterName: string): string {
  return server.toUpperCase() === masterName.toUpperCase() ? LAB_CONNECTION_ID : `lab:${server.toUpperCase()}`;
}

export function labServerMethods(core: Core) {
  const describe = (s: LabServerInfo): LabServer => {
    const lab = core.lab();
    const id = labConnectionId(s.name, lab.master.identity.serverName);
    return {
      server: s.name,
      role: s.role,
      productVersion: s.productVersion,
      productName: productName(parseProductVersion(s.productVersion).major),
      edition: s.edition,
      msxServerName: s.msxServerName,
      connectionId: core.connections.has(id) ? id : null,
      running: lab.masterRunning(s.name),
    };
  };
  const masterRunning = <N extends string>(name: N, summary: string, running: boolean) =>
    method(name, summary, z.strictObject({ server: serverName }), async (p) => {
      const lab = core.lab();
      const s = lab.servers().find((x) => x.name.toUpperCase() === p.server.trim().toUpperCase());
      if (!s) throw new ApiFailure('NOT_FOUND', `The lab has no server named '${p.server}'.`);
      if (s.role !== 'master') throw new ApiFailure('BAD_REQUEST', `${s.name} is not a master server: only a master's targets would notice it stop.`);
      lab.setMasterRunning(s.name, running);
      return describe(lab.servers().find((x) => x.name === s.name)!);
    });
  return [
    method('lab.servers', 'Every lab server (the master first): role, version, edition, its master, its connection when open.', z.strictObject({}), async () =>
      core.lab().servers().map(describe),
    ),
    masterRunning('lab.stopMaster', "Stops a lab master's SQL Server service as its targets see it: their polls and enlistments fail.", false),
    masterRunning('lab.startMaster', "Starts a lab master's SQL Server service again.", true),
    method(
      'connections.openLabServer',
      "Opens a lab server as its own connection ('lab:<SERVER>'; the master is 'lab'), or returns it when open.",
      z.strictObject({ server: serverName }),
      (p) => core.openLabServer(p.server),
    ),
  ];
}
