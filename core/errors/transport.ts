/**
 * Typed errors across a message channel (a job's worker thread and the
 * server): structured clone keeps only plain data, so an error travels as
 * code, message and issues and is rebuilt as the same class on arrival.
 */
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  type AppErrorCode,
  type Issue,
} from './appErrors.js';
import { IntegrationError, type IntegrationErrorFacts } from './integrationError.js';

export interface TransportedError {
  message: string;
  /** Absent for errors that are not AppErrors. */
  code?: AppErrorCode;
  issues?: Issue[];
  retryAfterSeconds?: number;
  /** For an IntegrationError. */
  integration?: IntegrationErrorFacts;
}

export function toTransport(e: unknown): TransportedError {
  if (!(e instanceof Error)) return { message: String(e) };
  if (!(e instanceof AppError)) return { message: e.message };
  const retry = e instanceof TooManyRequestsError ? { retryAfterSeconds: e.retryAfterSeconds } : {};
  const integration = e instanceof IntegrationError ? { integration: integrationFacts(e) } : {};
  return { message: e.message, code: e.code, issues: e.issues.map((i) => ({ path: i.path, message: i.message })), ...retry, ...integration };
}

export function fromTransport(t: TransportedError): Error {
  if (t.integration) return new IntegrationError(t.message, t.integration);
  switch (t.code) {
    case 'BAD_REQUEST':
      return new ValidationError(t.message, t.issues ?? []);
    case 'UNAUTHORIZED':
      return new UnauthorizedError(t.message);
    case 'FORBIDDEN':
      return new ForbiddenError(t.message);
    case 'NOT_FOUND':
      return new NotFoundError(t.message);
    case 'CONFLICT':
      return new ConflictError(t.message);
    case 'TOO_MANY_REQUESTS':
      return new TooManyRequestsError(t.message, t.retryAfterSeconds ?? 0);
    default:
      return new Error(t.message);
  }
}

function integrationFacts(e: IntegrationError): IntegrationErrorFacts {
  return {
    integration: e.integration,
    kind: e.kind,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.detail === undefined ? {} : { detail: e.detail }),
  };
}
