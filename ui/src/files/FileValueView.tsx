/** A file or image field's value for reading: a lazy thumbnail in lists, a download link and a larger preview in details. */
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { FieldDescription, FileFacts } from '../model/modelTypes.js';
import { fileUrl, sizeText } from './fileUrls.js';

interface FileValueViewProps {
  entityKey: string;
  recordId: number;
  field: FieldDescription;
  facts: FileFacts | null | undefined;
  /** `cell`: inside a table row (which opens the record when clicked); `detail`: in the record view. */
  variant: 'cell' | 'detail';
}

export function FileValueView({ entityKey, recordId, field, facts, variant }: FileValueViewProps) {
  const { t, sep } = useI18n();
  if (!facts) return <>{t('value.empty')}</>;
  const thumb = facts.thumb ? (
    <img
      className={`file-thumb${variant === 'detail' ? ' is-large' : ''}`}
      src={fileUrl(entityKey, recordId, field.name, true)}
      alt={t('file.preview', { name: facts.name })}
      loading="lazy"
    />
  ) : null;
  if (variant === 'cell') {
    return (
      thumb ?? (
        <span className="file-cell" title={facts.name}>
          <Icon name="file" size={16} /> {facts.name}
        </span>
      )
    );
  }
  return (
    <span className="file-value">
      {thumb}
      <a className="file-link" href={fileUrl(entityKey, recordId, field.name)} download={facts.name} aria-label={t('file.download', { name: facts.name })}>
        <Icon name="download" size={16} /> {facts.name}
      </a>
      <span className="muted small">{sizeText(facts.size, sep.decimal)}</span>
    </span>
  );
}
