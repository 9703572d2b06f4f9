import type { ModuleModel } from '../model/types.js';
import type { ProcedureAccess, ProcedureDef, RequestFacts, SessionUser } from '../plugin/types.js';
import { ForbiddenError } from '../errors/index.js';
import { isAdmin } from '../auth/permissions.js';
import { pluginContext } from '../service/pluginContext.js';
import type { EntityServices } from '../service/entityServices.js';
import { authedProcedure } from './trpc.js';
import { compileInputParser } from '../input/validateInput.js';

/** A module plugin's own procedures, each behind its declared access rule. */
export function buildPluginProcedures(module: ModuleModel) {
  const procedures: Record<string, ReturnType<typeof toProcedure>> = {};
  for (const [name, def] of Object.entries(module.procedures)) procedures[name] = toProcedure(module.name, def);
  return procedures;
}

function toProcedure(module: string, def: ProcedureDef<unknown, unknown>) {
  const parse = compileInputParser(def.input);
  const base = authedProcedure.input(parse);
  const run = ({ ctx, input }: { ctx: { services: EntityServices; auth: { user: SessionUser }; request: RequestFacts }; input: unknown }) => {
    checkAccess(ctx.services, module, def, ctx.auth.user);
    return def.resolve({ input, ctx: pluginContext(ctx.services, module, ctx.auth.user, undefined, ctx.request) });
  };
  return def.kind === 'query' ? base.query(run) : base.mutation(run);
}

/** FORBIDDEN unless `user` passes a procedure's or route's access rule. */
export function checkAccess(services: EntityServices, module: string, def: { access: ProcedureAccess }, user: SessionUser): void {
  const access = def.access;
  if ('roles' in access) {
    if (!isAdmin(user) && !access.roles.some((r) => r === '*' || user.roles.includes(r))) throw new ForbiddenError('No permission for this action');
    return;
  }
  const key = access.entity.includes('.') ? access.entity : `${module}.${access.entity}`;
  services.service(key).require(access.action, user);
}
