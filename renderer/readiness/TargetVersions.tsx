// Target Server Status's Version column: each target's version read from the target's own
// connection (targets.versions), "SQL Server 2019 (15.0.4375)", or why it is not known. Read
// once per list of targets (not per poll, useTargetVersions) into the store, and handed to the
// cells by context, not by a store subscription per cell.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../store';
import { targetsOf, versionsOf } from '../targetServers/targetServersSlice';
import { versionText, type ServerVersion } from './readinessText';

const Versions = createContext<Record<string, ServerVersion> | undefined>(undefined);

/** Reads the versions again when the set of targets changes (the store keeps them: health counts use them too). */
export function useTargetVersions(connectionId: string): Record<string, ServerVersion> | undefined {
  const store = useAppStore();
  const rows = useApp((s) => targetsOf(s, connectionId).rows);
  // The set of targets, not their poll times: versions change with enlistments, not with polls.
  const names = useMemo(() => (rows ?? []).map((r) => r.serverName.toUpperCase()).sort().join('|'), [rows]);
  useEffect(() => {
    if (names) void store.getState().loadVersions(connectionId);
  }, [store, connectionId, names]);
  return useApp((s) => versionsOf(s, connectionId));
}

export function TargetVersionsProvider({ connectionId, children }: { connectionId: string; children: ReactNode }) {
  const versions = useApp((s) => versionsOf(s, connectionId));
  return <Versions.Provider value={versions}>{children}</Versions.Provider>;
}
export function VersionCell({ server }: { server: string }) {
  const { t } = useTranslation();
  const versions = useContext(Versions);
  if (!versions) return <span className="muted">…</span>;
  const v = versions[server.toUpperCase()];
  if (!v) return <span className="muted">{t('life.version.notRegistered')}</span>;
  const text = versionText(v, t);
  return v.display ? <>{text}</> : <span className="muted" title={v.reason ?? text}>{text}</span>;
}
