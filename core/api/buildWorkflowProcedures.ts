/** `transition`, `transitions` and `history` of an entity with a workflow (core/workflow). */
import type { EntityModel } from '../model/types.js';
import { WorkflowService, type TransitionInput } from '../workflow/index.js';
import { authedProcedure, type ApiContext } from './trpc.js';
import { compileInputParser } from '../input/validateInput.js';
import { ID_INPUT_SCHEMA, valueSchema, type JsonSchema } from './entitySchemas.js';

const MAX_COMMENT_LENGTH = 2000;

export function buildWorkflowProcedures(entity: EntityModel) {
  const parseTransition = compileInputParser<TransitionInput>(transitionInputSchema(entity));
  const parseId = compileInputParser<{ id: number }>(ID_INPUT_SCHEMA);
  const workflow = (ctx: ApiContext) => new WorkflowService(entity, ctx.services);
  return {
    transition: authedProcedure.input(parseTransition).mutation(({ ctx, input }) => workflow(ctx).transition(ctx.auth.user, input)),
    transitions: authedProcedure.input(parseId).query(({ ctx, input }) => workflow(ctx).available(ctx.auth.user, input.id)),
    history: authedProcedure.input(parseId).query(({ ctx, input }) => workflow(ctx).history(ctx.auth.user, input.id)),
  };
}

/** Input fields of every transition are known; which ones a transition needs is checked by the engine. */
export function transitionInputSchema(entity: EntityModel): JsonSchema {
  const transitions = Object.values(entity.workflow!.transitions);
  const inputFields = [...new Set(transitions.flatMap((t) => t.input))];
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'transition'],
    properties: {
      id: { type: 'integer', minimum: 1 },
      transition: { type: 'string', enum: transitions.map((t) => t.name) },
      comment: { type: ['string', 'null'], maxLength: MAX_COMMENT_LENGTH },
      version: { type: 'integer', minimum: 1 },
      input: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(inputFields.map((name) => [name, { anyOf: [valueSchema(entity.fields[name]!), { type: 'null' }] }])),
      },
    },
  };
}
