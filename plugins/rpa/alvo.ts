/** A processo with its cliente and operadora: everything a robot needs to be told. */
import { ConflictError, type DataAccess } from '#core';
import type { ClienteRow, Entities, OperadoraRow, ProcessoRow } from './generated/model.js';

export interface Alvo {
  processo: ProcessoRow;
  cliente: ClienteRow;
  operadora: OperadoraRow;
}

export async function carregarAlvo(data: DataAccess<Entities>, processoId: number): Promise<Alvo> {
  const processo = await data.entity('processo').get(processoId);
  const cliente = await data.entity('cliente').get(processo.cliente);
  const operadora = await data.entity('operadora').get(cliente.operadora);
  return { processo, cliente, operadora };
}

const STATUS_LABEL: Record<NonNullable<ProcessoRow['status']>, string> = {
  AGUARDANDO_DOWNLOAD: 'aguardando download',
  AGUARDANDO_APROVACAO: 'aguardando aprovação',
  AGUARDANDO_ENVIO_SAT: 'aguardando envio ao SAT',
  UPLOAD_REALIZADO: 'com upload realizado',
};

/** CONFLICT unless the processo is in `status` (what a robot run or an upload needs). */
export function exigirStatus(processo: ProcessoRow, status: NonNullable<ProcessoRow['status']>, acao: string): void {
  if (processo.status !== status)
    throw new ConflictError(`Processo ${processo.mes_ano} está ${STATUS_LABEL[processo.status ?? 'AGUARDANDO_DOWNLOAD']}: não é possível ${acao}`);
}
