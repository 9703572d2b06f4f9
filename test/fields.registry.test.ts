/** The field-type registry: every type has its parts, and the manifest's JSON Schema is assembled from them. */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  FIELD_TYPE_NAMES,
  FIELD_TYPES,
  FILTER_OPERATORS,
  fieldType,
  hasColumn,
  type FieldDef,
  type FieldModel,
  type TsTypeContext,
} from '../core/fields/index.js';
import { MANIFEST_SCHEMA } from '../core/manifest/manifestSchema.js';
import { validateManifestSchema } from '../core/manifest/validateSchema.js';

/** The smallest valid declaration of each type. */
const SAMPLES: Record<string, FieldDef> = {
  enum: { type: 'enum', values: ['a', 'b'] },
  relation: { type: 'relation', to: 'other' },
  children: { type: 'children', entity: 'item' },
  computed: { type: 'computed', returns: 'decimal', stored: true },
};
const sample = (name: (typeof FIELD_TYPE_NAMES)[number]) => SAMPLES[name] ?? ({ type: name } as FieldDef);
const modelOf = (def: FieldDef): FieldModel => {
  const field: FieldModel = { ...def, name: 'f', label: 'F', stored: hasColumn(def) };
  return Object.assign(field, fieldType(def.type).defaults?.(def, 'm'));
};

/** Reads, with entity row types named after the entity. */
const ROW: TsTypeContext = { mode: 'row', rowType: (entity) => `${entity}Row` };

describe('field-type registry', () => {
  it.each(FIELD_TYPE_NAMES)('%s has its manifest options, value schema, filter operators and TypeScript type', (name) => {
    const type = FIELD_TYPES[name];
    expect((type.options.properties.type as { const?: string }).const).toBe(name);
    expect(type.options.additionalProperties).toBe(false);
    const field = modelOf(sample(name));
    expect(typeof fieldType(name).valueSchema(field)).toBe('object');
    expect(type.filterOperators.every((op) => (FILTER_OPERATORS as readonly string[]).includes(op))).toBe(true);
    expect(fieldType(name).tsType(field, ROW)).toMatch(/\S/);
    if (field.stored) expect(fieldType(name).column?.(field, (key) => key.replace('.', '_'))?.kind).toMatch(/\S/);
  });

  it('assembles the manifest JSON Schema from the registry: one definition and one branch per type', () => {
    const definitions = MANIFEST_SCHEMA.definitions as Record<string, unknown>;
    const field = definitions.field as { properties: { type: { enum: string[] } }; allOf: { if: { properties: { type: { const: string } } } }[] };
    expect(field.properties.type.enum).toEqual(FIELD_TYPE_NAMES);
    expect(field.allOf.map((branch) => branch.if.properties.type.const)).toEqual(FIELD_TYPE_NAMES);
    for (const name of FIELD_TYPE_NAMES) expect(definitions[`${name}Field`]).toBe(FIELD_TYPES[name].options);
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    expect(ajv.validateSchema(MANIFEST_SCHEMA)).toBe(true);
  });

  it("validates each type's own options: known ones pass, an unknown one is named", () => {
    for (const name of FIELD_TYPE_NAMES) {
      const manifest = (def: object) => ({ module: 'm', label: 'M', version: '1.0.0', entities: { e: { label: 'E', fields: { f: def } } } });
      expect(validateManifestSchema('m.json', manifest(sample(name)))).toEqual([]);
      expect(validateManifestSchema('m.json', manifest({ ...sample(name), nada: 1 }))).toEqual([
        { file: 'm.json', path: '/entities/e/fields/f', message: 'unknown property "nada"' },
      ]);
    }
  });

  it('gives the TypeScript type of wire values', () => {
    expect(fieldType('decimal').tsType(modelOf({ type: 'decimal' }), ROW)).toBe('string');
    expect(fieldType('enum').tsType(modelOf({ type: 'enum', values: ['a', 'b'] }), ROW)).toBe("'a' | 'b'");
    expect(fieldType('duration').tsType(modelOf({ type: 'duration' }), ROW)).toBe('string');
    expect(fieldType('computed').tsType(modelOf({ type: 'computed', returns: 'integer' }), ROW)).toBe('number');
    expect(fieldType('decimal').tsType(modelOf({ type: 'decimal' }), { ...ROW, mode: 'input' })).toBe('string | number');
    expect(fieldType('children').tsType(modelOf({ type: 'children', entity: 'item' }), ROW)).toBe('itemRow[]');
    expect(fieldType('enum').tsType(modelOf({ type: 'enum', values: ["d'água"] }), ROW)).toBe("'d\\'água'");
  });

  it('fills option defaults into the model once', () => {
    expect(modelOf({ type: 'string' })).toMatchObject({ maxLength: 255 });
    expect(modelOf({ type: 'decimal' })).toMatchObject({ scale: 2 });
    expect(modelOf({ type: 'image' })).toMatchObject({ maxSize: 10 * 1024 * 1024, accept: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] });
    expect(modelOf({ type: 'relation', to: 'cliente' })).toMatchObject({ target: 'm.cliente' });
  });
});
