import type { EntityModel } from '../model/types.js';
import type { SessionUser } from '../plugin/types.js';
import type { ReadReach } from '../db/repository/scopeCondition.js';
import { decideAccess } from './permissions.js';

/** What `user` may read of `entity`: every row, the rows of their row rules, or nothing. */
export function readReach(entity: EntityModel, user: SessionUser): ReadReach {
  const access = decideAccess(entity, 'read', user);
  if (!access.allowed) return { rows: 'none' };
  return access.scope ? { rows: 'scoped', scope: access.scope } : { rows: 'all' };
}

/**
 * The core user directory is how modules name people (a responsável, an
 * author): any existing user may be pointed at by whoever may write the
 * field, and their name shown to whoever reads the record that names them,
 * though only admins read `platform.user` itself.
 */
export function referencedByAnyone(entity: EntityModel): boolean {
  return entity.key === 'platform.user';
}
