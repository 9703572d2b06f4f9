/** One field of a record as read-only screens show it: a state badge, a file, or formatted text. */
import { useValueText } from '../format/useValueText.js';
import { isFileField } from '../model/entityLookup.js';
import { FileValueView } from '../files/index.js';
import type { EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { StateBadge, workflowStateOf } from '../workflow/index.js';

export function FieldValue({ entity, field, row, variant }: { entity: EntityDescription; field: FieldDescription; row: RecordRow; variant: 'cell' | 'detail' }) {
  const text = useValueText();
  const state = workflowStateOf(entity, field.name, row[field.name]);
  if (state) return <StateBadge state={state} />;
  if (isFileField(field)) return <FileValueView entityKey={entity.key} recordId={row.id} field={field} facts={row._files?.[field.name]} variant={variant} />;
  return <>{text(field, row[field.name], row._display?.[field.name])}</>;
}
