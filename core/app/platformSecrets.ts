import type { Config } from '../config/index.js';
import { fieldType } from '../fields/index.js';
import type { AppModel } from '../model/types.js';
import { secretBoxFrom, type SecretBox } from '../secrets/index.js';

/** The key secret fields are encrypted with: SECRETS_KEY, or in development one kept in the data folder. Throws a SecretsConfigError for a bad key. */
export function platformSecrets(config: Pick<Config, 'secrets' | 'dataDir'>, model: AppModel): SecretBox {
  const hasSecrets = model.entities().some((e) => e.columns.some((f) => fieldType(f.type).encrypted));
  return secretBoxFrom({
    key: config.secrets.key,
    previous: config.secrets.previous,
    dataDir: config.dataDir,
    keyRequired: config.secrets.required && hasSecrets,
  });
}
