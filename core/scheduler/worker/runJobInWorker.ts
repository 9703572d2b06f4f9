/**
 * Inside the worker thread: builds the app model, opens connections of its
 * own, runs one job and reports back. Records the job writes go through the
 * same services (rules, hooks, audit) as anywhere else; their change events
 * are passed to the server, which delivers them to live screens.
 */
import type { MessagePort } from 'node:worker_threads';
import { buildAppModel } from '../../model/index.js';
import { closeDatasources, connectModelDatasources, sqliteFileOf } from '../../db/connectModelDatasources.js';
import type { Datasource } from '../../db/connect.js';
import { DataLayer, type Logger } from '../../service/dataLayer.js';
import { pluginContext } from '../../service/pluginContext.js';
import { SYSTEM_USER } from '../../service/systemUser.js';
import { hashPassword } from '../../auth/passwords.js';
import type { JobContext } from '../../plugin/types.js';
import { dataDirFileStore } from '../../files/index.js';
import { checkJobParams } from '../jobParams.js';
import { jobFiles } from './jobFiles.js';
import { ABORT_MESSAGE, type WorkerInput, type WorkerMessage } from './messages.js';

const COUNT_CAP = 10_000;

export async function runJobInWorker(input: WorkerInput, port: MessagePort): Promise<void> {
  const send = (message: WorkerMessage) => port.postMessage(message);
  const abort = new AbortController();
  port.on('message', (message: unknown) => {
    if (message === ABORT_MESSAGE) abort.abort(new Error('The run was aborted'));
  });
  let datasources = new Map<string, Datasource>();
  try {
    const { settings, request } = input;
    const model = await buildAppModel({ root: settings.root, manifestsDir: settings.manifestsDir, pluginsDir: settings.pluginsDir });
    const job = model.modules[request.module]?.jobs[request.job];
    if (!job) throw new Error(`Job "${request.job}" is not defined by the ${request.module} plugin`);
    const params = checkJobParams(job, request.params);
    datasources = await connectModelDatasources(model, settings);
    const layer = new DataLayer({ model, datasources, hashPassword, log: outputLogger(send), countCap: COUNT_CAP, fileStore: dataDirFileStore(settings.dataDir), timeZone: settings.timeZone });
    layer.changes.subscribe((event) => send({ type: 'change', event }));
    const sqliteFile = sqliteFileOf(model.modules[request.module]!.datasource, settings);
    const ctx: JobContext = { ...pluginContext(layer, request.module, SYSTEM_USER), dataDir: settings.dataDir, files: jobFiles(layer), ...(sqliteFile ? { sqliteFile } : {}) };
    const summary = await job.run({
      ctx,
      params,
      run: { id: request.runId, slot: request.slot, trigger: request.trigger },
      log: (line) => send({ type: 'log', line: String(line) }),
      progress: (fraction, message) => send({ type: 'progress', fraction, ...(message === undefined ? {} : { message: String(message) }) }),
      signal: abort.signal,
    });
    send({ type: 'result', ok: true, ...(typeof summary === 'string' ? { summary } : {}) });
  } catch (e) {
    send({ type: 'result', ok: false, error: describeError(e) });
  } finally {
    await closeDatasources(datasources).catch(() => undefined);
    // Bree's completion signal: it terminates the thread, whatever handles the job left open.
    port.postMessage('done');
  }
}

/** The job's `ctx.log` and the services' warnings become output lines of the run. */
function outputLogger(send: (message: WorkerMessage) => void): Logger {
  const line = (level: string) => (obj: object | string, msg?: string) => {
    const text = typeof obj === 'string' ? obj : (msg ?? JSON.stringify(obj));
    send({ type: 'log', line: level === 'info' ? text : `[${level}] ${text}` });
  };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
