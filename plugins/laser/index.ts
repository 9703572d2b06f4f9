/**
 * Laser — shop-floor time tracking of the laser cutting cell (replaces the
 * Flask + Oracle "Módulo Laser"): operators, manufacturing orders (OF) with
 * their .step files, apontamentos with pauses, batch confirmation, a time
 * report, and the old frontend's REST endpoints.
 */
import { definePlugin } from './generated/model.js';
import { procedures } from './procedures.js';
import { laserHooks } from './writeGuard.js';
import { routes } from './routes.js';
import { seedLaser } from './seed.js';

export default definePlugin({
  module: 'laser',
  hooks: laserHooks,
  procedures,
  routes,
  seed: seedLaser,
});
