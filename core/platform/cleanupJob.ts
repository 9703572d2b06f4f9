/**
 * The platform's housekeeping job: old schedule runs, ended sessions,
 * stale login-throttle rows, expired idempotency keys, and files nothing uses any more. Declared as a
 * daily schedule in platform.json.
 */
import { defineJob, type DataAccess } from '../plugin/types.js';
import { cleanUpFiles } from './fileCleanup.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const STEPS = 5;

export interface CleanupParams {
  /** Finished runs older than this many days are deleted. */
  runDays?: number;
  /** Login-attempt rows whose window started this many days ago (and are not locked) are deleted. */
  loginAttemptDays?: number;
  /** Unattached uploads, and stored contents no upload re-used, older than this many hours are deleted. */
  orphanFileHours?: number;
}

export const cleanupJob = defineJob<CleanupParams>({
  label: 'Limpeza da plataforma',
  params: {
    type: 'object',
    additionalProperties: false,
    properties: {
      runDays: { type: 'integer', minimum: 1, maximum: 3650 },
      loginAttemptDays: { type: 'integer', minimum: 1, maximum: 365 },
      orphanFileHours: { type: 'integer', minimum: 1, maximum: 87_600 },
    },
  },
  async run({ ctx, params, log, progress, signal }) {
    const now = new Date();
    const runCutoff = new Date(now.getTime() - (params.runDays ?? 30) * DAY_MS);
    const attemptCutoff = new Date(now.getTime() - (params.loginAttemptDays ?? 1) * DAY_MS);
    const fileCutoff = new Date(now.getTime() - (params.orphanFileHours ?? 24) * HOUR_MS);
    const d = ctx.data;
    const col = (entity: string, field: string) => d.column(entity, field);

    const runs = await deleteWhere(d, 'schedule_run', `${col('schedule_run', 'finished_at')} < ? AND ${col('schedule_run', 'status')} <> ?`, [
      runCutoff,
      'running',
    ]);
    log(`${runs} schedule run(s) finished before ${runCutoff.toISOString()} deleted`);
    progress(1 / STEPS);
    const sessions = await deleteWhere(d, 'session', `${col('session', 'revoked_at')} IS NOT NULL OR ${col('session', 'expires_at')} < ?`, [now]);
    log(`${sessions} revoked or expired session(s) deleted`);
    progress(2 / STEPS);
    const attempts = await deleteWhere(
      d,
      'login_attempt',
      `${col('login_attempt', 'window_start')} < ? AND (${col('login_attempt', 'locked_until')} IS NULL OR ${col('login_attempt', 'locked_until')} < ?)`,
      [attemptCutoff, now],
    );
    log(`${attempts} stale login-attempt row(s) deleted`);
    progress(3 / STEPS);
    const keys = await deleteWhere(d, 'idempotency_key', `${col('idempotency_key', 'expires_at')} < ?`, [now]);
    log(`${keys} expired idempotency key(s) deleted`);
    progress(4 / STEPS);
    const files = await cleanUpFiles(d, ctx.files, fileCutoff, signal);
    log(`${files.rows} unused file row(s) created before ${fileCutoff.toISOString()} deleted`);
    log(`${files.contents} unused stored content(s) deleted, ${files.bytes} bytes freed`);
    progress(1);
    return `cleanup done: ${runs} runs, ${sessions} sessions, ${attempts} login attempts, ${keys} idempotency keys, ${files.rows} files, ${files.contents} contents (${files.bytes} bytes)`;
  },
});

/** Counts, then deletes, the rows matching a condition; returns the count for the run's output. */
async function deleteWhere(d: DataAccess, entity: string, where: string, params: unknown[]): Promise<number> {
  const [row] = await d.query<Record<string, unknown>>(`SELECT COUNT(*) AS n FROM ${d.table(entity)} WHERE ${where}`, params);
  const count = Number(row?.n ?? row?.N ?? 0);
  if (count > 0) await d.query(`DELETE FROM ${d.table(entity)} WHERE ${where}`, params);
  return count;
}
