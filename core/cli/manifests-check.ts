/** `npm run manifests:check`: the start-up manifest report, without starting. Exit 1 on any problem. */
import { buildAppModel } from '../app/index.js';
import { ManifestError } from '../manifest/index.js';

try {
  const model = await buildAppModel({ root: process.cwd() });
  for (const mod of Object.values(model.modules)) {
    const entities = Object.values(mod.entities);
    process.stdout.write(`ok  ${mod.source ?? mod.name}: ${entities.length} entities, ${Object.keys(mod.procedures).length} procedures\n`);
  }
} catch (e) {
  if (!(e instanceof ManifestError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
