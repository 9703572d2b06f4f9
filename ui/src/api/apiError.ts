/** Every failed call, from tRPC or the auth routes, as one error type with the contract's code and per-field issues. */
import { TRPCClientError } from '@trpc/client';

export type ApiErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'INTERNAL_SERVER_ERROR' | 'NETWORK';

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly status = 0,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { code?: string; httpStatus?: number; issues?: ApiIssue[] };
    if (!data.code) return new ApiError('NETWORK', error.message);
    return new ApiError(data.code as ApiErrorCode, error.message, data.issues ?? [], data.httpStatus ?? 0);
  }
  return new ApiError('NETWORK', error instanceof Error ? error.message : String(error));
}

export function isApiError(error: unknown, code: ApiErrorCode): boolean {
  return error instanceof ApiError && error.code === code;
}
