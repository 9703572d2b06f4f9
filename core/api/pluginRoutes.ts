/**
 * The plugins' HTTP routes (RouteDef), mounted at /api: each behind the API's
 * authentication (bearer token, or the session cookie with its CSRF header
 * for writes), its `access` rule, then its input schema over path params,
 * query and JSON body. Typed errors answer with their status and
 * `{ error: { code, message, issues } }`; anything else is logged and
 * answered as a bare 500, never with its text.
 */
import { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import type { SessionService } from '../auth/sessions.js';
import type { EntityServices } from '../service/entityServices.js';
import type { CoreFeature } from '../service/coreFeature.js';
import { isRouteFile, type AnyRoute, type RouteFile, type SessionUser } from '../plugin/types.js';
import { routeUrl } from '../plugin/routeChecks.js';
import { pluginContext } from '../service/pluginContext.js';
import { compileInputParser } from '../input/validateInput.js';
import { ValidationError } from '../errors/index.js';
import { sendFile, signedInRoute } from '../files/index.js';
import { checkAccess } from './buildPluginProcedures.js';
import { requestFacts } from './requestFacts.js';

const API = '/api';

export const pluginRoutesFeature: CoreFeature = {
  name: 'plugin routes',
  routes: [{ path: API, build: ({ services, sessions }) => buildPluginRoutes(services, sessions) }],
};

export function buildPluginRoutes(services: EntityServices, sessions: SessionService): Router {
  const router = Router();
  for (const module of Object.values(services.model.modules)) {
    for (const def of Object.values(module.plugin?.routes ?? {})) {
      const parse = compileInputParser(def.input);
      const handle = async (req: Request, res: Response, user: SessionUser) => {
        checkAccess(services, module.name, def, user);
        const input = parse(routeInput(req, def));
        const ctx = pluginContext(services, module.name, user, undefined, requestFacts(req));
        const answer = await def.resolve({ input, ctx, ...(def.body === 'stream' ? { body: req } : {}) });
        if (isRouteFile(answer)) sendRouteFile(req, res, answer);
        else res.status(def.status ?? 200).json(answer ?? null);
      };
      const method = def.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      router[method](routeUrl(module.name, def).slice(API.length), signedInRoute(sessions, handle));
    }
  }
  // /api is the plugins' room: what no route serves is a JSON 404, not the UI's page.
  router.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such route' } });
  });
  return router;
}

type JsonSchemaProperty = { type?: unknown };

/** Path params and query values arrive as text: a property declared as a number or boolean reads them as one. */
function fromText(value: unknown, property: JsonSchemaProperty | undefined): unknown {
  if (typeof value !== 'string' || !property) return value;
  const types = Array.isArray(property.type) ? property.type : [property.type];
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Params, query and body as one object; a key given by two of them is refused rather than one silently winning. */
function routeInput(req: Request, def: AnyRoute): Record<string, unknown> {
  const properties = ((def.input as { properties?: Record<string, JsonSchemaProperty> }).properties ?? {}) as Record<string, JsonSchemaProperty>;
  // A stream route's body is a file, left unread for its resolve.
  const body: unknown = def.body === 'stream' ? {} : (req.body ?? {});
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ValidationError.field('body', 'must be a JSON object');
  const input: Record<string, unknown> = {};
  const add = (key: string, value: unknown) => {
    if (Object.hasOwn(input, key)) throw ValidationError.field(key, 'is given more than once (path, query string or body)');
    Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });
  };
  const own = (key: string) => (Object.hasOwn(properties, key) ? properties[key] : undefined);
  for (const [key, value] of Object.entries(req.params)) add(key, fromText(value, own(key)));
  for (const [key, value] of Object.entries(req.query)) add(key, fromText(value, own(key)));
  for (const [key, value] of Object.entries(body)) add(key, value);
  return input;
}

function sendRouteFile(req: Request, res: Response, file: RouteFile): void {
  const stream = Buffer.isBuffer(file.body) ? Readable.from([file.body]) : file.body;
  const size = file.size ?? (Buffer.isBuffer(file.body) ? file.body.length : undefined);
  res.status(file.status ?? 200);
  sendFile(req, res, { stream, name: file.filename, type: file.contentType, size }, file.disposition ?? 'attachment');
}
