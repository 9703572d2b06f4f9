import { NavLink } from 'react-router-dom';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { AppModelDescription } from '../model/modelTypes.js';
import { localized, pluginPagesOf } from '../plugins/pluginPages.js';

/** Modules and their menus, as the app model lists them for this user, plus plugin pages. */
export function Sidebar({ model, id }: { model: AppModelDescription | undefined; id: string }) {
  const { t, locale } = useI18n();
  return (
    <nav id={id} className="sidebar" aria-label={t('nav.main')}>
      <NavLink to="/" end className="nav-link nav-home">
        <Icon name="home" /> {t('nav.home')}
      </NavLink>
      {model?.modules.map((mod) => {
        const pages = pluginPagesOf(mod);
        if (mod.menu.length === 0 && pages.length === 0) return null;
        const headingId = `nav-module-${mod.name}`;
        return (
          <section key={mod.name} className="nav-module" aria-labelledby={headingId}>
            <h2 id={headingId} className="nav-module-title">
              {mod.label}
            </h2>
            <ul>
              {mod.menu.map((name) => {
                const entity = mod.entities[name];
                return entity ? (
                  <li key={name}>
                    <NavLink to={`/${mod.name}/${name}`} className="nav-link">
                      {entity.labelPlural}
                    </NavLink>
                  </li>
                ) : null;
              })}
              {pages.map((page) => (
                <li key={page.path}>
                  <NavLink to={`/${mod.name}/${page.path}`} className="nav-link">
                    <Icon name="chart" size={16} /> {localized(page.label, locale)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
