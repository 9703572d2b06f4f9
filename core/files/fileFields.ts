import type { AppModel, EntityModel, FieldModel } from '../model/types.js';
import { fieldType } from '../fields/index.js';

export type FileFieldModel = FieldModel & { type: 'file' | 'image'; maxSize: number; accept: string[] };

export function isFileField(field: FieldModel | undefined): field is FileFieldModel {
  return field !== undefined && fieldType(field.type).holdsFile === true;
}

const fileColumns = new WeakMap<EntityModel, FileFieldModel[]>();

/** The file and image fields of an entity, listed once (rows are read often). */
export function fileFieldsOf(entity: EntityModel): FileFieldModel[] {
  let list = fileColumns.get(entity);
  if (!list) {
    list = entity.columns.filter(isFileField);
    fileColumns.set(entity, list);
  }
  return list;
}

/** What `platform.file.target` records: the field whose rules an upload was checked against. */
export function targetOf(entity: EntityModel, field: string): string {
  return `${entity.key}.${field}`;
}

export const FILE_ENTITY = 'platform.file';

/** The file field named by URL segments, when there is one (own keys only, never `constructor`). */
export function fileFieldAt(model: AppModel, module: string, entity: string, field: string): { entity: EntityModel; field: FileFieldModel } | undefined {
  const mod = Object.hasOwn(model.modules, module) ? model.modules[module] : undefined;
  const found = mod && Object.hasOwn(mod.entities, entity) ? mod.entities[entity] : undefined;
  const candidate = found && Object.hasOwn(found.fields, field) ? found.fields[field] : undefined;
  return found && !found.internal && isFileField(candidate) ? { entity: found, field: candidate } : undefined;
}
