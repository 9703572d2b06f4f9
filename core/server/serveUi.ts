/**
 * Serves the built UI (ui/dist) from the API's own server: hashed assets with
 * a year-long immutable cache, index.html never cached, and every other GET
 * that is not an API path answered with index.html so the shell's client-side
 * routes (/<module>/<entity>/42) survive a reload or a shared link.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';

const API_PREFIXES = ['/trpc', '/auth', '/health', '/socket.io', '/export', '/import', '/files', '/documents'];
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The UI's Content-Security-Policy (replacing helmet's default for these responses only):
 * - no `upgrade-insecure-requests`: on plain-HTTP intranet addresses it would send every asset request to https.
 */
const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

function isApiPath(urlPath: string): boolean {
  return API_PREFIXES.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));
}

/** `root` is the project root; the UI is served only when `npm run build:ui` has produced ui/dist. */
export function serveUi(root: string): Router {
  const distDir = path.join(root, 'ui', 'dist');
  const indexFile = path.join(distDir, 'index.html');
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!isApiPath(req.path)) res.setHeader('Content-Security-Policy', UI_CSP);
    next();
  });

  router.use(
    express.static(distDir, {
      index: false,
      fallthrough: true,
      setHeaders(res, filePath) {
        const hashed = filePath.startsWith(path.join(distDir, 'assets') + path.sep);
        res.setHeader('Cache-Control', hashed ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache');
      },
    }),
  );

  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    // A missing file (an old hashed asset, a typo) is a 404, not the app's HTML.
    if (path.extname(req.path) !== '') return next();
    if (!existsSync(indexFile)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });

  return router;
}
