/**
 * Secrets kept in records (the `secret` field type): encrypted at rest with
 * the platform's key, readable only by plugin code that asks for one.
 */
export { SecretBox, SecretKeyError, secretKey, type SecretKey } from './secretBox.js';
export { secretBoxFrom, parseKey, SecretsConfigError, SECRETS_KEY_FILE, type SecretKeySources } from './secretKeys.js';
