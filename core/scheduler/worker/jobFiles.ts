import type { JobFiles } from '../../plugin/types.js';
import type { DataLayer } from '../../service/dataLayer.js';
import { pluginContext } from '../../service/pluginContext.js';
import { SYSTEM_USER } from '../../service/systemUser.js';
import { fileFieldsOf } from '../../files/fileFields.js';

/** The store and every file column of the model, each read through its own module's database (modules may live on different ones). */
export function jobFiles(layer: DataLayer): JobFiles {
  const fields = Object.values(layer.model.modules).flatMap((module) => {
    const data = pluginContext(layer, module.name, SYSTEM_USER).data;
    return Object.values(module.entities).flatMap((entity) => fileFieldsOf(entity).map((field) => ({ entity: entity.key, field: field.name, data })));
  });
  return { store: layer.fileStore, fields };
}
