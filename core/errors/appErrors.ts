/**
 * Typed application errors. Services throw these; the API layer maps them to
 * tRPC / HTTP codes in one place (core/api/errorMapping.ts).
 */

/** One problem with one field or manifest path. */
export interface Issue {
  /** Field name, or a JSON path such as `/entities/pedido/fields/numero`. */
  path: string;
  message: string;
}

export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  // An external service a plugin called failed (IntegrationError): refused, down, or too slow.
  | 'BAD_GATEWAY'
  | 'SERVICE_UNAVAILABLE'
  | 'GATEWAY_TIMEOUT';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: Issue[];
  constructor(code: AppErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.issues = issues;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: Issue[] = []) {
    super('BAD_REQUEST', message, issues);
  }
  /** A single-field validation error. */
  static field(path: string, message: string): ValidationError {
    return new ValidationError(`${path}: ${message}`, [{ path, message }]);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required') {
    super('UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
