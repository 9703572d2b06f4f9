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
  const value = row[field.name];
  if (field.display === 'progress' && typeof value === 'number') return <ProgressValue value={value} min={field.min ?? 0} max={field.max ?? 100} label={field.label} />;
  if (isFileField(field)) return <FileValueView entityKey={entity.key} recordId={row.id} field={field} facts={row._files?.[field.name]} variant={variant} />;
  return <>{text(field, value, row._display?.[field.name])}</>;
}

/** A bar with its percentage beside it: a job's progress reads at a glance and updates live. */
function ProgressValue({ value, min, max, label }: { value: number; min: number; max: number; label: string }) {
  const percent = max > min ? Math.round(((Math.min(Math.max(value, min), max) - min) / (max - min)) * 100) : 0;
  return (
    <span className="progress-value">
      <progress max={100} value={percent} aria-label={label} />
      <span className="num">{percent}%</span>
    </span>
  );
}
