import { isApiError } from '../api/apiError.js';
import { ErrorState } from '../components/ErrorState.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { EntityDescription } from '../model/modelTypes.js';
import { MessagePage } from '../pages/MessagePage.js';

/** Why a record cannot be shown: it does not exist, it is not yours to see, or the server failed. */
export function RecordProblem({
  entity,
  id,
  basePath,
  error,
  onRetry,
}: {
  entity: EntityDescription;
  id: string;
  basePath: string;
  error: unknown;
  onRetry(): void;
}) {
  const { t } = useI18n();
  const back = { to: basePath, label: t('message.backToList', { entity: entity.labelPlural }) };
  if (isApiError(error, 'NOT_FOUND') || !/^\d+$/.test(id)) {
    return <MessagePage title={t('message.notFoundTitle')} text={t('message.recordNotFound', { id, entity: entity.label })} back={back} />;
  }
  if (isApiError(error, 'FORBIDDEN')) return <MessagePage title={t('message.forbiddenTitle')} text={t('message.forbidden')} back={back} />;
  return <ErrorState title={t('error.title')} error={error} onRetry={onRetry} />;
}
