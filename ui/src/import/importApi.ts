/**
 * The CSV import routes (core/import): the file is the request body each
 * time — the preview's and the import's — so no server keeps it between
 * requests; the import's answer is NDJSON, read line by line as it streams.
 */
import type { ImportOptions, ImportPreview, ImportProgress, ImportReport } from '../../../core/import/importRows.js';
import { csrfHeaders } from '../api/csrfToken.js';

export type { ImportOptions, ImportPreview, ImportProgress, ImportReport };
export type { RowIssue } from '../../../core/import/rowValues.js';

export class ImportRequestError extends Error {}

function post(entityKey: string, file: File, options: ImportOptions, preview: boolean): Promise<Response> {
  const [module, entity] = entityKey.split('.');
  const url = `/import/${module}/${entity}${preview ? '/preview' : ''}?options=${encodeURIComponent(JSON.stringify(options))}`;
  return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'text/csv', ...csrfHeaders() }, body: file });
}

async function refusal(res: Response): Promise<ImportRequestError> {
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return new ImportRequestError(body.error?.message ?? `HTTP ${res.status}`);
}

export async function previewImport(entityKey: string, file: File, options: ImportOptions): Promise<ImportPreview> {
  const res = await post(entityKey, file, options, true);
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as ImportPreview;
}

type ImportLine =
  | { type: 'start'; rows: number }
  | ({ type: 'progress' } & ImportProgress)
  | ({ type: 'report' } & ImportReport)
  | { type: 'error'; message: string };

/** Runs the import, telling `onProgress` as lines arrive; resolves with the final report. */
export async function runImport(
  entityKey: string,
  file: File,
  options: ImportOptions,
  onProgress: (done: number, rows: number) => void,
): Promise<ImportReport> {
  const res = await post(entityKey, file, options, false);
  if (!res.ok || !res.body) throw await refusal(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  let report: ImportReport | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines.filter(Boolean)) {
      const line = JSON.parse(text) as ImportLine;
      if (line.type === 'start') onProgress(0, line.rows);
      else if (line.type === 'progress') onProgress(line.done, line.rows);
      else if (line.type === 'report') report = line;
      else throw new ImportRequestError(line.message);
    }
  }
  if (!report) throw new ImportRequestError('the connection closed before the report');
  return report;
}

/** The report as a CSV file the user downloads (row; field; message), in the file's own row numbers. */
export function reportCsv(report: ImportReport, labelOf: (field: string | null) => string, headers: [string, string, string]): Blob {
  const cell = (text: string) => (/[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [headers, ...report.errors.map((e) => [String(e.row), labelOf(e.field), e.message])].map((l) => l.map(cell).join(';'));
  return new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
