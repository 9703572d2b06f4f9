/**
 * Who is at the machine: a badge scanner types the code and Enter, so the
 * input has the focus from the start and Enter submits.
 */
import { useId, useState } from 'react';
import { Icon } from '#ui-plugin';
import { ProblemNotice } from './ProblemNotice.js';
import { useShopFloorTexts } from './shopFloorTexts.js';

export function OperatorLogin({ problem, onSubmit }: { problem: string | null; onSubmit(codigo: string): void }) {
  const tx = useShopFloorTexts();
  const id = useId();
  const [codigo, setCodigo] = useState('');
  return (
    <form
      className="card shop-floor-login"
      onSubmit={(e) => {
        e.preventDefault();
        const code = codigo.trim();
        if (code) onSubmit(code);
      }}
    >
      <label htmlFor={id} className="shop-floor-login-label">
        {tx.operatorCode}
      </label>
      <p id={`${id}-hint`} className="muted">
        {tx.operatorHint}
      </p>
      <div className="shop-floor-login-row">
        <input
          id={id}
          className="shop-floor-code-input"
          value={codigo}
          onChange={(e) => setCodigo(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="go"
          // biome-ignore lint/a11y/noAutofocus: a shop-floor terminal is operated by a badge scanner that types into whatever has the focus.
          autoFocus
          aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={problem ? true : undefined}
        />
        <button type="submit" className="button button-primary shop-floor-button">
          <Icon name="chevronRight" size={24} /> {tx.enter}
        </button>
      </div>
      {problem && <ProblemNotice id={`${id}-error`} text={problem} />}
    </form>
  );
}
