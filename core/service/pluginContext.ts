import { QueryTypes, type Transaction } from 'sequelize';
import type { DataAccess, EntityAccess, PluginContext, Row, SessionUser } from '../plugin/types.js';
import type { DataLayer } from './dataLayer.js';
import { declaredSql, entityKey } from './declaredSql.js';
import { nextSequence } from './sequences.js';
import { bound } from '../db/boundSql.js';
import { WorkflowService } from '../workflow/workflowService.js';
import { businessCalendar } from '../time/index.js';

/** The context hooks, procedures and seeds receive: the caller, and data access inside its transaction. */
export function pluginContext(layer: DataLayer, module: string, user: SessionUser, tx?: Transaction): PluginContext {
  return {
    user,
    module,
    data: dataAccess(layer, module, user, tx),
    calendar: businessCalendar(layer.timeZone),
    log: {
      info: (msg, extra) => layer.log.info({ module, ...extra }, msg),
      warn: (msg, extra) => layer.log.warn({ module, ...extra }, msg),
    },
  };
}

function dataAccess(layer: DataLayer, module: string, user: SessionUser, tx?: Transaction): DataAccess {
  const ds = layer.datasources.get(layer.model.modules[module]?.datasource ?? 'default')!;
  const quote = (id: string) => ds.sequelize.getQueryInterface().quoteIdentifier(id);
  return {
    ...declaredSql(layer.model, module, user, ds.dialect, quote),
    query: async <T>(sql: string, params: unknown[] = []) => {
      const isRead = /^\s*(select|with)\b/i.test(sql);
      // Plugins write `?`; each value goes to the driver as a bound parameter.
      const query = bound(sql, params, ds.dialect);
      const result = await ds.sequelize.query(query.sql, { bind: query.bind, transaction: tx, type: isRead ? QueryTypes.SELECT : QueryTypes.RAW, raw: true });
      return (isRead ? result : []) as T[];
    },
    nextSequence: (name) => nextSequence(layer, name, tx),
    entity: (name) => entityAccess(layer, entityKey(module, name), user, tx),
  };
}

function entityAccess(layer: DataLayer, key: string, user: SessionUser, tx?: Transaction): EntityAccess {
  const service = layer.service(key);
  return {
    list: (input = {}) => service.list(user, input, tx),
    get: (id) => service.get(user, id, tx),
    create: (data: Row) => service.create(user, data, tx),
    update: (id, data, version) => service.update(user, id, data, version, tx),
    delete: (id) => service.delete(user, id, tx),
    transition: (id, transition, options = {}) => new WorkflowService(service.entity, layer).transition(user, { id, transition, ...options }, tx),
  };
}
