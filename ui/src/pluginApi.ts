/**
 * What plugin pages (`plugins/<module>/ui/index.tsx`) may use from the shell,
 * imported as `#ui-plugin`: their registration types, calling their module's
 * procedures with the procedures' own types, reacting to live changes, the
 * current language, pt-BR number/date formatting and core's exact decimal,
 * date and duration arithmetic. Nothing else of the shell is public.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnyProcedure, ProcedureInput, ProcedureOutput } from '../../core/index.js';
import { callMutation, callQuery } from './api/apiClient.js';
import { useEntityChanges } from './realtime/useEntityChanges.js';

export type { PluginUi, PluginPage, PluginPageProps, LocalizedText } from './plugins/pluginUiTypes.js';
export type { RecordPanel, RecordPanelProps } from './plugins/pluginUiTypes.js';
export type { EntityDescription, RecordRow } from './model/modelTypes.js';
export { sendFile, UploadError, type Upload } from './files/sendFile.js';
export type { ModuleDescription } from './model/modelTypes.js';
export { useI18n } from './i18n/I18nProvider.js';
export { fillPlaceholders } from './i18n/translate.js';
export type { Locale } from './i18n/locale.js';
export { formatDecimal, formatInteger } from './format/decimalText.js';
export { formatDate, parseDateText, todayIso } from './format/dateText.js';
export { formatDateTime } from './format/dateText.js';
export { DateInput } from './form/inputs/DateInput.js';
export { LoadingState } from './components/LoadingState.js';
export { ErrorState } from './components/ErrorState.js';
export { Dialog } from './components/Dialog.js';
export { Icon, type IconName } from './components/Icon.js';
export { useToast } from './components/ToastProvider.js';
export * as decimal from '../../core/values/decimal.js';
export * as isoDate from '../../core/values/isoDate.js';
export * as duration from '../../core/values/duration.js';
export { ApiError, isApiError, type ApiErrorCode } from './api/apiError.js';
export type { ChangeEvent } from './realtime/changeEvents.js';
export { useEntityChanges };
/** The run viewer (`<RunLog runId={…} />`, live lines) and the runs of one record, for pages that start record jobs. */
export { RunLog, useRecordRuns, type JobRunView } from './runs/index.js';
export type { ProcedureInput, ProcedureOutput } from '../../core/index.js';

type ProcedureName<P> = Extract<keyof P, string>;

export interface ProcedureQueryOptions {
  /**
   * Entities (`'<module>.<entity>'`) whose committed changes, by anyone, make
   * the query fetch again: what keeps a plugin page live like the shell's lists.
   */
  refreshOn?: readonly string[];
}

/**
 * The query hook of one module's procedures, typed by their definitions:
 * `const useStockQuery = procedureQueries<typeof procedures>('stock')`, then
 * `useStockQuery('summary', { active: true })` takes that procedure's input and
 * gives its output; a wrong name or input is a compile error. Runs through the
 * shell's session and cache.
 */
export function procedureQueries<P extends Readonly<Record<string, AnyProcedure>>>(module: string) {
  // biome-ignore lint/correctness/noComponentHookFactories: a plugin calls procedureQueries once at module level to fix the procedures' types; the hook itself is stable.
  return function useModuleQuery<K extends ProcedureName<P>>(name: K, input: ProcedureInput<P[K]>, options: ProcedureQueryOptions = {}) {
    const queryClient = useQueryClient();
    const queryKey = ['procedure', module, name, input];
    useEntityChanges(options.refreshOn ?? [], () => void queryClient.invalidateQueries({ queryKey }));
    return useQuery({ queryKey, queryFn: () => callQuery<ProcedureOutput<P[K]>>(`${module}.${name}`, input) });
  };
}

/**
 * The mutation hook of one module's procedures, typed like `procedureQueries`:
 * `const useStockMutation = procedureMutations<typeof procedures>('stock')`, then
 * `useStockMutation('reserve').mutateAsync({ item: 3 })`. Once the call is
 * answered the module's procedure queries fetch again: after a success the page
 * shows what it changed without waiting for the change events, and a refusal
 * (often a page that missed someone else's change) brings it up to date.
 */
export function procedureMutations<P extends Readonly<Record<string, AnyProcedure>>>(module: string) {
  // biome-ignore lint/correctness/noComponentHookFactories: as procedureQueries, called once at module level; the hook itself is stable.
  return function useModuleMutation<K extends ProcedureName<P>>(name: K) {
    const queryClient = useQueryClient();
    return useMutation({
      mutationFn: (input: ProcedureInput<P[K]>) => callMutation<ProcedureOutput<P[K]>>(`${module}.${name}`, input),
      onSettled: () => queryClient.invalidateQueries({ queryKey: ['procedure', module] }),
    });
  };
}
