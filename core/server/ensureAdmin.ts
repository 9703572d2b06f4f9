import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { EntityServices } from '../service/entityServices.js';
import { SYSTEM_USER } from '../service/systemUser.js';

const USER = 'platform.user';

/**
 * Makes sure the admin account exists. An existing account is left as it is
 * (its password may have been changed in the app); a new one gets
 * ADMIN_PASSWORD, or a generated password printed once.
 */
export async function ensureAdmin(services: EntityServices, config: Config, logger: Logger): Promise<void> {
  const users = services.service(USER);
  const existing = await users.list(SYSTEM_USER, { filter: { email: config.adminEmail }, pageSize: 1 });
  if (existing.rows.length > 0) return;
  const password = config.adminPassword ?? randomBytes(12).toString('base64url');
  await users.create(SYSTEM_USER, { email: config.adminEmail, name: 'Administrador', password, roles: ['admin'], active: true });
  if (config.adminPassword) {
    logger.info({ email: config.adminEmail }, 'admin user created with ADMIN_PASSWORD');
  } else {
    // Printed on stdout on purpose, once: there is no other way to learn it.
    process.stdout.write(
      `\n  Admin user created: ${config.adminEmail}\n  Generated password (shown only now): ${password}\n  Set ADMIN_EMAIL/ADMIN_PASSWORD to choose them.\n\n`,
    );
  }
}
