/** Addresses of the server's file and document routes (core/files, core/documents). Pure. */
import { splitEntityKey } from '../model/entityLookup.js';

/** A record's file: `/files/<module>/<entity>/<id>/<field>`, `?thumb=1` for the thumbnail. */
export function fileUrl(entityKey: string, recordId: number, field: string, thumb = false): string {
  const { module, entity } = splitEntityKey(entityKey);
  return `/files/${module}/${entity}/${recordId}/${field}${thumb ? '?thumb=1' : ''}`;
}

export function uploadUrl(entityKey: string, field: string, fileName: string): string {
  const { module, entity } = splitEntityKey(entityKey);
  return `/files/${module}/${entity}/${field}?name=${encodeURIComponent(fileName)}`;
}

export function documentUrl(entityKey: string, name: string, recordId: number): string {
  return `/documents/${splitEntityKey(entityKey).module}/${name}/${recordId}`;
}

/** "1,5 MB" with the locale's decimal separator. */
export function sizeText(bytes: number, decimal: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0);
  return `${text.replace('.', decimal)} ${units[unit]}`;
}

/** "PNG, JPEG" from MIME types. */
export function typesText(accept: readonly string[]): string {
  return accept.map((mime) => (mime.split('/')[1] ?? mime).toUpperCase()).join(', ');
}
