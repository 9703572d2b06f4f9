/** The dashboard's month: typed as MM/AAAA (applied once valid) or stepped with the arrows. */
import { useEffect, useId, useState } from 'react';
import { Icon } from '#ui-plugin';
import { MES_ANO, shiftMesAno } from './monthOf.js';
import { useRpaTexts } from './rpaTexts.js';

export function MonthControls({ value, onChange }: { value: string; onChange(mesAno: string): void }) {
  const tx = useRpaTexts();
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const invalid = text.length >= 7 && !MES_ANO.test(text);
  const type = (next: string) => {
    setText(next);
    if (MES_ANO.test(next) && next !== value) onChange(next);
  };
  return (
    <fieldset className="report-controls rpa-month">
      <legend>{tx.mes}</legend>
      <button type="button" className="button button-icon" aria-label={tx.mesAnterior} title={tx.mesAnterior} onClick={() => onChange(shiftMesAno(value, -1))}>
        <Icon name="chevronLeft" />
      </button>
      <div className={`field${invalid ? ' has-error' : ''}`}>
        <label htmlFor={id} className="visually-hidden">
          {tx.mes}
        </label>
        <input
          id={id}
          inputMode="numeric"
          maxLength={7}
          placeholder="MM/AAAA"
          value={text}
          onChange={(e) => type(e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
        />
        {invalid && (
          <p id={`${id}-error`} className="field-error">
            {tx.mesInvalido}
          </p>
        )}
      </div>
      <button type="button" className="button button-icon" aria-label={tx.mesSeguinte} title={tx.mesSeguinte} onClick={() => onChange(shiftMesAno(value, 1))}>
        <Icon name="chevronRight" />
      </button>
    </fieldset>
  );
}
