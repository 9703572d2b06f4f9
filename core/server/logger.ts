import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/index.js';

/** Credentials never reach the logs. */
const SECRET_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/** JSON-lines logger at LOG_LEVEL, with credentials redacted. */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: SECRET_LOG_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
