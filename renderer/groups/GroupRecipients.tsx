// Target server groups as recipients wherever target servers are chosen (Post Instructions…):
// choosing a group checks its members in the list beside it; the checks stay editable.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { useClient } from '../store';

export function GroupRecipients({ connectionId, onMembers }: { connectionId: string; onMembers: (servers: string[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const [groups, setGroups] = useState<string[]>();
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    client.invoke('groups.list', { connectionId }).then(
      (list) => live && setGroups(list.map((g) => g.name)),
      () => live && setGroups([]),
    );
    return () => {
      live = false;
    };
  }, [client, connectionId]);

  const choose = async (group: string) => {
    setChosen(group);
    setError(undefined);
    if (!group) return;
    try {
      onMembers((await client.invoke('groups.members', { connectionId, group })).map((m) => m.serverName));
    } catch (err) {
      setError(errorText(t, toErrorView(err)));
    }
  };

  if (!groups?.length) return null;
  return (
    <div className="group-recipients">
      <label htmlFor={`${id}-group`}>{t('life.groups.recipients')}</label>
      <select id={`${id}-group`} value={chosen} onChange={(e) => void choose(e.target.value)} aria-describedby={`${id}-note`}>
        <option value="">{t('life.groups.recipientsNone')}</option>
        {groups.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
      <span id={`${id}-note`} className={error ? 'field-error' : 'field-note'}>
        {error ?? t('life.groups.recipientsNote')}
      </span>
    </div>
  );
}
