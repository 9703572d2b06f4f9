/** Calls the rpa module's procedures (CONTRACTS.md §7b) with their server-side input and output types. */
import { type ProcedureOutput, procedureQueries } from '#ui-plugin';
import type { RpaProcedures } from '../procedures.js';

export const useRpaQuery = procedureQueries<RpaProcedures>('rpa');

/** `rpa.painel`'s answer. */
export type Painel = ProcedureOutput<RpaProcedures['painel']>;
