/**
 * Picks a related record by typing part of its name: a combobox that asks
 * `<module>.<target>.list` with the typed text. Arrow keys move, Enter picks,
 * Esc closes the list. Without read access to the target, an id box instead.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { callQuery } from '../../api/apiClient.js';
import { useDebounced } from '../../components/useDebounced.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { EntityDescription, ListResult, RecordRow } from '../../model/modelTypes.js';

/** A picked relation: the target's id and the text shown for it. */
export interface RelationValue {
  id: number | null;
  label: string;
}
import { relationSearchInput } from './relationOptions.js';

interface RelationPickerProps {
  id: string;
  target: EntityDescription | undefined;
  fieldLabel: string;
  value: RelationValue;
  onChange(value: RelationValue): void;
  onBlur?(): void;
  invalid?: boolean;
  describedBy?: string;
  required?: boolean;
  compact?: boolean;
}

export function RelationPicker(props: RelationPickerProps) {
  if (!props.target) return <RelationIdInput {...props} />;
  return <RelationCombobox {...props} target={props.target} />;
}

function RelationCombobox({
  id,
  target,
  fieldLabel,
  value,
  onChange,
  onBlur,
  invalid,
  describedBy,
  required,
  compact,
}: RelationPickerProps & { target: EntityDescription }) {
  const { t } = useI18n();
  const listId = useId();
  const [text, setText] = useState(value.label);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const closing = useRef<number | undefined>(undefined);
  const typed = useDebounced(text, 250);
  const searchText = open && typed !== value.label ? typed : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: picking another record with the same label still resets what was typed.
  useEffect(() => setText(value.label), [value.id, value.label]);

  const options = useQuery({
    queryKey: ['relation-options', target.key, searchText],
    queryFn: () => callQuery<ListResult>(`${target.key}.list`, relationSearchInput(target, searchText)),
    enabled: open,
    staleTime: 30_000,
  });
  const rows = options.data?.rows ?? [];

  function labelOf(row: RecordRow): string {
    const v = row[target.display];
    return v === null || v === undefined || v === '' ? `#${row.id}` : String(v);
  }

  function pick(row: RecordRow) {
    const next = { id: row.id, label: labelOf(row) };
    onChange(next);
    setText(next.label);
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, Math.max(rows.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const row = rows[active];
      if (row) pick(row);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setText(value.label);
    }
  }

  return (
    <div className={`combobox${compact ? ' combobox-compact' : ''}`}>
      <div className="combobox-input">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && rows[active] ? `${listId}-${rows[active].id}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          placeholder={compact ? t('relation.searchShort') : t('relation.search', { entity: target.labelPlural.toLowerCase() })}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => {
            // Back in the field before a blur's delayed close ran: keep the list open.
            window.clearTimeout(closing.current);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            // Let a click on an option land first.
            closing.current = window.setTimeout(() => {
              setOpen(false);
              setText(value.label);
              onBlur?.();
            }, 150);
          }}
        />
        {value.id !== null && (
          <button
            type="button"
            className="combobox-clear"
            aria-label={t('relation.clear', { field: fieldLabel })}
            onClick={() => {
              onChange({ id: null, label: '' });
              setText('');
              inputRef.current?.focus();
            }}
          >
            <Icon name="close" size={14} />
          </button>
        )}
      </div>
      {open && (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern's popup, a list of options.
        <ul id={listId} role="listbox" className="combobox-list" aria-label={target.labelPlural}>
          {options.isPending && <li className="combobox-note">{t('relation.searching')}</li>}
          {options.isSuccess && rows.length === 0 && <li className="combobox-note">{t('relation.noResults')}</li>}
          {rows.map((row, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: the input keeps the focus and points at the active option (aria-activedescendant).
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input's onKeyDown picks with Enter and moves with the arrows.
            <li
              key={row.id}
              id={`${listId}-${row.id}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox's listbox.
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(row)}
              onMouseEnter={() => setActive(i)}
            >
              {labelOf(row)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** No read access to the target: the id can still be typed and the current name is shown. */
function RelationIdInput({ id, fieldLabel, value, onChange, onBlur, invalid, describedBy }: RelationPickerProps) {
  const { t } = useI18n();
  const hintId = useId();
  return (
    <div>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={value.id ?? ''}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, hintId].filter(Boolean).join(' ')}
        onChange={(e) => {
          const n = Number(e.target.value);
          onChange(e.target.value === '' || !Number.isSafeInteger(n) ? { id: null, label: '' } : { id: n, label: `#${n}` });
        }}
        onBlur={onBlur}
      />
      <p id={hintId} className="hint">
        {value.label && value.label !== `#${value.id}` ? `${value.label} — ` : ''}
        {t('relation.unavailable', { field: fieldLabel })}
      </p>
    </div>
  );
}
