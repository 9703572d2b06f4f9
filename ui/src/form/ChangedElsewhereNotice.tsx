/**
 * Tells someone editing a record that another user has just saved (or deleted)
 * it, by name, with a way to reload; what they typed is kept until they choose.
 */
import { useUserNames } from '../detail/useUserNames.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { ChangeEvent } from '../realtime/changeEvents.js';

interface ChangedElsewhereNoticeProps {
  change: ChangeEvent;
  onReload(): void;
}

export function ChangedElsewhereNotice({ change, onReload }: ChangedElsewhereNoticeProps) {
  const { t } = useI18n();
  const nameOf = useUserNames(change.by === null ? [] : [change.by]);
  const name = nameOf(change.by);
  if (change.op === 'delete') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('form.deletedElsewhere', { name })}</p>
      </div>
    );
  }
  return (
    <div className="notice notice-warning" role="status">
      <p>{t('form.changedElsewhere', { name, version: change.version })}</p>
      <button type="button" className="button" onClick={onReload}>
        {t('form.reload')}
      </button>
    </div>
  );
}
