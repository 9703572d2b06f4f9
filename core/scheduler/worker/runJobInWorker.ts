/**
 * Inside the worker thread: builds the app model, runs one job and reports
 * back. The thread opens no database: the job's data access and database
 * maintenance are calls the server runs on its own connections, through the
 * same services (rules, hooks, audit, live updates) as anywhere else. So the
 * thread can be terminated at any moment without a native driver in flight.
 */
import type { MessagePort } from 'node:worker_threads';
import { buildAppModel } from '../../app/index.js';
import type { DataAccess, JobContext } from '../../plugin/types.js';
import { SYSTEM_USER } from '../../service/systemUser.js';
import { businessCalendar } from '../../time/index.js';
import { moduleSettings } from '../../plugin/moduleSettings.js';
import { chooseFileStore, pluginFiles } from '../../files/index.js';
import { checkJobParams } from '../jobParams.js';
import { jobFiles } from './jobFiles.js';
import { workerIntegrations } from './jobIntegrations.js';
import { forwardingDataAccess, forwardingDatabase, forwardingFiles, forwardingJobs, HostCalls } from './hostCalls.js';
import { ABORT_MESSAGE, runInfoOf, type ReplyMessage, type WorkerInput, type WorkerMessage } from '../workerMessages.js';

export async function runJobInWorker(input: WorkerInput, port: MessagePort): Promise<void> {
  const send = (message: WorkerMessage) => port.postMessage(message);
  const abort = new AbortController();
  const calls = new HostCalls(port);
  port.on('message', (message: unknown) => {
    if (message === ABORT_MESSAGE) abort.abort(new Error('The run was aborted'));
    else if (isReply(message)) calls.settle(message);
  });
  try {
    const { settings, request, naming } = input;
    const model = await buildAppModel({ root: settings.root, manifestsDir: settings.manifestsDir, pluginsDir: settings.pluginsDir });
    const job = model.modules[request.module]?.jobs[request.job];
    if (!job) throw new Error(`Job "${request.job}" is not defined by the ${request.module} plugin`);
    const params = checkJobParams(job, request.params);
    const access = new Map<string, DataAccess>();
    const dataOf = (module: string) => access.get(module) ?? access.set(module, forwardingDataAccess(model, module, naming, calls)).get(module)!;
    const log = (line: string) => send({ type: 'log', line: String(line) });
    const integrations = workerIntegrations(model, settings, log);
    const store = chooseFileStore(settings);
    const files = pluginFiles(model, store, request.module, SYSTEM_USER, forwardingFiles(request.module, calls));
    const ctx: JobContext = {
      user: SYSTEM_USER,
      module: request.module,
      data: dataOf(request.module),
      calendar: businessCalendar(settings.timeZone),
      settings: moduleSettings(request.module, settings.moduleEnv, settings.dataDir),
      integration: (name) => integrations.get(request.module, name),
      log: { info: (msg) => log(msg), warn: (msg) => log(`[warn] ${msg}`) },
      dataDir: settings.dataDir,
      database: forwardingDatabase(request.module, calls),
      files: jobFiles(model, store, dataOf, files),
      jobs: forwardingJobs(request.module, calls),
    };
    const summary = await job.run({
      ctx,
      params,
      run: runInfoOf(request),
      log,
      progress: (fraction, message) => send({ type: 'progress', fraction, ...(message === undefined ? {} : { message: String(message) }) }),
      signal: abort.signal,
    });
    send({ type: 'result', ok: true, ...(typeof summary === 'string' ? { summary } : {}) });
  } catch (e) {
    send({ type: 'result', ok: false, error: describeError(e) });
  } finally {
    // Bree's completion signal: it terminates the thread, whatever the job left running.
    port.postMessage('done');
  }
}

function isReply(message: unknown): message is ReplyMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'reply';
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
