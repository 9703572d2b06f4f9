import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider.js';

export interface Crumb {
  label: string;
  to?: string;
}

/** Where the user is: Início › Módulo › Entidade › Registro. The last crumb is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  const all: Crumb[] = [{ label: t('nav.home'), to: '/' }, ...items];
  return (
    <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
      <ol>
        {all.map((crumb, i) => {
          const last = i === all.length - 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a crumb is its place in the trail; two crumbs may share a label.
            <li key={`${i}-${crumb.label}`}>
              {crumb.to && !last ? <Link to={crumb.to}>{crumb.label}</Link> : <span aria-current={last ? 'page' : undefined}>{crumb.label}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
