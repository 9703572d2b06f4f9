/**
 * SGP as shipped, except that vendedores read and change only the pedidos
 * they created: the row rule a company with competing sellers would add, and
 * the case where every path into pedido data must apply it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ModuleManifest, PermissionGrant } from '../../core/manifest/types.js';
import { prepareFixtureModule, type FixtureModule } from './fixtureModule.js';
import { ROOT } from './testPlatform.js';

const OWN_PEDIDOS: PermissionGrant = { role: 'vendedor', where: { created_by: '$user.id' } };

export async function sgpWithVendedorRowRule(): Promise<FixtureModule> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-sgp-rowrule-'));
  const manifestsDir = path.join(dir, 'manifests');
  // Every shipped module comes along (their plugins do): only sgp's manifest is changed.
  await cp(path.join(ROOT, 'manifests'), manifestsDir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'manifests', 'sgp.json'), 'utf8')) as ModuleManifest;
  const permissions = manifest.entities!.pedido!.permissions!;
  for (const action of ['read', 'update'] as const) permissions[action] = permissions[action]!.map((g) => (g === 'vendedor' ? OWN_PEDIDOS : g));
  await writeFile(path.join(manifestsDir, 'sgp.json'), JSON.stringify(manifest, null, 2));
  const fixture = await prepareFixtureModule({ manifestsDir, pluginsDir: path.join(ROOT, 'plugins') });
  return {
    ...fixture,
    remove: async () => {
      await fixture.remove();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
