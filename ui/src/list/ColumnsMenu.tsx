import { useRef } from 'react';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { FieldDescription } from '../model/modelTypes.js';

/** Show or hide list columns. At least one column always stays. */
export function ColumnsMenu({ fields, hidden, onToggle }: { fields: FieldDescription[]; hidden: string[]; onToggle(name: string): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDetailsElement>(null);
  const visibleCount = fields.filter((f) => !hidden.includes(f.name)).length;
  return (
    <details
      ref={ref}
      className="menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="button" aria-label={t('list.columnsHint')}>
        <Icon name="columns" /> <span className="hide-narrow">{t('list.columns')}</span>
      </summary>
      <fieldset className="menu-panel">
        <legend className="visually-hidden">{t('list.columnsHint')}</legend>
        {fields.map((f) => {
          const visible = !hidden.includes(f.name);
          return (
            <label key={f.name} className="checkbox">
              <input type="checkbox" checked={visible} disabled={visible && visibleCount === 1} onChange={() => onToggle(f.name)} /> {f.label}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
