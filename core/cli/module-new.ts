/**
 * `npm run module:new <name>`
 *
 * Scaffolds a module that starts and passes `npm run manifests:check` at once:
 * manifests/<name>.json, plugins/<name>/index.ts, its generated types and its
 * first migration. Refuses a name that is not a lower-case identifier or that
 * a module already uses.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAppModel } from '../app/index.js';
import { generateMigrations } from '../db/migrations/index.js';
import { generateModuleTypes, moduleTypesFile } from '../plugin/moduleTypes.js';
import { scaffoldManifest, scaffoldPlugin } from './moduleScaffold.js';
import { IDENTIFIER } from '../fields/index.js';
import { runAsScript } from './runAsScript.js';

const USAGE = 'usage: npm run module:new <name>   (a lower-case identifier: letters, digits and _, starting with a letter)';

export async function runModuleNew(args: readonly string[], root: string): Promise<number> {
  const [name, ...rest] = args;
  const refusal = name === undefined || rest.length > 0 ? USAGE : await nameRefusal(name, root);
  if (refusal) {
    console.error(refusal);
    return 1;
  }
  const module = name!;
  const manifestFile = `manifests/${module}.json`;
  const manifest = scaffoldManifest(module);
  await write(root, manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  await write(root, `plugins/${module}/index.ts`, scaffoldPlugin(module));
  await write(root, moduleTypesFile(module), generateModuleTypes(manifest, manifestFile));
  const { written, refusals } = await generateMigrations({
    model: await buildAppModel({ root }),
    migrationsDir: path.join(root, 'migrations'),
    modules: [module],
  });
  for (const r of refusals) console.error(`migration refused: ${r}`);
  for (const file of written) console.log(`wrote ${path.relative(root, file)}`);
  return refusals.length > 0 ? 1 : 0;
}

async function nameRefusal(name: string, root: string): Promise<string | undefined> {
  if (!IDENTIFIER.test(name)) return `"${name}" is not a module name. ${USAGE}`;
  if (name === 'platform') return '"platform" is core\'s own module; choose another name';
  for (const taken of [`manifests/${name}.json`, `plugins/${name}`]) {
    if (await exists(path.join(root, taken))) return `module "${name}" already exists (${taken}); choose another name`;
  }
  return undefined;
}

async function write(root: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
  console.log(`wrote ${file}`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

runAsScript(import.meta.url, runModuleNew);
