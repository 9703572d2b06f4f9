import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { isLocale, LOCALES, type Locale } from '../i18n/locale.js';

const NAMES: Record<Locale, string> = { 'pt-BR': 'Português (BR)', en: 'English' };

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id} className="visually-hidden">
        {t('header.language')}
      </label>
      <select id={id} value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)} title={t('header.language')}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
