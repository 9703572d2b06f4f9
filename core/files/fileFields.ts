import type { EntityModel, FieldModel } from '../model/types.js';

export type FileFieldModel = FieldModel & { type: 'file' | 'image'; maxSize: number; accept: string[] };

export function isFileField(field: FieldModel | undefined): field is FileFieldModel {
  return field?.type === 'file' || field?.type === 'image';
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
