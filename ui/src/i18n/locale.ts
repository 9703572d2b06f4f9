/** The languages the UI speaks, and how each writes numbers. */
export type Locale = 'pt-BR' | 'en';

export const LOCALES: readonly Locale[] = ['pt-BR', 'en'];
export const DEFAULT_LOCALE: Locale = 'pt-BR';

export interface NumberSeparators {
  decimal: string;
  group: string;
}

const SEPARATORS: Record<Locale, NumberSeparators> = {
  'pt-BR': { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

export function separatorsOf(locale: Locale): NumberSeparators {
  return SEPARATORS[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
