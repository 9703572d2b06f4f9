/**
 * A date typed as dd/mm/aaaa (slashes added while typing digits), with a
 * button that opens the browser's calendar. The value is the typed text;
 * converting it is the form's job.
 */
import { forwardRef, useRef, type InputHTMLAttributes } from 'react';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatDate, maskDateTyping, parseDateText } from '../../format/dateText.js';

type DateInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onValueChange(text: string): void;
  withTime?: boolean;
};

export const DateInput = forwardRef<HTMLInputElement, DateInputProps>(function DateInput({ value, onValueChange, withTime, ...rest }, ref) {
  const { t } = useI18n();
  const pickerRef = useRef<HTMLInputElement>(null);
  const parsed = parseDateText(value.slice(0, 10));
  const pickerValue = parsed.ok && parsed.value ? parsed.value : '';

  function openCalendar() {
    const picker = pickerRef.current;
    if (!picker) return;
    try {
      picker.showPicker();
    } catch {
      picker.focus();
    }
  }

  return (
    <div className="date-input">
      <input
        {...rest}
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={withTime ? t('form.dateTimeHint') : t('form.dateHint')}
        value={value}
        onChange={(e) => onValueChange(withTime ? e.target.value : maskDateTyping(e.target.value))}
      />
      {!withTime && (
        <>
          <button
            type="button"
            className="date-input-button"
            onClick={openCalendar}
            aria-label={t('form.openCalendar')}
            title={t('form.openCalendar')}
            tabIndex={-1}
          >
            <Icon name="calendar" size={16} />
          </button>
          <input
            ref={pickerRef}
            type="date"
            className="date-input-picker"
            tabIndex={-1}
            aria-hidden="true"
            value={pickerValue}
            onChange={(e) => e.target.value && onValueChange(formatDate(e.target.value))}
          />
        </>
      )}
    </div>
  );
});
