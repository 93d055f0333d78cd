// An Agent role in words, for lists of servers (Pick Server, Target Servers page).
import type { TFunction } from 'i18next';
import type { AgentRole } from '../api/types';

export function roleText(role: AgentRole, t: TFunction): string {
  return t(`life.enlist.role.${role}`);
}
