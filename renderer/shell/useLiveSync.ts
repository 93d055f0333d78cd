// Window-wide reactions to the core's events: the stream's state for the status bar, connections
// opening and closing, and a lab reset (the tree and the Agent role are read again).
import { useEffect } from 'react';
import { useAppStore, useClient } from '../store';
import { nodeKey } from '../objectExplorer/explorerSlice';

export function useLiveSync() {
  const client = useClient();
  const store = useAppStore();
  useEffect(() => {
    const s = () => store.getState();
    void s().loadConnections();
    const offStatus = client.onStatus((status) => s().setTransport(status));
    const offEvents = client.on((e) => {
      if (e.type === 'connection') {
        if (e.state === 'closed') s().forgetConnection(e.connectionId);
        void s().loadConnections();
      } else if (e.type === 'lab' && e.event.type === 'lab.reset') {
        void s().refreshServerInfo(e.connectionId);
        void s().refreshNode(nodeKey(e.connectionId, 'server'));
      } else if (e.type === 'lab' && e.event.type === 'target.defected') {
        // The last target gone makes the master standalone: the menu follows.
        void s().refreshServerInfo(e.connectionId);
      }
    });
    return () => {
      offStatus();
      offEvents();
    };
  }, [client, store]);
}
