import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import compression from 'compression';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { AnyTRPCRouter, TRPCError } from '@trpc/server';
import type { Config } from '../config/index.js';
import type { EntityServices } from '../service/entityServices.js';
import type { FileStore } from '../files/index.js';
import type { CoreFeature } from '../service/coreFeature.js';
import { buildAuthRoutes } from '../auth/authRoutes.js';
import type { SessionService } from '../auth/sessions.js';
import type { LoginThrottle } from '../auth/loginThrottle.js';
import { buildCsvExport, createContextFactory, singleCallHandler } from '../api/index.js';
import { INTERNAL_ERROR_MESSAGE } from '../api/trpc.js';
import { checkHealth } from './health.js';
import { serveUi } from './serveUi.js';
import { noStoreByDefault } from './noStore.js';
import { originCheck } from './originCheck.js';

export interface AppParts {
  config: Config;
  services: EntityServices;
  fileStore: FileStore;
  /** Their routes are mounted here. */
  features: readonly CoreFeature[];
  sessions: SessionService;
  throttle: LoginThrottle;
  appRouter: AnyTRPCRouter;
  logger: Logger;
  /** Logout hook: ends the session's live (Socket.IO) connections. */
  onSessionRevoked?: (jti: string) => void;
}

/** Express wiring: middleware, /health, /auth, /trpc. Routes hold no rules and no SQL. */
export function createApp(parts: AppParts): Express {
  const { config, services, sessions, logger } = parts;
  const routeParts = { config, services, fileStore: parts.fileStore, sessions };
  const featureRoutes = parts.features.flatMap((f) => f.routes ?? []);
  const mountRoutes = (rawBody: boolean) => {
    for (const r of featureRoutes) if (!!r.rawBody === rawBody) app.use(r.path, r.build(routeParts));
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/health' },
      customLogLevel: (req, res, err) => (req.readableAborted ? 'info' : err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(helmet());
  app.use(noStoreByDefault);
  app.use(compression());
  app.use(cors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true }));
  app.use(cookieParser());
  app.use(originCheck(config.corsOrigins));
  // Uploads stream their raw body, so they are routed before any body parser.
  mountRoutes(true);
  app.use(express.json({ limit: '2mb' }));

  app.get('/health', async (_req, res) => {
    const health = await checkHealth(services.repos.datasources);
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });
  app.use(
    '/auth',
    buildAuthRoutes({
      repos: services.repos,
      sessions,
      throttle: parts.throttle,
      secureCookies: config.secureCookies,
      onSessionRevoked: parts.onSessionRevoked,
    }),
  );
  const createContext = createContextFactory(services, sessions);
  const logFailure = (error: TRPCError, path: string | undefined) => logger.error({ err: error.cause ?? error, path }, 'procedure failed');
  app.use(
    '/trpc',
    singleCallHandler(parts.appRouter, createContext, logFailure),
    createExpressMiddleware({
      router: parts.appRouter,
      createContext,
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') logFailure(error, path);
      },
    }),
  );
  app.use('/export', buildCsvExport(services, sessions));
  mountRoutes(false);
  app.use(serveUi(config.root));
  app.use((_req, res) => res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such route' } }));
  // Only an HTTP error meant for the client (body-parser's, marked `expose`) shows its text; a failure is logged and answered as a bare 500.
  app.use((err: Error & { status?: number; expose?: boolean }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err }, 'request failed');
    const message = status === 500 ? INTERNAL_ERROR_MESSAGE : err.expose ? err.message : 'Bad request';
    res.status(status).json({ error: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', message } });
  });
  return app;
}
