/**
 * Brings the schedules a manifest declares into the `platform.schedule` table
 * at start. The rule, per declared schedule (row name `<module>.<key>`):
 *
 * - not in the table yet → inserted from the manifest;
 * - in the table, and the manifest's declaration is the one applied last
 *   (same hash) → left alone: an admin's edits (cron, params, enabled…) survive restarts;
 * - the manifest's declaration changed since it was last applied (or an admin
 *   had made a schedule of that name) → the declaration is applied again,
 *   replacing admin edits of those fields: the manifest changed on purpose;
 * - a manifest schedule no longer declared → disabled, kept with its run
 *   history; an admin may delete it.
 *
 * Every process runs this at start; concurrent starts meet the UNIQUE name and
 * the version compare-and-set, and the loser's identical work is dropped.
 */
import { createHash } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import type { ScheduleDef } from '../manifest/types.js';
import type { Repositories } from '../db/repository/repositories.js';
import { rowFromStored } from '../db/values/convertValues.js';
import { nextSlot } from './cron.js';
import { DEFAULT_TIME_ZONE } from '../time/index.js';
import { SCHEDULE } from './scheduleStore.js';

const DEFAULT_TIMEOUT_SECONDS = 600;

export async function syncManifestSchedules(repos: Repositories, now: Date): Promise<void> {
  const repo = repos.repo(SCHEDULE);
  const entity = repos.model.entity(SCHEDULE);
  const existing = new Map(
    (await repo.rowsWhere({}, 10_000)).map((r) => {
      const row = rowFromStored(entity, r);
      return [String(row.name), row] as const;
    }),
  );
  const declared = new Set<string>();
  const ds = repos.datasourceOf(SCHEDULE);
  for (const mod of Object.values(repos.model.modules)) {
    for (const [key, def] of Object.entries(mod.schedules)) {
      const name = `${mod.name}.${key}`;
      declared.add(name);
      const values = declaredValues(mod.name, def, now);
      const row = existing.get(name);
      if (row && row.manifest_hash === values.manifest_hash && row.source === 'manifest') continue;
      await ds
        .writeTransaction(async (tx) => {
          if (row) await repo.update(Number(row.id), { ...values, updated_at: now }, Number(row.version), tx);
          else await repo.insert({ name, ...values, version: 1, created_at: now, updated_at: now }, tx);
        })
        .catch((e: unknown) => {
          if (!(e instanceof UniqueConstraintError)) throw e;
        });
    }
  }
  for (const row of existing.values()) {
    if (row.source !== 'manifest' || declared.has(String(row.name)) || row.manifest_hash === null) continue;
    await ds.writeTransaction((tx) =>
      repo.update(Number(row.id), { enabled: false, manifest_hash: null, next_run_at: null, updated_at: now }, Number(row.version), tx),
    );
  }
}

function declaredValues(module: string, def: ScheduleDef, now: Date) {
  const full = {
    label: def.label ?? null,
    module,
    job: def.job,
    params: def.params ?? {},
    cron: def.cron,
    timezone: def.timezone ?? DEFAULT_TIME_ZONE,
    enabled: def.enabled ?? true,
    timeout_seconds: def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
  };
  const manifest_hash = createHash('sha256').update(JSON.stringify(full)).digest('hex').slice(0, 32);
  return {
    ...full,
    params: JSON.stringify(full.params),
    source: 'manifest',
    manifest_hash,
    next_run_at: full.enabled ? nextSlot(full.cron, full.timezone, now) : null,
  };
}
