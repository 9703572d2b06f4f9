export {
  AppError,
  ValidationError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  TooManyRequestsError,
  type Issue,
  type AppErrorCode,
} from './appErrors.js';
export { IntegrationError, type IntegrationErrorKind, type IntegrationErrorFacts } from './integrationError.js';
export { toTransport, fromTransport, type TransportedError } from './transport.js';
