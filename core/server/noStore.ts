import type { NextFunction, Request, Response } from 'express';

/**
 * Every answer starts as `no-store`: API responses carry user data that no
 * browser cache or proxy may keep. The UI's static files replace it with
 * their own caching (serveUi), so hashed assets stay cacheable.
 */
export function noStoreByDefault(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
