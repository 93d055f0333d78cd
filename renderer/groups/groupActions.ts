// The writes of Manage Target Server Groups as data: what the user asked for, the API calls it
// makes (one msdb procedure each; adding three members is three calls), and how each reads in
// the dialog's outcome line.
export type GroupAction =
  | { kind: 'add'; name: string }
  | { kind: 'rename'; name: string; newName: string }
  | { kind: 'delete'; name: string }
  | { kind: 'addMembers'; group: string; servers: string[] }
  | { kind: 'removeMembers'; group: string; servers: string[] };

export type GroupCall =
  | { method: 'groups.add'; params: { name: string } }
  | { method: 'groups.rename'; params: { name: string; newName: string } }
  | { method: 'groups.delete'; params: { name: string } }
  | { method: 'groups.addMember'; params: { group: string; server: string } }
  | { method: 'groups.removeMember'; params: { group: string; server: string } };

export function groupCalls(a: GroupAction): GroupCall[] {
  switch (a.kind) {
    case 'add':
      return [{ method: 'groups.add', params: { name: a.name } }];
    case 'rename':
      return [{ method: 'groups.rename', params: { name: a.name, newName: a.newName } }];
    case 'delete':
      return [{ method: 'groups.delete', params: { name: a.name } }];
    case 'addMembers':
      return a.servers.map((server) => ({ method: 'groups.addMember', params: { group: a.group, server } }));
    case 'removeMembers':
      return a.servers.map((server) => ({ method: 'groups.removeMember', params: { group: a.group, server } }));
  }
}

/** What a group name may not be, before msdb says so: empty, or with a comma (14289). */
export function groupNameProblem(name: string, existing: readonly string[], current?: string): 'required' | 'comma' | 'exists' | 'tooLong' | null {
  const n = name.trim();
  if (!n) return 'required';
  if (n.length > 128) return 'tooLong';
  if (n.includes(',')) return 'comma';
  // sysname comparisons on a case-insensitive collation, as msdb's unique index sees them.
  if (existing.some((g) => g.toUpperCase() === n.toUpperCase() && g.toUpperCase() !== current?.toUpperCase())) return 'exists';
  return null;
}

/** The group selected after an action: the new name after add/rename, none after delete. */
export function selectedAfter(a: GroupAction, before: string | null): string | null {
  switch (a.kind) {
    case 'add':
      return a.name.trim();
    case 'rename':
      return a.newName.trim();
    case 'delete':
      return null;
    default:
      return before;
  }
}
