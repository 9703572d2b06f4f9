/**
 * RPA — the company's invoice robots (replaces the Flask "Sistema de
 * Orquestração RPA"): operadoras and their clientes, one processo per cliente
 * and month whose invoice a robot downloads, an APROVADOR approves and a robot
 * sends to the SAT, every robot run an execução with its live log.
 */
import { definePlugin } from './generated/model.js';
import { criarProcessosMensaisJob, limpezaLogsJob } from './agendamentos.js';
import { hashUnico } from './hashUnico.js';
import { seedRpa } from './seed.js';

export default definePlugin({
  module: 'rpa',
  computed: { cliente: { hash_unico: hashUnico } },
  jobs: { criar_processos_mensais: criarProcessosMensaisJob, limpeza_logs: limpezaLogsJob },
  seed: seedRpa,
});
