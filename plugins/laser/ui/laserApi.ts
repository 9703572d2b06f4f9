/** The laser procedures the shop floor calls, with their server-side input and output types. */
import { procedureMutations, procedureQueries, type ProcedureOutput } from '#ui-plugin';
import type { procedures } from '../procedures.js';

type LaserProcedures = typeof procedures;

export const useLaserQuery = procedureQueries<LaserProcedures>('laser');
export const useLaserMutation = procedureMutations<LaserProcedures>('laser');

export type Sequenciamento = ProcedureOutput<LaserProcedures['sequenciamento']>;
export type ItemFila = Sequenciamento['fila'][number];
export type ApontamentoResumo = ProcedureOutput<LaserProcedures['iniciar']>;

/** What the page shows changes whenever someone starts, pauses or finishes work, here or on another terminal. */
export const LIVE = { refreshOn: ['laser.apontamento', 'laser.ordem_fabricacao'] } as const;
