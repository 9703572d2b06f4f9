/**
 * Outbound integrations: the HTTP clients plugins get from `ctx.integration(name)`
 * for the external services they declare (timeouts, retries with backoff, a
 * circuit breaker, logs with secrets redacted).
 */
export { ModuleIntegrations, type IntegrationSources } from './moduleIntegrations.js';
export type { Integration, IntegrationDef, IntegrationRequest, IntegrationDownload, IntegrationMethod, IntegrationLog, CircuitState } from './types.js';
export { IntegrationError, type IntegrationErrorKind } from '../errors/index.js';
