/** The laser module's own UI: the shop-floor page operators use at the machines. */
import { lazy } from 'react';
import type { PluginUi } from '#ui-plugin';

const ShopFloorPage = lazy(() => import('./ShopFloorPage.js').then((m) => ({ default: m.ShopFloorPage })));

const laserUi: PluginUi = {
  pages: [{ path: 'chao-de-fabrica', label: { 'pt-BR': 'Chão de fábrica', en: 'Shop floor' }, requires: 'apontamento', component: ShopFloorPage }],
};

export default laserUi;
