import { initTRPC, TRPCError } from '@trpc/server';
import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
import { AppError, UnauthorizedError } from '../errors/index.js';
import type { RequestAuth } from '../auth/authenticate.js';
import { authenticateRequest } from '../auth/authenticate.js';
import type { SessionService } from '../auth/sessions.js';
import type { EntityServices } from '../service/entityServices.js';
import type { RequestFacts } from '../plugin/types.js';
import { requestFacts } from './requestFacts.js';

export interface ApiContext {
  services: EntityServices;
  auth: RequestAuth | null;
  /** Why credentials that were sent did not authenticate. */
  authError: AppError | null;
  /** The request's `Idempotency-Key` header: a generated `create` runs once per key. */
  idempotencyKey: string | undefined;
  /** Who sent it, for plugin procedures (`ctx.request`). */
  request: RequestFacts;
}

export function createContextFactory(services: EntityServices, sessions: SessionService) {
  return async ({ req }: Pick<CreateExpressContextOptions, 'req'>): Promise<ApiContext> => {
    const idempotencyKey = req.get('idempotency-key');
    const request = requestFacts(req);
    try {
      return { services, auth: await authenticateRequest(req, sessions), authError: null, idempotencyKey, request };
    } catch (e) {
      if (e instanceof AppError) return { services, auth: null, authError: e, idempotencyKey, request };
      throw e;
    }
  };
}

export const INTERNAL_ERROR_MESSAGE = 'Internal error';

/**
 * The error body every client sees: tRPC's shape plus per-field `issues`, never a stack.
 * A failure that is no typed error (a database error, a bug) says only "Internal error":
 * its text may carry SQL or data; the server's log has it whole.
 */
export function formatError<S extends { message: string; data: object }>({ shape, error }: { shape: S; error: TRPCError }) {
  const cause = error.cause instanceof AppError ? error.cause : undefined;
  const message = error.code === 'INTERNAL_SERVER_ERROR' ? INTERNAL_ERROR_MESSAGE : shape.message;
  return { ...shape, message, data: { ...shape.data, stack: undefined, issues: cause?.issues ?? [] } };
}

const t = initTRPC.context<ApiContext>().create({ errorFormatter: formatError });

export const createCallerFactory = t.createCallerFactory;

/** AppError (typed, thrown by services) → the matching tRPC error code. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

const requireUser = t.middleware(({ ctx, next }) => {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.auth) throw new UnauthorizedError();
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

export const router = t.router;
/** Every API procedure: signed-in callers only, typed errors mapped. */
export const authedProcedure = t.procedure.use(mapErrors).use(requireUser);
