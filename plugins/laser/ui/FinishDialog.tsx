/** Finishing an OF asks what came out of it: pieces produced and scrapped, with big number fields for a touch screen. */
import { useId, useState } from 'react';
import { Dialog, fillPlaceholders, formatInteger, useI18n } from '#ui-plugin';
import { useShopFloorTexts } from './shopFloorTexts.js';

export interface Quantities {
  quantidade_produzida: number;
  quantidade_refugo: number;
}

interface FinishDialogProps {
  numero: string;
  /** The OF's planned quantity, offered as what was produced. */
  planned: number | undefined;
  busy: boolean;
  onCancel(): void;
  onConfirm(quantities: Quantities): void;
}

const WHOLE = /^\d{1,9}$/;

export function FinishDialog({ numero, planned, busy, onCancel, onConfirm }: FinishDialogProps) {
  const tx = useShopFloorTexts();
  const { sep } = useI18n();
  const formId = useId();
  const [produced, setProduced] = useState(planned === undefined ? '' : String(planned));
  const [scrap, setScrap] = useState('0');
  const [checked, setChecked] = useState(false);
  const valid = { produced: WHOLE.test(produced.trim()), scrap: WHOLE.test(scrap.trim()) };
  return (
    <Dialog
      open
      title={fillPlaceholders(tx.finishTitle, { numero })}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="button shop-floor-button" onClick={onCancel} disabled={busy}>
            {tx.cancel}
          </button>
          <button type="submit" form={formId} className="button button-primary shop-floor-button" disabled={busy} aria-busy={busy}>
            {tx.finish}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="shop-floor-quantities"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setChecked(true);
          if (valid.produced && valid.scrap) onConfirm({ quantidade_produzida: Number(produced.trim()), quantidade_refugo: Number(scrap.trim()) });
        }}
      >
        <QuantityField
          label={tx.produced}
          hint={planned === undefined ? undefined : fillPlaceholders(tx.planned, { quantidade: formatInteger(planned, sep) })}
          value={produced}
          onChange={setProduced}
          error={checked && !valid.produced ? tx.wholeNumber : null}
          autoFocus
        />
        <QuantityField label={tx.scrap} value={scrap} onChange={setScrap} error={checked && !valid.scrap ? tx.wholeNumber : null} />
      </form>
    </Dialog>
  );
}

interface QuantityFieldProps {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  error: string | null;
  autoFocus?: boolean;
}

function QuantityField({ label, hint, value, onChange, error, autoFocus }: QuantityFieldProps) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={`field shop-floor-quantity${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="shop-floor-number-input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onFocus={(e) => e.target.select()}
        // biome-ignore lint/a11y/noAutofocus: the dialog opens to be filled in at once; the first quantity takes the focus.
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
