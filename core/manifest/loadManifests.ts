import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModuleManifest } from './types.js';
import { ManifestError, type ManifestIssue } from './issues.js';
import { validateManifestSchema } from './validateSchema.js';
import { crossCheckManifests } from './crossCheck.js';

export interface LoadedManifest {
  /** Path relative to the project root, as shown in error messages. */
  file: string;
  manifest: ModuleManifest;
}

/**
 * Reads every `*.json` in the given folders, validates each against the schema
 * and all of them against each other. Returns all manifests or throws one
 * ManifestError listing every problem: nothing loads half-way.
 */
export async function loadManifests(dirs: string[], root: string): Promise<LoadedManifest[]> {
  const files = (await Promise.all(dirs.map(listJsonFiles))).flat();
  const issues: ManifestIssue[] = [];
  const loaded: LoadedManifest[] = [];
  for (const abs of files) {
    const file = path.relative(root, abs) || abs;
    const parsed = parseJson(file, await readFile(abs, 'utf8'));
    if ('issue' in parsed) {
      issues.push(parsed.issue);
      continue;
    }
    const schemaIssues = validateManifestSchema(file, parsed.value);
    issues.push(...schemaIssues);
    if (schemaIssues.length === 0) loaded.push({ file, manifest: parsed.value as ModuleManifest });
  }
  for (const item of loaded) {
    if (!isNamedLike(item.manifest, item.file)) {
      issues.push({ file: item.file, path: '/module', message: `module "${item.manifest.module}" must match the file name "${path.basename(item.file, '.json')}"` });
    }
  }
  issues.push(...crossCheckManifests(loaded));
  if (issues.length > 0) throw new ManifestError(issues);
  return loaded;
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  return names.filter((n) => n.endsWith('.json')).sort().map((n) => path.join(dir, n));
}

function isNamedLike(manifest: ModuleManifest, file: string): boolean {
  return manifest.module === path.basename(file, '.json');
}

function parseJson(file: string, text: string): { value: unknown } | { issue: ManifestIssue } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const where = pos ? ` at ${lineAndColumn(text, Number(pos[1]))}` : '';
    return { issue: { file, path: '', message: `invalid JSON${where}: ${message}` } };
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
