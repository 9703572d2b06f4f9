import type { AppModel, EntityModel } from '../model/types.js';
import type { Row } from '../plugin/types.js';
import type { ListInput } from '../service/entityService.js';
import { authedProcedure, router, type ApiContext } from './trpc.js';
import { compileInputParser } from '../input/validateInput.js';
import { createInputSchema, ID_INPUT_SCHEMA, listInputSchema, updateInputSchema } from './entitySchemas.js';
import { buildWorkflowProcedures } from './buildWorkflowProcedures.js';
import { createOnce } from '../service/idempotentCreate.js';

/** `list`, `get`, `create`, `update`, `delete` for one entity, exactly as the API contract says; with a workflow also `transition`, `transitions`, `history`. */
export function buildEntityRouter(entity: EntityModel, model: AppModel) {
  const parseList = compileInputParser<ListInput>(listInputSchema(entity));
  const parseId = compileInputParser<{ id: number }>(ID_INPUT_SCHEMA);
  const parseCreate = compileInputParser<{ data: Row }>(createInputSchema(entity, model));
  const parseUpdate = compileInputParser<{ id: number; data: Row; version?: number }>(updateInputSchema(entity, model));
  const service = (ctx: ApiContext) => ctx.services.service(entity.key);

  return router({
    list: authedProcedure.input(parseList).query(({ ctx, input }) => service(ctx).list(ctx.auth.user, input)),
    get: authedProcedure.input(parseId).query(({ ctx, input }) => service(ctx).get(ctx.auth.user, input.id)),
    create: authedProcedure
      .input(parseCreate)
      .mutation(({ ctx, input }) => createOnce(ctx.services, entity.key, ctx.auth.user, input.data, ctx.idempotencyKey)),
    update: authedProcedure.input(parseUpdate).mutation(({ ctx, input }) => service(ctx).update(ctx.auth.user, input.id, input.data, input.version)),
    delete: authedProcedure.input(parseId).mutation(async ({ ctx, input }) => {
      await service(ctx).delete(ctx.auth.user, input.id);
      return { id: input.id, deleted: true };
    }),
    ...(entity.workflow ? buildWorkflowProcedures(entity) : {}),
  });
}
