/**
 * Uploads one file with XMLHttpRequest (fetch reports no upload progress):
 * the raw bytes as the body, the session cookie and the CSRF header like any
 * other write. Resolves with the server's 201 body: the file route's
 * `{ id, name, type, size }`, or what a plugin route answers (`T`).
 */
import type { UploadedFile } from '../../../core/files/uploadFile.js';
import { csrfHeaders } from '../api/csrfToken.js';

export type { UploadedFile };

export class UploadError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the request never completed. */
    readonly status = 0,
  ) {
    super(message);
  }
}

export interface Upload<T = UploadedFile> {
  done: Promise<T>;
  abort(): void;
}

export function sendFile<T = UploadedFile>(url: string, file: File, onProgress: (fraction: number) => void): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status === 201 && body) resolve(body as T);
      else reject(new UploadError(serverMessage(body), xhr.status));
    };
    xhr.onerror = () => reject(new UploadError(''));
    xhr.onabort = () => reject(new UploadError(''));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The field's own message when the server gave one ("content is not image/png"), else the general one. */
function serverMessage(body: unknown): string {
  const error = (body as { error?: { message?: string; issues?: { message: string }[] } } | null)?.error;
  return error?.issues?.[0]?.message ?? error?.message ?? '';
}
