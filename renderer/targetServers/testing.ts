// A Target Server Status row for tests: a Normal target that polled at 07:00, with any field overridden.
import type { TargetRow } from '../api/types';

export function targetRow(serverName: string, over: Partial<TargetRow> = {}): TargetRow {
  return {
    serverId: 1,
    serverName,
    location: null,
    timeZoneAdjustment: 0,
    enlistDate: '2026-11-01T00:00:00.000Z',
    lastPollDate: '2026-11-22T07:00:00.000Z',
    status: 1,
    unreadInstructions: 0,
    localTime: '2026-11-22T07:00:00.000Z',
    enlistedByNtUser: 'CONTOSO\\svc-sqlagent',
    pollInterval: 60,
    statusFlags: ['normal'],
    ...over,
  };
}
