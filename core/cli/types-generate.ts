/**
 * `npm run types:generate [-- --check]`
 *
 * Writes plugins/<module>/generated/model.ts for every module manifest whose
 * plugin folder exists. With `--check` it writes nothing and exits 1 when a
 * generated file is missing or differs from its manifest (`npm test` runs this).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadManifests, formatManifestIssues } from '../manifest/index.js';
import { generateModuleTypes, moduleTypesFile } from '../plugin/moduleTypes.js';
import { runAsScript } from './runAsScript.js';

const PLATFORM_MANIFESTS = path.join(import.meta.dirname, '..', 'platform');

export async function runTypesGenerate(args: readonly string[], root: string): Promise<number> {
  const check = args.includes('--check');
  const { loaded, issues } = await loadManifests([PLATFORM_MANIFESTS, path.join(root, 'manifests')], root);
  if (issues.length) {
    console.error(formatManifestIssues(issues));
    return 1;
  }
  let drifted = 0;
  for (const { file, manifest } of loaded) {
    if (!(await isFolder(path.join(root, 'plugins', manifest.module)))) continue;
    const target = path.join(root, moduleTypesFile(manifest.module));
    const text = generateModuleTypes(manifest, file);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === text) continue;
    if (check) {
      console.error(`${moduleTypesFile(manifest.module)} is out of date with ${file}: run npm run types:generate`);
      drifted++;
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    console.log(`wrote ${moduleTypesFile(manifest.module)}`);
  }
  return drifted > 0 ? 1 : 0;
}

async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

runAsScript(import.meta.url, runTypesGenerate);
