/**
 * What `npm run module:new <name>` writes: a manifest with one entity, a
 * plugin with one typed hook and one typed procedure, and (written by the
 * caller) the module's generated types and first migration.
 */
import type { ModuleManifest } from '../manifest/types.js';

export function scaffoldManifest(name: string): ModuleManifest {
  const role = `${name}_user`;
  return {
    $schema: '../core/manifest/manifest.schema.json',
    module: name,
    label: titleOf(name),
    version: '0.1.0',
    description: `The ${titleOf(name)} module.`,
    roles: [role],
    entities: {
      item: {
        label: 'Item',
        labelPlural: 'Items',
        display: 'name',
        fields: {
          name: { type: 'string', label: 'Name', required: true, maxLength: 120 },
          quantity: { type: 'integer', label: 'Quantity', min: 0, default: 0 },
          price: { type: 'decimal', label: 'Unit price', precision: 12, scale: 2, min: 0 },
          active: { type: 'boolean', label: 'Active', default: true },
          notes: { type: 'text', label: 'Notes' },
        },
        list: { columns: ['name', 'quantity', 'price', 'active'], sort: 'name', search: ['name'] },
        permissions: { read: [role], create: [role], update: [role], delete: [role] },
      },
    },
    menu: ['item'],
  };
}

export function scaffoldPlugin(name: string): string {
  return `/**
 * The ${titleOf(name)} module's plugin: what manifests/${name}.json cannot say.
 * Typed by generated/model.ts (\`npm run types:generate\` after changing the manifest).
 */
import { Type, decimal } from '#core';
import { definePlugin, defineProcedure, type Hooks } from './generated/model.js';

const itemHooks: Hooks<'item'> = {
  /** Names are kept without surrounding blanks. */
  beforeCreate({ data }) {
    data.name = data.name.trim();
  },
};

/** \`${name}.summary\`: how many items there are and what they are worth (Σ price × quantity). */
const summary = defineProcedure({
  kind: 'query',
  input: Type.Object({ active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  access: { entity: 'item', action: 'read' },
  async resolve({ input, ctx }) {
    const filter = input.active === undefined ? {} : { active: input.active };
    const { rows, total } = await ctx.data.entity('item').list({ filter, pageSize: 200 });
    return {
      items: total,
      value: decimal.add(
        rows.map((r) => decimal.multiply(r.price, r.quantity, 2)),
        2,
      ),
    };
  },
});

export default definePlugin({
  module: '${name}',
  hooks: { item: itemHooks },
  procedures: { summary },
});
`;
}

function titleOf(name: string): string {
  return name
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
