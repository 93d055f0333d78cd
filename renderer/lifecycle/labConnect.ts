// Connect > Embedded lab: every lab server is a connection of its own. The master (MSX01) opens
// as 'lab', as on first launch; each other server (a target, or a standalone waiting to be
// enlisted) opens as 'lab:<SERVER>' and appears in Object Explorer with its own Agent node.
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import type { MenuItem } from '../kit/Menu';
import { useAppStore, useClient } from '../store';
import { roleText } from '../enlist/roles';
import type { LabServerRow } from '../enlist/candidates';

/** The lab's servers while the Connect menu is open (read afresh each time it opens: roles change). */
export function useLabServers(open: boolean): LabServerRow[] | undefined {
  const client = useClient();
  const [servers, setServers] = useState<LabServerRow[]>();
  useEffect(() => {
    if (!open) return;
    let live = true;
    client.invoke('lab.servers', {}).then(
      (list) => live && setServers(list),
      () => live && setServers([]),
    );
    return () => {
      live = false;
    };
  }, [client, open]);
  return servers;
}

const ROLE: Record<LabServerRow['role'], 'msx' | 'tsx' | 'standalone'> = { master: 'msx', target: 'tsx', standalone: 'standalone' };

/** One item per lab server: "SEA-SQL03 (target, SQL Server 2019)", ✓ when its connection is open. */
export function labServerItems(servers: readonly LabServerRow[], t: TFunction, open: (s: LabServerRow, isLabMaster: boolean) => void): MenuItem[] {
  return servers.map((s, i) => ({
    id: `lab:${s.server}`,
    label: t('life.connect.labServer', { server: s.server, role: roleText(ROLE[s.role], t), version: s.productName }) + (s.connectionId ? ` ${t('life.connect.open')}` : ''),
    onSelect: () => open(s, i === 0),
    separatorBefore: i === 1,
  }));
}

/** Opens a lab server's connection and makes it the active one; the lab's master (listed first) as sa, as on first launch. */
export function useOpenLabServer(): (s: LabServerRow, isLabMaster: boolean) => Promise<void> {
  const client = useClient();
  const store = useAppStore();
  return async (s, isLabMaster) => {
    // As sa, explicitly: after the non-sysadmin item this puts the lab back to sysadmin.
    if (isLabMaster) return store.getState().openLab({ sysadmin: true });
    const c = await client.invoke('connections.openLabServer', { server: s.server });
    await store.getState().loadConnections();
    store.getState().setActiveConnection(c.id);
  };
}
