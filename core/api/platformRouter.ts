import type { AppModel } from '../model/types.js';
import type { SessionUser } from '../plugin/types.js';
import type { EntityServices } from '../service/entityServices.js';
import { ForbiddenError } from '../errors/index.js';
import { isAdmin } from '../auth/permissions.js';
import type { ListInput } from '../service/entityService.js';
import { SYSTEM_USER } from '../service/systemUser.js';
import { authedProcedure } from './trpc.js';
import { compileInputParser } from '../input/validateInput.js';
import { listInputSchema } from './entitySchemas.js';
import { describeModelFor } from './describeModel.js';

const AUDIT = 'platform.audit';
const USER = 'platform.user';

/** Colleagues' names for histories and "saved by" notices; nothing else about them. */
const parseUserNames = compileInputParser<{ ids: number[] }>({
  type: 'object',
  additionalProperties: false,
  required: ['ids'],
  properties: { ids: { type: 'array', maxItems: 200, items: { type: 'integer', minimum: 1 } } },
});

/** `platform.model`, `platform.audit` and `platform.userNames`; `platform.user.*` is generated like any entity. */
export function buildPlatformProcedures(model: AppModel) {
  const parseAuditList = compileInputParser<ListInput>(listInputSchema(model.entity(AUDIT)));
  return {
    model: authedProcedure.query(({ ctx }) => describeModelFor(model, ctx.auth.user, ctx.services.timeZone)),
    userNames: authedProcedure.input(parseUserNames).query(async ({ ctx, input }) => {
      const caller = ctx.auth.user;
      const visible = colleagueRule(model, caller);
      if (input.ids.length === 0) return [];
      const found = await ctx.services.service(USER).list(SYSTEM_USER, { filter: { id: { in: input.ids } }, pageSize: 200 });
      return found.rows.filter((r) => r.id === caller.id || visible(r.roles)).map((r) => ({ id: r.id, name: r.name }));
    }),
    audit: authedProcedure.input(parseAuditList).query(async ({ ctx, input }) => {
      const user = ctx.auth.user;
      if (!isAdmin(user)) await checkRecordHistoryAccess(ctx.services, user, input);
      return ctx.services.service(AUDIT).list(SYSTEM_USER, input);
    }),
  };
}

/** Non-admins may read the history of one record they can read themselves. */
async function checkRecordHistoryAccess(services: EntityServices, user: SessionUser, input: ListInput): Promise<void> {
  const f = input.filter ?? {};
  const [module, entity, recordId] = [f.module, f.entity, f.record_id];
  if (typeof module !== 'string' || typeof entity !== 'string' || typeof recordId !== 'number') {
    throw new ForbiddenError("Only admins may list the whole audit trail; filter by module, entity and record_id to see one record's history");
  }
  const key = `${module}.${entity}`;
  if (!services.model.modules[module]?.entities[entity] || services.model.entity(key).internal) throw new ForbiddenError(`No history for ${key}`);
  await services.service(key).get(user, recordId);
}

/**
 * Whose names a user may look up: an admin anyone's; others, the admins
 * (their names stand in every history) and the users holding a role of a
 * module the caller holds a role in. A user without roles works in no module
 * and sees no one.
 */
function colleagueRule(model: AppModel, user: SessionUser): (roles: unknown) => boolean {
  if (isAdmin(user)) return () => true;
  const shared = new Set(Object.values(model.modules).flatMap((m) => (m.roles.some((r) => user.roles.includes(r)) ? m.roles : [])));
  if (shared.size === 0) return () => false;
  return (roles) => Array.isArray(roles) && roles.some((r) => r === 'admin' || shared.has(String(r)));
}
