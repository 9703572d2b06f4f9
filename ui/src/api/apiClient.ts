/**
 * The tRPC client of the generated API. The router is generated at run time,
 * so procedures are called by path (`<module>.<entity>.list`) with plain JSON inputs;
 * the session cookie authenticates and mutations carry the CSRF header.
 */
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { csrfHeaders } from './csrfToken.js';
import { toApiError } from './apiError.js';
import { reportSessionEnded } from './sessionEvents.js';

const client = createTRPCClient<AnyTRPCRouter>({
  links: [
    httpLink({
      url: '/trpc',
      headers: ({ op }) => (op.type === 'mutation' ? csrfHeaders() : {}),
      fetch: (url, init) => fetch(url, { ...(init as RequestInit), credentials: 'same-origin' }),
    }),
  ],
});

interface ProcedureNode {
  query(input?: unknown): Promise<unknown>;
  mutate(input?: unknown): Promise<unknown>;
}

function procedureAt(path: string): ProcedureNode {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client) as ProcedureNode;
}

async function run<T>(call: () => Promise<unknown>): Promise<T> {
  try {
    return (await call()) as T;
  } catch (e) {
    const error = toApiError(e);
    if (error.code === 'UNAUTHORIZED') reportSessionEnded(error.message);
    throw error;
  }
}

/** Runs a query procedure: `callQuery('<module>.<entity>.list', { page: 2 })`. */
export function callQuery<T>(path: string, input?: unknown): Promise<T> {
  return run<T>(() => procedureAt(path).query(input));
}

/** Runs a mutation procedure: `callMutation('<module>.<entity>.update', { id, data, version })`. */
export function callMutation<T>(path: string, input?: unknown): Promise<T> {
  return run<T>(() => procedureAt(path).mutate(input));
}
