/** A record read-only, by its form sections: labels and values, children as a table. */
import { useValueText } from '../format/useValueText.js';
import { isNumeric } from '../format/valueText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { fieldOf, findEntityByKey, isFileField } from '../model/entityLookup.js';
import { DocumentLinks, FileValueView } from '../files/index.js';
import type { AppModelDescription, EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { StateBadge, workflowStateOf } from '../workflow/index.js';

export function RecordView({ model, entity, record }: { model: AppModelDescription; entity: EntityDescription; record: RecordRow }) {
  const text = useValueText();
  return (
    <div className="record-view">
      {entity.form.map((section) => {
        const fields = section.fields.map((n) => fieldOf(entity, n)).filter((f): f is FieldDescription => !!f && f.type !== 'password');
        const plain = fields.filter((f) => f.type !== 'children');
        const children = fields.filter((f) => f.type === 'children');
        return (
          <section key={section.section} className="form-section" aria-labelledby={`section-${section.section}`}>
            <h2 id={`section-${section.section}`} className="section-title">
              {section.section}
            </h2>
            {plain.length > 0 && (
              <dl className="value-grid">
                {plain.map((f) => {
                  const state = workflowStateOf(entity, f.name, record[f.name]);
                  return (
                    <div key={f.name} className={f.type === 'text' || f.type === 'json' ? 'value value-wide' : 'value'}>
                      <dt>{f.label}</dt>
                      <dd className={isNumeric(f) ? 'num-value' : undefined}>
                        {state ? (
                          <StateBadge state={state} />
                        ) : isFileField(f) ? (
                          <FileValueView entityKey={entity.key} recordId={record.id} field={f} facts={record._files?.[f.name]} variant="detail" />
                        ) : (
                          text(f, record[f.name], record._display?.[f.name])
                        )}
                      </dd>
                    </div>
                  );
                })}
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
  const text = useValueText();
  const child = field.child ? findEntityByKey(model, field.child.entity) : undefined;
  if (!child) return null;
  const columns = child.list.columns
    .filter((n) => n !== field.child!.foreignKey)
    .map((n) => fieldOf(child, n))
    .filter((f): f is FieldDescription => !!f);
  if (rows.length === 0) return <p className="muted">{t('children.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{field.label}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-index">
              #
            </th>
            {columns.map((c) => (
              <th key={c.name} scope="col" className={isNumeric(c) ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
            {child.documents.length > 0 && <th scope="col">{t('file.documents')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id}>
              <td className="col-index">{i + 1}</td>
              {columns.map((c) => (
                <td key={c.name} className={isNumeric(c) ? 'num' : c.type === 'image' ? 'col-thumb' : undefined}>
                  {isFileField(c) ? <FileValueView entityKey={child.key} recordId={row.id} field={c} facts={row._files?.[c.name]} variant="cell" /> : text(c, row[c.name], row._display?.[c.name])}
                </td>
              ))}
              {child.documents.length > 0 && (
                <td className="col-documents">
                  <DocumentLinks entity={child} recordId={row.id} compact />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
