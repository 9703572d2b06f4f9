/**
 * The runs of one record on its detail page (entities with record jobs): the
 * latest first, each opening the run viewer; the latest is open from the start.
 */
import { useState } from 'react';
import { ErrorState } from '../components/ErrorState.js';
import { LoadingState } from '../components/LoadingState.js';
import { formatDateTime } from '../format/dateText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/messages.ptBR.js';
import type { EntityDescription } from '../model/modelTypes.js';
import { RunLog } from './RunLog.js';
import { useRecordRuns } from './runQueries.js';

export function RecordRuns({ entity, recordId }: { entity: EntityDescription; recordId: number }) {
  const { t } = useI18n();
  const runs = useRecordRuns(entity.key, recordId);
  const [opened, setOpened] = useState<number | null>(null);
  const titleId = `runs-${entity.key.replace('.', '-')}`;
  const labelOf = (job: string | null) => entity.recordJobs.find((j) => j.name === job)?.label ?? job ?? '';
  const open = opened ?? runs.data?.[0]?.id ?? null;
  return (
    <section className="form-section record-runs" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('runs.title')}
      </h2>
      {runs.isPending ? (
        <LoadingState text={t('runs.loading')} />
      ) : runs.isError ? (
        <ErrorState title={t('runs.loadError')} error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <p className="muted">{t('runs.empty')}</p>
      ) : (
        <ul className="record-runs-list">
          {runs.data.map((run) => (
            <li key={run.id}>
              <button type="button" className="record-run-row" aria-expanded={open === run.id} onClick={() => setOpened(open === run.id ? -1 : run.id)}>
                <span className={`run-status run-status-${run.status}`}>{t(`runs.status.${run.status}` as MessageKey)}</span>
                <span>{labelOf(run.job)}</span>
                <span className="muted small">#{run.id}</span>
                <span className="muted small">{formatDateTime(run.startedAt ?? run.createdAt)}</span>
              </button>
              {open === run.id && <RunLog runId={run.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
