// What the console shows about a connected server: the executor's ServerInfo plus the names SSMS
// uses for it (the Object Explorer label, the product's marketing name).
import { formatVersion, parseProductVersion, productName } from '../msx/version';
import type { AgentRole, MsdbExecutor, ServerInfo } from '../msdb/executor';

export interface ServerDescription extends ServerInfo {
  /** Object Explorer's server node: `MSX01 (SQL Server 16.0.4135 - sa)`. */
  label: string;
  /** `SQL Server 2022`. */
  productName: string;
  /** The SQL Server Agent node: `SQL Server Agent (MSX)`, `SQL Server Agent (TSX: MSX01)`. */
  agentLabel: string;
}

export function serverLabel(info: Pick<ServerInfo, 'serverName' | 'productVersion' | 'login'>): string {
  return `${info.serverName} (SQL Server ${formatVersion(parseProductVersion(info.productVersion))} - ${info.login})`;
}

export function agentLabel(role: AgentRole, msxServerName: string | null): string {
  switch (role) {
    case 'msx':
      return 'SQL Server Agent (MSX)';
    case 'tsx':
      return `SQL Server Agent (TSX: ${msxServerName ?? '?'})`;
    default:
      return 'SQL Server Agent';
  }
}

export function describeServer(info: ServerInfo): ServerDescription {
  return {
    ...info,
    label: serverLabel(info),
    productName: productName(parseProductVersion(info.productVersion).major),
    agentLabel: agentLabel(info.agentRole, info.msxServerName),
  };
}

export async function serverInfo(exec: MsdbExecutor): Promise<ServerDescription> {
  return describeServer(await exec.serverInfo());
}
