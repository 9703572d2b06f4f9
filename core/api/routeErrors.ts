/** What the plain HTTP routes beside tRPC (CSV export and import) share: their JSON query parameter and their error answers. */
import type { NextFunction, Response } from 'express';
import { AppError, ValidationError } from '../errors/index.js';
import { httpStatusOf } from '../errors/httpStatus.js';

/** A query parameter holding JSON (`?input=…`, `?options=…`); absent: `{}`. */
export function parseJsonParam(raw: unknown, name: string): unknown {
  if (raw === undefined) return {};
  try {
    return JSON.parse(String(raw));
  } catch {
    throw ValidationError.field(name, 'is not valid JSON');
  }
}

/** An AppError as `{ error: { code, message, issues } }` with its HTTP status; anything else to Express's error handler. */
export function sendError(e: unknown, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    // Mid-stream failure: cut the response so it cannot be mistaken for a complete one.
    res.destroy(e as Error);
    return;
  }
  if (!(e instanceof AppError)) {
    next(e);
    return;
  }
  res.status(httpStatusOf(e)).json({ error: { code: e.code, message: e.message, issues: e.issues } });
}
