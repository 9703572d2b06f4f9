/**
 * A platform with the rpa module alone (its manifest, plugin and committed
 * migrations, plus the platform's), so rpa tests can load its demo seed
 * without the other modules' larger ones.
 */
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startTestPlatform, type TestPlatform } from './testPlatform.js';

export async function startRpaPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-rpa-'));
  const [manifestsDir, pluginsDir, migrationsDir] = ['manifests', 'plugins', 'migrations'].map((d) => path.join(dir, d)) as [string, string, string];
  await mkdir(manifestsDir);
  await mkdir(pluginsDir);
  await cp(path.join(ROOT, 'manifests', 'rpa.json'), path.join(manifestsDir, 'rpa.json'));
  await symlink(path.join(ROOT, 'plugins', 'rpa'), path.join(pluginsDir, 'rpa'), 'dir');
  for (const module of ['platform', 'rpa']) await cp(path.join(ROOT, 'migrations', module), path.join(migrationsDir, module), { recursive: true });
  const platform = await startTestPlatform(env, { manifestsDir, pluginsDir, migrationsDir });
  return {
    ...platform,
    async close() {
      await platform.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
