/**
 * `npm run test:mariadb`: the test suite on a MariaDB server. With
 * TEST_DATABASE_URL set it uses that server (a user that may create and drop
 * `forja_…` databases); otherwise it starts a throw-away `mariadbd` of its own
 * on a free loopback port in a temp folder (no config files read, so latin1
 * server defaults, as a bare CI server has), runs the suite and removes it.
 * Without MariaDB installed the pass is skipped with a notice, or fails under CI.
 * Arguments are passed on to `vitest run` (e.g. a test file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const SERVER_READY_WITHIN_MS = 60_000;
const USER = 'forja';

async function main(args: string[]): Promise<number> {
  if (process.env.TEST_DATABASE_URL) return runSuite(process.env.TEST_DATABASE_URL, args);
  const binaries = mariadbBinaries();
  if (!binaries) {
    const notice = 'MariaDB pass skipped: install mariadb-server (mariadbd and mariadb-install-db not found), or set TEST_DATABASE_URL';
    if (process.env.CI === 'true') {
      console.error(`${notice.replace('skipped', 'cannot run')} — CI must run it`);
      return 1;
    }
    console.log(notice);
    return 0;
  }
  const server = await startServer(binaries);
  try {
    return await runSuite(server.url, args);
  } finally {
    await server.stop();
  }
}

interface Binaries {
  mariadbd: string;
  installDb: string;
}

/** Debian installs mariadbd in /usr/sbin, which is not on every user's PATH. */
function mariadbBinaries(): Binaries | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  const find = (name: string) => dirs.map((d) => path.join(d, name)).find((f) => existsSync(f));
  const mariadbd = find('mariadbd');
  const installDb = find('mariadb-install-db');
  return mariadbd && installDb ? { mariadbd, installDb } : undefined;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(binaries: Binaries): Promise<Server> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-mariadb-'));
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'mariadb.sock');
  const user = `--user=${os.userInfo().username}`;
  await run(binaries.installDb, ['--no-defaults', user, `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db']);
  const port = await freePort();
  const child = spawn(
    binaries.mariadbd,
    [
      '--no-defaults',
      user,
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      // A throw-away server need not survive a power cut: commits and table creation skip flushes to disk; SQL behaves the same.
      '--innodb-flush-log-at-trx-commit=2',
      '--innodb-doublewrite=0',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const password = randomBytes(12).toString('hex');
    await untilAnswering(
      socket,
      child,
      () => log,
      async (root) => {
        await root.query(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [USER, password]);
        await root.query(`GRANT ALL PRIVILEGES ON \`forja\\_%\`.* TO ?@'127.0.0.1'`, [USER]);
      },
    );
    console.log(`MariaDB pass: throw-away mariadbd on 127.0.0.1:${port} (${dir})`);
    return { url: `mariadb://${USER}:${password}@127.0.0.1:${port}`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function untilAnswering(socket: string, child: ChildProcess, log: () => string, work: (root: mysql.Connection) => Promise<void>): Promise<void> {
  const deadline = Date.now() + SERVER_READY_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited (${child.exitCode}) before answering:\n${log()}`);
    const root = await mysql.createConnection({ socketPath: socket, user: 'root' }).catch((e: Error) => e);
    if (!(root instanceof Error)) {
      try {
        return await work(root);
      } finally {
        await root.end();
      }
    }
    if (Date.now() > deadline) throw new Error(`mariadbd did not answer within ${SERVER_READY_WITHIN_MS / 1000} s: ${root.message}\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, stdio: 'inherit' | 'pipe' = 'pipe'): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (stdio === 'pipe' && code !== 0) reject(new Error(`${path.basename(command)} failed (${code ?? signal}):\n${out}`));
      else resolve(code ?? 1);
    });
  });
}

function runSuite(url: string, args: string[]): Promise<number> {
  const vitest = path.join(ROOT, 'node_modules', '.bin', 'vitest');
  return run(vitest, ['run', ...args], { ...process.env, TEST_DATABASE_URL: url }, 'inherit');
}

// Ctrl-C reaches vitest too; once it has exited the server is stopped and removed as after a normal run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
