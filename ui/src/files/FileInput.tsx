/**
 * The input of a file or image field: shows the current file (thumbnail or
 * icon, name and size), uploads a chosen file at once with a progress bar,
 * and replaces or removes it. The form's value is the uploaded file's id
 * (saved with the record); upload errors from the server show right here.
 */
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { FieldDescription } from '../model/modelTypes.js';
import { sizeText, typesText, uploadUrl } from './fileUrls.js';
import { sendFile, UploadError, type Upload } from './sendFile.js';
import { NO_FILE, type FileValue } from './fileValue.js';

interface FileInputProps {
  id: string;
  field: FieldDescription;
  /** An image field: a thumbnail preview and the image icon. */
  image: boolean;
  entityKey: string;
  value: FileValue | null;
  onChange(value: FileValue): void;
  onBlur(): void;
  invalid: boolean;
  describedBy?: string;
  ariaLabel?: string;
  compact?: boolean;
}

export function FileInput({ id, field, image, entityKey, value, onChange, onBlur, invalid, describedBy, ariaLabel, compact }: FileInputProps) {
  const { t, sep } = useI18n();
  const picker = useRef<HTMLInputElement>(null);
  const upload = useRef<Upload | null>(null);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = value && value.id !== null ? value : null;
  const accept = field.accept ?? [];
  const errorId = `${id}-upload-error`;

  useEffect(() => () => upload.current?.abort(), []);
  useEffect(() => {
    const preview = value?.preview;
    return () => {
      if (preview?.startsWith('blob:')) URL.revokeObjectURL(preview);
    };
  }, [value?.preview]);

  async function start(file: File) {
    setError(null);
    if (field.maxSize !== undefined && file.size > field.maxSize)
      return setError(t('file.tooLarge', { size: sizeText(file.size, sep.decimal), max: sizeText(field.maxSize, sep.decimal) }));
    if (accept.length > 0 && !accept.includes(file.type)) return setError(t('file.wrongType', { types: typesText(accept) }));
    setProgress({ name: file.name, percent: 0 });
    upload.current = sendFile(uploadUrl(entityKey, field.name, file.name), file, (f) => setProgress({ name: file.name, percent: Math.round(f * 100) }));
    try {
      const done = await upload.current.done;
      onChange({ id: done.id, name: done.name, size: done.size, preview: image ? URL.createObjectURL(file) : null });
    } catch (e) {
      setError(uploadErrorText(e));
    } finally {
      upload.current = null;
      setProgress(null);
      onBlur();
    }
  }

  /** The server's refusal in the user's language where it is one we know. */
  function uploadErrorText(e: unknown): string {
    const status = e instanceof UploadError ? e.status : 0;
    const message = e instanceof Error ? e.message : '';
    if (status === 413) return t('file.tooLargeServer', { max: sizeText(field.maxSize ?? 0, sep.decimal) });
    if (/^content is not|not a readable image|file is empty/.test(message)) return t('file.badContent');
    if (/^file name/.test(message)) return t('file.badName');
    return message || t('file.failed');
  }

  const chooseLabel = current ? t('file.replace') : t(image ? 'file.chooseImage' : 'file.choose');
  return (
    <div className={`file-input${compact ? ' is-compact' : ''}${invalid || error ? ' is-invalid' : ''}`}>
      {current && (
        <div className="file-current" title={current.name}>
          {current.preview ? (
            <img className="file-thumb" src={current.preview} alt={t('file.preview', { name: current.name })} />
          ) : (
            <span className="file-icon">
              <Icon name={image ? 'image' : 'file'} />
            </span>
          )}
          {!compact && (
            <span className="file-name">
              {current.name}
              {current.size !== null && <span className="muted small"> · {sizeText(current.size, sep.decimal)}</span>}
            </span>
          )}
        </div>
      )}
      {progress && (
        <div className="file-progress">
          <progress max={100} value={progress.percent} aria-label={t('file.uploading', { name: progress.name, percent: progress.percent })} />
          {!compact && <span className="muted small">{t('file.uploading', { name: progress.name, percent: progress.percent })}</span>}
        </div>
      )}
      <div className="file-actions">
        <input
          ref={picker}
          id={id}
          type="file"
          className="visually-hidden"
          accept={accept.join(',')}
          aria-label={ariaLabel}
          aria-invalid={invalid || !!error || undefined}
          aria-describedby={[describedBy, error ? errorId : undefined].filter(Boolean).join(' ') || undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void start(file);
          }}
        />
        {!(compact && progress) && (
          <button
            type="button"
            className="button button-small"
            disabled={!!progress}
            onClick={() => picker.current?.click()}
            title={chooseLabel}
            aria-label={compact ? `${chooseLabel}: ${ariaLabel ?? field.label}` : undefined}
          >
            <Icon name="upload" size={16} />
            {!compact && ` ${chooseLabel}`}
          </button>
        )}
        {current && !progress && (
          <button
            type="button"
            className="icon-button danger"
            title={t('file.remove')}
            aria-label={`${t('file.remove')}: ${ariaLabel ?? field.label}`}
            onClick={() => onChange(NO_FILE)}
          >
            <Icon name="close" size={16} />
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
