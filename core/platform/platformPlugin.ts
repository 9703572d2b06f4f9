/**
 * Rules of core's own `platform` module, written as a plugin like any other.
 */
import { definePlugin, type PluginDefinition, type Row } from '../plugin/types.js';
import { ValidationError } from '../errors/index.js';

export function createPlatformPlugin(knownRoles: () => readonly string[]): PluginDefinition {
  const normalize = (data: Row) => {
    if (typeof data.email === 'string') data.email = data.email.trim().toLowerCase();
    if ('roles' in data) checkRoles(data.roles, knownRoles());
  };
  return definePlugin({
    module: 'platform',
    hooks: {
      user: {
        beforeCreate: ({ data }) => normalize(data),
        beforeUpdate: ({ data }) => normalize(data),
      },
    },
  });
}

function checkRoles(value: unknown, known: readonly string[]): void {
  if (!Array.isArray(value) || value.some((r) => typeof r !== 'string')) {
    throw ValidationError.field('data.roles', 'must be a list of role names, e.g. ["vendedor"]');
  }
  const unknown = value.filter((r) => !known.includes(r as string));
  if (unknown.length) throw ValidationError.field('data.roles', `unknown role(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
}
