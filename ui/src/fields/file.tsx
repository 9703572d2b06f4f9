/**
 * An uploaded file: uploaded at once by its input, sent as the file's id,
 * shown as a download link (images: a thumbnail). `fileFieldType` is shared
 * with images, which differ only in their preview.
 */
import { FileInput, FileValueView, fileUrl, NO_FILE, type FileValue } from '../files/index.js';
import { entityOfField } from '../model/entityLookup.js';
import { defineFieldType, type ControlProps, type DisplayProps, type FieldTypeUi } from './fieldType.js';

function fileControl(image: boolean) {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per field type at module load, never while rendering, so each type keeps one component.
  return function FileControl({ field, id, input, invalid, model, describedBy, ariaLabel, compact }: ControlProps) {
    return (
      <FileInput
        id={id}
        field={field}
        image={image}
        entityKey={entityOfField(model, field)?.key ?? ''}
        value={input.value as FileValue | null}
        onChange={input.onChange}
        onBlur={input.onBlur}
        invalid={invalid}
        describedBy={describedBy}
        ariaLabel={ariaLabel}
        compact={compact}
      />
    );
  };
}

function FileDisplay({ entity, field, row, variant }: DisplayProps) {
  return <FileValueView entityKey={entity.key} recordId={row.id} field={field} facts={row._files?.[field.name]} variant={variant} />;
}

export function fileFieldType(image: boolean, own: Partial<FieldTypeUi> = {}): FieldTypeUi {
  return defineFieldType({
    Control: fileControl(image),
    // The attached file's id, name, size and thumbnail travel with the record under `_files`.
    toInput: (field, _value, { entity, record }): FileValue => {
      const facts = record?._files?.[field.name];
      if (!record || !facts) return NO_FILE;
      return { id: facts.id, name: facts.name, size: facts.size, preview: facts.thumb ? fileUrl(entity.key, record.id, field.name, true) : null };
    },
    toData: (_field, input) => {
      const id = (input as FileValue | null)?.id;
      return { value: typeof id === 'number' ? id : null };
    },
    text: (_field, value, display) => display ?? `#${String(value)}`,
    Display: FileDisplay,
    childColumnClass: 'col-file',
    ...own,
  });
}

export const fileField = fileFieldType(false);
