import { Link } from 'react-router-dom';
import { Breadcrumbs } from '../layout/Breadcrumbs.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Icon } from '../components/Icon.js';

interface MessagePageProps {
  title: string;
  text: string;
  back?: { to: string; label: string };
}

/** A screen that only explains: unknown address, no permission, record gone. */
export function MessagePage({ title, text, back }: MessagePageProps) {
  const { t } = useI18n();
  useDocumentTitle(title);
  return (
    <div className="page">
      <Breadcrumbs items={[{ label: title }]} />
      <div className="message-page" role="alert">
        <Icon name="alert" size={28} />
        <h1>{title}</h1>
        <p>{text}</p>
        <p className="message-actions">
          {back && (
            <Link className="button button-primary" to={back.to}>
              {back.label}
            </Link>
          )}
          <Link className="button" to="/">
            {t('message.backHome')}
          </Link>
        </p>
      </div>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <MessagePage title={t('message.notFoundTitle')} text={t('message.notFound')} />;
}
