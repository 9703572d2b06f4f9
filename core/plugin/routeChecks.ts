/**
 * Checks of the plugins' HTTP routes against each other, when the model is
 * built: a route's path is well formed, its method known, and no two routes
 * (nor a route mounted directly under /api and a module's own prefix) answer
 * the same request.
 */
import type { ManifestIssue } from '../manifest/index.js';
import type { PluginDefinition, RouteMethod } from './types.js';

const METHODS: readonly RouteMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** `/segment/:param/…`: lower-case literal segments, identifier params. */
const ROUTE_PATH = /^(\/([a-z0-9][a-z0-9_.-]*|:[a-z_][a-z0-9_]*))+$/;

/** Where a route answers: `/api/<module><path>` or, mounted on `api`, `/api<path>`. */
export function routeUrl(module: string, route: { path: string; mount?: 'module' | 'api' }): string {
  return route.mount === 'api' ? `/api${route.path}` : `/api/${module}${route.path}`;
}

/** The shape of a URL for collisions: params match anything. */
function shape(url: string): string {
  return url.replace(/\/:[^/]+/g, '/:');
}

export function checkPluginRoutes(plugins: readonly { file: string; plugin: PluginDefinition }[]): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const modules = new Set(plugins.map((p) => p.plugin.module));
  const seen = new Map<string, string>();
  for (const { file, plugin } of plugins) {
    for (const [name, route] of Object.entries(plugin.routes ?? {})) {
      const at = (field: string) => `/routes/${name}/${field}`;
      if (!METHODS.includes(route.method)) issues.push({ file, path: at('method'), message: `must be one of ${METHODS.join(', ')}` });
      if (!ROUTE_PATH.test(route.path)) {
        issues.push({ file, path: at('path'), message: 'must be /-separated lower-case segments or :params, e.g. /apontamento/list/:of_id' });
        continue;
      }
      const first = route.path.split('/')[1]!;
      if (route.mount === 'api' && (modules.has(first) || first.startsWith(':'))) {
        issues.push({
          file,
          path: at('path'),
          message: `mounted on /api, "/${first}" would shadow ${first.startsWith(':') ? 'every module' : `module "${first}"`}'s routes`,
        });
        continue;
      }
      const key = `${route.method} ${shape(routeUrl(plugin.module, route))}`;
      const other = seen.get(key);
      if (other) issues.push({ file, path: at('path'), message: `${route.method} ${routeUrl(plugin.module, route)} is already served by ${other}` });
      else seen.set(key, `${plugin.module}.routes.${name}`);
    }
  }
  return issues;
}
