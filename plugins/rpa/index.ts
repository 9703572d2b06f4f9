/**
 * RPA — the company's invoice robots (replaces the Flask "Sistema de
 * Orquestração RPA"): operadoras and their clientes, one processo per cliente
 * and month whose invoice a robot downloads, an APROVADOR approves and a robot
 * sends to the SAT, every robot attempt an execução with its live log.
 */
import { definePlugin } from './generated/model.js';
import { criarProcessosMensaisJob, executarDownloadsJob, limpezaLogsJob } from './agendamentos.js';
import { baixarFaturaJob } from './download.js';
import { enviarSatJob } from './sat.js';
import { hashUnico } from './hashUnico.js';
import { execucaoHooks } from './somenteModulo.js';
import { procedures } from './procedures.js';
import { uploadManual } from './uploadManual.js';
import { seedRpa } from './seed.js';

export default definePlugin({
  module: 'rpa',
  hooks: { execucao: execucaoHooks },
  computed: { cliente: { hash_unico: hashUnico } },
  integrations: { robot: { label: 'API do robô RPA', timeoutMs: 15_000, retries: 3 } },
  procedures,
  routes: { upload_manual: uploadManual },
  jobs: {
    baixar_fatura: baixarFaturaJob,
    enviar_sat: enviarSatJob,
    criar_processos_mensais: criarProcessosMensaisJob,
    executar_downloads: executarDownloadsJob,
    limpeza_logs: limpezaLogsJob,
  },
  seed: seedRpa,
});
