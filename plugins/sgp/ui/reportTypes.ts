/**
 * What the `sgp.relatorio_*` procedures return, taken from the procedures
 * themselves (plugins/sgp/reports) so the page and the server cannot drift.
 * Decimals are exact strings.
 */
export type { DateMode } from '../reports/period.js';
export type { StatusLinha } from '../reports/porStatus.js';
export type { ClienteLinha } from '../reports/porCliente.js';
export type { ItemGrupoLinha as VendedorLinha } from '../reports/porItem.js';
export type { MesLinha } from '../reports/tendenciaMensal.js';
export type { ValorPeriodo } from '../reports/valorPeriodo.js';
import type { DateMode } from '../reports/period.js';

/** The page's period controls: the procedures' input with the mode always chosen. */
export interface Period {
  inicio?: string;
  fim?: string;
  modo: DateMode;
}
