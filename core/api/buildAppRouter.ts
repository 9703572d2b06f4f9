import type { AnyTRPCRouter } from '@trpc/server';
import type { AppModel } from '../model/types.js';
import { router } from './trpc.js';
import { buildEntityRouter } from './buildEntityRouter.js';
import { buildPluginProcedures } from './buildPluginProcedures.js';
import { buildPlatformProcedures } from './platformRouter.js';

/**
 * One router for the whole app model: `<module>.<entity>.<action>` for every
 * entity, `<module>.<procedure>` for plugin procedures, plus `platform.model`/`platform.audit`.
 */
export function buildAppRouter(model: AppModel): AnyTRPCRouter {
  const modules: Record<string, AnyTRPCRouter> = {};
  for (const mod of Object.values(model.modules)) {
    const entries: Record<string, unknown> = {};
    for (const entity of Object.values(mod.entities)) {
      if (!entity.internal) entries[entity.name] = buildEntityRouter(entity, model);
    }
    for (const [name, proc] of Object.entries(buildPluginProcedures(mod))) {
      if (entries[name]) throw new Error(`${mod.source}: plugin procedure "${name}" clashes with entity "${mod.name}.${name}"`);
      entries[name] = proc;
    }
    if (mod.name === 'platform') Object.assign(entries, buildPlatformProcedures(model));
    modules[mod.name] = router(entries as never);
  }
  return router(modules as never);
}
