/**
 * Entity permissions from the manifest: role grants and row rules. Pure
 * functions over the compiled model, so a non-admin check costs no query.
 */
import type { EntityAction, RowRuleGrant } from '../manifest/types.js';
import type { EntityModel } from '../model/types.js';
import type { SessionUser } from '../plugin/types.js';
import type { Filter } from '../db/repository/buildWhere.js';

export type Access =
  | { allowed: false }
  /** `scope` absent: every row; otherwise rows matching any of the filters. */
  | { allowed: true; scope?: Filter[] };

export function isAdmin(user: SessionUser): boolean {
  return user.roles.includes('admin');
}

export function decideAccess(entity: EntityModel, action: EntityAction, user: SessionUser): Access {
  if (entity.readOnly && action !== 'read') return { allowed: false };
  if (isAdmin(user)) return { allowed: true };
  const grants = entity.permissions[action];
  const scope: Filter[] = [];
  for (const grant of grants) {
    if (typeof grant === 'string') {
      if (grant === '*' || user.roles.includes(grant)) return { allowed: true };
    } else if (user.roles.includes(grant.role)) {
      scope.push(rowFilter(grant, user));
    }
  }
  return scope.length > 0 ? { allowed: true, scope } : { allowed: false };
}

function rowFilter(grant: RowRuleGrant, user: SessionUser): Filter {
  const filter: Filter = {};
  for (const [field, value] of Object.entries(grant.where)) {
    filter[field] = value === '$user.id' ? user.id : value === '$user.email' ? user.email : value;
  }
  return filter;
}

/**
 * May `user` do `action` to this row (wire form) of `entity`: a grant, and the
 * row inside its row rules. The one answer for a direct call and for an item
 * written inline through its parent.
 */
export function mayOnRow(entity: EntityModel, action: EntityAction, user: SessionUser, row: Record<string, unknown>): boolean {
  const access = decideAccess(entity, action, user);
  return access.allowed && rowInScope(row, access.scope);
}

/** True when a row (wire form) satisfies at least one of the scope filters. */
function rowInScope(row: Record<string, unknown>, scope: Filter[] | undefined): boolean {
  if (!scope) return true;
  return scope.some((filter) => Object.entries(filter).every(([field, value]) => row[field] === value));
}
