/** `/:module/:entity/:id`: the record by sections, its children, and its history. */
import { useId, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { callMutation } from '../api/apiClient.js';
import { toApiError } from '../api/apiError.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Icon } from '../components/Icon.js';
import { LoadingState } from '../components/LoadingState.js';
import { useToast } from '../components/ToastProvider.js';
import { formatDateTime } from '../format/dateText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Breadcrumbs } from '../layout/Breadcrumbs.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { recordName } from '../model/recordName.js';
import { EntityScreen, type EntityContext } from '../pages/EntityScreen.js';
import { HistoryTab } from './HistoryTab.js';
import { RecordActions } from './RecordActions.js';
import { RecordProblem } from './RecordProblem.js';
import { RecordView } from './RecordView.js';
import { RelatedRecords } from './RelatedRecords.js';
import { useRecord } from './useRecord.js';
import { DocumentLinks } from '../files/index.js';
import { WorkflowBar, WorkflowTimeline } from '../workflow/index.js';
import { recordPanelsOf } from '../plugins/pluginPages.js';
import { RecordRuns, RunLog } from '../runs/index.js';

/** Run rows show their log in the run viewer, under the fields. */
const RUN_ENTITY = 'platform.schedule_run';

export function EntityDetailPage() {
  return <EntityScreen render={(ctx) => <DetailScreen {...ctx} />} />;
}

type Tab = 'data' | 'workflow' | 'history';

const TAB_LABEL = { data: 'detail.tabData', workflow: 'workflow.tabTimeline', history: 'detail.tabHistory' } as const;
const TAB_ICON = { data: 'list', workflow: 'flow', history: 'history' } as const;

function DetailScreen({ model, module, entity, basePath }: EntityContext) {
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const id = Number(params.id);
  const record = useRecord(entity.key, id);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const tabs: Tab[] = entity.workflow ? ['data', 'workflow', 'history'] : ['data', 'history'];
  const tab: Tab = tabs.find((key) => key !== 'data' && search.get('tab') === key) ?? 'data';
  const tabsId = useId();
  const name = record.data ? recordName(entity, record.data) : '';
  useDocumentTitle(record.data ? `${entity.label} ${name}` : entity.label);

  if (record.isPending && Number.isSafeInteger(id) && id > 0) return <LoadingState text={t('detail.loading')} />;
  if (record.isError || !record.data)
    return <RecordProblem entity={entity} id={params.id ?? ''} basePath={basePath} error={record.error} onRetry={() => void record.refetch()} />;
  const row = record.data;

  async function remove() {
    setDeleting(true);
    try {
      await callMutation(`${entity.key}.delete`, { id });
      await queryClient.invalidateQueries({ queryKey: ['list', entity.key] });
      toast(t('detail.deleted', { name }));
      navigate(basePath, { replace: true });
    } catch (e) {
      toast(toApiError(e).message, 'error');
      setConfirming(false);
    } finally {
      setDeleting(false);
    }
  }

  const selectTab = (next: Tab) => setSearch(next === 'data' ? {} : { tab: next }, { replace: true });
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = tabs[(tabs.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    selectTab(next);
    document.getElementById(`${tabsId}-${next}`)?.focus();
  };

  return (
    <div className="page">
      <Breadcrumbs items={[{ label: module.label }, { label: entity.labelPlural, to: basePath }, { label: name }]} />
      <div className="page-header">
        <div>
          <h1>
            {entity.label} {name}
          </h1>
          <p className="muted small">
            {row.created_at && t('detail.createdBy', { when: formatDateTime(row.created_at) })}
            {row.updated_at && row.updated_at !== row.created_at && ` · ${t('detail.updatedBy', { when: formatDateTime(row.updated_at) })}`}
          </p>
        </div>
        <div className="page-actions">
          <RecordActions entity={entity} id={id} />
          <DocumentLinks entity={entity} recordId={id} />
          {entity.can.update && (
            <Link to={`${basePath}/${id}/edit`} className="button button-primary">
              <Icon name="edit" /> {t('detail.edit')}
            </Link>
          )}
          {entity.can.delete && (
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
              <Icon name="trash" /> {t('detail.delete')}
            </button>
          )}
        </div>
      </div>

      {entity.workflow && <WorkflowBar model={model} entity={entity} record={row} />}
      {recordPanelsOf(entity.key).map(({ name: panel, component: Panel }) => (
        <Panel key={panel} module={module} entity={entity} record={row} />
      ))}

      <div role="tablist" className="tabs" aria-label={`${entity.label} ${name}`}>
        {tabs.map((key) => (
          <button
            key={key}
            id={`${tabsId}-${key}`}
            type="button"
            role="tab"
            aria-selected={tab === key}
            aria-controls={`${tabsId}-${key}-panel`}
            tabIndex={tab === key ? 0 : -1}
            className="tab"
            onClick={() => selectTab(key)}
            onKeyDown={onTabKey}
          >
            <Icon name={TAB_ICON[key]} size={16} /> {t(TAB_LABEL[key])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabsId}-${tab}-panel`} aria-labelledby={`${tabsId}-${tab}`} className="tab-panel">
        {tab === 'data' && (
          <>
            <RecordView model={model} entity={entity} record={row} />
            {entity.key === RUN_ENTITY && <RunLog runId={id} />}
            {entity.recordJobs.length > 0 && <RecordRuns entity={entity} recordId={id} />}
            {entity.related.map((related) => (
              <RelatedRecords key={`${related.entity}.${related.field}`} model={model} related={related} recordId={id} />
            ))}
          </>
        )}
        {tab === 'workflow' && <WorkflowTimeline entity={entity} recordId={id} />}
        {tab === 'history' && <HistoryTab model={model} entity={entity} recordId={id} />}
      </div>

      <ConfirmDialog
        open={confirming}
        danger
        busy={deleting}
        title={t('detail.deleteTitle', { name: `${entity.label} ${name}` })}
        text={t('detail.deleteText')}
        confirmLabel={t('dialog.delete')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void remove()}
      />
    </div>
  );
}
