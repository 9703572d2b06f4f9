/**
 * `npm run bench`: generated sgp.pedido list/get/create against hand-written
 * express routes doing the same work on the same SQLite file, in one server
 * process, under autocannon on loopback; plus list as admin vs a non-admin.
 *
 * Env: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (10),
 * BENCH_PEDIDOS (100000), BENCH_LIST_STATUS (em_producao), BENCH_SLICES (5),
 * BENCH_DATA_DIR (reuse a loaded database), BENCH_CPU_PROF (dir for a server CPU profile),
 * BENCH_UV_THREADPOOL_SIZE (server's libuv pool; Node's default 4 when unset),
 * BENCH_SERVER_IMPORT (a module the server imports first, for what-if experiments).
 * Not a test: CI does not run it. Compare ratios within one run only (STACK-NOTES).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchConfig, type BenchConfig } from './config.js';
import { loadInOwnProcess, startServerProcess, type ServerProcess } from './serverProcess.js';
import { ensureUserAndLogin, login } from './apiClient.js';
import { checkEquivalence } from './checkEquivalence.js';
import { benchCredentials, type BenchCredentials } from './credentials.js';
import { buildScenarios, type Scenario } from './scenarios.js';
import { runLoad, summarize, type LoadRun } from './runLoad.js';
import { formatTable, problems, ratioOf, TARGET_RATIO, type PairResult } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const say = (line = '') => process.stdout.write(`${line}\n`);
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

async function measurePair(server: ServerProcess, sc: Scenario, cfg: BenchConfig): Promise<PairResult> {
  const slices = Math.min(cfg.slices, cfg.seconds);
  const sides = { subject: sc.subject, baseline: sc.baseline };
  const runs: Record<keyof typeof sides, LoadRun[]> = { subject: [], baseline: [] };
  const rss: Record<keyof typeof sides, number | null> = { subject: null, baseline: null };
  if (cfg.warmupSeconds > 0) for (const t of Object.values(sides)) await runLoad(t, cfg.warmupSeconds, cfg.connections);
  for (let i = 0; i < slices; i++) {
    // A B, B A, A B…: neither side always runs first, on a warmer process or a fuller database.
    const order: (keyof typeof sides)[] = i % 2 === 0 ? ['subject', 'baseline'] : ['baseline', 'subject'];
    for (const side of order) {
      runs[side].push(await runLoad(sides[side], cfg.seconds / slices, cfg.connections));
      rss[side] = Math.max(rss[side] ?? 0, server.memory()?.rssMb ?? 0) || null;
    }
  }
  const subject = summarize(sc.subject.label, runs.subject);
  const baseline = summarize(sc.baseline.label, runs.baseline);
  for (const s of [subject, baseline]) {
    say(
      `  ${sc.name.padEnd(18)} ${s.label.padEnd(34)} ${s.reqPerSec.toFixed(1).padStart(8)} req/s  p50 ${s.p50Ms.toFixed(1)} ms  p99 ${s.p99Ms.toFixed(1)} ms${s.non2xx || s.errors ? `  !! ${s.non2xx} non-2xx, ${s.errors} errors` : ''}`,
    );
  }
  return { scenario: sc.name, ratioName: sc.ratioName, gated: sc.gated, subject, baseline, rssMb: rss };
}

async function main(): Promise<number> {
  const cfg = readBenchConfig();
  const dataDir = cfg.dataDir ? path.resolve(cfg.dataDir) : await mkdtemp(path.join(os.tmpdir(), 'forja-bench-'));
  say(
    `Forja benchmark — ${cfg.pedidos.toLocaleString('en-US')} pedidos, ${cfg.connections} connections, ${cfg.warmupSeconds} s warm-up + ${cfg.seconds} s per side (in ${Math.min(cfg.slices, cfg.seconds)} alternating slices)`,
  );
  say(
    `Node ${process.version}, ${os.cpus().length} CPUs (server and load generator share them: compare ratios, not absolute numbers); load average ${loadAverage()}`,
  );
  say(`Data: ${dataDir}${cfg.dataDir ? ' (kept)' : ' (temporary)'}`);
  await mkdir(dataDir, { recursive: true });
  const accounts = benchCredentials(dataDir);
  if (cfg.uvThreadpoolSize) say(`Server UV_THREADPOOL_SIZE=${cfg.uvThreadpoolSize}`);
  if (cfg.serverImport) say(`Server process preloads ${cfg.serverImport} (what-if run: not the platform as shipped)`);
  const serverEnv = {
    root: ROOT,
    dataDir,
    authSecret: randomBytes(36).toString('base64url'),
    adminEmail: accounts.admin.email,
    adminPassword: accounts.admin.password,
    pedidos: cfg.pedidos,
    cpuProfDir: cfg.cpuProfDir,
    uvThreadpoolSize: cfg.uvThreadpoolSize,
    preload: cfg.serverImport,
  };
  let server: ServerProcess | undefined;
  try {
    say('Loading data (in its own process)…');
    const load = await loadInOwnProcess(serverEnv);
    say(
      load.loaded
        ? `Loaded ${load.pedidos.toLocaleString('en-US')} pedidos, ${load.itens.toLocaleString('en-US')} itens, ${load.clientes} clientes in ${(load.ms / 1000).toFixed(1)} s`
        : `Reusing ${load.pedidos.toLocaleString('en-US')} pedidos, ${load.itens.toLocaleString('en-US')} itens already in ${dataDir}`,
    );
    say('Starting the server process (platform + hand-written routes)…');
    server = await startServerProcess(serverEnv);
    say(
      `Platform ${server.info.platformUrl}, hand-written ${server.info.handUrl}, server pid ${server.pid}, RSS ${server.memory()?.rssMb.toFixed(0) ?? '?'} MB`,
    );
    return await benchmark(server, cfg, accounts);
  } finally {
    await server?.stop();
    if (cfg.cpuProfDir) say(`CPU profile of the server written to ${path.resolve(cfg.cpuProfDir)}`);
    if (!cfg.dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Sign-ins, the equivalence check, the load scenarios and the report; returns the exit code. */
async function benchmark(server: ServerProcess, cfg: BenchConfig, accounts: BenchCredentials): Promise<number> {
  const adminToken = await login(server.info.platformUrl, accounts.admin.email, accounts.admin.password);
  const vendedorToken = await ensureUserAndLogin(server.info.platformUrl, adminToken, accounts.vendedor.email, accounts.vendedor.password, ['vendedor']);
  const endpoints = {
    platformUrl: server.info.platformUrl,
    handUrl: server.info.handUrl,
    adminToken,
    vendedorToken,
    listStatus: cfg.listStatus,
    pedidos: cfg.pedidos,
  };

  say('\nSame answers on both sides?');
  for (const note of await checkEquivalence(endpoints)) say(`  ✓ ${note}`);

  say(`\nLoad (list: filter status=${cfg.listStatus}, sort -data_entrada, page 1 of 50; get: random ids 1..${cfg.pedidos}; create: pedido with 2 itens)`);
  const scenarios = buildScenarios(endpoints);
  if (cfg.warmupSeconds > 0) {
    // The first pair would otherwise meet a process whose code is not optimised yet.
    say(`  (warming every target up for ${cfg.warmupSeconds} s first)`);
    for (const sc of scenarios) for (const t of [sc.subject, sc.baseline]) await runLoad(t, cfg.warmupSeconds, cfg.connections);
  }
  const results: PairResult[] = [];
  for (const sc of scenarios) results.push(await measurePair(server, sc, cfg));

  say('\nResults');
  say(formatTable(results));
  say(`\nLoad average at the end: ${loadAverage()} (other work on the machine makes the pairs noisier)`);
  const mem = server.memory();
  if (mem) say(`Server process RSS: ${mem.rssMb.toFixed(0)} MB now, ${mem.peakMb.toFixed(0)} MB peak`);
  const failed = problems(results);
  if (failed.length) {
    say('\n!! Some requests failed, so these figures are not valid:');
    for (const f of failed) say(`   ${f}`);
    return 1;
  }
  const below = results.filter((r) => r.gated && ratioOf(r) < TARGET_RATIO);
  say(
    below.length
      ? `\nBelow the ${TARGET_RATIO} target: ${below.map((r) => `${r.scenario} (${ratioOf(r).toFixed(2)})`).join(', ')}`
      : `\nEvery ratio meets the ${TARGET_RATIO} target.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`\nBenchmark failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
