/**
 * The report page's own types; what the `sgp.relatorio_*` procedures take and
 * return comes from the procedures themselves (see sgpQuery.ts).
 */
import type { DateMode } from '../reports/period.js';

export type { DateMode };

/** The page's period controls: the procedures' input with the mode always chosen. */
export interface Period {
  inicio?: string;
  fim?: string;
  modo: DateMode;
}
