/**
 * "Importar CSV" on a list screen: file → column mapping (auto-matched by the
 * server, adjustable) → preview with every row's errors → import with a
 * progress bar → report, downloadable as CSV. The server does all reading and
 * checking (core/import); this only shows its answers.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Dialog } from '../components/Dialog.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { FieldValue } from '../detail/FieldValue.js';
import { previewImport, reportCsv, runImport, type ImportOptions, type ImportPreview, type ImportReport, type RowIssue } from './importApi.js';
import './importDialog.css';

type Step =
  | { name: 'file' }
  | { name: 'mapping'; preview: ImportPreview }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'importing'; done: number; rows: number }
  | { name: 'report'; report: ImportReport };

export function ImportCsvDialog({ entity, open, onClose }: { entity: EntityDescription; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ name: 'file' });
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const labelOf = (field: string | null) => (field ? (entity.fields.find((f) => f.name === field)?.label ?? field) : t('import.wholeRow'));

  const close = () => {
    setStep({ name: 'file' });
    setFile(null);
    setOptions({});
    setError(null);
    onClose();
  };
  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const choose = (chosen: File) =>
    attempt(async () => {
      setFile(chosen);
      const preview = await previewImport(entity.key, chosen, {});
      setOptions({ columns: preview.columns });
      setStep({ name: 'mapping', preview });
    });
  const showPreview = () => attempt(async () => setStep({ name: 'preview', preview: await previewImport(entity.key, file!, options) }));
  const start = () =>
    attempt(async () => {
      setStep({ name: 'importing', done: 0, rows: step.name === 'preview' ? step.preview.rows : 0 });
      try {
        const report = await runImport(entity.key, file!, options, (done, rows) => setStep({ name: 'importing', done, rows }));
        setStep({ name: 'report', report });
      } finally {
        await queryClient.invalidateQueries({ queryKey: ['list', entity.key] });
      }
    });

  const actions = (
    <>
      <button type="button" className="button" onClick={close} disabled={step.name === 'importing'}>
        {step.name === 'report' ? t('dialog.close') : t('dialog.cancel')}
      </button>
      {step.name === 'mapping' && (
        <button type="button" className="button button-primary" onClick={() => void showPreview()} disabled={busy}>
          {t('import.previewButton')}
        </button>
      )}
      {step.name === 'preview' && (
        <>
          <button type="button" className="button" onClick={() => setStep({ name: 'mapping', preview: step.preview })}>
            {t('import.back')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void start()}
            disabled={busy || step.preview.created + step.preview.updated === 0}
          >
            {t('import.run', { count: step.preview.created + step.preview.updated })}
          </button>
        </>
      )}
      {step.name === 'report' && (
        <a
          className="button button-primary"
          download={`${entity.key}-importacao.csv`}
          href={URL.createObjectURL(reportCsv(step.report, labelOf, [t('import.row'), t('import.field'), t('import.message')]))}
        >
          {t('import.download')}
        </a>
      )}
    </>
  );

  return (
    <Dialog open={open} title={t('import.title', { entity: entity.labelPlural.toLowerCase() })} onClose={close} actions={actions}>
      <div className="import-dialog">
        {step.name === 'file' && <FileStep busy={busy} onFile={(f) => void choose(f)} />}
        {step.name === 'mapping' && <MappingStep preview={step.preview} options={options} onChange={setOptions} />}
        {step.name === 'preview' && <PreviewStep entity={entity} preview={step.preview} labelOf={labelOf} />}
        {step.name === 'importing' && <Progress done={step.done} rows={step.rows} />}
        {step.name === 'report' && <ReportStep report={step.report} labelOf={labelOf} />}
        {error && (
          <p className="import-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}

function FileStep({ busy, onFile }: { busy: boolean; onFile(file: File): void }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor="import-file">{t('import.file')}</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          if (chosen) onFile(chosen);
        }}
      />
      <p className="muted small">{busy ? t('import.reading') : t('import.fileHint')}</p>
    </div>
  );
}

function MappingStep({ preview, options, onChange }: { preview: ImportPreview; options: ImportOptions; onChange(o: ImportOptions): void }) {
  const { t } = useI18n();
  const columns = options.columns ?? preview.columns;
  const labelOf = (name: string) => preview.fields.find((f) => f.name === name)?.label ?? name;
  const setColumn = (i: number, field: string | null) => onChange({ ...options, columns: columns.map((c, j) => (j === i ? field : c === field ? null : c)) });
  return (
    <>
      <p className="muted small">
        {t('import.fileFacts', { rows: preview.rows, delimiter: preview.delimiter === '\t' ? 'tab' : preview.delimiter, encoding: preview.encoding })}
      </p>
      <p>{t('import.mappingHint')}</p>
      <table className="import-table">
        <thead>
          <tr>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.field')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.headers.map((header, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions in the file; two may share a header.
            <tr key={i}>
              <td>{header}</td>
              <td>
                <select aria-label={header} value={columns[i] ?? ''} onChange={(e) => setColumn(i, e.target.value || null)}>
                  <option value="">{t('import.ignore')}</option>
                  {preview.fields.map((f) => (
                    <option key={f.name} value={f.name}>
                      {f.label}
                      {f.required ? ' *' : ''}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.keys.length > 0 && (
        <div className="field">
          <label htmlFor="import-match">{t('import.match')}</label>
          <select
            id="import-match"
            value={options.match?.join(',') ?? ''}
            onChange={(e) => {
              const { match: _old, ...rest } = options;
              onChange(e.target.value ? { ...rest, match: e.target.value.split(',') } : rest);
            }}
          >
            <option value="">{t('import.matchNone')}</option>
            {preview.keys.map((key) => (
              <option key={key.join(',')} value={key.join(',')}>
                {t('import.matchKey', { fields: key.map(labelOf).join(' + ') })}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

function PreviewStep({ entity, preview, labelOf }: { entity: EntityDescription; preview: ImportPreview; labelOf(field: string | null): string }) {
  const { t } = useI18n();
  const fields = preview.columns.filter((c): c is string => c !== null).map((name) => entity.fields.find((f) => f.name === name)!) as FieldDescription[];
  const issuesOf = (row: number) => preview.errors.filter((e) => e.row === row);
  return (
    <>
      <p className="import-summary" role="status">
        {t('import.summary', { created: preview.created, updated: preview.updated, skipped: preview.skipped })}
      </p>
      <p className="muted small">{t('import.mode')}</p>
      <h3>{t('import.sample')}</h3>
      <div className="import-scroll">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              <th scope="col">{t('import.action')}</th>
              {fields.map((f) => (
                <th key={f.name} scope="col">
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((s) => {
              const issues = issuesOf(s.row);
              return (
                <tr key={s.row} className={s.ok ? undefined : 'import-row-error'}>
                  <td>{s.row}</td>
                  <td>{s.ok ? t(s.action === 'create' ? 'import.create' : 'import.update') : '—'}</td>
                  {fields.map((f) => {
                    const problem = issues.find((i) => i.field === f.name);
                    return (
                      <td key={f.name} className={problem ? 'import-cell-error' : undefined} title={problem?.message}>
                        <FieldValue entity={entity} field={f} row={s.values as RecordRow} variant="cell" />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <IssueList errors={preview.errors} more={preview.moreErrors} labelOf={labelOf} />
    </>
  );
}

function Progress({ done, rows }: { done: number; rows: number }) {
  const { t } = useI18n();
  return (
    <div className="import-progress">
      <p>{t('import.importing')}</p>
      <progress max={Math.max(rows, 1)} value={done} aria-label={t('import.importing')} />
      <p className="muted small" role="status">
        {t('import.progress', { done, rows })}
      </p>
    </div>
  );
}

function ReportStep({ report, labelOf }: { report: ImportReport; labelOf(field: string | null): string }) {
  const { t } = useI18n();
  return (
    <>
      <p className="import-summary" role="status">
        {t('import.done', { created: report.created, updated: report.updated, skipped: report.skipped })}
      </p>
      <IssueList errors={report.errors} more={report.moreErrors} labelOf={labelOf} />
    </>
  );
}

function IssueList({ errors, more, labelOf }: { errors: RowIssue[]; more: number; labelOf(field: string | null): string }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <>
      <h3>{t('import.errors', { count: errors.length + more })}</h3>
      <div className="import-scroll import-errors">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              <th scope="col">{t('import.field')}</th>
              <th scope="col">{t('import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems with one field.
              <tr key={i}>
                <td>{e.row}</td>
                <td>{labelOf(e.field)}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p className="muted small">{t('import.moreErrors', { count: more })}</p>}
    </>
  );
}
