import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, type MsxClient } from './api/client';
import { takeToken } from './api/token';
import { App } from './App';
import { initI18n } from './i18n';
import { AppContext, createAppStore } from './store';
import './styles.css';

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

// initI18n also sets <html lang> and the title, and keeps them in step with the language.
const i18n = initI18n();

const root = createRoot(document.getElementById('root')!);
let client: MsxClient | undefined;
let problem = '';
try {
  client = createClient(window, () => takeToken({ location, history, storage: sessionStore() }));
} catch (err) {
  // The one failure here is a missing token (the address did not carry it).
  problem = err instanceof Error && /token/i.test(err.message) ? i18n.t('app.noToken') : String(err);
}
root.render(
  <StrictMode>
    {client ? (
      <AppContext.Provider value={{ client, store: createAppStore(client) }}>
        <App />
      </AppContext.Provider>
    ) : (
      <p className="fatal" role="alert">
        {problem}
      </p>
    )}
  </StrictMode>,
);
