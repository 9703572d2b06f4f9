/**
 * The generated form of any entity, by its form sections. Validation runs on
 * the client with the server's own schemas; what the server still refuses
 * comes back onto the fields. An edit sends its `version`: if someone saved in
 * between, nothing is overwritten and the user is told to reload.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useForm, type Resolver } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import { callMutation } from '../api/apiClient.js';
import { toApiError, type ApiError } from '../api/apiError.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Icon } from '../components/Icon.js';
import { useToast } from '../components/ToastProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { AppModelDescription, EntityDescription, RecordRow } from '../model/modelTypes.js';
import { firstIssuePerPath } from './fieldIssue.js';
import { FormConversionContext } from './FormConversion.js';
import { flattenErrors, issueText, toFormErrors } from './formErrors.js';
import { FormMessages } from './FormMessages.js';
import { FormSectionFields } from './FormSectionFields.js';
import { toFormValues, toRecordData, type FormValues } from './formValues.js';
import { validateInput } from './schemaValidation.js';
import { serverIssuesToFieldIssues } from './serverIssues.js';
import { useFormContextValues } from './useFormContextValues.js';
import { useLeaveGuard } from './useLeaveGuard.js';
import { ChangedElsewhereNotice } from './ChangedElsewhereNotice.js';
import { useChangedElsewhere } from '../realtime/useChangedElsewhere.js';

interface RecordFormProps {
  model: AppModelDescription;
  entity: EntityDescription;
  basePath: string;
  /** null for a new record. */
  record: RecordRow | null;
  onReload?: () => Promise<RecordRow | undefined>;
}

export function RecordForm({ model, entity, basePath, record, onReload }: RecordFormProps) {
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [ctx] = useState(useFormContextValues(model));
  const mode = record ? 'update' : 'create';
  const [current, setCurrent] = useState(record);
  const initial = useMemo(() => toFormValues(entity, current, ctx), [entity, current, ctx]);
  const [conflict, setConflict] = useState(false);
  const changedElsewhere = useChangedElsewhere(entity.key, current?.id, current?.version);
  const [failure, setFailure] = useState<string | null>(null);
  const messagesRef = useRef<HTMLDivElement>(null);
  const saved = useRef(false);
  const [messagesShown, setMessagesShown] = useState(0);

  // Messages above a long form are brought into view and to screen readers once rendered.
  useEffect(() => {
    if (messagesShown === 0) return;
    messagesRef.current?.scrollIntoView({ block: 'start' });
    messagesRef.current?.focus({ preventScroll: true });
  }, [messagesShown]);
  const showMessages = () => setMessagesShown((n) => n + 1);

  const resolver = useMemo<Resolver<FormValues>>(
    () => (values) => {
      const converted = toRecordData(entity, values, ctx, mode, initial);
      const input = mode === 'create' ? { data: converted.data } : { id: current!.id, data: converted.data, version: current!.version };
      const issues = firstIssuePerPath([...converted.issues, ...validateInput(mode === 'create' ? entity.schemas.create : entity.schemas.update, input)]);
      return issues.length ? { values: {}, errors: toFormErrors(issues, t) } : { values, errors: {} };
    },
    [entity, ctx, mode, initial, current, t],
  );

  const form = useForm<FormValues>({ defaultValues: initial, resolver, mode: 'onSubmit', reValidateMode: 'onChange', shouldFocusError: false });
  const { isDirty, isSubmitting, errors, submitCount } = form.formState;
  const guard = useLeaveGuard(isDirty, saved);

  async function save(values: FormValues) {
    setFailure(null);
    setConflict(false);
    const { data } = toRecordData(entity, values, ctx, mode, initial);
    try {
      const result =
        mode === 'create'
          ? await callMutation<RecordRow>(`${entity.key}.create`, { data })
          : await callMutation<RecordRow>(`${entity.key}.update`, { id: current!.id, data, version: current!.version });
      queryClient.setQueryData(['record', entity.key, result.id], result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['list', entity.key] }),
        queryClient.invalidateQueries({ queryKey: ['audit', entity.key, result.id] }),
      ]);
      saved.current = true;
      form.reset(toFormValues(entity, result, ctx));
      toast(t('form.saved'));
      navigate(`${basePath}/${result.id}`, { replace: true });
    } catch (e) {
      showSaveError(toApiError(e));
    }
  }

  function showSaveError(error: ApiError) {
    if (error.code === 'CONFLICT' && mode === 'update') setConflict(true);
    else if (error.code === 'BAD_REQUEST' && error.issues.length) {
      for (const issue of serverIssuesToFieldIssues(error.issues)) {
        form.setError(issue.path ? (issue.path as never) : 'root.server', { type: issue.key, message: issueText(issue, t) });
      }
    } else setFailure(error.message);
    showMessages();
  }

  async function reload() {
    const fresh = await onReload?.();
    if (!fresh) return;
    setCurrent(fresh);
    form.reset(toFormValues(entity, fresh, ctx));
    setConflict(false);
  }

  return (
    <FormConversionContext.Provider value={ctx}>
      <form className="record-form" noValidate onSubmit={form.handleSubmit(save, showMessages)}>
        {changedElsewhere && !conflict && <ChangedElsewhereNotice change={changedElsewhere} onReload={() => void reload()} />}
        <FormMessages
          ref={messagesRef}
          model={model}
          entity={entity}
          conflict={conflict}
          failure={failure}
          errors={submitCount > 0 ? flattenErrors(errors) : []}
          onReload={() => void reload()}
        />
        {entity.form.map((section) => (
          <FormSectionFields
            key={section.section}
            model={model}
            entity={entity}
            section={section}
            control={form.control}
            record={current}
            formContext={ctx}
            mode={mode}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            <Icon name="edit" /> {isSubmitting ? t('form.saving') : t('form.save')}
          </button>
          <button type="button" className="button" onClick={() => navigate(record ? `${basePath}/${record.id}` : basePath)}>
            {t('form.cancel')}
          </button>
        </div>
        <ConfirmDialog
          open={guard.asking}
          title={t('form.leaveTitle')}
          text={t('form.leaveText')}
          confirmLabel={t('form.leave')}
          cancelLabel={t('form.stay')}
          danger
          onConfirm={guard.leave}
          onCancel={guard.stay}
        />
      </form>
    </FormConversionContext.Provider>
  );
}
