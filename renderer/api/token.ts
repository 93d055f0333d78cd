// Browser mode's token arrives once, in the address MSX Studio printed. The page moves it to
// sessionStorage (this tab only, survives a reload) and takes it out of the address bar, so it
// is not in history, bookmarks, or a screenshot of the window.

export const TOKEN_KEY = 'msx.token';

export interface TokenEnv {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

export function takeToken(env: TokenEnv): string | undefined {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.storage?.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token then lives in memory for this page only.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return env.storage?.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
