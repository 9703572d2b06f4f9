import { QueryTypes, type Transaction } from 'sequelize';
import type { DataAccess, EntityAccess, PluginContext, Row, SessionUser, SqlDialect, SqlFragments } from '../plugin/types.js';
import { fromStoredDecimal } from '../db/values/decimal.js';
import { SYSTEM_COLUMNS } from '../manifest/index.js';
import type { DataLayer } from './dataLayer.js';
import { nextSequence } from './sequences.js';
import { WorkflowService } from '../workflow/workflowService.js';

const FRAGMENTS: Record<SqlDialect, SqlFragments> = {
  sqlite: { monthOf: (e) => `strftime('%Y-%m', ${e})`, dayOf: (e) => `substr(${e}, 1, 10)` },
  mysql: { monthOf: (e) => `DATE_FORMAT(${e}, '%Y-%m')`, dayOf: (e) => `DATE_FORMAT(${e}, '%Y-%m-%d')` },
  oracle: { monthOf: (e) => `TO_CHAR(${e}, 'YYYY-MM')`, dayOf: (e) => `TO_CHAR(${e}, 'YYYY-MM-DD')` },
};

/** The context hooks, procedures and seeds receive: the caller, and data access inside its transaction. */
export function pluginContext(layer: DataLayer, module: string, user: SessionUser, tx?: Transaction): PluginContext {
  return {
    user,
    module,
    data: dataAccess(layer, module, user, tx),
    log: {
      info: (msg, extra) => layer.log.info({ module, ...extra }, msg),
      warn: (msg, extra) => layer.log.warn({ module, ...extra }, msg),
    },
  };
}

function dataAccess(layer: DataLayer, module: string, user: SessionUser, tx?: Transaction): DataAccess {
  const keyOf = (name: string) => (name.includes('.') ? name : `${module}.${name}`);
  const ds = layer.datasources.get(layer.model.modules[module]?.datasource ?? 'default')!;
  const quote = (id: string) => ds.sequelize.getQueryInterface().quoteIdentifier(id);
  const declared = (entity: string, field: string) => {
    const e = layer.model.entity(keyOf(entity));
    const f = e.fields[field];
    if (!f && !(SYSTEM_COLUMNS as readonly string[]).includes(field)) throw new Error(`"${field}" is not a field of ${e.key}`);
    return { e, f };
  };
  return {
    dialect: ds.dialect,
    sql: FRAGMENTS[ds.dialect],
    query: async <T>(sql: string, params: unknown[] = []) => {
      const isRead = /^\s*(select|with)\b/i.test(sql);
      const result = await ds.sequelize.query(sql, { replacements: params, transaction: tx, type: isRead ? QueryTypes.SELECT : QueryTypes.RAW, raw: true });
      return (isRead ? result : []) as T[];
    },
    table: (entity) => quote(layer.model.entity(keyOf(entity)).table),
    column: (entity, field) => {
      declared(entity, field);
      return quote(field);
    },
    decimal: (entity, field, stored) => {
      const { f } = declared(entity, field);
      if (f?.scale === undefined) throw new Error(`"${field}" is not a decimal field`);
      return fromStoredDecimal((stored ?? 0) as number, f.scale);
    },
    nextSequence: (name) => nextSequence(layer, name, tx),
    entity: (name) => entityAccess(layer, keyOf(name), user, tx),
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
