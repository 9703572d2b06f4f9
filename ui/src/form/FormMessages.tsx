/**
 * What stands between the user and a saved record, above the form: a
 * concurrent save (with a way to reload), a failed save, and the list of
 * fields to fix, each a link that moves focus to its input.
 */
import { forwardRef } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { fieldOf, findEntityByKey } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription } from '../model/modelTypes.js';
import { inputIdOf } from './formErrors.js';

interface FormMessagesProps {
  model: AppModelDescription;
  entity: EntityDescription;
  conflict: boolean;
  failure: string | null;
  /** Field errors to list, empty until the first save attempt. */
  errors: { path: string; message: string }[];
  onReload(): void;
}

export const FormMessages = forwardRef<HTMLDivElement, FormMessagesProps>(function FormMessages({ model, entity, conflict, failure, errors, onReload }, ref) {
  const { t } = useI18n();
  const labelOf = (path: string) => {
    const parts = path.split('.');
    const top = fieldOf(entity, parts[0] ?? '');
    if (!top || parts.length < 3 || !top.child) return top?.label ?? '';
    const child = findEntityByKey(model, top.child.entity);
    return `${t('children.row', { index: Number(parts[1]) + 1 })} – ${child ? (fieldOf(child, parts[2]!)?.label ?? parts[2]) : parts[2]}`;
  };

  return (
    <div ref={ref} tabIndex={-1} className="form-messages">
      {conflict && (
        <div className="notice notice-error" role="alert">
          <p className="state-title">{t('form.conflictTitle')}</p>
          <p>{t('form.conflict')}</p>
          <button type="button" className="button" onClick={onReload}>
            {t('form.reload')}
          </button>
        </div>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {t('form.saveFailed', { message: failure })}
        </p>
      )}
      {errors.length > 0 && (
        <div className="notice notice-error" role="alert">
          <p className="state-title">{t('form.fixErrors')}</p>
          <ul>
            {errors.map((e) => (
              <li key={e.path}>
                {e.path.startsWith('root') ? (
                  e.message
                ) : (
                  <a
                    href={`#${inputIdOf(e.path)}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      document.getElementById(inputIdOf(e.path))?.focus();
                    }}
                  >
                    {labelOf(e.path)}: {e.message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
});
