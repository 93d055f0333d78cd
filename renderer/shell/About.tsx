// Help > About MSX Studio: the version, what it runs on, the license and two links. Opened from
// the status bar's About button, or from the desktop app's Help menu (a `shell` event). Links are
// plain target=_blank anchors: a browser opens a tab, and the desktop app hands them to its one
// guarded openExternal (https only, and only right after the user's click).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiWireResult } from '../../src/api/types';
import iconUrl from '../../assets/icons/64x64.png';
import { toErrorView } from '../api/errors';
import { errorText } from '../i18n/errorText';
import { Dialog } from '../kit/Dialog';
import { useClient } from '../store';
import { browserVersion } from './browserVersion';

type About = ApiWireResult<'app.about'>;

/** The status bar's About button, and the dialog it (or the desktop menu) opens. */
export function AboutButton() {
  const { t } = useTranslation();
  const client = useClient();
  const [open, setOpen] = useState(false);
  useEffect(() => client.on((e) => e.type === 'shell' && e.command === 'about' && setOpen(true)), [client]);
  return (
    <>
      <button type="button" className="status-item status-button" aria-haspopup="dialog" title={t('about.title')} onClick={() => setOpen(true)}>
        {t('about.open')}
      </button>
      {open && <AboutDialog onClose={() => setOpen(false)} />}
    </>
  );
}

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [about, setAbout] = useState<About>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    client.invoke('app.about', {}).then(setAbout, (err: unknown) => setError(errorText(t, toErrorView(err))));
  }, [client, t]);

  const desktop = client.transport === 'ipc';
  const browser = desktop ? undefined : browserVersion(navigator.userAgent);
  const rows: Array<[string, string | undefined]> = about
    ? desktop
      ? [
          ['Electron', about.runtime.electron],
          ['Chromium', about.runtime.chromium],
          ['Node.js', about.runtime.node],
        ]
      : [
          [t('about.browser'), browser ?? t('about.unknown')],
          [t('about.server'), `Node.js ${about.runtime.node}`],
        ]
    : [];

  return (
    <Dialog
      title={t('about.title')}
      onClose={onClose}
      className="dialog-about"
      footer={
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          {t('common.ok')}
        </button>
      }
    >
      <div className="about-head">
        <img src={iconUrl} width={48} height={48} alt="" />
        <div>
          <p className="about-product">MSX Studio</p>
          <p>{about ? t('about.version', { version: about.version }) : error ? null : t('common.loading')}</p>
        </div>
      </div>
      <p className="muted">{t('about.tagline')}</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {about && (
        <>
          <h3 className="about-section">{desktop ? t('about.runtimeDesktop') : t('about.runtimeBrowser')}</h3>
          <dl className="about-versions">
            {rows.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value ?? t('about.unknown')}</dd>
              </div>
            ))}
          </dl>
          <p>
            {t('about.license', { license: about.license })}{' '}
            <a href={about.links.license} target="_blank" rel="noreferrer noopener">
              {t('about.licenseText')}
            </a>
          </p>
          <p className="muted">{about.copyright}</p>
          <p>
            <a href={about.links.documentation} target="_blank" rel="noreferrer noopener">
              {t('about.documentation')}
            </a>
          </p>
        </>
      )}
    </Dialog>
  );
}
