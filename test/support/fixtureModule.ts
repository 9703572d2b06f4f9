/**
 * A fixture module (manifests and plugins under test/fixtures) ready for
 * startTestPlatform: the platform's committed migrations plus the fixture's,
 * generated into a temp folder the way a developer would generate them.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildAppModel } from '../../core/app/index.js';
import { generateMigrations } from '../../core/db/migrations/index.js';
import type { StartOptions } from '../../core/server/startPlatform.js';
import { ROOT } from './testPlatform.js';

export interface FixtureModule {
  dir: string;
  options: Pick<StartOptions, 'manifestsDir' | 'pluginsDir' | 'migrationsDir'>;
  remove(): Promise<void>;
}

/** Without `pluginsDir` the module is its manifest alone (an empty plugins folder). */
export async function prepareFixtureModule(sources: { manifestsDir: string; pluginsDir?: string }): Promise<FixtureModule> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-fixture-'));
  const migrationsDir = path.join(dir, 'migrations');
  const pluginsDir = sources.pluginsDir ?? path.join(dir, 'plugins');
  await cp(path.join(ROOT, 'migrations', 'platform'), path.join(migrationsDir, 'platform'), { recursive: true });
  const generated = await generateMigrations({ model: await buildAppModel({ root: ROOT, manifestsDir: sources.manifestsDir, pluginsDir }), migrationsDir });
  if (generated.refusals.length) throw new Error(`the fixture's migrations were refused: ${JSON.stringify(generated.refusals)}`);
  return { dir, options: { manifestsDir: sources.manifestsDir, pluginsDir, migrationsDir }, remove: () => rm(dir, { recursive: true, force: true }) };
}
