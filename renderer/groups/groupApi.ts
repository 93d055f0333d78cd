// Runs a group action's calls one after another (a member that fails does not stop the others)
// and asks the API for the T-SQL they would run (groups.script).
import type { MsxClient } from '../api/client';
import { toErrorView, type ErrorView } from '../api/errors';
import { groupCalls, type GroupAction, type GroupCall } from './groupActions';

export type GroupCallResult = { ok: true; messages: string[] } | { ok: false; error: ErrorView };

function run(client: MsxClient, connectionId: string, c: GroupCall) {
  switch (c.method) {
    case 'groups.add':
      return client.invoke('groups.add', { connectionId, ...c.params });
    case 'groups.rename':
      return client.invoke('groups.rename', { connectionId, ...c.params });
    case 'groups.delete':
      return client.invoke('groups.delete', { connectionId, ...c.params });
    case 'groups.addMember':
      return client.invoke('groups.addMember', { connectionId, ...c.params });
    case 'groups.removeMember':
      return client.invoke('groups.removeMember', { connectionId, ...c.params });
  }
}

function scriptAction(c: GroupCall) {
  switch (c.method) {
    case 'groups.add':
      return { kind: 'add' as const, ...c.params };
    case 'groups.rename':
      return { kind: 'rename' as const, ...c.params };
    case 'groups.delete':
      return { kind: 'delete' as const, ...c.params };
    case 'groups.addMember':
      return { kind: 'addMember' as const, ...c.params };
    case 'groups.removeMember':
      return { kind: 'removeMember' as const, ...c.params };
  }
}

export async function runGroupAction(client: MsxClient, connectionId: string, action: GroupAction): Promise<GroupCallResult[]> {
  const out: GroupCallResult[] = [];
  for (const c of groupCalls(action)) {
    try {
      const r = await run(client, connectionId, c);
      out.push({ ok: true, messages: r.messages.map((m) => m.text) });
    } catch (err) {
      out.push({ ok: false, error: toErrorView(err) });
    }
  }
  return out;
}

export async function scriptGroupAction(client: MsxClient, connectionId: string, action: GroupAction): Promise<string> {
  const scripts: string[] = [];
  for (const c of groupCalls(action)) scripts.push((await client.invoke('groups.script', { connectionId, action: scriptAction(c) })).script);
  return scripts.join('\n');
}
