/**
 * GET /documents/<module>/<name>/<recordId>: a plugin's generated download
 * (see DocumentDef) for one record, rendered as the caller. The record is
 * read with the read permission and row rules of its entity (or, for an
 * inline item, of its parent); a record the caller may not read is "not found".
 */
import { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';

import type { SessionService } from '../auth/sessions.js';
import { NotFoundError } from '../errors/index.js';
import { pluginContext } from '../service/pluginContext.js';
import type { SessionUser } from '../plugin/types.js';
import { RECORD_ID, readableRecord, recordFileReader, sendFile, signedInRoute, type FilesContext } from '../files/index.js';
import { createHash } from 'node:crypto';

/** A lookup by a name from the URL: own keys only, never `constructor` or `toString`. */
function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function buildDocumentRoutes(files: FilesContext, sessions: SessionService): Router {
  const router = Router();
  router.get(
    '/:module/:name/:recordId',
    signedInRoute(sessions, (req, res, user) => serveDocument(req, res, files, user)),
  );
  return router;
}

async function serveDocument(req: Request, res: Response, files: FilesContext, user: SessionUser): Promise<void> {
  const notFound = new NotFoundError('Document not found');
  const module = ownValue(files.services.model.modules, String(req.params.module));
  const name = String(req.params.name);
  const def = ownValue(module?.plugin?.documents, name);
  if (!module || !def || !RECORD_ID.test(String(req.params.recordId))) throw notFound;
  const entity = module.entities[def.entity]!;
  const record = await readableRecord(files.services, user, entity, Number(req.params.recordId));
  if (!record) throw notFound;
  const doc = await def.render({ ctx: pluginContext(files.services, module.name, user), record, files: recordFileReader(files, entity, record) });
  const body = Buffer.isBuffer(doc.body) ? doc.body : undefined;
  // Generated on each request: a buffer's ETag is its hash (an unchanged record gives a 304); a stream gets none.
  const etag = body && createHash('sha256').update(body).digest('hex');
  const stream = body ? Readable.from([body]) : (doc.body as Readable);
  sendFile(req, res, { stream, name: doc.filename, type: doc.contentType, size: body?.length, etag }, 'attachment');
}
