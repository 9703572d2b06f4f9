/**
 * POST /files/<module>/<entity>/<field>?name=<file name>
 *   The raw file as the body, its MIME type as Content-Type → `{ id, name, type, size }`.
 * GET  /files/<module>/<entity>/<recordId>/<field>[?thumb=1]
 *   The file in a record's field, for users who may read that record.
 * Authenticated like every other call: bearer token, or the session cookie
 * plus the CSRF header for the upload.
 */
import { pipeline } from 'node:stream';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { FilesContext } from './filesContext.js';
import type { SessionService } from '../auth/sessions.js';
import { authenticateRequest } from '../auth/authenticate.js';
import { AppError, NotFoundError, UnauthorizedError, ValidationError } from '../errors/index.js';
import { httpStatusOf } from '../errors/httpStatus.js';
import { uploadFile } from './uploadFile.js';
import { FileTooLargeError } from './uploadGuard.js';
import { openRecordFile, type OpenedFile } from './recordFiles.js';
import { contentDisposition } from './fileName.js';
import type { SessionUser } from '../plugin/types.js';
import { IDENTIFIER } from '../fields/index.js';

/** A record id in a URL: a positive integer that fits a JavaScript number. */
export const RECORD_ID = /^[1-9]\d{0,15}$/;

export function buildFileRoutes(files: FilesContext, sessions: SessionService): Router {
  const router = Router();
  router.post(
    '/:module/:entity/:field',
    signedInRoute(sessions, (req, res, user) => upload(req, res, files, user)),
  );
  router.get(
    '/:module/:entity/:recordId/:field',
    signedInRoute(sessions, (req, res, user) => download(req, res, files, user)),
  );
  return router;
}

/** A route for signed-in callers (bearer token or session cookie); any failure is answered like an API error. */
export function signedInRoute(sessions: SessionService, handle: (req: Request, res: Response, user: SessionUser) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    authenticateRequest(req, sessions)
      .then((auth) => {
        if (!auth) throw new UnauthorizedError();
        return handle(req, res, auth.user);
      })
      .catch((e: unknown) => sendError(e, req, res, next));
  };
}

async function upload(req: Request, res: Response, files: FilesContext, user: SessionUser): Promise<void> {
  const { module, entity, field } = segments(req, 'module', 'entity', 'field');
  const name = req.query.name;
  if (typeof name !== 'string') throw ValidationError.field(field, 'the file name is missing (?name=)');
  const declared = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const uploaded = await uploadFile(files, user, { module, entity, field, name, type: declared, body: req });
  res.status(201).json(uploaded);
}

async function download(req: Request, res: Response, files: FilesContext, user: SessionUser): Promise<void> {
  const { module, entity, recordId, field } = segments(req, 'module', 'entity', 'recordId', 'field');
  const thumb = req.query.thumb === '1';
  const file = await openRecordFile(files, user, { module, entity, recordId: Number(recordId), field, thumb });
  sendFile(req, res, file, thumb ? 'inline' : 'attachment');
}

/** Streams a file with headers that keep the browser from reinterpreting it; like every API answer it is never stored (createApp). */
export function sendFile(req: Request, res: Response, file: OpenedFile, disposition: 'inline' | 'attachment'): void {
  const etag = file.etag && `"${file.etag}"`;
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  if (etag) res.setHeader('ETag', etag);
  if (etag && req.get('if-none-match') === etag) {
    file.stream.destroy();
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', file.type.startsWith('text/') ? `${file.type}; charset=utf-8` : file.type);
  res.setHeader('Content-Disposition', contentDisposition(disposition, file.name));
  if (file.size !== undefined) res.setHeader('Content-Length', String(file.size));
  // pipeline, not pipe: a client that goes away mid-download must also end the read, or a paused
  // S3 response would keep one of the client's pooled connections forever.
  pipeline(file.stream, res, (err) => {
    if (err) res.destroy();
  });
}

/** Route parameters as names only: anything but a plain identifier (or record id) matches no file. */
function segments<K extends string>(req: Request, ...names: K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const n of names) {
    const value = String(req.params[n]);
    if (!(n === 'recordId' ? RECORD_ID : IDENTIFIER).test(value)) throw new NotFoundError('File not found');
    values[n] = value;
  }
  return values;
}

function sendError(e: unknown, req: Request, res: Response, next: NextFunction): void {
  // A client that went away mid-upload is no server failure: there is nobody left to answer.
  if (res.headersSent || req.readableAborted) {
    res.destroy();
    return;
  }
  if (!(e instanceof AppError)) {
    next(e);
    return;
  }
  // The rest of a refused upload is not worth reading: answer, then drop the connection.
  if (!req.complete) res.setHeader('Connection', 'close');
  const status = e instanceof FileTooLargeError ? 413 : httpStatusOf(e);
  res.status(status).json({ error: { code: e.code, message: e.message, issues: e.issues } });
}
