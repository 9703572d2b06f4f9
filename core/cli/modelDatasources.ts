import { buildAppModel } from '../app/index.js';
import { loadConfig, type Config } from '../config/index.js';
import { closeDatasources, connectModelDatasources } from '../db/connectModelDatasources.js';
import type { Datasource } from '../db/connect.js';
import type { AppModel } from '../model/types.js';

export interface ModelDatasources {
  config: Config;
  model: AppModel;
  datasources: Map<string, Datasource>;
}

/** What commands on the app's own databases share (db:check, secrets:rotate): configuration, model, connections closed after `work`. */
export async function withModelDatasources<T>(
  root: string,
  env: NodeJS.ProcessEnv,
  dirs: { manifestsDir?: string; pluginsDir?: string },
  work: (opened: ModelDatasources) => Promise<T>,
): Promise<T> {
  const config = loadConfig(env, root);
  const model = await buildAppModel({ root, ...dirs });
  const datasources = await connectModelDatasources(model, config, (m) => console.log(m));
  try {
    return await work({ config, model, datasources });
  } finally {
    await closeDatasources(datasources);
  }
}
