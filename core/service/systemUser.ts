import type { SessionUser } from '../plugin/types.js';

/** Acts for start-up work and seeds; recorded as "nobody" (null) in created_by/updated_by and the audit trail. */
export const SYSTEM_USER: SessionUser = Object.freeze({ id: 0, email: 'system@forja.local', name: 'Sistema', roles: ['admin'] }) as SessionUser;
