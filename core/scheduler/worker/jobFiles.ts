import type { DataAccess, JobFiles, PluginFiles } from '../../plugin/types.js';
import type { AppModel } from '../../model/types.js';
import type { FileStore } from '../../plugin/fileStore.js';
import { fileFieldsOf } from '../../files/fileFields.js';

/** `ctx.files`, plus the store and every file column of the model, each read through its own module's data access (modules may live on different databases). */
export function jobFiles(model: AppModel, store: FileStore, dataOf: (module: string) => DataAccess, files: PluginFiles): JobFiles {
  const fields = Object.values(model.modules).flatMap((module) => {
    const data = dataOf(module.name);
    return Object.values(module.entities).flatMap((entity) => fileFieldsOf(entity).map((field) => ({ entity: entity.key, field: field.name, data })));
  });
  return { ...files, store, fields };
}
