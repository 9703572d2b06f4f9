/**
 * Two ways to call the generated API, behind one interface, so the same test
 * can run through the real @trpc/client and through plain HTTP JSON (what any
 * client outside this repo does). Both throw ApiCallError with the tRPC error
 * code, the HTTP status, the message and the per-field issues.
 */
import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';
import { apiClient } from './testPlatform.js';

export interface Issue {
  path: string;
  message: string;
}

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly issues: Issue[],
  ) {
    super(`${code} (${httpStatus}): ${message}`);
    this.name = 'ApiCallError';
  }
}

export interface Api {
  readonly transport: string;
  query<T = any>(path: string, input?: unknown): Promise<T>;
  mutate<T = any>(path: string, input?: unknown): Promise<T>;
}

/** The real @trpc/client (test/support/testPlatform.ts), with its errors unwrapped. */
export function trpcApi(url: string, token?: string): Api {
  const client = apiClient(url, token);
  const unwrap = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      if (e instanceof TRPCClientError) {
        const data = (e.data ?? {}) as { code?: string; httpStatus?: number; issues?: Issue[] };
        throw new ApiCallError(String(data.code), Number(data.httpStatus), e.message, data.issues ?? []);
      }
      throw e;
    }
  };
  return {
    transport: '@trpc/client',
    query: (path, input) => unwrap(() => client.query(path, input)),
    mutate: (path, input) => unwrap(() => client.mutate(path, input)),
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** GET /trpc/<path>?input=<urlencoded JSON>, exactly as a hand-written HTTP client would. */
export async function rawQuery(url: string, path: string, input?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${url}/trpc/${path}${qs}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** POST /trpc/<path> with the input as the JSON body. */
export async function rawMutate(url: string, path: string, input?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

function bearer(token?: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Plain fetch with the contract's wire format: `{result:{data}}` or `{error:{message, code, data:{code, httpStatus, issues}}}`. */
export function httpApi(url: string, token?: string): Api {
  const unwrap = (res: RawResponse) => {
    if (res.body?.error) {
      const { message, data } = res.body.error as { message: string; data?: { code?: string; httpStatus?: number; issues?: Issue[] } };
      expect(data?.httpStatus, 'error.data.httpStatus matches the HTTP status').toBe(res.status);
      throw new ApiCallError(String(data?.code), res.status, message, data?.issues ?? []);
    }
    expect(res.status).toBe(200);
    return res.body.result.data;
  };
  return {
    transport: 'plain HTTP',
    query: async (path, input) => unwrap(await rawQuery(url, path, input, bearer(token))),
    mutate: async (path, input) => unwrap(await rawMutate(url, path, input, bearer(token))),
  };
}

export const TRANSPORTS = [
  ['@trpc/client', trpcApi],
  ['plain HTTP', httpApi],
] as const;

/** Awaits a call that must fail with `code`; returns the error for more checks. */
export async function expectApiError(promise: Promise<unknown>, code: string): Promise<ApiCallError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}, but the call succeeded`).toBeInstanceOf(ApiCallError);
  const error = caught as ApiCallError;
  expect(error.code, error.message).toBe(code);
  return error;
}

/** The issue paths of a BAD_REQUEST, for `toContain` checks. */
export function issuePaths(error: ApiCallError): string[] {
  return error.issues.map((i) => i.path);
}
