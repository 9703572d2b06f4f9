/** A record read-only, by its form sections: labels and values, children as a table. */
import { fieldTypeOf, isNumeric } from '../fields/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { columnsUnder, fieldOf, findEntityByKey } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { FieldValue } from './FieldValue.js';
import { RecordsTable } from './RecordsTable.js';

export function RecordView({ model, entity, record }: { model: AppModelDescription; entity: EntityDescription; record: RecordRow }) {
  return (
    <div className="record-view">
      {entity.form.map((section) => {
        const fields = section.fields.map((n) => fieldOf(entity, n)).filter((f): f is FieldDescription => !!f && fieldTypeOf(f).inDetail);
        const plain = fields.filter((f) => fieldTypeOf(f).form !== 'rows');
        const children = fields.filter((f) => fieldTypeOf(f).form === 'rows');
        return (
          <section key={section.section} className="form-section" aria-labelledby={`section-${section.section}`}>
            <h2 id={`section-${section.section}`} className="section-title">
              {section.section}
            </h2>
            {plain.length > 0 && (
              <dl className="value-grid">
                {plain.map((f) => (
                  <div key={f.name} className={fieldTypeOf(f).wide ? 'value value-wide' : 'value'}>
                    <dt>{f.label}</dt>
                    <dd className={isNumeric(f) ? 'num-value' : undefined}>
                      <FieldValue entity={entity} field={f} row={record} variant="detail" />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {children.map((f) => (
              <ChildrenView key={f.name} model={model} field={f} rows={(record[f.name] as RecordRow[] | undefined) ?? []} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function ChildrenView({ model, field, rows }: { model: AppModelDescription; field: FieldDescription; rows: RecordRow[] }) {
  const { t } = useI18n();
  const child = field.child ? findEntityByKey(model, field.child.entity) : undefined;
  if (!child) return null;
  if (rows.length === 0) return <p className="muted">{t('children.empty')}</p>;
  return (
    <RecordsTable
      entity={child}
      columns={columnsUnder(child, field.child!.foreignKey)}
      rows={rows}
      caption={field.label}
      indexCell={(_row, position) => position}
    />
  );
}
