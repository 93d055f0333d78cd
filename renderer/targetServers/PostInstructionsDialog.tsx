// Post Download Instructions (spec §8.2): instruction type with its description, polling
// interval (checked inline: out of range disables OK and says the range), a job for Start job,
// recipients (all, or a checklist), and a Script expander with the exact T-SQL.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { MultiserverJob, TargetRow } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { Dialog } from '../kit/Dialog';
import type { GridColumn } from '../kit/Grid';
import { selectedInOrder, type Selection } from '../kit/gridSelection';
import { ScriptBox } from '../kit/ScriptBox';
import { ScriptExpander } from '../kit/ScriptExpander';
import { checkColumn, TargetChecklist, type Which } from '../kit/TargetChecklist';
import { GroupRecipients } from '../groups/GroupRecipients';
import { useApp, useAppStore, useClient } from '../store';
import { postToast } from './outcomes';
import { INSTRUCTION_TYPES, POLL_INTERVAL_MAX, POLL_INTERVAL_MIN, validatePostForm, type InstructionType } from './postForm';
import { targetsOf } from './targetServersSlice';
import { useScript } from './useScript';

const TYPE_KEYS: Record<InstructionType, 'defect' | 'setPoll' | 'syncTime' | 'startJob'> = {
  DEFECT: 'defect',
  'SET-POLL': 'setPoll',
  'SYNC-TIME': 'syncTime',
  START: 'startJob',
};

const nameOf = (r: TargetRow) => r.serverName;

export function PostInstructionsDialog({ connectionId, preselected, onClose }: { connectionId: string; preselected: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const store = useAppStore();
  const client = useClient();
  const id = useId();
  const targets = useApp((s) => targetsOf(s, connectionId).rows);
  const rows = useMemo(() => [...(targets ?? [])].sort((a, b) => a.serverName.localeCompare(b.serverName)), [targets]);
  const keys = useMemo(() => rows.map(nameOf), [rows]);

  const [type, setType] = useState<InstructionType>('SET-POLL');
  const [interval, setIntervalText] = useState(() => String(rows.find((r) => r.serverName === preselected[0])?.pollInterval ?? 60));
  const [jobId, setJobId] = useState('');
  const [jobs, setJobs] = useState<MultiserverJob[]>();
  const [recipients, setRecipients] = useState<Which>(preselected.length ? 'these' : 'all');
  const [checked, setChecked] = useState<Selection>(() => ({ selected: new Set(preselected), active: preselected[0] ?? null, anchor: preselected[0] ?? null }));
  const [showScript, setShowScript] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The job's own targets (sp_help_jobserver): a START posts only to those, so the form says which
  // they are and warns before "posting" to others, where msdb would post nothing.
  const [jobTargets, setJobTargets] = useState<{ jobId: string; servers: string[] }>();
  const [jobTouched, setJobTouched] = useState(false);
  useEffect(() => {
    if (type !== 'START' || !jobId) return;
    let live = true;
    client.invoke('jobs.targets', { connectionId, jobId }).then(
      (list) => live && setJobTargets({ jobId, servers: list.map((x) => x.serverName) }),
      () => live && setJobTargets(undefined),
    );
    return () => {
      live = false;
    };
  }, [type, jobId, client, connectionId]);

  useEffect(() => {
    if (type !== 'START' || jobs) return;
    client.invoke('jobs.list', { connectionId }).then(setJobs, (err: unknown) => setError(errorText(t, toErrorView(err))));
  }, [type, jobs, client, connectionId, t]);

  const checkedNames = useMemo(() => selectedInOrder(checked, keys), [checked, keys]);
  const { issues, instruction } = validatePostForm({ type, interval, jobId, recipients, checked: checkedNames });
  const script = useScript(connectionId, showScript && instruction ? { kind: 'postInstruction', instruction } : null);
  const knownJobTargets = type === 'START' && jobTargets && jobTargets.jobId === jobId ? jobTargets.servers : undefined;
  const notJobTargets = useMemo(() => {
    if (!knownJobTargets) return [];
    const of = new Set(knownJobTargets.map((x) => x.toUpperCase()));
    const chosen = recipients === 'all' ? keys : checkedNames;
    return chosen.filter((x) => !of.has(x.toUpperCase()));
  }, [knownJobTargets, recipients, keys, checkedNames]);
  const postsNothing = !!knownJobTargets && (recipients === 'all' ? knownJobTargets.length === 0 : checkedNames.length > 0 && notJobTargets.length === checkedNames.length);

  const columns = useMemo<GridColumn<TargetRow>[]>(
    () => [
      checkColumn<TargetRow>(t('post.col.select'), (r) => checked.selected.has(r.serverName), 56),
      { id: 'serverName', header: t('post.col.targetServer'), width: 170, rowHeader: true, text: (r) => r.serverName, render: (r) => r.serverName },
      { id: 'localTime', header: t('post.col.localTime'), width: 170, text: (r) => fmt.dateTime(r.localTime), render: (r) => fmt.dateTime(r.localTime) },
      { id: 'pollInterval', header: t('post.col.pollingInterval'), width: 110, align: 'end', text: (r) => fmt.number(r.pollInterval), render: (r) => fmt.number(r.pollInterval) },
    ],
    [t, fmt, checked],
  );

  const submit = async () => {
    if (!instruction) return;
    setBusy(true);
    setError(undefined);
    try {
      const out = await store.getState().postInstruction(connectionId, instruction);
      store.getState().pushToast(postToast(t('post.done', { type: t(`post.type.${TYPE_KEYS[type]}`) }), out, t, postsNothing ? t('health.post.nothingPostedNotTargets') : undefined));
      onClose();
    } catch (err) {
      setError(errorText(t, toErrorView(err)));
      setBusy(false);
    }
  };

  const range = { min: fmt.number(POLL_INTERVAL_MIN), max: fmt.number(POLL_INTERVAL_MAX) };

  return (
    <Dialog
      title={t('post.title')}
      onClose={onClose}
      className="dialog-wide"
      footer={
        <>
          {error && (
            <p className="error-text foot-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" form={`${id}-form`} className="primary" disabled={!instruction || busy}>
            {busy ? t('common.working') : t('common.ok')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        className="form post-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-row">
          <label htmlFor={`${id}-type`}>{t('post.instructionType')}</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as InstructionType)} aria-describedby={`${id}-desc`}>
            {INSTRUCTION_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`post.type.${TYPE_KEYS[x]}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <span className="label">{t('post.description')}</span>
          <p id={`${id}-desc`} className="description">
            {t(`post.typeDescription.${TYPE_KEYS[type]}`)}
          </p>
        </div>
        {type === 'SET-POLL' && (
          <div className="form-row">
            <label htmlFor={`${id}-interval`}>{t('post.pollingInterval')}</label>
            <div>
              <span className="input-with-unit">
                <input
                  id={`${id}-interval`}
                  type="text"
                  inputMode="numeric"
                  className="num-input"
                  value={interval}
                  onChange={(e) => setIntervalText(e.target.value)}
                  aria-invalid={!!issues.interval}
                  aria-describedby={`${id}-interval-note`}
                />
                <span>{t('common.seconds')}</span>
              </span>
              <p id={`${id}-interval-note`} className={issues.interval ? 'field-error' : 'field-note'}>
                {issues.interval ? t('post.intervalRange', range) : t('post.intervalNote', range)}
              </p>
            </div>
          </div>
        )}
        {type === 'START' && (
          <div className="form-row">
            <label htmlFor={`${id}-job`}>{t('post.job')}</label>
            <div>
              <select
                id={`${id}-job`}
                value={jobId}
                onChange={(e) => {
                  setJobId(e.target.value);
                  setJobTouched(true);
                }}
                onBlur={() => setJobTouched(true)}
                aria-invalid={jobTouched && !!issues.job}
                aria-describedby={`${id}-job-note ${id}-job-targets`}
              >
                <option value="">{jobs ? t('post.chooseJob') : t('common.loading')}</option>
                {jobs?.map((j) => (
                  <option key={j.jobId} value={j.jobId}>
                    {j.jobName}
                  </option>
                ))}
              </select>
              {/* The error only once the field was touched (or OK is pressed): an untouched form is not wrong yet. */}
              <p id={`${id}-job-note`} className={jobTouched && issues.job ? 'field-error' : 'field-note'}>
                {jobs && jobs.length === 0 ? t('post.noJobs') : jobTouched && issues.job ? t('post.jobRequired') : t('post.jobNote')}
              </p>
              <p id={`${id}-job-targets`} className="field-note job-targets" aria-live="polite">
                {knownJobTargets && (knownJobTargets.length ? t('health.post.jobTargets', { servers: knownJobTargets.join(', ') }) : t('health.post.jobNoTargets'))}
              </p>
            </div>
          </div>
        )}
        <TargetChecklist
          id={`${id}-rcpt`}
          legend={t('post.recipients')}
          allLabel={t('post.allTargets')}
          theseLabel={t('post.theseTargets')}
          which={recipients}
          onWhich={setRecipients}
          extra={
            <GroupRecipients
              connectionId={connectionId}
              onMembers={(servers) => {
                // A group checks its members (those listed here) among "These target servers".
                const names = new Set(servers.map((x) => x.toUpperCase()));
                const members = keys.filter((k) => names.has(k.toUpperCase()));
                setRecipients('these');
                setChecked({ selected: new Set(members), active: members[0] ?? null, anchor: members[0] ?? null });
              }}
            />
          }
          rows={rows}
          keys={keys}
          rowKey={nameOf}
          columns={columns}
          checked={checked}
          onChecked={setChecked}
          after={
            notJobTargets.length > 0 && (
              <p className="field-warning" role="alert">
                <span aria-hidden="true">⚠ </span>
                {t('health.post.notJobTargets', { servers: notJobTargets.join(', ') })}
              </p>
            )
          }
          note={recipients === 'all' ? t('post.allNote', { count: rows.length }) : issues.recipients ? t('post.recipientsRequired') : t('post.checkedCount', { count: checkedNames.length })}
          noteIsError={!!issues.recipients}
        />
        <ScriptExpander open={showScript} onToggle={setShowScript}>
          {instruction ? <ScriptBox script={script.script} loading={script.loading} error={script.error} /> : <p className="field-note">{t('post.scriptIncomplete')}</p>}
        </ScriptExpander>
      </form>
    </Dialog>
  );
}
