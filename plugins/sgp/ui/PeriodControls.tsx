/** Period (dd/mm/aaaa) and which pedido date it applies to; applied when a date is complete and valid. */
import { useEffect, useId, useState } from 'react';
import { DateInput, formatDate, parseDateText } from '#ui-plugin';
import type { DateMode, Period } from './reportTypes.js';
import { useReportTexts } from './reportTexts.js';

export function PeriodControls({ value, onChange }: { value: Period; onChange(p: Period): void }) {
  const tx = useReportTexts();
  const ids = { from: useId(), to: useId(), mode: useId() };
  return (
    <fieldset className="report-controls">
      <legend>{tx.period}</legend>
      <DateBox id={ids.from} label={tx.from} value={value.inicio} onCommit={(inicio) => onChange({ ...value, inicio })} invalidText={tx.invalidDate} />
      <DateBox id={ids.to} label={tx.to} value={value.fim} onCommit={(fim) => onChange({ ...value, fim })} invalidText={tx.invalidDate} />
      <div className="field">
        <label htmlFor={ids.mode}>{tx.mode}</label>
        <select id={ids.mode} value={value.modo} onChange={(e) => onChange({ ...value, modo: e.target.value as DateMode })}>
          <option value="entrada">{tx.modeEntrada}</option>
          <option value="entrega">{tx.modeEntrega}</option>
        </select>
      </div>
    </fieldset>
  );
}

function DateBox({
  id,
  label,
  value,
  onCommit,
  invalidText,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onCommit(v: string | undefined): void;
  invalidText: string;
}) {
  const [text, setText] = useState(formatDate(value));
  const parsed = parseDateText(text);
  const complete = text === '' || text.length >= 10;
  useEffect(() => setText(formatDate(value)), [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: applies only when the typed date changes, not when the value or the callback does.
  useEffect(() => {
    if (complete && parsed.ok && (parsed.value ?? undefined) !== value) onCommit(parsed.value ?? undefined);
  }, [text]);
  const invalid = complete && !parsed.ok;
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <DateInput id={id} value={text} onValueChange={setText} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${id}-error` : undefined} />
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {invalidText}
        </p>
      )}
    </div>
  );
}
