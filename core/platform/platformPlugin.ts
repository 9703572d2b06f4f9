/**
 * Rules of core's own `platform` module, written as a plugin like any other.
 */
import { Type } from '@sinclair/typebox';
import { definePlugin, defineProcedure, type PluginContext, type PluginDefinition, type Row } from '../plugin/types.js';
import { ConflictError, ValidationError } from '../errors/index.js';
import { checkScheduleRecord, type JobsOf } from '../scheduler/validateSchedule.js';
import { nextSlot } from '../scheduler/cron.js';
import { cleanupJob } from './cleanupJob.js';

const RUN_ID = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const ANY_SIGNED_IN = { roles: ['*'] };

/** Fields that define when and what a schedule runs; saving any of them re-checks them all. */
const SCHEDULE_DEFINITION = ['cron', 'timezone', 'module', 'job', 'params'];

export function createPlatformPlugin(knownRoles: () => readonly string[], jobsOf: JobsOf): PluginDefinition {
  const normalize = (data: Row) => {
    if (typeof data.email === 'string') data.email = data.email.trim().toLowerCase();
    if ('roles' in data) checkRoles(data.roles, knownRoles());
  };
  return definePlugin({
    module: 'platform',
    hooks: {
      user: {
        beforeCreate: ({ data }) => normalize(data),
        beforeUpdate: async ({ id, data, ctx }) => {
          normalize(data);
          if (typeof data.password === 'string' && data.password !== '') await endSessionsOf(ctx, id);
        },
      },
      schedule: {
        beforeCreate: ({ data }) => checkScheduleRecord(data, jobsOf),
        beforeUpdate: ({ data, previous, ctx }) => {
          if ('run_requested_at' in data) data.run_requested_by = ctx.user.id > 0 ? ctx.user.id : null;
          if (SCHEDULE_DEFINITION.some((f) => f in data)) checkScheduleRecord({ ...previous, ...data }, jobsOf);
        },
      },
    },
    // Kept by the scheduler, read-only to everyone else: a save only carries the current values over.
    computed: {
      schedule: {
        next_run_at: (r) => (r.enabled ? nextSlot(String(r.cron), String(r.timezone), new Date()).toISOString() : null),
        last_run_at: (r) => r.last_run_at ?? null,
        last_status: (r) => r.last_status ?? null,
        source: (r) => r.source ?? 'admin',
        manifest_hash: (r) => r.manifest_hash ?? null,
      },
    },
    procedures: {
      schedule_run_now: defineProcedure({
        kind: 'mutation',
        input: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        access: { entity: 'schedule', action: 'update' },
        resolve: ({ input, ctx }) => requestRun(ctx, input.id),
      }),
      // The run viewer's reads and its Cancel: ctx.jobs checks the run's record (or, for schedule runs, the runs) per call.
      run_get: defineProcedure({
        kind: 'query',
        input: RUN_ID,
        access: ANY_SIGNED_IN,
        resolve: ({ input, ctx }) => ctx.jobs.get(input.id),
      }),
      record_runs: defineProcedure({
        kind: 'query',
        input: Type.Object(
          { entity: Type.String({ pattern: '^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$' }), id: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        access: ANY_SIGNED_IN,
        resolve: ({ input, ctx }) => ctx.jobs.list(input),
      }),
      run_cancel: defineProcedure({
        kind: 'mutation',
        input: RUN_ID,
        access: ANY_SIGNED_IN,
        resolve: async ({ input, ctx }) => {
          await ctx.jobs.cancel(input.id);
          return ctx.jobs.get(input.id);
        },
      }),
    },
    jobs: { cleanup: cleanupJob },
  });
}

/**
 * A new password ends every session of that user at once, in the update's own
 * transaction (a refused update ends none): whoever held the old password, or
 * a token issued with it, is out. Live connections follow, since a change of
 * the user record makes every process re-check that user's sockets.
 */
async function endSessionsOf(ctx: PluginContext, userId: number): Promise<void> {
  const [table, user, revoked] = [ctx.data.table('session'), ctx.data.column('session', 'user'), ctx.data.column('session', 'revoked_at')];
  await ctx.data.query(`UPDATE ${table} SET ${revoked} = ? WHERE ${user} = ? AND ${revoked} IS NULL`, [new Date(), userId]);
}

/** Asks the scheduler for a manual run; refused while the schedule runs or a request is pending. */
async function requestRun(ctx: PluginContext, id: number): Promise<{ requested: true }> {
  const schedule = await ctx.data.entity('schedule').get(id);
  if (schedule.run_requested_at) throw new ConflictError('A run of this schedule was already requested; it starts in a moment');
  const { rows } = await ctx.data.entity('schedule_lease').list({ filter: { schedule: id }, pageSize: 1 });
  const lease = rows[0];
  if (lease?.holder && lease.expires_at && new Date(String(lease.expires_at)).getTime() >= Date.now()) {
    throw new ConflictError('This schedule is running now; wait for the run to finish');
  }
  await ctx.data.entity('schedule').update(id, { run_requested_at: new Date().toISOString() }, Number(schedule.version));
  return { requested: true };
}

function checkRoles(value: unknown, known: readonly string[]): void {
  if (!Array.isArray(value) || value.some((r) => typeof r !== 'string')) {
    throw ValidationError.field('data.roles', 'must be a JSON list of role names');
  }
  const unknown = value.filter((r) => !known.includes(r as string));
  if (unknown.length) throw ValidationError.field('data.roles', `unknown role(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
}
