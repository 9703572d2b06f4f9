/** The rpa module's own UI: the dashboard page, and the processo screen's invoice upload. Charts load on first visit. */
import { lazy } from 'react';
import type { PluginUi } from '#ui-plugin';
import { ProcessoPanel } from './ProcessoPanel.js';
import './rpa.css';

const DashboardPage = lazy(() => import('./DashboardPage.js').then((m) => ({ default: m.DashboardPage })));

const rpaUi: PluginUi = {
  pages: [{ path: 'painel', label: { 'pt-BR': 'Painel', en: 'Dashboard' }, requires: 'processo', component: DashboardPage }],
  recordPanels: [{ entity: 'processo', name: 'fatura', component: ProcessoPanel }],
};

export default rpaUi;
