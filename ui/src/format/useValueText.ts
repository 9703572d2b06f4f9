import { useCallback } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import type { FieldDescription } from '../model/modelTypes.js';
import { valueText } from './valueText.js';

/** valueText with the current language's words and separators. */
export function useValueText() {
  const { t, sep } = useI18n();
  return useCallback(
    (field: FieldDescription, value: unknown, display?: string | null) =>
      valueText(field, value, display, { sep, yes: t('value.yes'), no: t('value.no'), empty: t('value.empty') }),
    [t, sep],
  );
}
