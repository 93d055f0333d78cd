// Job Properties as a form: what the DBA is editing, as pure data and pure functions (validation,
// step moves, go-to-step references), so the rules are tested without a browser and nothing the
// DBA typed is lost when the server refuses a save: the form is only replaced on success.
import type { JobDefinitionWire, JobInputWire } from '../api/types';

/** sysjobsteps.on_success_action / on_fail_action: 1 quit reporting success, 2 quit reporting failure, 3 go to the next step, 4 go to step N. */
export type StepAction = 1 | 2 | 3 | 4;
export const STEP_ACTIONS: readonly StepAction[] = [1, 2, 3, 4];

export const SUBSYSTEMS = ['TSQL', 'CmdExec', 'PowerShell'] as const;
export type Subsystem = (typeof SUBSYSTEMS)[number];

/** sysschedules.freq_type: 1 once, 4 daily, 8 weekly, 16 monthly, 32 monthly relative, 64 when SQL Server Agent starts, 128 when the CPUs become idle. */
export const FREQ_TYPES = [1, 4, 8, 16, 32, 64, 128] as const;
export type FreqType = (typeof FREQ_TYPES)[number];

/** Notification levels (sysjobs.notify_level_*): 0 never, 1 on success, 2 on failure, 3 on completion. */
export type NotifyLevel = 0 | 1 | 2 | 3;

/** The one operator a multiserver job may notify (spec §2.6). */
export const MSX_OPERATOR = 'MSXOperator';

export interface StepForm {
  /** Stable across moves: go-to-step actions point at keys, not at positions. */
  key: string;
  name: string;
  subsystem: Subsystem;
  databaseName: string;
  command: string;
  onSuccessAction: StepAction;
  onSuccessStep: string | null;
  onFailAction: StepAction;
  onFailStep: string | null;
  /** As typed: checked by validateStep. */
  retryAttempts: string;
  retryInterval: string;
}

export interface ScheduleForm {
  key: string;
  /** An existing schedule (picked or already attached); absent for a new one. */
  scheduleId?: number;
  name: string;
  enabled: boolean;
  freqType: FreqType;
  /** Every N days (daily), weekday bits (weekly: 1 Sunday … 64 Saturday), day of month (monthly). */
  freqInterval: number;
  /** Every N weeks/months (weekly, monthly). */
  freqRecurrenceFactor: number;
  /** hh:mm:ss, as the time input edits it. */
  startTime: string;
  /** yyyy-mm-dd (for a one-time schedule, its date). */
  startDate: string;
  /** Kept as read: the dialog does not edit them, and a save must not lose them. */
  freqSubdayType: 0 | 1 | 2 | 4 | 8;
  freqSubdayInterval: number;
  freqRelativeInterval: number;
  activeEndDate: number;
  activeEndTime: number;
}

export interface NotifyForm {
  emailOperator: string;
  emailLevel: NotifyLevel;
  pageOperator: string;
  pageLevel: NotifyLevel;
  eventlogLevel: NotifyLevel;
  deleteLevel: NotifyLevel;
  /** Net send is gone from SSMS's page; kept as read. */
  netsendOperator: string;
  netsendLevel: NotifyLevel;
}

export interface TargetsForm {
  kind: 'local' | 'multiserver';
  servers: string[];
  groups: string[];
}

export interface JobForm {
  jobId?: string;
  name: string;
  owner: string;
  category: string;
  description: string;
  enabled: boolean;
  startStep: string | null;
  steps: StepForm[];
  schedules: ScheduleForm[];
  notify: NotifyForm;
  targets: TargetsForm;
}

let nextKey = 1;
export const newKey = (prefix: string) => `${prefix}${nextKey++}`;

export function emptyStep(): StepForm {
  return {
    key: newKey('s'),
    name: '',
    subsystem: 'TSQL',
    databaseName: 'master',
    command: '',
    onSuccessAction: 3,
    onSuccessStep: null,
    onFailAction: 2,
    onFailStep: null,
    retryAttempts: '0',
    retryInterval: '0',
  };
}

export function emptySchedule(today: string): ScheduleForm {
  return {
    key: newKey('k'),
    name: '',
    enabled: true,
    freqType: 4,
    freqInterval: 1,
    freqRecurrenceFactor: 1,
    startTime: '00:00:00',
    startDate: today,
    freqSubdayType: 1,
    freqSubdayInterval: 0,
    freqRelativeInterval: 0,
    activeEndDate: 99991231,
    activeEndTime: 235959,
  };
}

export function emptyJob(owner: string): JobForm {
  return {
    name: '',
    owner,
    category: '[Uncategorized (Local)]',
    description: '',
    enabled: true,
    startStep: null,
    steps: [],
    schedules: [],
    notify: { emailOperator: '', emailLevel: 0, pageOperator: '', pageLevel: 0, eventlogLevel: 2, deleteLevel: 0, netsendOperator: '', netsendLevel: 0 },
    targets: { kind: 'local', servers: [], groups: [] },
  };
}

/** A step's 1-based id as msdb will number it (its position). */
export const stepIdOf = (steps: readonly StepForm[], key: string | null): number | null => {
  if (key === null) return null;
  const at = steps.findIndex((s) => s.key === key);
  return at < 0 ? null : at + 1;
};

/**
 * The last step cannot "go to the next step" (msdb would run off the end): SSMS turns it into
 * "quit reporting success/failure". Applied after every change to the list, like SSMS does.
 */
function fixLast(steps: StepForm[]): StepForm[] {
  return steps.map((s, i) => {
    if (i !== steps.length - 1) return s;
    return {
      ...s,
      onSuccessAction: s.onSuccessAction === 3 ? 1 : s.onSuccessAction,
      onFailAction: s.onFailAction === 3 ? 2 : s.onFailAction,
    };
  });
}

export function addStep(form: JobForm, step: StepForm): JobForm {
  const steps = fixLast([...form.steps.map(unlast(form.steps)), step]);
  return { ...form, steps, startStep: form.startStep ?? step.key };
}

/** Insert before `beforeKey` (SSMS's Insert…: before the selected step). */
export function insertStep(form: JobForm, beforeKey: string, step: StepForm): JobForm {
  const at = form.steps.findIndex((s) => s.key === beforeKey);
  if (at < 0) return addStep(form, step);
  const steps = [...form.steps];
  steps.splice(at, 0, step);
  return { ...form, steps: fixLast(steps), startStep: form.startStep ?? step.key };
}

/** The previous last step gets "go to the next step" back when a step is added after it and it only quit because it was last. */
function unlast(steps: readonly StepForm[]) {
  return (s: StepForm, i: number): StepForm => (i === steps.length - 1 && s.onSuccessAction === 1 && s.onSuccessStep === null ? { ...s, onSuccessAction: 3 } : s);
}

export function replaceStep(form: JobForm, step: StepForm): JobForm {
  return { ...form, steps: fixLast(form.steps.map((s) => (s.key === step.key ? step : s))) };
}

/** Deleting a step: actions that went to it become "quit reporting failure", and the start step moves to the first one, as SSMS asks. */
export function deleteStep(form: JobForm, key: string): JobForm {
  const steps = form.steps
    .filter((s) => s.key !== key)
    .map((s) => ({
      ...s,
      ...(s.onSuccessStep === key ? { onSuccessAction: 2 as StepAction, onSuccessStep: null } : {}),
      ...(s.onFailStep === key ? { onFailAction: 2 as StepAction, onFailStep: null } : {}),
    }));
  return { ...form, steps: fixLast(steps), startStep: form.startStep === key ? (steps[0]?.key ?? null) : form.startStep };
}

export function moveStep(form: JobForm, key: string, by: -1 | 1): JobForm {
  const at = form.steps.findIndex((s) => s.key === key);
  const to = at + by;
  if (at < 0 || to < 0 || to >= form.steps.length) return form;
  const steps = [...form.steps];
  [steps[at], steps[to]] = [steps[to]!, steps[at]!];
  return { ...form, steps: fixLast(steps) };
}

export type Issues = Record<string, string | undefined>;

/** Issue codes (translated by the view), per field. */
export type StepIssue = 'nameRequired' | 'nameTaken' | 'databaseRequired' | 'commandRequired' | 'retryAttempts' | 'retryInterval' | 'goToStep';

const whole = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

export function validateStep(step: StepForm, others: readonly StepForm[]): Partial<Record<keyof StepForm, StepIssue>> {
  const out: Partial<Record<keyof StepForm, StepIssue>> = {};
  const name = step.name.trim();
  if (!name) out.name = 'nameRequired';
  // msdb: 14261 "The specified @step_name ('%s') already exists." — said here, before anything runs.
  else if (others.some((o) => o.key !== step.key && o.name.trim().toLowerCase() === name.toLowerCase())) out.name = 'nameTaken';
  if (step.subsystem === 'TSQL' && !step.databaseName.trim()) out.databaseName = 'databaseRequired';
  if (!step.command.trim()) out.command = 'commandRequired';
  if (!whole(step.retryAttempts, 0, 9999)) out.retryAttempts = 'retryAttempts';
  if (!whole(step.retryInterval, 0, 9999)) out.retryInterval = 'retryInterval';
  if (step.onSuccessAction === 4 && (!step.onSuccessStep || step.onSuccessStep === step.key)) out.onSuccessStep = 'goToStep';
  if (step.onFailAction === 4 && (!step.onFailStep || step.onFailStep === step.key)) out.onFailStep = 'goToStep';
  return out;
}

export type JobIssue = 'nameRequired' | 'nameTooLong' | 'ownerRequired' | 'noTargets' | 'operatorNotMsx' | 'stepInvalid' | 'scheduleName';

/** Which page each issue is shown on: Job Properties opens that page when OK finds it. */
export type JobPage = 'general' | 'steps' | 'schedules' | 'notifications' | 'targets';

export interface JobIssues {
  general: Partial<Record<'name' | 'owner', JobIssue>>;
  steps: Partial<Record<string, JobIssue>>;
  schedules: Partial<Record<string, JobIssue>>;
  notifications: Partial<Record<'emailOperator' | 'pageOperator', JobIssue>>;
  targets: Partial<Record<'servers', JobIssue>>;
}

export function validateJob(form: JobForm): JobIssues {
  const issues: JobIssues = { general: {}, steps: {}, schedules: {}, notifications: {}, targets: {} };
  const name = form.name.trim();
  if (!name) issues.general.name = 'nameRequired';
  else if (name.length > 128) issues.general.name = 'nameTooLong';
  if (!form.owner.trim()) issues.general.owner = 'ownerRequired';
  for (const s of form.steps) if (Object.keys(validateStep(s, form.steps)).length) issues.steps[s.key] = 'stepInvalid';
  for (const k of form.schedules) if (!k.name.trim()) issues.schedules[k.key] = 'scheduleName';
  const multi = form.targets.kind === 'multiserver';
  if (multi && form.targets.servers.length + form.targets.groups.length === 0) issues.targets.servers = 'noTargets';
  // spec §2.6: a multiserver job may notify MSXOperator only.
  if (multi && form.notify.emailLevel !== 0 && form.notify.emailOperator && form.notify.emailOperator !== MSX_OPERATOR) issues.notifications.emailOperator = 'operatorNotMsx';
  if (multi && form.notify.pageLevel !== 0 && form.notify.pageOperator && form.notify.pageOperator !== MSX_OPERATOR) issues.notifications.pageOperator = 'operatorNotMsx';
  return issues;
}

export function firstPageWithIssues(issues: JobIssues): JobPage | null {
  for (const page of ['general', 'steps', 'schedules', 'notifications', 'targets'] as const) if (Object.values(issues[page]).some(Boolean)) return page;
  return null;
}

/** Did the steps or schedules change? For a multiserver job that is what needs an INSERT posted (SSMS posts it on OK). */
export function stepsOrSchedulesChanged(before: JobForm, after: JobForm): boolean {
  const steps = (f: JobForm) => JSON.stringify(f.steps.map(({ key: _k, ...s }) => ({ ...s, onSuccessStep: stepIdOf(f.steps, s.onSuccessStep), onFailStep: stepIdOf(f.steps, s.onFailStep) })));
  const schedules = (f: JobForm) => JSON.stringify(f.schedules.map(({ key: _k, ...s }) => s));
  return steps(before) !== steps(after) || schedules(before) !== schedules(after) || stepIdOf(before.steps, before.startStep) !== stepIdOf(after.steps, after.startStep);
}

// ---- To and from the API's shapes (jobs.get → form → jobs.save) ----

const pad2 = (n: number) => String(n).padStart(2, '0');

/** hhmmss (msdb) → hh:mm:ss (a time input). */
export const timeText = (hhmmss: number) => `${pad2(Math.floor(hhmmss / 10000))}:${pad2(Math.floor(hhmmss / 100) % 100)}:${pad2(hhmmss % 100)}`;
/** yyyymmdd (msdb) → yyyy-mm-dd (a date input). */
export const dateText = (yyyymmdd: number) => `${String(Math.floor(yyyymmdd / 10000)).padStart(4, '0')}-${pad2(Math.floor(yyyymmdd / 100) % 100)}-${pad2(yyyymmdd % 100)}`;
export const timeNumber = (text: string) => {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  return h * 10000 + m * 100 + s;
};
export const dateNumber = (text: string) => Number(text.replaceAll('-', '')) || 20000101;

export function fromDefinition(def: JobDefinitionWire): JobForm {
  const keys = def.steps.map(() => newKey('s'));
  const keyOf = (id: number) => (id >= 1 && id <= keys.length ? keys[id - 1]! : null);
  const n = def.notifications;
  return {
    jobId: def.jobId,
    name: def.name,
    owner: def.owner ?? '',
    category: def.category ?? '',
    description: def.description ?? '',
    enabled: def.enabled,
    startStep: keyOf(def.startStepId),
    steps: def.steps.map((s, i) => ({
      key: keys[i]!,
      name: s.name,
      subsystem: s.subsystem,
      databaseName: s.databaseName ?? '',
      command: s.command,
      onSuccessAction: s.onSuccessAction,
      onSuccessStep: s.onSuccessAction === 4 ? keyOf(s.onSuccessStepId) : null,
      onFailAction: s.onFailAction,
      onFailStep: s.onFailAction === 4 ? keyOf(s.onFailStepId) : null,
      retryAttempts: String(s.retryAttempts),
      retryInterval: String(s.retryInterval),
    })),
    schedules: def.schedules.map((k) => ({
      key: newKey('k'),
      scheduleId: k.scheduleId,
      name: k.name,
      enabled: k.enabled,
      freqType: k.freqType,
      freqInterval: k.freqInterval,
      freqRecurrenceFactor: k.freqRecurrenceFactor,
      startTime: timeText(k.activeStartTime),
      startDate: dateText(k.activeStartDate),
      freqSubdayType: k.freqSubdayType,
      freqSubdayInterval: k.freqSubdayInterval,
      freqRelativeInterval: k.freqRelativeInterval,
      activeEndDate: k.activeEndDate,
      activeEndTime: k.activeEndTime,
    })),
    notify: {
      emailOperator: n.emailOperator ?? '',
      emailLevel: n.emailLevel,
      pageOperator: n.pageOperator ?? '',
      pageLevel: n.pageLevel,
      eventlogLevel: n.eventlogLevel,
      deleteLevel: n.deleteLevel,
      netsendOperator: n.netsendOperator ?? '',
      netsendLevel: n.netsendLevel,
    },
    targets: def.targets.kind === 'multiserver' ? { kind: 'multiserver', servers: [...def.targets.servers], groups: [] } : { kind: 'local', servers: [], groups: [] },
  };
}

const UNCATEGORIZED = { local: '[Uncategorized (Local)]', multiserver: '[Uncategorized (Multi-Server)]' } as const;

/** msdb's "uncategorized" follows the job's kind (sp_add_jobserver switches 0 and 2, spec §2.6); a chosen category stays. */
export function uncategorizedFor(category: string, kind: TargetsForm['kind']): string {
  return category === UNCATEGORIZED.local || category === UNCATEGORIZED.multiserver ? UNCATEGORIZED[kind] : category;
}

/** What jobs.save takes. Only called on a form validateJob passed. */
export function toInput(form: JobForm): JobInputWire {
  const id = (key: string | null) => stepIdOf(form.steps, key) ?? 0;
  const op = (name: string, level: NotifyLevel) => (level === 0 || !name ? null : name);
  return {
    name: form.name.trim(),
    enabled: form.enabled,
    description: form.description || null,
    ...(form.owner.trim() ? { owner: form.owner.trim() } : {}),
    ...(form.category ? { category: uncategorizedFor(form.category, form.targets.kind) } : {}),
    startStepId: stepIdOf(form.steps, form.startStep) ?? 1,
    steps: form.steps.map((s) => ({
      name: s.name.trim(),
      subsystem: s.subsystem,
      command: s.command,
      databaseName: s.subsystem === 'TSQL' ? s.databaseName.trim() : null,
      onSuccessAction: s.onSuccessAction,
      onSuccessStepId: s.onSuccessAction === 4 ? id(s.onSuccessStep) : 0,
      onFailAction: s.onFailAction,
      onFailStepId: s.onFailAction === 4 ? id(s.onFailStep) : 0,
      retryAttempts: Number(s.retryAttempts),
      retryInterval: Number(s.retryInterval),
    })),
    schedules: form.schedules.map((k) => ({
      ...(k.scheduleId !== undefined ? { scheduleId: k.scheduleId } : {}),
      name: k.name.trim(),
      enabled: k.enabled,
      freqType: k.freqType,
      freqInterval: k.freqInterval,
      freqSubdayType: k.freqSubdayType,
      freqSubdayInterval: k.freqSubdayInterval,
      freqRelativeInterval: k.freqRelativeInterval,
      freqRecurrenceFactor: k.freqRecurrenceFactor,
      activeStartDate: dateNumber(k.startDate),
      activeEndDate: k.activeEndDate,
      activeStartTime: timeNumber(k.startTime),
      activeEndTime: k.activeEndTime,
    })),
    notifications: {
      eventlogLevel: form.notify.eventlogLevel,
      emailLevel: form.notify.emailLevel,
      emailOperator: op(form.notify.emailOperator, form.notify.emailLevel),
      pageLevel: form.notify.pageLevel,
      pageOperator: op(form.notify.pageOperator, form.notify.pageLevel),
      netsendLevel: form.notify.netsendLevel,
      netsendOperator: op(form.notify.netsendOperator, form.notify.netsendLevel),
      deleteLevel: form.notify.deleteLevel,
    },
    targets: form.targets.kind === 'multiserver' ? { kind: 'multiserver', servers: form.targets.servers, groups: form.targets.groups } : { kind: 'local' },
  };
}
