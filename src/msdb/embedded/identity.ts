import type { ServerIdentity } from './context';

/** MSX01, the lab's master: SQL Server 2022 Enterprise, one hour east of UTC. */
export const MSX01: ServerIdentity = {
  serverName: 'MSX01',
  machineName: 'MSX01',
  productVersion: '16.0.4135.4',
  edition: 'Enterprise Edition (64-bit)',
  engineEdition: 3,
  timeZoneMinutes: 60,
};
