import type { Request } from 'express';
import type { RequestFacts } from '../plugin/types.js';

/** The caller's address and user agent, for plugin code that records who started something. */
export function requestFacts(req: Request): RequestFacts {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}
