/**
 * Original file names are kept only as display text and for the download's
 * Content-Disposition, never as a path; still, a name that could mean a
 * path, hide its real extension or break a header is refused outright.
 */

const MAX_NAME_LENGTH = 200;
/** Control, format (bidi overrides, zero-width), unassigned, private-use and surrogate code points. */
const INVISIBLE = /\p{C}/u;
/** Path separators and the characters Windows reserves in file names. */
const RESERVED = /[/\\<>:"|?*]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** Why a file name is refused, or null when it is acceptable. */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'file name is empty';
  if (name.length > MAX_NAME_LENGTH) return `file name is longer than ${MAX_NAME_LENGTH} characters`;
  if (name !== name.normalize('NFC')) return 'file name is not in Unicode normal form (NFC)';
  if (INVISIBLE.test(name)) return 'file name contains control or invisible characters';
  if (RESERVED.test(name)) return 'file name contains a path separator or a reserved character (/ \\ < > : " | ? *)';
  if (name.includes('..')) return 'file name contains ".."';
  if (name.trim() !== name || name.endsWith('.') || name.startsWith('.')) return 'file name starts or ends with a dot or a space';
  if (WINDOWS_DEVICE.test(name)) return 'file name is a reserved device name';
  return null;
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_') || 'download';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
