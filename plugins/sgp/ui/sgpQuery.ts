/** Calls SGP's report procedures with their server-side input and output types. */
import { procedureQueries } from '#ui-plugin';
import type { ReportProcedures } from '../reports/index.js';

export const useSgpQuery = procedureQueries<ReportProcedures>('sgp');
