/**
 * The record's stage and the steps the signed-in user may take now (from
 * `<module>.<entity>.transitions`). Steps their role allows but the record
 * does not yet are shown disabled, the reason written under them; others are not shown.
 */
import { useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import type { AppModelDescription, EntityDescription, RecordRow, WorkflowDescription, WorkflowTransition } from '../model/modelTypes.js';
import { StateBadge } from './StateBadge.js';
import { TransitionDialog } from './TransitionDialog.js';
import { useAvailableTransitions } from './workflowQueries.js';
import { transitionNamed, workflowStateOf } from './workflowLookup.js';

interface WorkflowBarProps {
  model: AppModelDescription;
  entity: EntityDescription;
  record: RecordRow;
}

export function WorkflowBar({ model, entity, record }: WorkflowBarProps) {
  const { t } = useI18n();
  const workflow = entity.workflow!;
  const available = useAvailableTransitions(entity.key, record.id);
  const [taking, setTaking] = useState<WorkflowTransition | null>(null);
  const idPrefix = useId();
  const state = workflowStateOf(entity, workflow.field, record[workflow.field]);
  const offered = (available.data?.transitions ?? []).filter((a) => a.reason !== 'role');

  return (
    <section className="workflow-bar" aria-label={t('workflow.state')}>
      <div className="workflow-state">
        <span className="label">{t('workflow.state')}</span>
        {state && <StateBadge state={state} />}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form section; a fieldset would need a legend and form styling. */}
      <div className="workflow-actions" role="group" aria-label={t('workflow.actions')}>
        {available.isError && <span className="muted small">{t('workflow.loadError')}</span>}
        {available.isSuccess && offered.length === 0 && <span className="muted small">{t('workflow.noActions')}</span>}
        {offered.map((a) => {
          const transition = transitionNamed(entity, a.name);
          if (!transition) return null;
          const why = a.issues.map((i) => i.message).join('; ');
          return (
            <span key={a.name} className="workflow-step">
              <button
                type="button"
                className={`button${a.allowed ? (leadsToRed(workflow, transition) ? ' button-danger-quiet' : ' button-primary') : ''}`}
                disabled={!a.allowed}
                aria-describedby={a.allowed ? undefined : `${idPrefix}-${a.name}-blocked`}
                onClick={() => setTaking(transition)}
              >
                {transition.label}
              </button>
              {!a.allowed && (
                <span id={`${idPrefix}-${a.name}-blocked`} className="workflow-blocked">
                  {t('workflow.blocked', { reasons: why })}
                </span>
              )}
            </span>
          );
        })}
      </div>
      {taking && <TransitionDialog model={model} entity={entity} record={record} transition={taking} onClose={() => setTaking(null)} />}
    </section>
  );
}

/** A step into a red state (cancelled, refused) reads as destructive, not as the way forward. */
function leadsToRed(workflow: WorkflowDescription, transition: WorkflowTransition): boolean {
  return workflow.states.find((s) => s.name === transition.to)?.color === 'red';
}
