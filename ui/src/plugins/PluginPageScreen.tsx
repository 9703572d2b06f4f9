/** A plugin page inside the shell: breadcrumbs and title from its registration, content from the plugin. */
import { Suspense } from 'react';
import { ErrorState } from '../components/ErrorState.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Breadcrumbs } from '../layout/Breadcrumbs.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { findModule } from '../model/entityLookup.js';
import { useAppModel } from '../model/useAppModel.js';
import { NotFoundPage } from '../pages/MessagePage.js';
import { localized, pluginPagesOf, type RegisteredPage } from './pluginPages.js';

export function PluginPageScreen({ page }: { page: RegisteredPage }) {
  const { t, locale } = useI18n();
  const model = useAppModel();
  const label = localized(page.label, locale);
  useDocumentTitle(label);
  if (model.isPending) return <LoadingState text={t('app.loading')} />;
  if (model.isError) return <ErrorState title={t('error.title')} error={model.error} onRetry={() => void model.refetch()} />;
  const mod = findModule(model.data, page.module);
  if (!mod || !pluginPagesOf(mod).some((p) => p.path === page.path)) return <NotFoundPage />;
  const Page = page.component;
  return (
    <div className="page page-wide">
      <Breadcrumbs items={[{ label: mod.label }, { label }]} />
      <h1>{label}</h1>
      <Suspense fallback={<LoadingState text={t('app.loading')} />}>
        <Page module={mod} />
      </Suspense>
    </div>
  );
}
