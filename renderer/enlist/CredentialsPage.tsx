// Master Server Login Credentials (spec §8.4): how the target's SQL Server Agent will log in to
// the master. MSX Studio creates no login of its own: the page says what the master needs, so a
// DBA can check it before Finish (a missing login is the classic "The enlist operation failed").
import { useTranslation } from 'react-i18next';

export function CredentialsPage({ server }: { server: string }) {
  const { t } = useTranslation();
  return (
    <div className="credentials-page">
      <p>{t('life.enlist.credentials.how', { server })}</p>
      <ul className="plain-list">
        <li>{t('life.enlist.credentials.login')}</li>
        <li>{t('life.enlist.credentials.encrypt')}</li>
      </ul>
    </div>
  );
}
