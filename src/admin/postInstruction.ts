// The Post Download Instructions dialog (spec §8.2): an instruction type, its value, and the
// recipients, turned into msdb calls. "All target servers" is one call with no target (NULL);
// "These target servers" is one call per selected target.
//
// START goes through sp_start_job rather than sp_post_msx_operation 'START': it is what SQL
// Server documents for starting a multiserver job, it checks the job has targets (14256) and
// that the caller may start it (14397), and re-posts the job first when it deletes itself after
// running (delete_level), which a bare START row would leave the target unable to find.
import { z } from 'zod';
import { POLL_INTERVAL_MAX, POLL_INTERVAL_MIN } from '../msx/operations';
import type { MsdbExecutor } from '../msdb/executor';
import { attemptEach, call, type CallOutcome, type PlannedCall } from './calls';
import { parseOrThrow } from './errors';
import { exactlyOneJob, jobParams, jobRef, serverList } from './schemas';
import { requireTargets } from './targets';

export const INSTRUCTION_TYPES = ['DEFECT', 'SET-POLL', 'SYNC-TIME', 'START'] as const;
export type InstructionType = (typeof INSTRUCTION_TYPES)[number];

/** What each type means, as the dialog's Description box says it. */
export const INSTRUCTION_DESCRIPTIONS: Record<InstructionType, string> = {
  DEFECT: 'The target server defects from the master server.',
  'SET-POLL': 'The target server polls the master server at this interval (seconds) from now on.',
  'SYNC-TIME': 'The target server sets its clock from the master server, keeping its own time zone.',
  START: 'The target server starts its copy of the multiserver job.',
};

const recipients = z.union([z.literal('all'), serverList]);

export const instructionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('DEFECT'), recipients }),
  z.strictObject({
    type: z.literal('SET-POLL'),
    pollInterval: z.int().min(POLL_INTERVAL_MIN).max(POLL_INTERVAL_MAX),
    recipients,
  }),
  z.strictObject({ type: z.literal('SYNC-TIME'), recipients }),
  z.strictObject({ type: z.literal('START'), ...jobRef, recipients }).superRefine(exactlyOneJob),
]);

export type InstructionForm = z.input<typeof instructionSchema>;
type Instruction = z.output<typeof instructionSchema>;

function callFor(i: Instruction, target: string | undefined): PlannedCall {
  if (i.type === 'START') return call('sp_start_job', { ...jobParams(i), server_name: target });
  return call('sp_post_msx_operation', {
    operation: i.type,
    object_type: 'SERVER',
    specific_target_server: target,
    value: i.type === 'SET-POLL' ? i.pollInterval : undefined,
  });
}

/** Validates the form (INVALID_PARAMS with every issue) and returns the calls it makes, in order. */
export function planPostInstruction(form: InstructionForm): PlannedCall[] {
  const i = parseOrThrow(instructionSchema, form);
  if (i.recipients === 'all') return [callFor(i, undefined)];
  return i.recipients.map((t) => callFor(i, t));
}

/**
 * Posts the instruction. Named recipients are checked against the master first (msdb's 14262 for
 * an unknown one, nothing posted); after that one failing call does not stop the others.
 */
export async function postInstruction(master: MsdbExecutor, form: InstructionForm): Promise<CallOutcome[]> {
  const calls = planPostInstruction(form);
  if (form.recipients !== 'all') await requireTargets(master, form.recipients);
  return attemptEach(master, calls);
}
