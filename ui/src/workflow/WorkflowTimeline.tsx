/** The record's way through its workflow, newest first (`<module>.<entity>.history`). */
import { ErrorState } from '../components/ErrorState.js';
import { LoadingState } from '../components/LoadingState.js';
import { formatDateTime } from '../format/dateText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { EntityDescription } from '../model/modelTypes.js';
import { useUserNames } from '../detail/useUserNames.js';
import { StateBadge } from './StateBadge.js';
import { useWorkflowHistory } from './workflowQueries.js';
import { transitionNamed, workflowStateOf } from './workflowLookup.js';

export function WorkflowTimeline({ entity, recordId }: { entity: EntityDescription; recordId: number }) {
  const { t } = useI18n();
  const history = useWorkflowHistory(entity.key, recordId);
  const rows = history.data?.rows ?? [];
  const userName = useUserNames(rows.map((r) => r.by).filter((id): id is number => id !== null));
  const field = entity.workflow!.field;

  if (history.isPending) return <LoadingState text={t('workflow.timelineLoading')} />;
  if (history.isError) return <ErrorState title={t('workflow.timelineError')} error={history.error} onRetry={() => void history.refetch()} />;
  if (rows.length === 0) return <p className="state">{t('workflow.timelineEmpty')}</p>;

  return (
    <ol className="timeline">
      {rows.map((row) => {
        const from = workflowStateOf(entity, field, row.from);
        const to = workflowStateOf(entity, field, row.to);
        return (
          <li key={row.id} className={`timeline-entry state-edge-${to?.color ?? 'gray'}`}>
            <p className="timeline-head">
              <strong>
                {t('workflow.timelineEntry', { who: userName(row.by), transition: transitionNamed(entity, row.transition)?.label ?? row.transition })}
              </strong>
              <time className="muted small" dateTime={row.at}>
                {formatDateTime(row.at)}
              </time>
            </p>
            <p className="timeline-states">
              {from && <StateBadge state={from} />}
              {from?.name !== to?.name && (
                <>
                  <span aria-hidden="true">→</span>
                  {to && <StateBadge state={to} />}
                </>
              )}
            </p>
            {row.comment && <blockquote className="timeline-comment">{row.comment}</blockquote>}
          </li>
        );
      })}
    </ol>
  );
}
