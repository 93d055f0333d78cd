// Runs a group action's calls one after another (a member that fails does not stop the others)
// and asks the API for the T-SQL they would run.
import type { MsxClient } from '../api/client';
import { toErrorView, type ErrorView } from '../api/errors';
import { groupCalls, type GroupAction } from './groupActions';

export type GroupCallResult = { ok: true; messages: string[] } | { ok: false; error: ErrorView };

export async function runGroupAction(client: MsxClient, connectionId: string, action: GroupAction): Promise<GroupCallResult[]> {
  const out: GroupCallResult[] = [];
  for (const c of groupCalls(action)) {
    try {
      const r = await client.invoke(c.method, { connectionId, ...c.params } as never);
      out.push({ ok: true, messages: (r as { messages: Array<{ text: string }> }).messages.map((m) => m.text) });
    } catch (err) {
      out.push({ ok: false, error: toErrorView(err) });
    }
  }
  return out;
}

export async function scriptGroupAction(client: MsxClient, connectionId: string, action: GroupAction): Promise<string> {
  const scripts: string[] = [];
  for (const c of groupCalls(action)) {
    const r = await client.invoke(c.method, { connectionId, ...c.params, script: true } as never);
    scripts.push((r as unknown as { script: string }).script);
  }
  return scripts.join('\n');
}
