// The Object Explorer pane: Connect / Disconnect / Refresh, and the tree of each connection.
// Right-click (or Shift+F10, or the context-menu key) on SQL Server Agent opens Multi Server
// Administration; Manage Target Servers… opens its dialog in the work area.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { errorText } from '../i18n/errorText';
import { Menu, type MenuAnchor, type MenuCloseReason, type MenuItem } from '../kit/Menu';
import { Tree } from '../kit/Tree';
import { JobDialogs } from '../jobs/JobDialogs';
import { jobMenuFor } from '../jobs/explorerJobMenu';
import { useApp, useAppStore, useClient } from '../store';
import { nodeKey, parseKey } from './explorerSlice';
import { labServerItems, useLabServers, useOpenLabServer } from '../lifecycle/labConnect';
import { lifecycleActions } from '../lifecycle/menuActions';
import { multiServerItems } from './msxMenu';
import { buildTree } from './treeNodes';

interface OpenMenu {
  key: string;
  anchor: MenuAnchor;
}

export function ObjectExplorer() {
  const { t } = useTranslation();
  const store = useAppStore();
  const client = useClient();
  const connections = useApp((s) => s.connections);
  const explorer = useApp(useShallow((s) => ({ nodes: s.nodes, childKeys: s.childKeys, loadingNodes: s.loadingNodes, nodeErrors: s.nodeErrors, expanded: s.expanded })));
  const focusedKey = useApp((s) => s.focusedKey);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const [connectMenu, setConnectMenu] = useState<DOMRect | null>(null);
  const connectButton = useRef<HTMLButtonElement>(null);
  const paneRef = useRef<HTMLElement>(null);

  const errText = useCallback((e: { message: string; number?: number }) => errorText(t, e), [t]);
  const nodes = useMemo(() => buildTree(connections, explorer, t, errText), [connections, explorer, t, errText]);

  useEffect(() => {
    for (const c of connections) void store.getState().initConnection(c.id);
  }, [connections, store]);

  const focusTreeItem = (key: string) => paneRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();

  const openManage = (connectionId: string) => {
    store.getState().openDocument({ kind: 'manageTargets', connectionId });
    // Already open: it comes to the front and takes focus as a new one does.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.manage-targets [role="grid"]')?.focus());
  };

  const menuItems = (key: string): MenuItem[] => {
    const { connectionId, nodeId } = parseKey(key);
    const s = store.getState();
    const node = s.nodes[key];
    const refresh: MenuItem = { id: 'refresh', label: t('explorer.menu.refresh'), onSelect: () => void s.refreshNode(key), separatorBefore: true };
    if (nodeId === 'server') {
      return [{ id: 'disconnect', label: t('explorer.menu.disconnect'), onSelect: () => void disconnect(connectionId) }, refresh];
    }
    if (node?.kind === 'agent') {
      const role = s.connections.find((c) => c.id === connectionId)?.agentRole ?? node.agentRole ?? 'standalone';
      return [
        {
          id: 'msx',
          label: t('explorer.menu.multiServerAdministration'),
          items: multiServerItems(role, t, {
            manageTargetServers: () => openManage(connectionId),
            jobStatus: () => s.openJobStatus(connectionId, null),
            ...lifecycleActions(connectionId, key),
          }),
        },
        refresh,
      ];
    }
    const jobItems = jobMenuFor(key, node, s, t, client, store);
    if (jobItems) return jobItems;
    if (node?.hasChildren) return [{ ...refresh, separatorBefore: false }];
    return [];
  };

  const openContextMenu = (key: string, anchor: MenuAnchor) => {
    const { connectionId } = parseKey(key);
    const s = store.getState();
    if (s.nodes[key]?.kind === 'agent') {
      // The role may have changed since the tree was read (targets enlisted or defected).
      void s.refreshServerInfo(connectionId);
      // Manage Target Servers… is the likely next click: its rows start loading now.
      if (s.connections.find((c) => c.id === connectionId)?.agentRole !== 'standalone') void s.loadTargets(connectionId);
    }
    if (menuItems(key).length) setMenu({ key, anchor });
  };

  const closeMenu = (reason: MenuCloseReason) => {
    const key = menu?.key;
    setMenu(null);
    if (key && (reason === 'escape' || reason === 'tab')) focusTreeItem(key);
  };

  const disconnect = async (connectionId: string) => {
    try {
      await store.getState().disconnect(connectionId);
    } catch (err) {
      store.getState().pushToast({ kind: 'error', title: t('explorer.disconnectFailed'), messages: [errorText(t, err as { message: string })] });
    }
  };

  const focusedConnection = focusedKey ? parseKey(focusedKey).connectionId : connections[0]?.id;
  const labServers = useLabServers(!!connectMenu);
  const openLabServer = useOpenLabServer();

  const connectItems: MenuItem[] = [
    {
      id: 'lab',
      label: t('explorer.connect.lab'),
      // Every lab server is a connection of its own (issue 11): a submenu of them, the master first.
      // While the list loads, a submenu saying so: a click then must not open the lab's master instead.
      ...(labServers === undefined
        ? { items: [{ id: 'labLoading', label: t('common.loading'), disabled: true }] }
        : labServers.length
        ? {
            items: labServerItems(labServers, t, (s, isMaster) =>
              void openLabServer(s, isMaster).catch((err: unknown) =>
                store.getState().pushToast({ kind: 'error', title: t('explorer.connect.labFailed'), messages: [(err as Error).message] }),
              ),
            ),
          }
        : {
            onSelect: () =>
              void store
                .getState()
                // As sa, explicitly: after the non-sysadmin item this puts the lab back to sysadmin.
                .openLab({ sysadmin: true })
                .catch((err: unknown) => store.getState().pushToast({ kind: 'error', title: t('explorer.connect.labFailed'), messages: [(err as Error).message] })),
          }),
    },
    {
      // The lab's master as msx_viewer, a login outside sysadmin: how the console behaves for a
      // DBA without sysadmin (posting disabled, with the reason), without a real server.
      id: 'labNotSysadmin',
      label: t('explorer.connect.labNotSysadmin'),
      onSelect: () =>
        void store
          .getState()
          .openLab({ sysadmin: false })
          .catch((err: unknown) => store.getState().pushToast({ kind: 'error', title: t('explorer.connect.labFailed'), messages: [(err as Error).message] })),
    },
    { id: 'engine', label: t('explorer.connect.databaseEngine'), onSelect: () => store.getState().setConnectDialogOpen(true) },
  ];

  return (
    <section ref={paneRef} className="explorer" aria-labelledby="explorer-title">
      <header className="pane-head">
        <h2 id="explorer-title">{t('explorer.title')}</h2>
      </header>
      <div className="toolbar" role="toolbar" aria-label={t('explorer.toolbar')}>
        <button
          ref={connectButton}
          type="button"
          aria-haspopup="menu"
          aria-expanded={!!connectMenu}
          onClick={() => setConnectMenu(connectMenu ? null : connectButton.current!.getBoundingClientRect())}
        >
          {t('explorer.connect.button')} <span aria-hidden="true">▾</span>
        </button>
        <button type="button" disabled={!focusedConnection} onClick={() => focusedConnection && void disconnect(focusedConnection)}>
          {t('explorer.disconnect')}
        </button>
        <button
          type="button"
          disabled={!focusedKey}
          onClick={() => focusedKey && void store.getState().refreshNode(focusedKey.endsWith('|server') || !store.getState().nodes[focusedKey] ? nodeKey(parseKey(focusedKey).connectionId, 'server') : focusedKey)}
        >
          {t('explorer.refresh')}
        </button>
      </div>
      <div className="explorer-tree">
        {connections.length === 0 ? (
          <p className="muted pad">{t('explorer.noConnections')}</p>
        ) : (
          <Tree
            label={t('explorer.title')}
            nodes={nodes}
            focusedKey={focusedKey}
            onFocusKey={(k) => store.getState().setFocusedKey(k)}
            onToggle={(k, expand) => store.getState().toggleNode(k, expand)}
            onActivate={(k) => {
              const s = store.getState();
              const n = nodes.length ? s.nodes[k] : undefined;
              const expandable = n ? n.hasChildren : k.endsWith('|server');
              if (expandable) s.toggleNode(k, !s.expanded[k]);
            }}
            onContextMenu={openContextMenu}
            onRetry={(k) => void store.getState().loadChildren(k)}
            errorLabel={(m) => m}
            loadingLabel={t('common.loading')}
          />
        )}
      </div>
      <JobDialogs />
      {menu && <Menu items={menuItems(menu.key)} anchor={menu.anchor} label={t('explorer.menu.label')} onClose={closeMenu} />}
      {connectMenu && (
        <Menu
          items={connectItems}
          anchor={{ rect: connectMenu, side: 'below' }}
          label={t('explorer.connect.button')}
          onClose={(reason) => {
            setConnectMenu(null);
            if (reason !== 'outside') connectButton.current?.focus();
          }}
        />
      )}
    </section>
  );
}
