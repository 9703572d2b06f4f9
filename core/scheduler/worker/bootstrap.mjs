// Bree starts this file in a worker thread. Node's worker cannot load
// TypeScript by itself, so tsx is registered here before the job runner loads.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runJobInWorker } = await import('./runJobInWorker.ts');
await runJobInWorker(workerData, parentPort);
