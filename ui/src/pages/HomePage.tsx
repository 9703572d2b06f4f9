import { Link } from 'react-router-dom';
import { useSignedInUser } from '../auth/SessionProvider.js';
import { ErrorState } from '../components/ErrorState.js';
import { Icon } from '../components/Icon.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { useAppModel } from '../model/useAppModel.js';
import { localized, pluginPagesOf } from '../plugins/pluginPages.js';

/** One card per module the user can use, with its screens. */
export function HomePage() {
  const { t, locale } = useI18n();
  const user = useSignedInUser();
  const model = useAppModel();
  useDocumentTitle(t('home.title'));
  return (
    <div className="page">
      <h1>{t('home.greeting', { name: user.name })}</h1>
      <p className="muted">{t('home.subtitle')}</p>
      {model.isPending && <LoadingState text={t('app.loading')} />}
      {model.isError && <ErrorState title={t('error.title')} error={model.error} onRetry={() => void model.refetch()} />}
      {model.data && model.data.modules.length === 0 && <p className="state">{t('home.empty')}</p>}
      <div className="module-cards">
        {model.data?.modules.map((mod) => {
          const pages = pluginPagesOf(mod);
          if (mod.menu.length === 0 && pages.length === 0) return null;
          return (
            <section key={mod.name} className="card module-card" aria-labelledby={`card-${mod.name}`}>
              <h2 id={`card-${mod.name}`}>{mod.label}</h2>
              {mod.description && <p className="muted">{mod.description}</p>}
              <ul className="module-links">
                {mod.menu.map((name) => {
                  const entity = mod.entities[name];
                  return entity ? (
                    <li key={name}>
                      <Link to={`/${mod.name}/${name}`}>
                        <Icon name="list" size={16} /> {entity.labelPlural}
                      </Link>
                    </li>
                  ) : null;
                })}
                {pages.map((page) => (
                  <li key={page.path}>
                    <Link to={`/${mod.name}/${page.path}`}>
                      <Icon name="chart" size={16} /> {localized(page.label, locale)}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
