/** `/:module/:entity/new` and `/:module/:entity/:id/edit`. */
import { useParams } from 'react-router-dom';
import { LoadingState } from '../components/LoadingState.js';
import { RecordProblem } from '../detail/RecordProblem.js';
import { useRecord } from '../detail/useRecord.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Breadcrumbs } from '../layout/Breadcrumbs.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { EntityScreen, type EntityContext } from '../pages/EntityScreen.js';
import { MessagePage } from '../pages/MessagePage.js';
import { recordName } from '../model/recordName.js';
import { RecordForm } from './RecordForm.js';

export function EntityFormPage() {
  return <EntityScreen render={(ctx) => <FormScreen {...ctx} />} />;
}

function FormScreen({ model, module, entity, basePath }: EntityContext) {
  const { t } = useI18n();
  const params = useParams();
  const isNew = params.id === undefined;
  const id = Number(params.id);
  const record = useRecord(entity.key, isNew ? 0 : id);
  const name = record.data ? recordName(entity, record.data) : '';
  const title = isNew ? t('form.newTitle', { entity: entity.label }) : t('form.editTitle', { entity: entity.label, name });
  useDocumentTitle(title);
  const back = { to: basePath, label: t('message.backToList', { entity: entity.labelPlural }) };

  if (isNew && !entity.can.create)
    return <MessagePage title={t('message.forbiddenTitle')} text={t('message.noCreate', { entity: entity.labelPlural.toLowerCase() })} back={back} />;
  if (!isNew && !entity.can.update)
    return <MessagePage title={t('message.forbiddenTitle')} text={t('message.noUpdate', { entity: entity.labelPlural.toLowerCase() })} back={back} />;
  if (!isNew && record.isPending) return <LoadingState text={t('detail.loading')} />;
  if (!isNew && (record.isError || !record.data))
    return <RecordProblem entity={entity} id={params.id ?? ''} basePath={basePath} error={record.error} onRetry={() => void record.refetch()} />;

  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { label: module.label },
          { label: entity.labelPlural, to: basePath },
          ...(isNew ? [{ label: t('list.new') }] : [{ label: name, to: `${basePath}/${id}` }, { label: t('detail.edit') }]),
        ]}
      />
      <h1>{title}</h1>
      <RecordForm
        key={isNew ? 'new' : `${id}`}
        model={model}
        entity={entity}
        basePath={basePath}
        record={isNew ? null : record.data!}
        onReload={async () => (await record.refetch()).data}
      />
    </div>
  );
}
