import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, type MsxClient } from './api/client';
import { takeToken } from './api/token';
import { App } from './App';
import './styles.css';

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

const root = createRoot(document.getElementById('root')!);
let client: MsxClient | undefined;
let problem = '';
try {
  client = createClient(window, () => takeToken({ location, history, storage: sessionStore() }));
} catch (err) {
  problem = (err as Error).message;
}
root.render(
  <StrictMode>
    {client ? (
      <App client={client} />
    ) : (
      <p className="fatal" role="alert">
        {problem}
      </p>
    )}
  </StrictMode>,
);
