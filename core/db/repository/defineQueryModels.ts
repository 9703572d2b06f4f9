import { DataTypes, type ModelAttributes, type ModelStatic, type Model } from 'sequelize';
import type { AppModel, EntityModel } from '../../model/types.js';
import type { ColumnKind } from '../schema/types.js';
import { columnSpec } from '../schema/tableSpec.js';
import type { Datasource } from '../connect.js';

export type QueryModel = ModelStatic<Model>;

const TYPE_OF_KIND: Record<ColumnKind, () => ModelAttributes[string]> = {
  string: () => DataTypes.STRING,
  text: () => DataTypes.TEXT,
  integer: () => DataTypes.INTEGER,
  bigint: () => DataTypes.BIGINT,
  boolean: () => DataTypes.BOOLEAN,
  date: () => DataTypes.DATEONLY,
  datetime: () => DataTypes.DATE,
  json: () => DataTypes.TEXT,
};

/**
 * Sequelize models used for Oracle's INSERT, which returns the new id through
 * RETURNING INTO (the model layer writes it and binds every value); every
 * other statement is built by EntitySql and the schema comes from migrations.
 */
export function defineQueryModels(model: AppModel, datasources: Map<string, Datasource>): Map<string, QueryModel> {
  const models = new Map<string, QueryModel>();
  for (const entity of model.entities()) {
    const ds = datasources.get(entity.datasource);
    if (!ds) throw new Error(`module "${entity.module}" uses datasource "${entity.datasource}", which is not configured`);
    models.set(entity.key, ds.sequelize.define(entity.table, attributesOf(entity, model), { tableName: entity.table, timestamps: false }));
  }
  return models;
}

function attributesOf(entity: EntityModel, model: AppModel): ModelAttributes {
  const field = (name: string) => ({ field: entity.columnNames[name]! });
  const attrs: ModelAttributes = { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, ...field('id') } };
  if (entity.managed) attrs.version = { type: DataTypes.INTEGER };
  for (const f of entity.columns) {
    attrs[f.name] = { type: TYPE_OF_KIND[columnSpec(f, (k) => model.entity(k).table).kind]() as never, ...field(f.name) };
  }
  if (!entity.managed) return attrs;
  for (const col of ['created_at', 'updated_at']) attrs[col] = { type: DataTypes.DATE };
  for (const col of ['created_by', 'updated_by']) attrs[col] = { type: DataTypes.INTEGER };
  return attrs;
}
