/** Calls the rpa module's procedures (CONTRACTS.md §7b). */
import { procedureQueries } from '#ui-plugin';

/** `rpa.painel`'s answer. */
export interface Painel {
  mes_ano: string;
  por_status: { status: string; total: number }[];
  por_operadora: { operadora: number; codigo: string; nome: string; status: string; total: number }[];
  falhas: { execucao: number; processo: number; mes_ano: string; cliente: string; operadora: string; tipo: string; status: string; erro: string | null; fim: string | null }[];
  executando: { execucao: number; processo: number; mes_ano: string; cliente: string; operadora: string; tipo: string; status: string; run: number | null; tentativa: number; inicio: string | null }[];
}
