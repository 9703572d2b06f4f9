/**
 * Children edited inline (an order's items): one table row per child with the
 * child's list columns, the rest of its fields one click away; rows can be
 * added and removed. Existing rows keep their `id`, so the server updates them.
 */
import { Fragment, useState } from 'react';
import { useFieldArray, useFormState, get, type Control } from 'react-hook-form';
import { Icon } from '../components/Icon.js';
import { fieldTypeOf } from '../fields/index.js';
import { useValueText } from '../format/useValueText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { fieldOf } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { FieldControl } from './FieldControl.js';
import { FormField } from './FormField.js';
import { inputIdOf } from './formErrors.js';
import { newChildRow, type FormContext, type FormValues } from './formValues.js';

interface ChildrenEditorProps {
  field: FieldDescription;
  child: EntityDescription;
  control: Control<FormValues>;
  model: AppModelDescription;
  formContext: FormContext;
  /** The saved children, for their computed values. */
  savedRows: RecordRow[];
}

export function ChildrenEditor({ field, child, control, model, formContext, savedRows }: ChildrenEditorProps) {
  const { t } = useI18n();
  const text = useValueText();
  const foreignKey = field.child!.foreignKey;
  // The form's values are generated from the model, so their type is a plain record; the children list is an array of row values.
  const {
    fields: rows,
    append,
    remove,
  } = useFieldArray({ control: control as unknown as Control<Record<string, FormValues[]>>, name: field.name, keyName: '_key' });
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const { errors } = useFormState({ control, name: field.name });
  const columns = child.list.columns
    .filter((n) => n !== foreignKey)
    .map((n) => fieldOf(child, n))
    .filter((f): f is FieldDescription => !!f && fieldTypeOf(f).form !== 'rows');
  const extra = child.fields.filter((f) => f.name !== foreignKey && fieldTypeOf(f).form === 'input' && !columns.includes(f));
  const saved = new Map(savedRows.map((r) => [r.id, r]));

  function toggle(key: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  return (
    <div className="children-editor">
      {rows.length === 0 ? (
        <p className="muted">{t('children.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table children-table">
            <caption className="visually-hidden">{field.label}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-index">
                  #
                </th>
                {columns.map((c) => (
                  <th key={c.name} scope="col" className={fieldTypeOf(c).childColumnClass}>
                    {c.label}
                    {c.required && (
                      <span className="required-mark" aria-hidden="true">
                        {' '}
                        *
                      </span>
                    )}
                  </th>
                ))}
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">{t('children.row', { index: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const open = expanded.has(row._key) || extra.some((f) => !!get(errors, `${field.name}.${i}.${f.name}`));
                const id = (row as FormValues).id as number | undefined;
                const original = id !== undefined ? saved.get(id) : undefined;
                return (
                  <Fragment key={row._key}>
                    <tr>
                      <td className="col-index">{i + 1}</td>
                      {columns.map((c) => {
                        const path = `${field.name}.${i}.${c.name}`;
                        const error = get(errors, path) as { message?: string } | undefined;
                        return (
                          <td key={c.name} className={error ? 'has-error' : undefined}>
                            {fieldTypeOf(c).form === 'computed' ? (
                              <output className="computed">{original ? text(c, original[c.name]) : t('value.empty')}</output>
                            ) : (
                              <FieldControl
                                field={c}
                                name={path}
                                id={inputIdOf(path)}
                                control={control}
                                model={model}
                                ariaLabel={`${c.label} (${t('children.row', { index: i + 1 })})`}
                                compact
                                describedBy={error ? `${inputIdOf(path)}-error` : undefined}
                              />
                            )}
                            {error?.message && (
                              <p id={`${inputIdOf(path)}-error`} className="field-error">
                                {error.message}
                              </p>
                            )}
                          </td>
                        );
                      })}
                      <td className="col-actions">
                        {extra.length > 0 && (
                          <button
                            type="button"
                            className="icon-button"
                            aria-expanded={open}
                            aria-label={t(open ? 'children.less' : 'children.more', { index: i + 1 })}
                            title={t(open ? 'children.less' : 'children.more', { index: i + 1 })}
                            onClick={() => toggle(row._key)}
                          >
                            <Icon name="chevronDown" />
                          </button>
                        )}
                        <button
                          type="button"
                          className="icon-button danger"
                          aria-label={t('children.remove', { index: i + 1 })}
                          title={t('children.remove', { index: i + 1 })}
                          onClick={() => remove(i)}
                        >
                          <Icon name="trash" />
                        </button>
                      </td>
                    </tr>
                    {open && (
                      <tr className="children-extra">
                        <td />
                        <td colSpan={columns.length + 1}>
                          <div className="form-grid">
                            {extra.map((f) => (
                              <FormField key={f.name} field={f} name={`${field.name}.${i}.${f.name}`} control={control} model={model} />
                            ))}
                          </div>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" className="button" onClick={() => append(newChildRow(child, foreignKey, formContext))}>
        <Icon name="plus" /> {t('children.add')}
      </button>
    </div>
  );
}
