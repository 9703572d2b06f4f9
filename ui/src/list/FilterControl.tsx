/** One column filter, by the kind its field type asks for: text contains, enum, range, yes/no, related record. */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { callQuery } from '../api/apiClient.js';
import { useDebounced } from '../components/useDebounced.js';
import { rangeBoundOf, type FieldTypeName, type RangeBound as Bound } from '../fields/index.js';
import { DateInput } from '../form/inputs/DateInput.js';
import { RelationPicker } from '../form/inputs/RelationPicker.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { findEntityByKey } from '../model/entityLookup.js';
import type { AppModelDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import type { FilterSpec } from './filterSpec.js';
import type { FilterValue } from './listState.js';

interface FilterControlProps {
  field: FieldDescription;
  spec: FilterSpec;
  value: FilterValue | undefined;
  onChange(value: FilterValue | null): void;
  model: AppModelDescription;
}

export function FilterControl({ field, spec, value, onChange, model }: FilterControlProps) {
  const id = useId();
  const { t } = useI18n();
  return (
    <div className={`filter filter-${spec.kind}`}>
      {spec.kind === 'range' ? (
        <fieldset>
          <legend>{field.label}</legend>
          <RangeFilter id={id} type={spec.valueType} value={value?.kind === 'range' ? value : undefined} onChange={onChange} />
        </fieldset>
      ) : (
        <>
          <label htmlFor={id}>{field.label}</label>
          {spec.kind === 'text' && <TextFilter id={id} value={value?.kind === 'text' ? value.text : ''} onChange={onChange} />}
          {spec.kind === 'enum' && (
            <select
              id={id}
              value={value?.kind === 'enum' ? (value.values[0] ?? '') : ''}
              onChange={(e) => onChange(e.target.value ? { kind: 'enum', values: [e.target.value] } : null)}
            >
              <option value="">{t('filter.any')}</option>
              {spec.values.map((v) => (
                <option key={v} value={v}>
                  {spec.labels[v] ?? v}
                </option>
              ))}
            </select>
          )}
          {spec.kind === 'boolean' && (
            <select
              id={id}
              value={value?.kind === 'boolean' ? String(value.value) : ''}
              onChange={(e) => onChange(e.target.value ? { kind: 'boolean', value: e.target.value === 'true' } : null)}
            >
              <option value="">{t('filter.any')}</option>
              <option value="true">{t('filter.yes')}</option>
              <option value="false">{t('filter.no')}</option>
            </select>
          )}
          {spec.kind === 'relation' && (
            <RelationFilter id={id} field={field} target={spec.target} model={model} value={value?.kind === 'relation' ? value.id : null} onChange={onChange} />
          )}
        </>
      )}
    </div>
  );
}

function TextFilter({ id, value, onChange }: { id: string; value: string; onChange(v: FilterValue | null): void }) {
  const [text, setText] = useState(value);
  const settled = useDebounced(text, 400);
  useEffect(() => setText(value), [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: applies only a settled change of the typed text, not a change of the value or the callback.
  useEffect(() => {
    if (settled !== value) onChange(settled.trim() ? { kind: 'text', text: settled } : null);
  }, [settled]);
  return <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />;
}

function RangeFilter({
  id,
  type,
  value,
  onChange,
}: {
  id: string;
  type: FieldTypeName;
  value: Extract<FilterValue, { kind: 'range' }> | undefined;
  onChange(v: FilterValue | null): void;
}) {
  const { t } = useI18n();
  const from = value?.from ?? null;
  const to = value?.to ?? null;
  const bounds = rangeBoundOf(type);
  const set = (bound: 'from' | 'to', v: string | null) => {
    const next = { kind: 'range' as const, from, to, [bound]: v };
    onChange(next.from || next.to ? next : null);
  };
  if (!bounds) return null;
  return (
    <div className="range">
      <RangeBound id={`${id}-from`} label={t('filter.from')} bounds={bounds} value={from} onCommit={(v) => set('from', v)} />
      <RangeBound id={`${id}-to`} label={t('filter.to')} bounds={bounds} value={to} onCommit={(v) => set('to', v)} />
    </div>
  );
}

/** One end of a range, typed in the locale's notation and applied on Enter or when leaving the box. */
function RangeBound({
  id,
  label,
  bounds,
  value,
  onCommit,
}: {
  id: string;
  label: string;
  bounds: Bound;
  value: string | null;
  onCommit(v: string | null): void;
}) {
  const { sep } = useI18n();
  const shown = value === null ? '' : bounds.show(value, sep);
  const [text, setText] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(shown);
    setInvalid(false);
  }, [shown]);

  function commit() {
    const parsed = bounds.parse(text, sep);
    setInvalid(!parsed.ok);
    if (parsed.ok && parsed.value !== value) onCommit(parsed.value);
  }

  const common = {
    id,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent) => e.key === 'Enter' && commit(),
    placeholder: label,
  };
  return bounds.input === 'calendar' ? (
    <DateInput {...common} value={text} onValueChange={setText} />
  ) : (
    <input {...common} type="text" inputMode={bounds.input} value={text} onChange={(e) => setText(e.target.value)} />
  );
}

function RelationFilter({
  id,
  field,
  target,
  model,
  value,
  onChange,
}: {
  id: string;
  field: FieldDescription;
  target: string;
  model: AppModelDescription;
  value: number | null;
  onChange(v: FilterValue | null): void;
}) {
  const entity = findEntityByKey(model, target);
  // A link may carry only the id: fetch the name to show.
  const current = useQuery({
    queryKey: ['record', target, value],
    queryFn: () => callQuery<RecordRow>(`${target}.get`, { id: value }),
    enabled: value !== null && !!entity,
    staleTime: 60_000,
  });
  const label = value === null ? '' : entity && current.data ? String(current.data[entity.display] ?? `#${value}`) : `#${value}`;
  return (
    <RelationPicker
      id={id}
      compact
      target={entity}
      fieldLabel={field.label}
      value={{ id: value, label }}
      onChange={(v) => onChange(v.id === null ? null : { kind: 'relation', id: v.id })}
    />
  );
}
