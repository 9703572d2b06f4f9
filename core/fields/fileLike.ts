/** What file and image fields share: an uploaded file kept by the file store; the column holds its file id. */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, textOrder } from './fieldType.js';
import { ALL_TYPES, DEFAULT_MAX_SIZE, fileType } from '../values/fileTypes.js';

function fileLikeOptions<N extends string>(type: N) {
  return Type.Object(
    {
      type: Type.Literal(type),
      ...COMMON_OPTIONS,
      maxSize: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 1073741824, description: 'Largest accepted upload in bytes (at most 1 GiB); 10 MB when absent.' }),
      ),
      accept: Type.Optional(
        Type.Array(Type.String({ pattern: '^[a-z]+/[a-z0-9.+-]+$' }), {
          minItems: 1,
          uniqueItems: true,
          description: 'Accepted MIME types; images default to PNG, JPEG, GIF and WebP, files to every type the platform can check.',
        }),
      ),
    },
    CLOSED_OPTIONS,
  );
}

/** A file-like type accepting `defaultAccept` unless the manifest says otherwise; `images` limits `accept` to image types. */
export function fileLikeType<N extends string>(type: N, defaultAccept: readonly string[], images: boolean) {
  return defineFieldType({
    options: fileLikeOptions(type),
    defaults: (def) => ({ maxSize: def.maxSize ?? DEFAULT_MAX_SIZE, accept: def.accept ?? [...defaultAccept] }),
    column: () => ({ kind: 'integer' }),
    holdsFile: true,
    holdsImages: images,
    valueSchema: () => ({ type: 'integer', minimum: 1 }),
    // A file id orders and filters nothing meaningful.
    filterOperators: [],
    csv: { text: (field, value, row) => (row._files as Record<string, { name: string } | null> | undefined)?.[field.name]?.name ?? String(value) },
    tsType: () => 'number',
    fitsLiteral: (_field, literal) => typeof literal === 'string',
    order: textOrder(false),
    check(field, c) {
      (field.accept ?? []).forEach((mime, i) => {
        const known = fileType(mime);
        if (!known) c.add(c.at('accept', String(i)), `"${mime}" is not a type the platform can check (${ALL_TYPES.join(', ')})`);
        else if (images && !known.image) c.add(c.at('accept', String(i)), `"${mime}" is not an image type an image field can show`);
      });
    },
  });
}
