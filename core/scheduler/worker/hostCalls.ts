/**
 * The worker's end of the database: a DataAccess whose operations are sent
 * to the server as `call` messages and settle with its `reply`. SQL names
 * are built by the same `declaredSql` as the server's, from names the
 * server's datasources quoted.
 */
import type { MessagePort } from 'node:worker_threads';
import { fromTransport } from '../../errors/index.js';
import type { AppModel } from '../../model/types.js';
import type { DataAccess, EntityAccess, JobDatabase, PluginJobs } from '../../plugin/types.js';
import { forwardingFileHost, type FileHost } from '../../files/index.js';
import { SYSTEM_USER } from '../../service/systemUser.js';
import { declaredSql } from '../../service/declaredSql.js';
import type { DatasourceNaming, EntityMethod, HostCall, ReplyMessage, WorkerMessage } from '../workerMessages.js';

export class HostCalls {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(private readonly port: MessagePort) {}

  call<T>(call: HostCall): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ type: 'call', id, call } satisfies WorkerMessage);
    });
  }

  settle(reply: ReplyMessage): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(fromTransport(reply.error));
  }
}

/** `module`'s data access, run by the server as the system user (as every job runs). */
export function forwardingDataAccess(model: AppModel, module: string, naming: Record<string, DatasourceNaming>, calls: HostCalls): DataAccess {
  const { dialect, quoted } = naming[model.modules[module]!.datasource]!;
  const quote = (id: string) => {
    const name = quoted[id];
    if (name === undefined) throw new Error(`"${id}" is not a table or column of the model`);
    return name;
  };
  return {
    ...declaredSql(model, module, SYSTEM_USER, dialect, quote),
    query: (sql, params = []) => calls.call({ op: 'query', module, sql, params }),
    nextSequence: (name) => calls.call({ op: 'nextSequence', module, name }),
    entity: (entity) => {
      const method =
        (name: EntityMethod) =>
        (...args: unknown[]) =>
          calls.call({ op: 'entity', module, entity, method: name, args });
      return {
        list: method('list'),
        get: method('get'),
        create: method('create'),
        update: method('update'),
        delete: method('delete'),
        transition: method('transition'),
        readSecret: method('readSecret'),
      } as EntityAccess;
    },
    // Each call crosses to the server on its own, so there is no transaction to hold open across them.
    transaction: () => Promise.reject(new Error('ctx.data.transaction is not available in jobs: each data call of a job runs on its own')),
  };
}

export function forwardingDatabase(module: string, calls: HostCalls): JobDatabase {
  return { backup: ({ folder, retention }) => calls.call({ op: 'backup', module, folder, retention }) };
}

export function forwardingFiles(module: string, calls: HostCalls): FileHost {
  return forwardingFileHost((call) => calls.call({ op: 'file', module, call }));
}

/** `ctx.jobs` of a job: the server starts, cancels and reads the runs, as the system user. */
export function forwardingJobs(module: string, calls: HostCalls): PluginJobs {
  const method =
    (name: keyof PluginJobs) =>
    (...args: unknown[]) =>
      calls.call({ op: 'jobs', module, method: name, args });
  return { start: method('start'), cancel: method('cancel'), get: method('get'), list: method('list') } as PluginJobs;
}
