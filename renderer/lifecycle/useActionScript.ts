// The T-SQL an action would run, asked of the API when a Script pane opens (and again when the
// action changes): every lifecycle write has a script mode that returns the script without running.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';

export interface ActionScript {
  script: string | undefined;
  loading: boolean;
  error: string | undefined;
}

/** `key` identifies the action (JSON of its params); null asks for nothing. */
export function useActionScript(key: string | null, fetch: () => Promise<string>): ActionScript {
  const { t } = useTranslation();
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const [state, setState] = useState<ActionScript>({ script: undefined, loading: false, error: undefined });
  useEffect(() => {
    if (key === null) {
      setState({ script: undefined, loading: false, error: undefined });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fetchRef.current().then(
      (script) => live && setState({ script, loading: false, error: undefined }),
      (err: unknown) => live && setState({ script: undefined, loading: false, error: errorText(t, toErrorView(err)) }),
    );
    return () => {
      live = false;
    };
  }, [key, t]);
  return state;
}
