/**
 * POST /import/<module>/<entity>/preview?options=<JSON>  body: the CSV file → JSON ImportPreview
 * POST /import/<module>/<entity>?options=<JSON>          body: the CSV file → NDJSON lines:
 *   {"type":"start","rows":N} · {"type":"progress","done":k,"rows":N,"created","updated","skipped"} … ·
 *   {"type":"report","rows","created","updated","skipped","errors":[{row,field,message}],"moreErrors"}
 *   (or, if the import stops on an unexpected failure, {"type":"error","message"} as its last line).
 * `options`: { columns?: (field | null)[], match?: string[], decimalComma?: boolean } (ImportOptions).
 *
 * The whole import is this one request: its progress streams back on it, so
 * any process of a cluster serves it and nothing is kept between requests
 * (the preview's upload is sent again for the import). Problems found before
 * the first line (sign-in, permission, options, the file's size, rows or
 * syntax) are plain HTTP errors, as everywhere else.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../config/index.js';
import type { EntityServices } from '../service/entityServices.js';
import type { SessionService } from '../auth/sessions.js';
import { authenticateRequest } from '../auth/authenticate.js';
import { AppError, NotFoundError, UnauthorizedError, ValidationError } from '../errors/index.js';
import { httpStatusOf } from '../errors/httpStatus.js';
import { compileInputParser } from '../input/validateInput.js';
import { receiveCsv, type CsvFile } from './csvFile.js';
import { planImport, previewImport, runImport, type ImportOptions, type ImportPlan } from './importRows.js';
import type { SessionUser } from '../plugin/types.js';

const parseOptions = compileInputParser<ImportOptions>({
  type: 'object',
  additionalProperties: false,
  properties: {
    columns: { type: 'array', maxItems: 1000, items: { type: ['string', 'null'], maxLength: 100 } },
    match: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', maxLength: 100 } },
    decimalComma: { type: 'boolean' },
  },
});

export interface ImportRouteParts {
  services: EntityServices;
  sessions: SessionService;
  limits: Config['csvImport'];
}

export function buildImportRoutes(parts: ImportRouteParts): Router {
  const router = Router();
  router.post('/:module/:entity/preview', (req, res, next) => {
    withPlan(req, parts, async (user, plan) => {
      res.json(await previewImport(parts.services, user, plan));
    }).catch((e: unknown) => sendError(e, res, next));
  });
  router.post('/:module/:entity', (req, res, next) => {
    withPlan(req, parts, (user, plan) => streamImport(req, res, parts.services, user, plan)).catch((e: unknown) => sendError(e, res, next));
  });
  return router;
}

async function withPlan(req: Request, parts: ImportRouteParts, work: (user: SessionUser, plan: ImportPlan) => Promise<void>): Promise<void> {
  const auth = await authenticateRequest(req, parts.sessions);
  if (!auth) throw new UnauthorizedError();
  const key = `${String(req.params.module)}.${String(req.params.entity)}`;
  const entity = parts.services.model.entities().find((e) => e.key === key && !e.internal);
  if (!entity) throw new NotFoundError(`No entity ${key}`);
  const options = parseOptions(parseJsonParam(req.query.options));
  let file: CsvFile | undefined;
  try {
    file = await receiveCsv(req, parts.limits);
    await work(auth.user, planImport(parts.services, auth.user, entity, file, options));
  } finally {
    await file?.remove();
  }
}

async function streamImport(req: Request, res: Response, services: EntityServices, user: SessionUser, plan: ImportPlan): Promise<void> {
  // no-transform: compression would hold the progress lines back until the end.
  res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store, no-transform');
  const line = (value: object) => res.write(`${JSON.stringify(value)}\n`);
  line({ type: 'start', rows: plan.file.rows });
  try {
    const report = await runImport(services, user, plan, (p) => line({ type: 'progress', ...p }));
    line({ type: 'report', ...report });
  } catch (e) {
    line({ type: 'error', message: e instanceof AppError ? e.message : 'The import stopped on an unexpected failure; the rows before it were handled' });
    if (!(e instanceof AppError)) req.log.error({ err: e }, 'CSV import failed');
  } finally {
    res.end();
  }
}

function parseJsonParam(raw: unknown): unknown {
  if (raw === undefined) return {};
  try {
    return JSON.parse(String(raw));
  } catch {
    throw ValidationError.field('options', 'is not valid JSON');
  }
}

function sendError(e: unknown, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    res.destroy(e as Error);
    return;
  }
  if (!(e instanceof AppError)) {
    next(e);
    return;
  }
  res.status(httpStatusOf(e)).json({ error: { code: e.code, message: e.message, issues: e.issues } });
}
