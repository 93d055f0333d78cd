// The Post Download Instructions form (spec §8.2) as data: what the user chose, what is wrong
// with it (shown inline, and OK stays disabled), and the instruction it posts when it is right.
import type { InstructionForm } from '../api/types';

export const INSTRUCTION_TYPES = ['DEFECT', 'SET-POLL', 'SYNC-TIME', 'START'] as const;
export type InstructionType = (typeof INSTRUCTION_TYPES)[number];

/** sp_post_msx_operation's range for SET-POLL's @value (spec §3.2 step 7, §7). */
export const POLL_INTERVAL_MIN = 10;
export const POLL_INTERVAL_MAX = 28_800;

export interface PostForm {
  type: InstructionType;
  /** As typed. */
  interval: string;
  jobId: string;
  recipients: 'all' | 'these';
  /** Checked target servers, in display order. */
  checked: readonly string[];
}

export interface PostFormIssues {
  interval?: 'range';
  job?: 'required';
  recipients?: 'required';
}

export function validatePostForm(f: PostForm): { issues: PostFormIssues; instruction: InstructionForm | null } {
  const issues: PostFormIssues = {};
  const text = f.interval.trim();
  const interval = /^\d+$/.test(text) ? Number(text) : NaN;
  if (f.type === 'SET-POLL' && !(interval >= POLL_INTERVAL_MIN && interval <= POLL_INTERVAL_MAX)) issues.interval = 'range';
  if (f.type === 'START' && !f.jobId) issues.job = 'required';
  if (f.recipients === 'these' && f.checked.length === 0) issues.recipients = 'required';
  if (Object.keys(issues).length) return { issues, instruction: null };
  const recipients = f.recipients === 'all' ? ('all' as const) : [...f.checked];
  switch (f.type) {
    case 'SET-POLL':
      return { issues, instruction: { type: 'SET-POLL', pollInterval: interval, recipients } };
    case 'START':
      return { issues, instruction: { type: 'START', jobId: f.jobId, recipients } };
    default:
      return { issues, instruction: { type: f.type, recipients } };
  }
}
