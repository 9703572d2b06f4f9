/**
 * What plugin pages (`plugins/<module>/ui/index.tsx`) may use from the shell:
 * their registration types, calling their module's procedures, the current
 * language and pt-BR number/date formatting. Nothing else of the shell is public.
 */
import { useQuery } from '@tanstack/react-query';
import { callQuery } from './api/apiClient.js';

export type { PluginUi, PluginPage, PluginPageProps, LocalizedText } from './plugins/pluginUiTypes.js';
export type { ModuleDescription } from './model/modelTypes.js';
export { useI18n } from './i18n/I18nProvider.js';
export type { Locale } from './i18n/locale.js';
export { formatDecimal, formatInteger } from './format/decimalText.js';
export { formatDate, parseDateText, todayIso } from './format/dateText.js';
export { DateInput } from './form/inputs/DateInput.js';
export { LoadingState } from './components/LoadingState.js';
export { ErrorState } from './components/ErrorState.js';

/** Runs a query procedure of the API (`<module>.<name>`) through the shell's session and cache. */
export function useProcedureQuery<T>(path: string, input?: unknown) {
  return useQuery({ queryKey: ['procedure', path, input ?? null], queryFn: () => callQuery<T>(path, input) });
}
