/**
 * The cliente's `hash_unico`: SHA-256 of the data that identifies which
 * invoice it is (CNPJ, operadora, unidade, serviço, as the composite unique
 * key), so other systems can name a cliente without its database id.
 */
import { createHash } from 'node:crypto';
import type { Compute } from './generated/model.js';

export const hashUnico: Compute<'cliente', string> = (cliente) =>
  createHash('sha256')
    .update([cliente.cnpj, cliente.operadora, cliente.unidade ?? '', cliente.servico ?? ''].join('|'))
    .digest('hex');
