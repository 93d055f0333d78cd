// The T-SQL an action would run, from targets.script: what every Script button shows.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import type { ScriptAction } from '../api/types';
import { errorText } from '../i18n/errorText';
import { useClient } from '../store';

export interface ScriptState {
  script: string | undefined;
  loading: boolean;
  error: string | undefined;
}

/** Re-read when the action changes (compared as JSON); null shows nothing. */
export function useScript(connectionId: string, action: ScriptAction | null): ScriptState {
  const client = useClient();
  const { t } = useTranslation();
  const key = action ? JSON.stringify(action) : '';
  const [state, setState] = useState<ScriptState>({ script: undefined, loading: false, error: undefined });
  useEffect(() => {
    if (!key) {
      setState({ script: undefined, loading: false, error: undefined });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    client.invoke('targets.script', { connectionId, action: JSON.parse(key) as ScriptAction }).then(
      (r) => live && setState({ script: r.script, loading: false, error: undefined }),
      (err: unknown) => live && setState({ script: undefined, loading: false, error: errorText(t, toErrorView(err)) }),
    );
    return () => {
      live = false;
    };
  }, [client, connectionId, key, t]);
  return state;
}
