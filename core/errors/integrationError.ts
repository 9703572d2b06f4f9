import { AppError, type AppErrorCode } from './appErrors.js';

/**
 * How a call to an external service failed: `not_configured` (no base URL in
 * the environment), `unavailable` (unreachable, 5xx after the retries, or the
 * circuit is open), `timeout`, `rejected` (the far side answered 4xx), or
 * `invalid_response` (an answer that is not what was asked for).
 */
export type IntegrationErrorKind = 'not_configured' | 'unavailable' | 'timeout' | 'rejected' | 'invalid_response';

const CODE: Record<IntegrationErrorKind, AppErrorCode> = {
  not_configured: 'SERVICE_UNAVAILABLE',
  unavailable: 'SERVICE_UNAVAILABLE',
  timeout: 'GATEWAY_TIMEOUT',
  rejected: 'BAD_GATEWAY',
  invalid_response: 'BAD_GATEWAY',
};

export interface IntegrationErrorFacts {
  /** The integration's name in its plugin (`robot`). */
  integration: string;
  kind: IntegrationErrorKind;
  /** HTTP status the far side answered, when it answered. */
  status?: number;
  /** The start of the far side's answer (secrets redacted), for the record of what went wrong. */
  detail?: string;
}

/** A call to an external service that failed; its message (pt-BR) names the integration's label. */
export class IntegrationError extends AppError {
  readonly integration: string;
  readonly kind: IntegrationErrorKind;
  readonly status: number | undefined;
  readonly detail: string | undefined;
  constructor(message: string, facts: IntegrationErrorFacts) {
    super(CODE[facts.kind], message);
    this.integration = facts.integration;
    this.kind = facts.kind;
    this.status = facts.status;
    this.detail = facts.detail;
  }
}
