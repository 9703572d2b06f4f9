/**
 * The file types the platform can accept: each with how its content is
 * recognised. A declared type is only believed when the content agrees, so
 * an HTML page cannot arrive as "image/png", nor a PNG as "text/plain".
 * SVG is deliberately absent: it is a document that can carry scripts.
 * Pure data: the manifest checks and field defaults read it as the upload does.
 */

export interface FileType {
  mime: string;
  /** True for types an image field may accept (and that get a thumbnail). */
  image: boolean;
  /** Recognises the content from its first bytes; absent for text types, which have no signature. */
  signature?: (head: Uint8Array) => boolean;
}

/** Bytes needed to recognise every signature below. */
export const SNIFF_BYTES = 16;

const startsWith =
  (bytes: number[], offset = 0) =>
  (head: Uint8Array) =>
    bytes.every((b, i) => head[offset + i] === b);
const ascii = (text: string, offset = 0) =>
  startsWith(
    [...text].map((c) => c.charCodeAt(0)),
    offset,
  );

export const FILE_TYPES: readonly FileType[] = [
  { mime: 'image/png', image: true, signature: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', image: true, signature: startsWith([0xff, 0xd8, 0xff]) },
  { mime: 'image/gif', image: true, signature: (h) => ascii('GIF87a')(h) || ascii('GIF89a')(h) },
  { mime: 'image/webp', image: true, signature: (h) => ascii('RIFF')(h) && ascii('WEBP', 8)(h) },
  { mime: 'application/pdf', image: false, signature: ascii('%PDF-') },
  { mime: 'application/zip', image: false, signature: startsWith([0x50, 0x4b, 0x03, 0x04]) },
  // STEP (ISO 10303-21) CAD models, `.step`/`.stp`: text, but always opening with this header.
  { mime: 'model/step', image: false, signature: ascii('ISO-10303-21;') },
  { mime: 'text/plain', image: false },
  { mime: 'text/csv', image: false },
];

export const IMAGE_TYPES: readonly string[] = FILE_TYPES.filter((t) => t.image).map((t) => t.mime);
export const ALL_TYPES: readonly string[] = FILE_TYPES.map((t) => t.mime);

/** 10 MB. */
export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;

export function fileType(mime: string): FileType | undefined {
  return FILE_TYPES.find((t) => t.mime === mime);
}

/** The type whose signature the content carries, or undefined when it carries none we know. */
export function sniff(head: Uint8Array): FileType | undefined {
  return FILE_TYPES.find((t) => t.signature?.(head));
}

/**
 * Whether content starting with `head` may be stored as `declared`: a typed
 * format must carry its own signature; a text type must carry none and no NUL byte.
 */
export function contentMatches(declared: FileType, head: Uint8Array): boolean {
  if (declared.signature) return declared.signature(head);
  return sniff(head) === undefined && !head.includes(0);
}
