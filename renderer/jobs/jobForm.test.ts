import { describe, expect, it } from 'vitest';
import {
  addStep,
  deleteStep,
  emptyJob,
  emptyStep,
  firstPageWithIssues,
  insertStep,
  moveStep,
  replaceStep,
  stepIdOf,
  stepsOrSchedulesChanged,
  toInput,
  validateJob,
  validateStep,
  type JobForm,
  type StepForm,
} from './jobForm';

const step = (name: string, patch: Partial<StepForm> = {}): StepForm => ({ ...emptyStep(), name, command: 'SELECT 1;', ...patch });

function twoSteps(): JobForm {
  return addStep(addStep({ ...emptyJob('sa'), name: 'Nightly' }, step('one')), step('two'));
}

describe('job steps', () => {
  it('numbers steps by position, makes the first the start step, and quits after the last one', () => {
    const f = twoSteps();
    expect(f.steps.map((s) => stepIdOf(f.steps, s.key))).toEqual([1, 2]);
    expect(f.startStep).toBe(f.steps[0]!.key);
    expect(f.steps[0]!.onSuccessAction).toBe(3);
    expect(f.steps[1]!.onSuccessAction).toBe(1);
  });

  it('inserts before the selected step and moves steps keeping go-to targets by identity', () => {
    let f = twoSteps();
    const [one, two] = f.steps;
    f = replaceStep(f, { ...one!, onFailAction: 4, onFailStep: two!.key });
    f = insertStep(f, two!.key, step('middle'));
    expect(f.steps.map((s) => s.name)).toEqual(['one', 'middle', 'two']);
    f = moveStep(f, two!.key, -1);
    expect(f.steps.map((s) => s.name)).toEqual(['one', 'two', 'middle']);
    const input = toInput(f);
    expect(input.steps![0]).toMatchObject({ onFailAction: 4, onFailStepId: 2 });
    // The last step no longer goes to a next one.
    expect(input.steps![2]!.onSuccessAction).toBe(1);
  });

  it('deleting a step a go-to points at makes that action quit reporting failure and moves the start step', () => {
    let f = twoSteps();
    const [one, two] = f.steps;
    f = replaceStep(f, { ...two!, onFailAction: 4, onFailStep: one!.key });
    f = deleteStep(f, one!.key);
    expect(f.steps).toHaveLength(1);
    expect(f.steps[0]).toMatchObject({ onFailAction: 2, onFailStep: null });
    expect(f.startStep).toBe(two!.key);
  });

  it('validates a step: name, unique name, database for T-SQL, command, retries, go-to step', () => {
    const f = twoSteps();
    expect(validateStep({ ...emptyStep(), retryAttempts: 'x', retryInterval: '10000', onSuccessAction: 4 }, f.steps)).toEqual({
      name: 'nameRequired',
      command: 'commandRequired',
      retryAttempts: 'retryAttempts',
      retryInterval: 'retryInterval',
      onSuccessStep: 'goToStep',
    });
    expect(validateStep(step('ONE'), f.steps).name).toBe('nameTaken');
    expect(validateStep(step('x', { databaseName: ' ' }), f.steps).databaseName).toBe('databaseRequired');
    expect(validateStep(step('x', { subsystem: 'CmdExec', databaseName: '' }), f.steps)).toEqual({});
  });
});

describe('job validation', () => {
  it('names the first page with a problem', () => {
    const f = { ...emptyJob(''), name: '' };
    const issues = validateJob(f);
    expect(issues.general).toEqual({ name: 'nameRequired', owner: 'ownerRequired' });
    expect(firstPageWithIssues(issues)).toBe('general');
  });

  it('a multiserver job needs targets and may notify MSXOperator only (spec §2.6)', () => {
    const f: JobForm = { ...twoSteps(), targets: { kind: 'multiserver', servers: [], groups: [] }, notify: { ...emptyJob('sa').notify, emailLevel: 2, emailOperator: 'DBA Team' } };
    const issues = validateJob(f);
    expect(issues.targets.servers).toBe('noTargets');
    expect(issues.notifications.emailOperator).toBe('operatorNotMsx');
    expect(firstPageWithIssues(issues)).toBe('notifications');
    const ok = validateJob({ ...f, targets: { kind: 'multiserver', servers: ['LONDON-SQL01'], groups: [] }, notify: { ...f.notify, emailOperator: 'MSXOperator' } });
    expect(firstPageWithIssues(ok)).toBeNull();
  });

  it('a local job may notify any operator', () => {
    const f: JobForm = { ...twoSteps(), notify: { ...emptyJob('sa').notify, emailLevel: 2, emailOperator: 'DBA Team' } };
    expect(validateJob(f).notifications).toEqual({});
  });
});

describe('toInput', () => {
  it('sends the targets, notification operators only when notifying, and numbers as numbers', () => {
    const f: JobForm = { ...twoSteps(), targets: { kind: 'multiserver', servers: ['A', 'B'], groups: ['Production'] }, notify: { ...emptyJob('sa').notify, emailOperator: 'MSXOperator' } };
    const input = toInput(f);
    expect(input.targets).toEqual({ kind: 'multiserver', servers: ['A', 'B'], groups: ['Production'] });
    expect(input.notifications!.emailOperator).toBeNull();
    expect(input.steps![0]).toMatchObject({ name: 'one', retryAttempts: 0, retryInterval: 0, databaseName: 'master' });
    expect(input.startStepId).toBe(1);
    expect(toInput({ ...f, targets: { kind: 'local', servers: ['A'], groups: [] } }).targets).toEqual({ kind: 'local' });
  });

  it('knows when steps or schedules changed (what needs an INSERT posted)', () => {
    const f = twoSteps();
    expect(stepsOrSchedulesChanged(f, { ...f, description: 'x' })).toBe(false);
    expect(stepsOrSchedulesChanged(f, replaceStep(f, { ...f.steps[0]!, command: 'SELECT 2;' }))).toBe(true);
    expect(stepsOrSchedulesChanged(f, moveStep(f, f.steps[0]!.key, 1))).toBe(true);
  });
});

describe('category', () => {
  it("msdb's uncategorized follows the job's kind; a chosen category stays", async () => {
    const { uncategorizedFor } = await import('./jobForm');
    expect(uncategorizedFor('[Uncategorized (Local)]', 'multiserver')).toBe('[Uncategorized (Multi-Server)]');
    expect(uncategorizedFor('[Uncategorized (Multi-Server)]', 'local')).toBe('[Uncategorized (Local)]');
    expect(uncategorizedFor('Database Maintenance', 'multiserver')).toBe('Database Maintenance');
  });
});
