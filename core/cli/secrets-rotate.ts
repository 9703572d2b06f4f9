/**
 * `npm run secrets:rotate`: re-encrypts every secret field value with the
 * current SECRETS_KEY. Run it after moving the old key to SECRETS_KEY_PREVIOUS
 * (values under a previous key still decrypt); once it reports nothing left
 * under an old key, SECRETS_KEY_PREVIOUS can go. Values are rewritten in
 * place: the record's version, history and live updates are not touched, and
 * a value someone changed meanwhile is left as they wrote it (already current).
 */
import { platformSecrets } from '../app/index.js';
import { Repositories } from '../db/repository/repositories.js';
import { fieldType } from '../fields/index.js';
import type { AppModel } from '../model/types.js';
import type { SecretBox } from '../secrets/index.js';
import { withModelDatasources } from './modelDatasources.js';
import { runAsScript } from './runAsScript.js';

const BATCH = 500;

export interface RotationCount {
  /** `module.entity.field` */
  field: string;
  rotated: number;
  /** Already under the current key. */
  current: number;
}

export function runSecretsRotate(
  _args: readonly string[],
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  dirs: { manifestsDir?: string; pluginsDir?: string } = {},
): Promise<number> {
  return withModelDatasources(root, env, dirs, async ({ config, model, datasources }) => {
    const secrets = platformSecrets(config, model);
    const counts = await rotateSecrets(new Repositories(model, datasources, config.totalCountCap), model, secrets);
    for (const c of counts) console.log(`${c.field}: ${c.rotated} re-encrypted with key ${secrets.current.id}, ${c.current} already under it`);
    if (counts.length === 0) console.log('no secret fields in the model');
    return 0;
  });
}

/** Every stored secret not under the current key, decrypted with its own key and encrypted again with the current one. */
export async function rotateSecrets(repos: Repositories, model: AppModel, secrets: SecretBox): Promise<RotationCount[]> {
  const counts: RotationCount[] = [];
  for (const entity of model.entities()) {
    const repo = repos.repo(entity.key);
    for (const field of entity.columns.filter((f) => fieldType(f.type).encrypted)) {
      const bound = `${entity.key}.${field.name}`;
      const count = { field: bound, rotated: 0, current: 0 };
      for (let after = 0; ; ) {
        const rows = await repo.rowsWhere({ id: { gt: after }, [field.name]: { isNull: false } }, BATCH);
        if (rows.length === 0) break;
        after = rows.at(-1)!.id;
        for (const row of rows) {
          const stored = String(row[field.name]);
          if (secrets.isCurrent(stored)) {
            count.current++;
            continue;
          }
          const rotated = secrets.encrypt(secrets.decrypt(stored, bound), bound);
          // Only where the old value still stands: a concurrent write already used the current key.
          count.rotated += await repo.updateColumns({ id: row.id, [field.name]: stored }, { [field.name]: rotated });
        }
      }
      counts.push(count);
    }
  }
  return counts;
}

runAsScript(import.meta.url, runSecretsRotate);
