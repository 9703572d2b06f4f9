/**
 * Hand-written express routes for pedido list/get/create: the baseline the
 * generated tRPC procedures are compared with. Same wire format as tRPC
 * (GET ?input=<json>, POST JSON body, `{ result: { data } }`), same bearer-token
 * check (the platform's SessionService), roles hard-coded from the manifest,
 * input checked by hand.
 *
 * Mounted twice: `/hand/...` behind the same middleware stack as the platform's
 * createApp (so the pair compares the API layer only) and `/bare/...` with just
 * a JSON body parser (to show what that stack itself costs).
 */
import express, { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import compression from 'compression';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Datasource } from '../core/db/connect.js';
import type { SessionService } from '../core/auth/sessions.js';
import { AppError } from '../core/errors/index.js';
import { httpStatusOf } from '../core/errors/httpStatus.js';
import { InputError, MissingError, PedidoQueries, type Json, type ListParams } from './handwrittenPedidos.js';

const READ_ROLES = ['admin', 'vendedor', 'financeiro', 'producao', 'expedicao', 'designer'];
const CREATE_ROLES = ['admin', 'vendedor'];
const STATUS = ['pendente', 'em_producao', 'pronto', 'entregue', 'cancelado'];
const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 50;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface HandwrittenApp {
  app: Express;
  /** Resolves when no handler is running (a client that hung up does not stop its handler). */
  idle(): Promise<void>;
}

export function buildHandwrittenApp(options: { datasource: Datasource; sessions: SessionService; logger: Logger }): HandwrittenApp {
  const app = express();
  const running = { count: 0 };
  app.disable('x-powered-by');
  const routes = pedidoRoutes(new PedidoQueries(options.datasource), options.sessions, running);
  // The platform's stack, in createApp's order.
  const platformStack: RequestHandler[] = [
    pinoHttp({
      logger: options.logger,
      autoLogging: { ignore: (req) => req.url === '/health' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
    helmet(),
    compression(),
    cors({ origin: false, credentials: true }),
    cookieParser(),
    express.json({ limit: '2mb' }),
  ];
  app.use('/hand', ...platformStack, routes);
  app.use('/bare', express.json({ limit: '2mb' }), routes);
  return {
    app,
    idle: async () => {
      while (running.count > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

function pedidoRoutes(queries: PedidoQueries, sessions: SessionService, running: { count: number }): Router {
  const router = Router();
  const handle = async (res: Response, work: () => Promise<Json>) => {
    running.count++;
    try {
      await respond(res, work);
    } finally {
      running.count--;
    }
  };
  router.get('/sgp.pedido.list', (req, res) =>
    handle(res, async () => {
      await authorize(req, sessions, READ_ROLES);
      return queries.list(listParams(queryInput(req)));
    }),
  );
  router.get('/sgp.pedido.get', (req, res) =>
    handle(res, async () => {
      await authorize(req, sessions, READ_ROLES);
      const input = queryInput(req);
      if (!isId(input.id) || Object.keys(input).length !== 1) throw new HttpError(400, 'input must be { id: positive integer }');
      return queries.get(input.id as number);
    }),
  );
  router.post('/sgp.pedido.create', (req, res) =>
    handle(res, async () => {
      const user = await authorize(req, sessions, CREATE_ROLES);
      const body = (req.body ?? {}) as Json;
      if (!isObject(body.data) || Object.keys(body).length !== 1) throw new HttpError(400, 'input must be { data: {...} }');
      checkPedidoData(body.data);
      return queries.create(body.data, user.id);
    }),
  );
  return router;
}

async function respond(res: Response, work: () => Promise<Json>): Promise<void> {
  try {
    res.json({ result: { data: await work() } });
  } catch (e) {
    const status =
      e instanceof HttpError ? e.status : e instanceof AppError ? httpStatusOf(e) : e instanceof InputError ? 400 : e instanceof MissingError ? 404 : 500;
    if (status === 500) console.error(e);
    res.status(status).json({ error: { message: status === 500 ? 'Internal error' : (e as Error).message } });
  }
}

/** Bearer token → user, checked exactly as the platform does (signature, expiry, session row, active user). */
async function authorize(req: Request, sessions: SessionService, roles: string[]) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new HttpError(401, 'Authentication required');
  const { user } = await sessions.verify(header.slice(7).trim());
  if (!user.roles.some((r) => roles.includes(r))) throw new HttpError(403, 'No permission');
  return user;
}

function queryInput(req: Request): Json {
  const raw = req.query.input;
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    throw new HttpError(400, 'input is not JSON');
  }
  if (!isObject(parsed)) throw new HttpError(400, 'input must be an object');
  return parsed;
}

function listParams(input: Json): ListParams {
  for (const key of Object.keys(input)) if (!['filter', 'sort', 'page', 'pageSize'].includes(key)) throw new HttpError(400, `${key} is not supported`);
  const filter = input.filter ?? {};
  if (!isObject(filter)) throw new HttpError(400, 'filter must be an object');
  for (const key of Object.keys(filter)) if (key !== 'status') throw new HttpError(400, `cannot filter by ${key}`);
  if (filter.status !== undefined && !STATUS.includes(filter.status as string)) throw new HttpError(400, 'filter.status is not a status');
  const sort = input.sort ?? '-data_entrada';
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  if (typeof sort !== 'string') throw new HttpError(400, 'sort must be a string');
  if (!isId(page) || (page as number) > 1_000_000) throw new HttpError(400, 'page must be a positive integer');
  if (!isId(pageSize) || (pageSize as number) > MAX_PAGE_SIZE) throw new HttpError(400, `pageSize must be 1..${MAX_PAGE_SIZE}`);
  return { status: filter.status as string | undefined, sort, page: page as number, pageSize: pageSize as number };
}

// ---- create input, field by field ------------------------------------------

type Check = (v: unknown) => boolean;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const str =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max;
const dec = (whole: number, scale: number): Check => {
  const re = new RegExp(`^\\d{1,${whole}}(\\.\\d{1,${scale}})?$`);
  return (v) => (typeof v === 'string' || typeof v === 'number') && re.test(String(v));
};
const oneOf =
  (values: string[]): Check =>
  (v) =>
    values.includes(v as string);
const date: Check = (v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v));
const bool: Check = (v) => typeof v === 'boolean';
const optional =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);

const PEDIDO_FIELDS: Record<string, Check> = {
  numero: optional(str(32)),
  data_entrada: date,
  data_entrega: optional(date),
  prioridade: oneOf(['NORMAL', 'ALTA']),
  status: oneOf(STATUS),
  cliente: isId,
  valor_frete: optional(dec(12, 2)),
  forma_pagamento: optional(isId),
  obs_pagamento: optional((v) => typeof v === 'string'),
  forma_envio: optional(isId),
  financeiro: optional(bool),
  conferencia: optional(bool),
  sublimacao: optional(bool),
  costura: optional(bool),
  expedicao: optional(bool),
  pronto: optional(bool),
  sublimacao_maquina: optional(isId),
  sublimacao_data_impressao: optional(date),
  observacao: optional((v) => typeof v === 'string'),
};
const ITEM_FIELDS: Record<string, Check> = {
  id: isId,
  tipo_producao: optional(isId),
  descricao: (v) => typeof v === 'string' && v.length <= 255,
  largura: optional(dec(6, 3)),
  altura: optional(dec(6, 3)),
  quantidade: optional((v) => Number.isInteger(v) && (v as number) >= 1),
  vendedor: optional(isId),
  designer: optional(isId),
  material: optional(isId),
  acabamento: oneOf(['overloque', 'elastico', 'ilhos', 'nenhum']),
  emenda: oneOf(['sem_emenda', 'com_emenda']),
  valor_unitario: optional(dec(12, 2)),
  maquina: optional(isId),
  observacao: optional((v) => typeof v === 'string'),
};

function checkFields(data: Json, fields: Record<string, Check>, required: string[], prefix: string): void {
  for (const [key, value] of Object.entries(data)) {
    const check = fields[key];
    if (!check) throw new HttpError(400, `${prefix}${key} is not a known field`);
    if (!check(value)) throw new HttpError(400, `${prefix}${key} is invalid`);
  }
  for (const key of required) if (data[key] === undefined) throw new HttpError(400, `${prefix}${key} is required`);
}

function checkPedidoData(data: Json): void {
  const { itens, ...own } = data;
  checkFields(own, PEDIDO_FIELDS, ['cliente'], 'data.');
  if (itens === undefined) return;
  if (!Array.isArray(itens) || itens.length > 1000) throw new HttpError(400, 'data.itens must be a list');
  itens.forEach((item, i) => {
    if (!isObject(item)) throw new HttpError(400, `data.itens.${i} must be an object`);
    checkFields(item, ITEM_FIELDS, ['descricao'], `data.itens.${i}.`);
  });
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 1;
}
