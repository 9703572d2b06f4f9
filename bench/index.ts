/**
 * `npm run bench`: generated sgp.pedido list/get/create against hand-written
 * express routes doing the same work on the same SQLite file, in one server
 * process, under autocannon on loopback; plus list as admin vs a non-admin.
 *
 * Env: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (10),
 * BENCH_PEDIDOS (100000), BENCH_LIST_STATUS (em_producao), BENCH_ROUNDS (1),
 * BENCH_DATA_DIR (reuse a loaded database), BENCH_CPU_PROF (dir for a server CPU profile),
 * BENCH_UV_THREADPOOL_SIZE (server's libuv pool; Node's default 4 when unset).
 * Not a test: CI does not run it. Compare ratios within one run only (STACK-NOTES).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchConfig } from './config.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';
import { ensureUserAndLogin, login } from './apiClient.js';
import { checkEquivalence } from './checkEquivalence.js';
import { buildScenarios, type Scenario, type Target } from './scenarios.js';
import { runLoad, type LoadStats } from './runLoad.js';
import { formatTable, problems, ratioOf, TARGET_RATIO, type PairResult } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN = { email: 'admin@bench.local', password: 'bench-admin-password' };
const VENDEDOR = { email: 'vendedor@bench.local', password: 'bench-vendedor-password' };

const say = (line = '') => process.stdout.write(`${line}\n`);

/** Sums several rounds of one side: req/s over all rounds, mean p50, worst p99. */
function merge(runs: LoadStats[]): LoadStats {
  const first = runs[0]!;
  if (runs.length === 1) return first;
  const sum = (f: (s: LoadStats) => number) => runs.reduce((t, s) => t + f(s), 0);
  const statusCodes: Record<string, number> = {};
  for (const s of runs) for (const [k, v] of Object.entries(s.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  return {
    label: first.label,
    requests: sum((s) => s.requests),
    seconds: sum((s) => s.seconds),
    reqPerSec: sum((s) => s.requests) / sum((s) => s.seconds),
    p50Ms: sum((s) => s.p50Ms) / runs.length,
    p99Ms: Math.max(...runs.map((s) => s.p99Ms)),
    non2xx: sum((s) => s.non2xx),
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    statusCodes,
  };
}

async function measurePair(server: ServerProcess, sc: Scenario, cfg: ReturnType<typeof readBenchConfig>): Promise<PairResult> {
  const runs = { subject: [] as LoadStats[], baseline: [] as LoadStats[] };
  const rss = { subject: null as number | null, baseline: null as number | null };
  for (let round = 0; round < cfg.rounds; round++) {
    // Alternate which side goes first, so neither always runs on a warmer (or fuller) database.
    const order: ['subject' | 'baseline', Target][] = round % 2 === 0 ? [['subject', sc.subject], ['baseline', sc.baseline]] : [['baseline', sc.baseline], ['subject', sc.subject]];
    for (const [side, t] of order) {
      if (cfg.warmupSeconds > 0) await runLoad(t, cfg.warmupSeconds, cfg.connections);
      const stats = await runLoad(t, cfg.seconds, cfg.connections);
      runs[side].push(stats);
      rss[side] = server.memory()?.rssMb ?? null;
      say(`  ${sc.name.padEnd(18)} ${t.label.padEnd(34)} ${stats.reqPerSec.toFixed(1).padStart(8)} req/s  p50 ${stats.p50Ms} ms  p99 ${stats.p99Ms} ms${stats.non2xx || stats.errors ? `  !! ${stats.non2xx} non-2xx, ${stats.errors} errors` : ''}`);
    }
  }
  return { scenario: sc.name, ratioName: sc.ratioName, gated: !sc.name.includes('(info)'), subject: merge(runs.subject), baseline: merge(runs.baseline), rssMb: rss };
}

async function main(): Promise<number> {
  const cfg = readBenchConfig();
  const dataDir = cfg.dataDir ? path.resolve(cfg.dataDir) : await mkdtemp(path.join(os.tmpdir(), 'forja-bench-'));
  say(`Forja benchmark — ${cfg.pedidos.toLocaleString('en-US')} pedidos, ${cfg.connections} connections, ${cfg.warmupSeconds} s warm-up + ${cfg.seconds} s per side${cfg.rounds > 1 ? `, ${cfg.rounds} rounds` : ''}`);
  say(`Node ${process.version}, ${os.cpus().length} CPUs (server and load generator share them: compare ratios, not absolute numbers)`);
  say(`Data: ${dataDir}${cfg.dataDir ? ' (kept)' : ' (temporary)'}`);
  if (cfg.uvThreadpoolSize) say(`Server UV_THREADPOOL_SIZE=${cfg.uvThreadpoolSize}`);
  say('Starting the server process (platform + hand-written routes)…');
  const server = await startServerProcess({
    root: ROOT,
    dataDir,
    authSecret: randomBytes(36).toString('base64url'),
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    pedidos: cfg.pedidos,
    cpuProfDir: cfg.cpuProfDir,
    uvThreadpoolSize: cfg.uvThreadpoolSize,
  });
  try {
    const { load } = server.info;
    say(load.loaded
      ? `Loaded ${load.pedidos.toLocaleString('en-US')} pedidos, ${load.itens.toLocaleString('en-US')} itens, ${load.clientes} clientes in ${(load.ms / 1000).toFixed(1)} s`
      : `Reusing ${load.pedidos.toLocaleString('en-US')} pedidos, ${load.itens.toLocaleString('en-US')} itens already in ${dataDir}`);
    say(`Platform ${server.info.platformUrl}, hand-written ${server.info.handUrl}, server pid ${server.pid}, RSS ${server.memory()?.rssMb.toFixed(0) ?? '?'} MB`);

    const adminToken = await login(server.info.platformUrl, ADMIN.email, ADMIN.password);
    const vendedorToken = await ensureUserAndLogin(server.info.platformUrl, adminToken, VENDEDOR.email, VENDEDOR.password, ['vendedor']);
    const endpoints = { platformUrl: server.info.platformUrl, handUrl: server.info.handUrl, adminToken, vendedorToken, listStatus: cfg.listStatus, pedidos: cfg.pedidos };

    say('\nSame answers on both sides?');
    for (const note of await checkEquivalence(endpoints)) say(`  ✓ ${note}`);

    say(`\nLoad (list: filter status=${cfg.listStatus}, sort -data_entrada, page 1 of 50; get: random ids 1..${cfg.pedidos}; create: pedido with 2 itens)`);
    const results: PairResult[] = [];
    for (const sc of buildScenarios(endpoints)) results.push(await measurePair(server, sc, cfg));

    say('\nResults');
    say(formatTable(results));
    const mem = server.memory();
    if (mem) say(`\nServer process RSS: ${mem.rssMb.toFixed(0)} MB now, ${mem.peakMb.toFixed(0)} MB peak`);
    const failed = problems(results);
    if (failed.length) {
      say('\n!! Some requests failed, so these figures are not valid:');
      for (const f of failed) say(`   ${f}`);
      return 1;
    }
    const below = results.filter((r) => r.gated && ratioOf(r) < TARGET_RATIO);
    say(below.length ? `\nBelow the ${TARGET_RATIO} target: ${below.map((r) => `${r.scenario} (${ratioOf(r).toFixed(2)})`).join(', ')}` : `\nEvery ratio meets the ${TARGET_RATIO} target.`);
    return 0;
  } finally {
    await server.stop();
    if (cfg.cpuProfDir) say(`CPU profile of the server written to ${path.resolve(cfg.cpuProfDir)}`);
    if (!cfg.dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`\nBenchmark failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
