/**
 * Serves one non-batched tRPC call (what @trpc/client's httpLink and plain
 * HTTP clients send) through a server-side caller and `res.json`, with the
 * exact wire format of tRPC's adapter: `{ result: { data } }` or `{ error }`.
 * tRPC's express adapter converts every request into a Fetch Request and
 * streams the reply in flushed chunks; for single calls that work costs more
 * than the procedure itself on fast reads. Batches, unknown paths and wrong
 * methods fall through to the adapter, which answers them as tRPC does.
 */
import type { NextFunction, Request, Response } from 'express';
import { TRPCError, getTRPCErrorFromUnknown, type AnyTRPCRouter } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { createCallerFactory, formatError, type ApiContext } from './trpc.js';

type Caller = (input: unknown) => Promise<unknown>;

export function singleCallHandler(
  router: AnyTRPCRouter,
  createContext: (o: { req: Request; res: Response }) => Promise<ApiContext>,
  onError: (error: TRPCError, path: string) => void,
) {
  const procedures = router._def.procedures as Record<string, { _def: { type: string } }>;
  const callerOf = createCallerFactory(router);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const path = procedurePath(req.path);
    if (path === undefined) return sendMalformedPath(res);
    const type = procedures[path]?._def.type;
    const expected = type === 'query' ? 'GET' : type === 'mutation' ? 'POST' : undefined;
    if (!expected || req.method !== expected || req.query.batch !== undefined) return next();
    try {
      const input = req.method === 'GET' ? parseQueryInput(req.query.input) : req.body;
      const ctx = await createContext({ req, res });
      const call = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callerOf(ctx)) as Caller;
      res.json({ result: { data: await call(input) } });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      if (error.code === 'INTERNAL_SERVER_ERROR') onError(error, path);
      const httpStatus = getHTTPStatusCodeFromError(error);
      const shape = { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus, path } };
      res.status(httpStatus).json({ error: formatError({ shape, error }) });
    }
  };
}

function parseQueryInput(raw: unknown): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(String(raw));
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'input is not valid JSON', cause });
  }
}

/** The procedure path of the URL, or undefined when its percent-encoding is broken (no procedure can be meant). */
function procedurePath(urlPath: string): string | undefined {
  try {
    return decodeURIComponent(urlPath.slice(1));
  } catch {
    return undefined;
  }
}

function sendMalformedPath(res: Response): void {
  const error = new TRPCError({ code: 'NOT_FOUND', message: 'The procedure path is not valid percent-encoded text' });
  const shape = { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus: 404, path: '' } };
  res.status(404).json({ error: formatError({ shape, error }) });
}
