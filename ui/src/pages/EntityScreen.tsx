/**
 * Resolves `/:module/:entity` against the app model. The model already leaves
 * out what the user may not read, so an unknown name and a forbidden one look
 * the same here: one clear message page, never a blank screen.
 */
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { ErrorState } from '../components/ErrorState.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { findEntity, findModule } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription, ModuleDescription } from '../model/modelTypes.js';
import { useAppModel } from '../model/useAppModel.js';
import { NotFoundPage } from './MessagePage.js';

export interface EntityContext {
  model: AppModelDescription;
  module: ModuleDescription;
  entity: EntityDescription;
  /** `/module/entity` */
  basePath: string;
}

export function EntityScreen({ render }: { render: (ctx: EntityContext) => ReactNode }) {
  const { t } = useI18n();
  const params = useParams();
  const model = useAppModel();
  if (model.isPending) return <LoadingState text={t('app.loading')} />;
  if (model.isError) return <ErrorState title={t('error.title')} error={model.error} onRetry={() => void model.refetch()} />;
  const mod = findModule(model.data, params.module ?? '');
  const entity = mod && findEntity(model.data, mod.name, params.entity ?? '');
  if (!mod || !entity) return <NotFoundPage />;
  return <>{render({ model: model.data, module: mod, entity, basePath: `/${mod.name}/${params.entity}` })}</>;
}
