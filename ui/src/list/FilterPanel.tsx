import type { AppModelDescription, FieldDescription } from '../model/modelTypes.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { FilterSpec } from './filterSpec.js';
import type { FilterValue } from './listState.js';
import { FilterControl } from './FilterControl.js';

interface FilterPanelProps {
  id: string;
  fields: FieldDescription[];
  specs: Record<string, FilterSpec>;
  values: Record<string, FilterValue>;
  onChange(field: string, value: FilterValue | null): void;
  onClear(): void;
  model: AppModelDescription;
}

/** A filter per list column the API can filter on. */
export function FilterPanel({ id, fields, specs, values, onChange, onClear, model }: FilterPanelProps) {
  const { t } = useI18n();
  return (
    <section id={id} className="filter-panel" aria-label={t('list.filters')}>
      <div className="filter-grid">
        {fields.map((field) => {
          const spec = specs[field.name];
          return spec ? (
            <FilterControl key={field.name} field={field} spec={spec} value={values[field.name]} onChange={(v) => onChange(field.name, v)} model={model} />
          ) : null;
        })}
      </div>
      {Object.keys(values).length > 0 && (
        <button type="button" className="button button-quiet" onClick={onClear}>
          {t('list.clearFilters')}
        </button>
      )}
    </section>
  );
}
