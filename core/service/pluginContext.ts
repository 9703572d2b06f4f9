import { QueryTypes, type Transaction } from 'sequelize';
import type { DataAccess, EntityAccess, PluginContext, PluginJobs, RequestFacts, Row, SessionUser } from '../plugin/types.js';
import type { ServiceContext } from './entityOperations.js';
import { declaredSql, entityKey } from './declaredSql.js';
import { nextSequence } from '../db/stores/sequenceStore.js';
import { bound } from '../db/boundSql.js';
import { businessCalendar } from '../time/index.js';
import { moduleSettings } from '../plugin/moduleSettings.js';

/** The context hooks, procedures and seeds receive: the caller, and data access inside its transaction. */
export function pluginContext(services: ServiceContext, module: string, user: SessionUser, tx?: Transaction, request?: RequestFacts): PluginContext {
  return {
    ...(request ? { request } : {}),
    user,
    module,
    data: dataAccess(services, module, user, tx),
    calendar: businessCalendar(services.timeZone),
    settings: moduleSettings(module, services.moduleConfig.env, services.moduleConfig.dataDir),
    integration: (name) => services.integrations.get(module, name),
    log: {
      info: (msg, extra) => services.log.info({ module, ...extra }, msg),
      warn: (msg, extra) => services.log.warn({ module, ...extra }, msg),
    },
    files: services.pluginFiles(module, user, tx),
    jobs: jobsOf(services, module, user, tx),
  };
}

/** `ctx.jobs` from the feature that runs jobs; without it (no scheduler feature), a clear refusal. */
function jobsOf(services: ServiceContext, module: string, user: SessionUser, tx?: Transaction): PluginJobs {
  const runner = services.extensions.find((e) => e.jobs);
  if (runner?.jobs) return runner.jobs(module, user, tx);
  const off = () => Promise.reject(new Error('Background jobs are not available in this process (no scheduler feature)'));
  return { start: off, cancel: off, get: off, list: off };
}

function dataAccess(services: ServiceContext, module: string, user: SessionUser, tx?: Transaction): DataAccess {
  const ds = services.repos.datasources.get(services.model.modules[module]?.datasource ?? 'default')!;
  const quote = (id: string) => ds.sequelize.getQueryInterface().quoteIdentifier(id);
  const access: DataAccess = {
    ...declaredSql(services.model, module, user, ds.dialect, quote),
    query: async <T>(sql: string, params: unknown[] = []) => {
      const isRead = /^\s*(select|with)\b/i.test(sql);
      // Plugins write `?`; each value goes to the driver as a bound parameter.
      const query = bound(sql, params, ds.dialect);
      const result = await ds.sequelize.query(query.sql, { bind: query.bind, transaction: tx, type: isRead ? QueryTypes.SELECT : QueryTypes.RAW, raw: true });
      return (isRead ? result : []) as T[];
    },
    nextSequence: (name) => nextSequence(services.repos, name, tx),
    entity: (name) => entityAccess(services, entityKey(module, name), user, tx),
    transaction: (work) => (tx ? work(access) : ds.writeTransaction((t) => work(dataAccess(services, module, user, t)))),
  };
  return access;
}

function entityAccess(services: ServiceContext, key: string, user: SessionUser, tx?: Transaction): EntityAccess {
  const service = services.service(key);
  return {
    list: (input = {}) => service.list(user, input, tx),
    get: (id) => service.get(user, id, tx),
    create: (data: Row) => service.create(user, data, tx),
    update: (id, data, version) => service.update(user, id, data, version, tx),
    delete: (id) => service.delete(user, id, tx),
    transition: (id, transition, options = {}) => services.transition(key, user, { id, transition, ...options }, tx),
    readSecret: (id, field) => service.readSecret(user, id, field, tx),
  };
}
