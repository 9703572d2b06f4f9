import type { NextFunction, Request, Response } from 'express';
import { originAllowed } from '../auth/origin.js';
import { SESSION_COOKIE } from '../auth/authenticate.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a write that a browser sends from a foreign page with the session
 * cookie, and any sign-in from a foreign page (login CSRF would sign the
 * victim into the attacker's account). Bearer-token calls carry no ambient
 * credential, so their Origin does not matter.
 */
export function originCheck(corsOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const usesCookie = !req.headers.authorization && Boolean((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
    if (!usesCookie && req.path !== '/auth/login') {
      next();
      return;
    }
    const origin = req.get('origin');
    if (originAllowed(origin, req.host, corsOrigins)) {
      next();
      return;
    }
    res.status(403).json({
      error: {
        code: 'FORBIDDEN',
        message: `Requests from ${String(origin)} may not use the session cookie or sign in; add the origin to CORS_ORIGINS or send a bearer token`,
      },
    });
  };
}
