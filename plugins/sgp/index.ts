/**
 * SGP — graphic-production orders. The manifest (manifests/sgp.json) declares
 * the data; this plugin adds what it cannot: automatic numbers, computed
 * totals, reports, the nightly backup job and demo data.
 */
import { definePlugin } from './generated/model.js';
import { backupJob } from './jobs/backup.js';
import { pedidoHooks } from './numbering.js';
import { fichaProducao } from './ficha/index.js';
import { reportProcedures } from './reports/index.js';
import { seedDemoData } from './seed/index.js';
import { metroQuadrado, valorItens, valorTotal } from './totals.js';

export default definePlugin({
  module: 'sgp',
  hooks: {
    pedido: pedidoHooks,
  },
  computed: {
    pedido: { valor_itens: valorItens, valor_total: valorTotal },
    item_pedido: { metro_quadrado: metroQuadrado },
  },
  procedures: reportProcedures,
  jobs: { backup: backupJob },
  documents: { ficha_producao: fichaProducao },
  seed: seedDemoData,
});
