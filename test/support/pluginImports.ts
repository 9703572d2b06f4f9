/**
 * A plugin's room: what files under plugins/ may import. Server code reaches
 * core only as `#core`, UI pages reach the shell only as `#ui-plugin`, and
 * relative imports stay inside the plugin's own folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ForbiddenImport {
  file: string;
  specifier: string;
}

const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

export async function forbiddenPluginImports(pluginsDir: string): Promise<ForbiddenImport[]> {
  const found: ForbiddenImport[] = [];
  for (const file of await sourceFiles(pluginsDir)) {
    const relative = path.relative(pluginsDir, file);
    const moduleDir = path.join(pluginsDir, relative.split(path.sep)[0]!);
    const isUi = relative.split(path.sep)[1] === 'ui';
    for (const [, specifier] of (await readFile(file, 'utf8')).matchAll(IMPORT_SPECIFIER)) {
      if (!allowed(specifier!, file, moduleDir, isUi)) found.push({ file: relative, specifier: specifier! });
    }
  }
  return found;
}

function allowed(specifier: string, file: string, moduleDir: string, isUi: boolean): boolean {
  if (specifier.startsWith('#')) return specifier === (isUi ? '#ui-plugin' : '#core');
  if (!specifier.startsWith('.')) return true; // a package
  const target = path.resolve(path.dirname(file), specifier);
  return target.startsWith(moduleDir + path.sep);
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}
