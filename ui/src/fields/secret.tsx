/**
 * A secret (a portal password): the form never holds its value, only whether
 * one is set ("definida"/"não definida"), with Substituir and Remover. Left
 * alone it is not sent, so it stays; read-only screens show "••••••" when set.
 */
import { useI18n } from '../i18n/I18nProvider.js';
import { defineFieldType, type ControlProps } from './fieldType.js';

/** What the control holds: never the current value, which the browser never gets. */
interface SecretInput {
  /** The record has a value (its row says `true`). */
  set: boolean;
  /** keep: send nothing; replace: send the typed text; clear: send null. */
  action: 'keep' | 'replace' | 'clear';
  text: string;
}

const UNSET: SecretInput = { set: false, action: 'replace', text: '' };

function SecretControl({ common, input, field, ariaLabel }: ControlProps) {
  const { t } = useI18n();
  const value = (input.value as SecretInput | null) ?? UNSET;
  const change = (patch: Partial<SecretInput>) => input.onChange({ ...value, ...patch });
  const label = ariaLabel ?? field.label;
  const state = value.action === 'clear' ? 'secret.willClear' : value.set ? 'secret.set' : 'secret.unset';
  return (
    <div className="secret-input">
      <span className={`secret-state${value.set && value.action !== 'clear' ? ' is-set' : ''}`}>{t(state)}</span>
      {value.action === 'replace' && (
        <input
          {...common}
          ref={input.ref}
          type="password"
          autoComplete="new-password"
          placeholder={t('secret.newValue')}
          value={value.text}
          onChange={(e) => change({ text: e.target.value })}
        />
      )}
      {value.set && value.action === 'keep' && (
        // The field's label points here while no box is shown; the button still says what it does.
        <button
          {...common}
          type="button"
          className="button button-small"
          aria-label={`${t('secret.replace')}: ${label}`}
          onClick={() => change({ action: 'replace' })}
        >
          {t('secret.replace')}
        </button>
      )}
      {value.set && value.action !== 'clear' && (
        <button
          type="button"
          className="button button-small"
          aria-label={`${t('secret.clear')}: ${label}`}
          onClick={() => change({ action: 'clear', text: '' })}
        >
          {t('secret.clear')}
        </button>
      )}
      {value.set && value.action !== 'keep' && (
        <button type="button" className="button button-small" onClick={() => change({ action: 'keep', text: '' })}>
          {t('secret.keep')}
        </button>
      )}
    </div>
  );
}

export const secretField = defineFieldType({
  Control: SecretControl,
  defaultValue: () => UNSET,
  toInput: (_field, value): SecretInput => (value === true ? { set: true, action: 'keep', text: '' } : UNSET),
  toData: (_field, input) => {
    const { set, action, text } = (input as SecretInput | null) ?? UNSET;
    if (action === 'clear') return { value: null };
    if (action === 'replace' && text !== '') return { value: text };
    // Nothing typed: a record without one sends null (so "required" is checked), one with a value keeps it.
    return { value: set ? undefined : null };
  },
  text: () => '••••••',
});
