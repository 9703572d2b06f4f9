/**
 * Starts a platform on a data folder the caller owns, so a test can stop it
 * and start again on the same data (startTestPlatform always makes a fresh
 * folder and deletes it on close). With TEST_DATABASE_URL every start on one
 * folder gets the same server database, so two platforms on one folder share
 * one database as a cluster does; it is dropped when the test file ends.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../../core/config/index.js';
import { startPlatform, type RunningPlatform, type StartOptions } from '../../core/server/startPlatform.js';
import { testDatabaseEnv } from './testDatabase.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };

export async function startPlatformOn(dataDir: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningPlatform> {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED: 'false',
      LOG_LEVEL: 'silent',
      ...(await testDatabaseEnv(dataDir)),
      ...env,
    },
    ROOT,
  );
  return startPlatform(config, { logger: pino({ level: 'silent' }), ...options });
}
