/**
 * Taking one transition: what will change, the input fields it asks for (the
 * form's own controls) and the comment box, then `<module>.<entity>.transition`
 * with the version the user is looking at. Field problems come back onto the
 * fields; a CONFLICT (someone moved the record meanwhile) says so and offers a reload.
 */
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import { callMutation } from '../api/apiClient.js';
import { toApiError, type ApiError } from '../api/apiError.js';
import { Dialog } from '../components/Dialog.js';
import { useToast } from '../components/ToastProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { fieldOf } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription, FieldDescription, RecordRow, WorkflowTransition } from '../model/modelTypes.js';
import { recordName } from '../model/recordName.js';
import { FormConversionContext } from '../form/FormConversion.js';
import { FormField } from '../form/FormField.js';
import { issueText } from '../form/formErrors.js';
import { toDataValue, toFormValues, type FormValues } from '../form/formValues.js';
import { serverIssuesToFieldIssues } from '../form/serverIssues.js';
import { useFormContextValues } from '../form/useFormContextValues.js';
import { StateBadge } from './StateBadge.js';

interface TransitionDialogProps {
  model: AppModelDescription;
  entity: EntityDescription;
  record: RecordRow;
  transition: WorkflowTransition;
  onClose(): void;
}

type Outcome = { kind: 'conflict' } | { kind: 'failure'; message: string } | { kind: 'issues'; messages: string[] } | null;

export function TransitionDialog({ model, entity, record, transition, onClose }: TransitionDialogProps) {
  const { t } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const formId = useId();
  const ctx = useFormContextValues(model);
  const inputFields = transition.input.map((name) => fieldOf(entity, name)).filter((f): f is FieldDescription => !!f);
  const defaults = useMemo(() => pick(toFormValues(entity, record, ctx), transition.input), [entity, record, ctx, transition.input]);
  const form = useForm<FormValues>({ defaultValues: defaults, shouldFocusError: true });
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const workflow = entity.workflow!;
  const stateOf = (name: string) => workflow.states.find((s) => s.name === name);
  const from = stateOf(String(record[workflow.field]));
  const to = stateOf(transition.to);

  /** Input values for the API; marks the fields that cannot be converted or are empty. */
  function inputData(values: FormValues): Record<string, unknown> | null {
    const data: Record<string, unknown> = {};
    let ok = true;
    for (const field of inputFields) {
      const result = toDataValue(field, values[field.name], ctx.sep);
      const issue = 'issue' in result ? result.issue : result.value === null || result.value === undefined ? { key: 'required' as const } : null;
      if (issue) {
        form.setError(field.name, { type: issue.key, message: issueText(issue, t) });
        ok = false;
      } else data[field.name] = (result as { value: unknown }).value;
    }
    return ok ? data : null;
  }

  async function submit(values: FormValues) {
    setOutcome(null);
    setCommentError(null);
    const input = inputData(values);
    const needsComment = transition.comment === 'required' && comment.trim() === '';
    if (needsComment) setCommentError(t('validation.required'));
    if (!input || needsComment) return;
    setBusy(true);
    try {
      const result = await callMutation<RecordRow>(`${entity.key}.transition`, {
        id: record.id,
        transition: transition.name,
        version: record.version,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(inputFields.length ? { input } : {}),
      });
      queryClient.setQueryData(['record', entity.key, record.id], result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['record', entity.key, record.id] }),
        queryClient.invalidateQueries({ queryKey: ['list', entity.key] }),
        queryClient.invalidateQueries({ queryKey: ['audit', entity.key, record.id] }),
      ]);
      toast(t('workflow.done', { transition: transition.label }));
      onClose();
    } catch (e) {
      showError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  function showError(error: ApiError) {
    if (error.code === 'CONFLICT') return setOutcome({ kind: 'conflict' });
    if (error.code !== 'BAD_REQUEST' || error.issues.length === 0) return setOutcome({ kind: 'failure', message: error.message });
    const general: string[] = [];
    for (const issue of error.issues) {
      const name = issue.path.replace(/^input\./, '');
      if (transition.input.includes(name)) {
        const [known] = serverIssuesToFieldIssues([{ path: name, message: issue.message }]);
        form.setError(name, { type: known!.key, message: issueText(known!, t) });
      } else if (issue.path === 'comment') setCommentError(issue.message.startsWith('is required') ? t('validation.required') : issue.message);
      else general.push(`${fieldOf(entity, issue.path)?.label ?? issue.path}: ${issue.message}`);
    }
    if (general.length) setOutcome({ kind: 'issues', messages: general });
  }

  async function reload() {
    await queryClient.invalidateQueries({ queryKey: ['record', entity.key, record.id] });
    onClose();
  }

  return (
    <Dialog
      open
      title={t('workflow.confirmTitle', { transition: transition.label, name: `${entity.label} ${recordName(entity, record)}` })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          {outcome?.kind === 'conflict' ? (
            <button type="button" className="button button-primary" onClick={() => void reload()}>
              {t('workflow.reload')}
            </button>
          ) : (
            <button type="submit" form={formId} className="button button-primary" disabled={busy}>
              {busy ? t('workflow.submitting') : t('workflow.submit')}
            </button>
          )}
        </>
      }
    >
      <p className="transition-summary">
        {from && to && from.name !== to.name ? (
          <>
            <StateBadge state={from} /> <span aria-hidden="true">→</span> <StateBadge state={to} />
            <span className="visually-hidden">{t('workflow.confirmText', { from: from.label, to: to.label })}</span>
          </>
        ) : (
          to && t('workflow.confirmSame', { state: to.label })
        )}
      </p>
      {outcome?.kind === 'conflict' && (
        <div className="notice notice-error" role="alert">
          <p className="state-title">{t('workflow.conflictTitle')}</p>
          <p>{t('workflow.conflict')}</p>
        </div>
      )}
      {outcome?.kind === 'failure' && (
        <p className="notice notice-error" role="alert">
          {t('workflow.failed', { message: outcome.message })}
        </p>
      )}
      {outcome?.kind === 'issues' && (
        <div className="notice notice-error" role="alert">
          <ul>
            {outcome.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <FormConversionContext.Provider value={ctx}>
        <form id={formId} className="transition-form" noValidate onSubmit={form.handleSubmit(submit)}>
          {inputFields.map((field) => (
            <FormField key={field.name} field={{ ...field, required: true }} name={field.name} control={form.control} model={model} />
          ))}
          {transition.comment !== 'none' && (
            <div className={`field field-wide${commentError ? ' has-error' : ''}`}>
              <label htmlFor={`${formId}-comment`}>
                {t('workflow.comment')}
                {transition.comment === 'required' && (
                  <span className="required-mark" aria-hidden="true">
                    {' '}
                    *
                  </span>
                )}
              </label>
              <textarea
                id={`${formId}-comment`}
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                aria-required={transition.comment === 'required' || undefined}
                aria-invalid={!!commentError || undefined}
                aria-describedby={`${formId}-comment-help${commentError ? ` ${formId}-comment-error` : ''}`}
              />
              <p id={`${formId}-comment-help`} className="hint">
                {t('workflow.commentRequired')}
              </p>
              {commentError && (
                <p id={`${formId}-comment-error`} className="field-error">
                  {commentError}
                </p>
              )}
            </div>
          )}
        </form>
      </FormConversionContext.Provider>
    </Dialog>
  );
}

function pick(values: FormValues, names: readonly string[]): FormValues {
  return Object.fromEntries(names.map((n) => [n, values[n]]));
}
