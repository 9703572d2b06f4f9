/** One form section's fields: inputs, computed values shown read-only, children edited inline. */
import type { Control } from 'react-hook-form';
import { fieldTypeOf } from '../fields/index.js';
import { useValueText } from '../format/useValueText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { fieldOf, findEntityByKey } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription, FormSection, RecordRow } from '../model/modelTypes.js';
import { ChildrenEditor } from './ChildrenEditor.js';
import { FormField } from './FormField.js';
import { isLockedField, StateBadge, workflowStateOf } from '../workflow/index.js';
import type { FormContext, FormValues, SaveMode } from './formValues.js';

interface FormSectionFieldsProps {
  model: AppModelDescription;
  entity: EntityDescription;
  section: FormSection;
  control: Control<FormValues>;
  /** The saved record, for computed values and children's computed columns; null when new. */
  record: RecordRow | null;
  formContext: FormContext;
  mode: SaveMode;
}

export function FormSectionFields({ model, entity, section, control, record, formContext, mode }: FormSectionFieldsProps) {
  const { t } = useI18n();
  const text = useValueText();
  return (
    <fieldset className="form-section">
      <legend>{section.section}</legend>
      <div className="form-grid">
        {section.fields.map((name) => {
          const field = fieldOf(entity, name);
          if (!field) return null;
          const type = fieldTypeOf(field);
          if (type.form === 'computed') {
            return (
              <div key={name} className="field">
                <span className="label">{field.label}</span>
                <output className="computed" aria-label={field.label}>
                  {record ? text(field, record[name]) : t('value.empty')}
                </output>
                <p className="hint">{field.help ?? t('form.readOnly')}</p>
              </div>
            );
          }
          if (isLockedField(entity, name)) {
            const value = record ? record[name] : field.name === entity.workflow!.field ? entity.workflow!.initial : field.default;
            const state = workflowStateOf(entity, name, value);
            return (
              <div key={name} className="field">
                <span className="label">{field.label}</span>
                <output className="computed" aria-label={field.label}>
                  {state ? <StateBadge state={state} /> : text(field, value, record?._display?.[name])}
                </output>
                <p className="hint">{t('workflow.lockedHint')}</p>
              </div>
            );
          }
          if (type.form === 'rows') {
            const child = field.child && findEntityByKey(model, field.child.entity);
            return child ? (
              <div key={name} className="field field-wide">
                <ChildrenEditor
                  field={field}
                  child={child}
                  control={control}
                  model={model}
                  formContext={formContext}
                  savedRows={(record?.[name] as RecordRow[] | undefined) ?? []}
                />
              </div>
            ) : null;
          }
          const hintKey = type.hint?.(mode);
          const hint = hintKey ? t(hintKey) : undefined;
          return <FormField key={name} field={field} name={name} control={control} model={model} hint={hint} />;
        })}
      </div>
    </fieldset>
  );
}
