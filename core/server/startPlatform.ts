/**
 * Start-up, in order: configuration → app model → databases → migrations →
 * admin user → demo data → HTTP server. Any failure stops start-up before
 * the server listens, with a message that says what to fix.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import type { Config } from '../config/index.js';
import { buildAppModel, platformSecrets } from '../app/index.js';
import { CORE_FEATURES } from '../app/features.js';
import type { AppModel } from '../model/types.js';
import { closeDatasources, connectModelDatasources, distinctDatasources, fallbackDatasources } from '../db/connectModelDatasources.js';
import { applyMigrations, checkMappedTables } from '../db/migrations/index.js';
import { Repositories } from '../db/repository/repositories.js';
import { EntityServices } from '../service/entityServices.js';
import { hashPassword } from '../auth/passwords.js';
import { resolveAuthSecret } from '../auth/authSecret.js';
import { SessionService } from '../auth/sessions.js';
import { LoginThrottle } from '../auth/loginThrottle.js';
import { buildAppRouter } from '../api/index.js';
import { SYSTEM_USER } from '../service/systemUser.js';
import { pluginContext } from '../service/pluginContext.js';
import { createApp } from './createApp.js';
import { ensureAdmin } from './ensureAdmin.js';
import { runSeeds } from './runSeeds.js';
import { drainableServer } from './gracefulShutdown.js';
import { attachRealtime, type Realtime } from '../realtime/index.js';
import { schedulerFeature, type RunQueue, type Scheduler, type SchedulerSettings } from '../scheduler/index.js';
import type { RunningFeature } from '../service/coreFeature.js';
import { chooseFileStore } from '../files/index.js';

export interface RunningPlatform {
  url: string;
  port: number;
  model: AppModel;
  repos: Repositories;
  services: EntityServices;
  logger: Logger;
  /** Absent when SCHEDULER=off. */
  scheduler?: Scheduler;
  /** The record-run queue (`ctx.jobs.start`); absent when SCHEDULER=off. */
  runQueue?: RunQueue;
  /** Stops taking requests and the scheduler (aborting running jobs), finishes in-flight requests, then closes the databases. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Overrides for tests: where manifests/plugins/migrations live. */
  manifestsDir?: string;
  pluginsDir?: string;
  migrationsDir?: string;
  logger?: Logger;
  /** Scheduler settings for tests: a clock of their own, manual ticks (tickMs 0), short leases. */
  scheduler?: Omit<SchedulerSettings, 'worker'>;
}

export async function startPlatform(config: Config, options: StartOptions = {}): Promise<RunningPlatform> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const model = await buildAppModel({ root: config.root, manifestsDir: options.manifestsDir, pluginsDir: options.pluginsDir });
  const secrets = platformSecrets(config, model);
  const datasources = await connectModelDatasources(model, config, (m) => logger.info(m));
  try {
    const migrationsDir = options.migrationsDir ?? path.join(config.root, 'migrations');
    for (const ds of distinctDatasources(datasources)) {
      const serves = [...datasources].filter(([, d]) => d === ds).map(([name]) => name);
      const applied = await applyMigrations({ datasource: ds, model, migrationsDir, serves, log: (m: string) => logger.info(m) });
      if (applied.length) logger.info({ datasource: ds.name, applied }, 'migrations applied');
    }
    await checkMappedTables({ model, datasources, fallbacks: fallbackDatasources(model, config), log: (m) => logger.warn(m) });
    const repos = new Repositories(model, datasources, config.totalCountCap);
    const worker = {
      root: config.root,
      manifestsDir: options.manifestsDir,
      pluginsDir: options.pluginsDir,
      dataDir: config.dataDir,
      timeZone: config.timeZone,
      moduleEnv: config.moduleEnv,
      filesS3: config.filesS3,
    };
    const scheduling = schedulerFeature({
      enabled: config.scheduler,
      worker,
      ...options.scheduler,
      jobs: { concurrency: config.jobsConcurrency, ...options.scheduler?.jobs },
    });
    const features = [...CORE_FEATURES, scheduling];
    const fileStore = chooseFileStore(config);
    const services = new EntityServices({
      repos,
      fileStore,
      hashPassword,
      secrets,
      log: logger,
      timeZone: config.timeZone,
      moduleConfig: { env: config.moduleEnv, dataDir: config.dataDir },
      extensions: features.flatMap((f) => f.entityExtension ?? []),
    });
    await ensureAdmin(services, config, logger);
    if (config.seed) await runSeeds(services, logger);
    for (const feature of features) await feature.install?.({ services, logger });
    const sessions = new SessionService(repos, resolveAuthSecret(config.authSecret, config.dataDir), config.tokenTtlSeconds);
    const throttle = new LoginThrottle(repos, config.login);
    let realtime: Realtime | undefined;
    const onSessionRevoked = (jti: string) => realtime?.disconnectSession(jti);
    const app = createApp({
      config,
      services,
      fileStore,
      features,
      sessions,
      throttle,
      appRouter: buildAppRouter(model),
      logger,
      onSessionRevoked,
    });
    const { server, drain } = drainableServer(app, { timeoutMs: config.shutdownTimeoutMs, logger });
    realtime = attachRealtime(server, {
      repos,
      changes: services.changes,
      runLogs: scheduling.runLogs,
      sessions,
      logger,
      corsOrigins: config.corsOrigins,
      redisUrl: config.redisUrl,
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, config.host, resolve));
    const port = (server.address() as AddressInfo).port;
    // Live connections would hold the HTTP server open; closing them first also tells clients to reconnect.
    const live = realtime;
    for (const mod of Object.values(model.modules)) await mod.plugin?.afterStart?.(pluginContext(services, mod.name, SYSTEM_USER));
    const running = features.flatMap((feature) => feature.afterStart?.({ services, logger }) ?? []);
    const { scheduler, runQueue } = scheduling;
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= stopServing({ drain, running, live, closeDatabases: () => closeDatasources(datasources), logger }));
    logger.info({ port, modules: Object.keys(model.modules), scheduler: !!scheduler }, `Forja listening on http://localhost:${port}`);
    return { url: `http://127.0.0.1:${port}`, port, model, repos, services, logger, scheduler, runQueue, stop };
  } catch (e) {
    await closeDatasources(datasources);
    throw e;
  }
}

/**
 * Requests stop at once (a client must not be served on, then cut); jobs and
 * live connections close meanwhile, jobs writing their runs while the
 * databases are still open; the databases close last, when nothing can use them.
 */
async function stopServing(p: {
  drain: () => Promise<void>;
  running: readonly RunningFeature[];
  live: Realtime;
  closeDatabases: () => Promise<void>;
  logger: Logger;
}): Promise<void> {
  const drained = p.drain();
  await Promise.all(p.running.map((feature) => feature.stop()));
  await p.live.close();
  await drained;
  await p.closeDatabases().catch((e: unknown) => p.logger.error({ err: e }, 'error while closing databases'));
}
