import { useMemo } from 'react';
import { todayIso } from '../format/dateText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { findEntityByKey } from '../model/entityLookup.js';
import type { AppModelDescription } from '../model/modelTypes.js';
import type { FormContext } from './formValues.js';

/** What converting form values needs: separators, child entities, today's date. */
export function useFormContextValues(model: AppModelDescription): FormContext {
  const { sep } = useI18n();
  return useMemo(() => {
    const now = new Date();
    return { sep, childEntity: (key: string) => findEntityByKey(model, key), today: todayIso(now, model.timeZone), now: now.toISOString() };
  }, [sep, model]);
}
