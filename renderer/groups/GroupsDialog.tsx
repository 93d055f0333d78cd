// Manage Target Server Groups: the master's groups (sp_help_targetservergroup) and the members of
// the one selected; Add…, Rename…, Delete for groups, Add…, Remove for members. Every write is
// composed first in the action panel, where Script shows its T-SQL, and runs on OK; SQL Server's
// answer (or its error, with the number) is shown under it.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { Dialog } from '../kit/Dialog';
import { ScriptBox } from '../kit/ScriptBox';
import { useActionScript } from '../lifecycle/useActionScript';
import { useApp, useAppStore, useClient } from '../store';
import { targetsOf } from '../targetServers/targetServersSlice';
import { groupNameProblem, selectedAfter, type GroupAction } from './groupActions';
import { runGroupAction, scriptGroupAction } from './groupApi';
import './groups.css';

interface Outcome {
  ok: boolean;
  lines: string[];
}

export function GroupsDialog({ connectionId, onClose, returnFocus }: { connectionId: string; onClose: () => void; returnFocus?: () => Element | null | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const store = useAppStore();
  const server = useApp((s) => s.connections.find((c) => c.id === connectionId)?.server ?? connectionId);
  const targetRows = useApp((s) => targetsOf(s, connectionId).rows);
  const [groups, setGroups] = useState<string[]>();
  const [selected, setSelected] = useState<string | null>(null);
  const [members, setMembers] = useState<string[]>();
  const [chosenMembers, setChosenMembers] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<string>();
  // The write being composed: which kind, and its fields.
  const [editing, setEditing] = useState<GroupAction['kind'] | null>(null);
  const [name, setName] = useState('');
  const [toAdd, setToAdd] = useState<string[]>([]);
  const [showScript, setShowScript] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const fail = useCallback((err: unknown) => errorText(t, toErrorView(err)), [t]);

  const loadGroups = useCallback(async () => {
    try {
      const list = (await client.invoke('groups.list', { connectionId })).map((g) => g.name);
      setGroups(list);
      setLoadError(undefined);
      return list;
    } catch (err) {
      setLoadError(fail(err));
      return undefined;
    }
  }, [client, connectionId, fail]);

  const loadMembers = useCallback(
    async (group: string | null) => {
      if (!group) {
        setMembers(undefined);
        return;
      }
      try {
        setMembers((await client.invoke('groups.members', { connectionId, group })).map((m) => m.serverName));
      } catch (err) {
        setLoadError(fail(err));
      }
    },
    [client, connectionId, fail],
  );

  useEffect(() => {
    void loadGroups().then((list) => setSelected((s) => s ?? list?.[0] ?? null));
    if (!store.getState().targets[connectionId]?.rows) void store.getState().loadTargets(connectionId);
  }, [loadGroups, store, connectionId]);

  useEffect(() => {
    setChosenMembers([]);
    void loadMembers(selected);
  }, [selected, loadMembers]);

  const targetNames = useMemo(() => (targetRows ?? []).map((r) => r.serverName).sort((a, b) => a.localeCompare(b)), [targetRows]);
  const nonMembers = useMemo(() => targetNames.filter((n) => !members?.some((m) => m.toUpperCase() === n.toUpperCase())), [targetNames, members]);

  const action: GroupAction | null = (() => {
    switch (editing) {
      case 'add':
        return { kind: 'add', name: name.trim() };
      case 'rename':
        return selected ? { kind: 'rename', name: selected, newName: name.trim() } : null;
      case 'delete':
        return selected ? { kind: 'delete', name: selected } : null;
      case 'addMembers':
        return selected && toAdd.length ? { kind: 'addMembers', group: selected, servers: toAdd } : null;
      case 'removeMembers':
        return selected && chosenMembers.length ? { kind: 'removeMembers', group: selected, servers: chosenMembers } : null;
      default:
        return null;
    }
  })();
  const nameProblem = editing === 'add' || editing === 'rename' ? groupNameProblem(name, groups ?? [], editing === 'rename' ? (selected ?? undefined) : undefined) : null;
  const ready = action !== null && nameProblem === null;
  const script = useActionScript(showScript && ready ? JSON.stringify(action) : null, () => scriptGroupAction(client, connectionId, action!));

  const begin = (kind: GroupAction['kind']) => {
    setEditing(kind);
    setName(kind === 'rename' ? (selected ?? '') : '');
    setToAdd([]);
    setShowScript(false);
    setOutcome(undefined);
    requestAnimationFrame(() => document.getElementById(`${id}-panel`)?.querySelector<HTMLElement>('input, select, button.primary')?.focus());
  };

  const cancel = () => {
    setEditing(null);
    setShowScript(false);
  };

  const ok = async () => {
    if (!action || !ready) return;
    setBusy(true);
    const results = await runGroupAction(client, connectionId, action);
    const failed = results.filter((r) => !r.ok);
    setOutcome({
      ok: failed.length === 0,
      lines: results.flatMap((r) => (r.ok ? r.messages : [errorText(t, r.error)])).concat(failed.length === 0 && results.every((r) => r.ok && !r.messages.length) ? [t('life.groups.done')] : []),
    });
    setBusy(false);
    setEditing(null);
    setShowScript(false);
    const list = await loadGroups();
    const next = selectedAfter(action, selected);
    const keep = next && list?.some((g) => g.toUpperCase() === next.toUpperCase()) ? list.find((g) => g.toUpperCase() === next.toUpperCase())! : (list?.[0] ?? null);
    setSelected(keep);
    await loadMembers(keep);
  };

  const panelTitle =
    editing === 'add'
      ? t('life.groups.panel.add')
      : editing === 'rename'
        ? t('life.groups.panel.rename', { group: selected })
        : editing === 'delete'
          ? t('life.groups.panel.delete', { group: selected })
          : editing === 'addMembers'
            ? t('life.groups.panel.addMembers', { group: selected })
            : t('life.groups.panel.removeMembers', { group: selected });

  return (
    <Dialog
      title={t('life.groups.title', { server })}
      onClose={onClose}
      returnFocus={returnFocus}
      className="dialog-groups"
      footer={
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {loadError && (
        <p className="error-text" role="alert">
          {loadError}
        </p>
      )}
      <div className="groups-lists">
        <div className="groups-col">
          <label htmlFor={`${id}-groups`}>{t('life.groups.groups')}</label>
          <select
            id={`${id}-groups`}
            size={9}
            value={selected ?? ''}
            onChange={(e) => setSelected(e.target.value || null)}
            disabled={!!editing}
            aria-describedby={groups && groups.length === 0 ? `${id}-nogroups` : undefined}
          >
            {groups?.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
          {groups && groups.length === 0 && (
            <p id={`${id}-nogroups`} className="field-note">
              {t('life.groups.none')}
            </p>
          )}
          <div className="button-row">
            <button type="button" disabled={!!editing} onClick={() => begin('add')}>
              {t('life.groups.add')}
            </button>
            <button type="button" disabled={!!editing || !selected} onClick={() => begin('rename')}>
              {t('life.groups.rename')}
            </button>
            <button type="button" disabled={!!editing || !selected} onClick={() => begin('delete')}>
              {t('life.groups.delete')}
            </button>
          </div>
        </div>
        <div className="groups-col">
          <label htmlFor={`${id}-members`}>{selected ? t('life.groups.membersOf', { group: selected }) : t('life.groups.members')}</label>
          <select
            id={`${id}-members`}
            multiple
            size={9}
            value={chosenMembers}
            disabled={!selected || !!editing}
            onChange={(e) => setChosenMembers([...e.target.selectedOptions].map((o) => o.value))}
          >
            {members?.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          {selected && members && members.length === 0 && <p className="field-note">{t('life.groups.noMembers')}</p>}
          <div className="button-row">
            <button type="button" disabled={!!editing || !selected} onClick={() => begin('addMembers')}>
              {t('life.groups.addMembers')}
            </button>
            <button type="button" disabled={!!editing || !selected || chosenMembers.length === 0} onClick={() => begin('removeMembers')}>
              {t('life.groups.removeMembers')}
            </button>
          </div>
        </div>
      </div>

      {editing && (
        <form
          id={`${id}-panel`}
          className="groups-panel"
          aria-labelledby={`${id}-panel-title`}
          onSubmit={(e) => {
            e.preventDefault();
            void ok();
          }}
        >
          <h3 id={`${id}-panel-title`}>{panelTitle}</h3>
          {(editing === 'add' || editing === 'rename') && (
            <div className="form-row">
              <label htmlFor={`${id}-name`}>{editing === 'add' ? t('life.groups.name') : t('life.groups.newName')}</label>
              <div>
                <input
                  id={`${id}-name`}
                  value={name}
                  maxLength={128}
                  onChange={(e) => setName(e.target.value)}
                  aria-invalid={!!name && !!nameProblem}
                  aria-describedby={`${id}-name-note`}
                />
                <p id={`${id}-name-note`} className={name && nameProblem ? 'field-error' : 'field-note'}>
                  {name && nameProblem ? t(`life.groups.nameProblem.${nameProblem}`) : t('life.groups.nameNote')}
                </p>
              </div>
            </div>
          )}
          {editing === 'delete' && <p>{t('life.groups.deleteQuestion', { group: selected })}</p>}
          {editing === 'removeMembers' && <p>{t('life.groups.removeQuestion', { count: chosenMembers.length, servers: chosenMembers.join(', '), group: selected })}</p>}
          {editing === 'addMembers' && (
            <div>
              <label htmlFor={`${id}-add`} className="block-label">
                {t('life.groups.chooseTargets')}
              </label>
              <select id={`${id}-add`} multiple size={6} value={toAdd} onChange={(e) => setToAdd([...e.target.selectedOptions].map((o) => o.value))} aria-describedby={`${id}-add-note`}>
                {nonMembers.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
              <p id={`${id}-add-note`} className="field-note">
                {nonMembers.length === 0 ? t('life.groups.allMembers') : t('life.groups.chooseNote')}
              </p>
            </div>
          )}
          <div className="button-row">
            <button type="button" aria-expanded={showScript} aria-controls={`${id}-script`} disabled={!ready} onClick={() => setShowScript(!showScript)}>
              {t('script.button')}
            </button>
            <span className="grow" />
            <button type="submit" className={editing === 'delete' || editing === 'removeMembers' ? 'danger' : 'primary'} disabled={!ready || busy}>
              {busy ? t('common.working') : t('common.ok')}
            </button>
            <button type="button" onClick={cancel} disabled={busy}>
              {t('common.cancel')}
            </button>
          </div>
          <div id={`${id}-script`} hidden={!showScript}>
            {showScript && <ScriptBox script={script.script} loading={script.loading} error={script.error} />}
          </div>
        </form>
      )}
      {outcome && (
        <div className={`groups-outcome ${outcome.ok ? 'tone-ok' : 'tone-bad'}`} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.lines.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </div>
      )}
    </Dialog>
  );
}
