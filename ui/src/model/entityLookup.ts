/** Finding modules, entities and fields in the app model — pure lookups, no React. */
import type { AppModelDescription, EntityDescription, FieldDescription, ModuleDescription } from './modelTypes.js';

export function findModule(model: AppModelDescription, moduleName: string): ModuleDescription | undefined {
  return model.modules.find((m) => m.name === moduleName);
}

export function findEntity(model: AppModelDescription, moduleName: string, entityName: string): EntityDescription | undefined {
  const mod = findModule(model, moduleName);
  return mod && Object.hasOwn(mod.entities, entityName) ? mod.entities[entityName] : undefined;
}

/** Looks up `module.entity`; undefined when the user may not read it. */
export function findEntityByKey(model: AppModelDescription, key: string): EntityDescription | undefined {
  const dot = key.indexOf('.');
  return dot < 0 ? undefined : findEntity(model, key.slice(0, dot), key.slice(dot + 1));
}

export function fieldOf(entity: EntityDescription, name: string): FieldDescription | undefined {
  return entity.fields.find((f) => f.name === name);
}

/** An entity's list columns without its relation back to the record it is shown under. */
export function columnsUnder(entity: EntityDescription, backReference: string): FieldDescription[] {
  return entity.list.columns
    .filter((n) => n !== backReference)
    .map((n) => fieldOf(entity, n))
    .filter((f): f is FieldDescription => !!f);
}

/** `module` and `entity` names of an entity key. */
export function splitEntityKey(key: string): { module: string; entity: string } {
  const dot = key.indexOf('.');
  return { module: key.slice(0, dot), entity: key.slice(dot + 1) };
}

/** The entity a field description belongs to: field descriptions are the model's own objects. */
export function entityOfField(model: AppModelDescription, field: FieldDescription): EntityDescription | undefined {
  for (const mod of model.modules) {
    for (const entity of Object.values(mod.entities)) if (entity.fields.includes(field)) return entity;
  }
  return undefined;
}
