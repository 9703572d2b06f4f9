/**
 * GET /export/<module>/<entity>.csv?input=<the list input as JSON>
 * Streams every row matching a list's filter, sort and search (not only the
 * page on screen), read through the same service, permissions and row rules
 * as `<module>.<entity>.list`, one page at a time so memory stays flat.
 * pt-BR output (the default) is what Excel there opens directly: `;` between
 * values, decimal comma, UTF-8 with BOM; `?locale=en` gives `,` and points.
 * Text cells that a spreadsheet would run as a formula are neutralised the way
 * OWASP's CSV-injection guidance says: prefixed with `'` and quoted.
 */
import { Router, type Request, type Response } from 'express';
import type { EntityModel, FieldModel } from '../model/types.js';
import type { Row } from '../plugin/types.js';
import type { EntityServices } from '../service/entityServices.js';
import type { SessionService } from '../auth/sessions.js';
import { authenticateRequest } from '../auth/authenticate.js';
import { NotFoundError, UnauthorizedError } from '../errors/index.js';
import { parseJsonParam, sendError } from './routeErrors.js';
import type { ListInput } from '../service/entityService.js';
import { compileInputParser } from '../input/validateInput.js';
import { listInputSchema, MAX_PAGE_SIZE } from './entitySchemas.js';
import { fieldType } from '../fields/index.js';

interface CsvFormat {
  separator: string;
  decimalComma: boolean;
}

const FORMATS: Record<string, CsvFormat> = { 'pt-BR': { separator: ';', decimalComma: true }, en: { separator: ',', decimalComma: false } };

export function buildCsvExport(services: EntityServices, sessions: SessionService): Router {
  const router = Router();
  const parsers = new Map(
    services.model
      .entities()
      .filter((e) => !e.internal)
      .map((e) => [e.key, compileInputParser<ListInput>(listInputSchema(e))]),
  );
  router.get('/:module/:file', (req, res, next) => {
    exportCsv(req, res, services, sessions, parsers).catch((e: unknown) => sendError(e, res, next));
  });
  return router;
}

async function exportCsv(
  req: Request,
  res: Response,
  services: EntityServices,
  sessions: SessionService,
  parsers: Map<string, (i: unknown) => ListInput>,
): Promise<void> {
  const auth = await authenticateRequest(req, sessions);
  if (!auth) throw new UnauthorizedError();
  const entityName = String(req.params.file).replace(/\.csv$/, '');
  const key = `${String(req.params.module)}.${entityName}`;
  const parse = parsers.get(key);
  if (!parse) throw new NotFoundError(`No entity ${key}`);
  const input = parse(parseJsonParam(req.query.input, 'input'));
  const format = FORMATS[String(req.query.locale ?? 'pt-BR')] ?? FORMATS['pt-BR']!;
  const entity = services.model.entity(key);
  const service = services.service(key);
  const columns = exportColumns(entity);
  // The first page runs before any byte is sent, so a refusal is still a clean HTTP error.
  let page = await service.list(auth.user, { ...input, page: 1, pageSize: MAX_PAGE_SIZE });
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${entity.module}-${entity.name}.csv"`);
  res.write(
    '\uFEFF' +
      csvLine(
        columns.map((c) => textCell(c.label, format)),
        format,
      ),
  );
  for (let n = 1; ; n++) {
    for (const row of page.rows)
      res.write(
        csvLine(
          columns.map((c) => csvCell(c, row, format)),
          format,
        ),
      );
    if (page.rows.length < MAX_PAGE_SIZE) break;
    page = await service.list(auth.user, { ...input, page: n + 1, pageSize: MAX_PAGE_SIZE });
  }
  res.end();
}

/** Stored fields whose type has a CSV text, in declaration order, after the id. */
function exportColumns(entity: EntityModel): FieldModel[] {
  const id: FieldModel = { name: 'id', type: 'integer', label: 'ID', stored: true };
  return [id, ...entity.columns.filter((f) => fieldType(f.type).csv !== undefined)];
}

function cellText(field: FieldModel, row: Row, format: CsvFormat): string {
  const value = row[field.name];
  if (value === null || value === undefined) return '';
  return fieldType(field.type).csv?.text?.(field, value, row, format) ?? String(value);
}

/** A plain number stays a number the spreadsheet can sum: `-12,50` is data, not a formula. */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;
/**
 * What a spreadsheet may start a formula with (OWASP's list, full-width forms
 * included), also behind leading blanks or quotes, which some readers strip.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s"']*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

function csvCell(field: FieldModel, row: Row, format: CsvFormat): string {
  const text = cellText(field, row, format);
  return isNumeric(field) && PLAIN_NUMBER.test(text) ? text : textCell(text, format);
}

function isNumeric(field: FieldModel): boolean {
  return fieldType(field.type).csv?.numeric?.(field) ?? false;
}

function textCell(text: string, format: CsvFormat): string {
  if (FORMULA_START.test(text)) return quoted(`'${text}`);
  return /[\r\n"]/.test(text) || text.includes(format.separator) ? quoted(text) : text;
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function csvLine(cells: string[], format: CsvFormat): string {
  return `${cells.join(format.separator)}\r\n`;
}
