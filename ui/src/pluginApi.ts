/**
 * What plugin pages (`plugins/<module>/ui/index.tsx`) may use from the shell,
 * imported as `#ui-plugin`: their registration types, calling their module's
 * procedures with the procedures' own types, the current language, pt-BR
 * number/date formatting and core's exact decimal and date arithmetic.
 * Nothing else of the shell is public.
 */
import { useQuery } from '@tanstack/react-query';
import type { AnyProcedure, ProcedureInput, ProcedureOutput } from '../../core/index.js';
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
export * as decimal from '../../core/values/decimal.js';
export * as isoDate from '../../core/values/isoDate.js';
export type { ProcedureInput, ProcedureOutput } from '../../core/index.js';

/**
 * The query hook of one module's procedures, typed by their definitions:
 * `const useStockQuery = procedureQueries<typeof procedures>('stock')`, then
 * `useStockQuery('summary', { active: true })` takes that procedure's input and
 * gives its output; a wrong name or input is a compile error. Runs through the
 * shell's session and cache.
 */
export function procedureQueries<P extends Readonly<Record<string, AnyProcedure>>>(module: string) {
  // biome-ignore lint/correctness/noComponentHookFactories: a plugin calls procedureQueries once at module level to fix the procedures' types; the hook itself is stable.
  return function useModuleQuery<K extends Extract<keyof P, string>>(name: K, input: ProcedureInput<P[K]>) {
    const path = `${module}.${name}`;
    return useQuery({ queryKey: ['procedure', path, input], queryFn: () => callQuery<ProcedureOutput<P[K]>>(path, input) });
  };
}
