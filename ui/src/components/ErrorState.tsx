import { ApiError } from '../api/apiError.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/translate.js';
import { Icon } from './Icon.js';

/** Why something could not be loaded, in words, with a way to try again. */
export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const reason = errorReasonKey(error);
  return (
    <div className="state state-error" role="alert">
      <Icon name="alert" size={22} />
      <div>
        <p className="state-title">{title}</p>
        <p>{t(reason)}</p>
        {error instanceof ApiError && error.message && reason !== 'error.network' && (
          <p className="muted small">{t('error.details', { message: error.message })}</p>
        )}
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('error.retry')}
          </button>
        )}
      </div>
    </div>
  );
}

export function errorReasonKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'error.server';
  if (error.code === 'NETWORK') return 'error.network';
  if (error.code === 'FORBIDDEN') return 'message.forbidden';
  return 'error.server';
}
