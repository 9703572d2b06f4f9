/** One field of a record as read-only screens show it: a state badge, what its field type shows, or formatted text. */
import { valueTypeOf } from '../fields/index.js';
import { useValueText } from '../format/useValueText.js';
import type { EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { StateBadge, workflowStateOf } from '../workflow/index.js';

export function FieldValue({
  entity,
  field,
  row,
  variant,
}: {
  entity: EntityDescription;
  field: FieldDescription;
  row: RecordRow;
  variant: 'cell' | 'detail';
}) {
  const text = useValueText();
  const state = workflowStateOf(entity, field.name, row[field.name]);
  if (state) return <StateBadge state={state} />;
  const value = row[field.name];
  const shown = text(field, value, row._display?.[field.name]);
  const { Display } = valueTypeOf(field);
  return Display ? <Display entity={entity} field={field} row={row} value={value} text={shown} variant={variant} /> : shown;
}
