/** SGP's own UI: the reports page, in the module's menu. Loaded on first visit (charts are heavy). */
import { lazy } from 'react';
import type { PluginUi } from '#ui-plugin';

const ReportsPage = lazy(() => import('./ReportsPage.js').then((m) => ({ default: m.ReportsPage })));

const sgpUi: PluginUi = {
  pages: [{ path: 'relatorios', label: { 'pt-BR': 'Relatórios', en: 'Reports' }, requires: 'pedido', component: ReportsPage }],
};

export default sgpUi;
