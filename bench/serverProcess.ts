/**
 * Runs bench/server.ts in a child process, so the load generator (this process)
 * and the server do not share one event loop. Reports the child's memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { ServerReady } from './server.js';

export interface ServerProcess {
  info: ServerReady;
  pid: number;
  /** Resident set size now and its peak so far (VmHWM), in MB; null where /proc is missing. */
  memory(): { rssMb: number; peakMb: number } | null;
  stop(): Promise<void>;
}

export interface ServerEnv {
  root: string;
  dataDir: string;
  authSecret: string;
  adminEmail: string;
  adminPassword: string;
  pedidos: number;
  cpuProfDir?: string;
  uvThreadpoolSize?: number;
  /** A module the server process imports first (what-if experiments, e.g. patching a library). */
  preload?: string;
}

/** Loads the pedidos (when missing) in a process of its own, which then exits. */
export async function loadInOwnProcess(o: ServerEnv): Promise<ServerReady['load']> {
  const child = spawnServer({ ...o, cpuProfDir: undefined }, { BENCH_LOAD_ONLY: '1' });
  const { load } = await waitReady(child);
  await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  return load;
}

export async function startServerProcess(o: ServerEnv): Promise<ServerProcess> {
  const child = spawnServer(o, {});
  const info = await waitReady(child);
  const pid = child.pid!;
  return {
    info,
    pid,
    memory: () => readMemory(pid),
    stop: () => stop(child),
  };
}

function spawnServer(o: ServerEnv, extraEnv: Record<string, string>): ChildProcess {
  const args = ['--import', 'tsx'];
  if (o.preload) args.push('--import', pathToFileURL(path.resolve(o.preload)).href);
  if (o.cpuProfDir) args.push('--cpu-prof', '--cpu-prof-dir', path.resolve(o.cpuProfDir));
  args.push(path.join(o.root, 'bench', 'server.ts'));
  return spawn(process.execPath, args, {
    cwd: o.root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...(o.uvThreadpoolSize ? { UV_THREADPOOL_SIZE: String(o.uvThreadpoolSize) } : {}),
      BENCH_SERVER_DATA_DIR: o.dataDir,
      BENCH_AUTH_SECRET: o.authSecret,
      BENCH_ADMIN_EMAIL: o.adminEmail,
      BENCH_ADMIN_PASSWORD: o.adminPassword,
      BENCH_PEDIDOS: String(o.pedidos),
      ...extraEnv,
    },
  });
}

function waitReady(child: ChildProcess): Promise<ServerReady> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => reject(new Error(`bench server exited with code ${code} before it was ready`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as ServerReady;
        if (!parsed.ready) return;
        child.off('exit', onExit);
        resolve(parsed);
      } catch {
        process.stderr.write(`[server] ${line}\n`);
      }
    });
  });
}

function readMemory(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
