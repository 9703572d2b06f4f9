/** Benchmark settings from the environment, with the defaults the issue asks for. */

export interface BenchConfig {
  /** Measured seconds per scenario and side. */
  seconds: number;
  /** Warm-up seconds per side before measuring (not recorded). */
  warmupSeconds: number;
  connections: number;
  /** Pedidos in the database before load starts. */
  pedidos: number;
  /** Status the list scenarios filter on. */
  listStatus: string;
  /** Reused data folder (loaded once, kept); unset: a fresh temp folder, deleted at the end. */
  dataDir?: string;
  /**
   * Each side's measured seconds are split into this many slices, run
   * alternately (A B B A A …), so noise from other work on the machine
   * falls on both sides alike.
   */
  slices: number;
  /** Write a V8 CPU profile of the server process into this folder. */
  cpuProfDir?: string;
  /**
   * libuv threads of the server process (node-sqlite3 runs every statement on
   * this pool); unset: Node's default (4).
   */
  uvThreadpoolSize?: number;
  /** Module the server process imports before anything else (what-if experiments). */
  serverImport?: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}="${raw}" must be a whole number ≥ ${min}`);
  return n;
}

export function readBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    seconds: int(env, 'BENCH_SECONDS', 10, 1),
    warmupSeconds: int(env, 'BENCH_WARMUP_SECONDS', 2, 0),
    connections: int(env, 'BENCH_CONNECTIONS', 10, 1),
    pedidos: int(env, 'BENCH_PEDIDOS', 100_000, 100),
    listStatus: env.BENCH_LIST_STATUS?.trim() || 'em_producao',
    dataDir: env.BENCH_DATA_DIR?.trim() || undefined,
    slices: int(env, 'BENCH_SLICES', 5, 1),
    cpuProfDir: env.BENCH_CPU_PROF?.trim() || undefined,
    serverImport: env.BENCH_SERVER_IMPORT?.trim() || undefined,
    uvThreadpoolSize: env.BENCH_UV_THREADPOOL_SIZE ? int(env, 'BENCH_UV_THREADPOOL_SIZE', 4, 1) : undefined,
  };
}
