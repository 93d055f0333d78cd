// Targets: "Target local server" or "Target multiple servers" with a checklist of the master's
// target servers and one of its target server groups (a group stands for its members when OK is
// pressed). The lists are read when the page opens.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetRow } from '../../api/types';
import { Grid, type GridColumn } from '../../kit/Grid';
import type { Selection } from '../../kit/gridSelection';
import { checkColumn } from '../../kit/TargetChecklist';
import { useApp, useClient } from '../../store';
import type { PageProps } from '../JobProperties';

interface Named {
  name: string;
}

const nameOf = (r: Named) => r.name;

function checklist(names: readonly string[], active: string | null): Selection {
  return { selected: new Set(names), active: active ?? names[0] ?? null, anchor: active ?? names[0] ?? null };
}

export function TargetsPage({ connectionId, form, onChange, showIssues, issues }: PageProps) {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const server = useApp((s) => s.connections.find((c) => c.id === connectionId)?.server ?? '');
  const [servers, setServers] = useState<Named[]>();
  const [groups, setGroups] = useState<Named[]>();
  const [activeServer, setActiveServer] = useState<string | null>(null);
  const [activeGroup, setActiveGroup] = useState<string | null>(null);
  useEffect(() => {
    client.invoke('targets.list', { connectionId }).then(
      (rows: TargetRow[]) => setServers(rows.map((r) => ({ name: r.serverName })).sort((a, b) => a.name.localeCompare(b.name))),
      () => setServers([]),
    );
    client.invoke('groups.list', { connectionId }).then(
      (rows) => setGroups(rows.map((g) => ({ name: g.name }))),
      () => setGroups([]),
    );
  }, [client, connectionId]);

  const multi = form.targets.kind === 'multiserver';
  const issue = showIssues ? issues.targets.servers : undefined;
  const column = (header: string): GridColumn<Named>[] => [
    checkColumn<Named>(t('jobs.targets.col.select'), (r) => isChecked(r.name, header)),
    { id: 'name', header, width: 220, rowHeader: true, text: nameOf, render: nameOf },
  ];
  const checkedServers = useMemo(() => new Set(form.targets.servers.map((s) => s.toUpperCase())), [form.targets.servers]);
  const isChecked = (name: string, header: string) => (header === t('jobs.targets.col.server') ? checkedServers.has(name.toUpperCase()) : form.targets.groups.includes(name));
  // Checked names the list does not have (a target since defected) stay checked and are sent as they are.
  const serverSel = checklist(
    (servers ?? []).filter((s) => checkedServers.has(s.name.toUpperCase())).map(nameOf),
    activeServer,
  );
  const groupSel = checklist(form.targets.groups, activeGroup);

  return (
    <div className="form job-form targets-page">
      <fieldset className="recipients">
        <legend className="visually-hidden">{t('jobs.props.page.targets')}</legend>
        <label className="check">
          <input type="radio" name={`${id}-kind`} checked={!multi} onChange={() => onChange({ ...form, targets: { ...form.targets, kind: 'local' } })} />
          {t('jobs.targets.local')}
        </label>
        {!multi && <p className="field-note indent-note">{t('jobs.targets.localNote', { server })}</p>}
        <label className="check">
          <input type="radio" name={`${id}-kind`} checked={multi} onChange={() => onChange({ ...form, targets: { ...form.targets, kind: 'multiserver' } })} />
          {t('jobs.targets.multiple')}
        </label>
        <div className={`target-lists${multi ? '' : ' inactive'}`} inert={!multi}>
          <div className="target-list">
            <h3 id={`${id}-servers`}>{t('jobs.targets.servers')}</h3>
            <Grid
              label={t('jobs.targets.servers')}
              rows={servers ?? []}
              rowKey={nameOf}
              columns={column(t('jobs.targets.col.server'))}
              mode="checklist"
              selection={serverSel}
              onSelectionChange={(sel) => {
                setActiveServer(sel.active);
                const kept = form.targets.servers.filter((s) => !(servers ?? []).some((r) => r.name.toUpperCase() === s.toUpperCase()));
                onChange({ ...form, targets: { ...form.targets, servers: [...kept, ...(servers ?? []).map(nameOf).filter((n) => sel.selected.has(n))] } });
              }}
              describedBy={`${id}-note`}
              empty={servers ? t('jobs.targets.noTargets', { server }) : t('common.loading')}
            />
          </div>
          <div className="target-list">
            <h3>{t('jobs.targets.groups')}</h3>
            <Grid
              label={t('jobs.targets.groups')}
              rows={groups ?? []}
              rowKey={nameOf}
              columns={column(t('jobs.targets.col.group'))}
              mode="checklist"
              selection={groupSel}
              onSelectionChange={(sel) => {
                setActiveGroup(sel.active);
                onChange({ ...form, targets: { ...form.targets, groups: (groups ?? []).map(nameOf).filter((n) => sel.selected.has(n)) } });
              }}
              describedBy={`${id}-groupnote`}
              empty={groups ? '—' : t('common.loading')}
            />
            <p id={`${id}-groupnote`} className="field-note">
              {t('jobs.targets.groupNote')}
            </p>
          </div>
        </div>
        <p id={`${id}-note`} className={issue ? 'field-error' : 'field-note'} role={issue ? 'alert' : undefined}>
          {issue ? t(`jobs.props.issue.${issue}`) : multi ? t('jobs.targets.checkedCount', { count: form.targets.servers.length }) : ''}
        </p>
      </fieldset>
    </div>
  );
}
