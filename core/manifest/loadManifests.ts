import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ModuleManifest } from './types.js';
import type { ManifestIssue } from './issues.js';
import { validateManifestSchema } from './validateSchema.js';
import { crossCheckManifests, type ManifestCheck } from './crossCheck.js';

export interface LoadedManifest {
  /** Path relative to the project root, as shown in error messages. */
  file: string;
  manifest: ModuleManifest;
}

/**
 * Reads every `*.json` in the given folders, validates each against the schema
 * and all of them against each other. Returns the valid manifests and every
 * problem found; the caller refuses to start on any problem, so nothing loads half-way.
 * `featureChecks` are the checks the features contribute for their parts.
 */
export async function loadManifests(
  dirs: string[],
  root: string,
  featureChecks: readonly ManifestCheck[] = [],
): Promise<{ loaded: LoadedManifest[]; issues: ManifestIssue[] }> {
  const files = (await Promise.all(dirs.map(listJsonFiles))).flat();
  const issues: ManifestIssue[] = [];
  const loaded: LoadedManifest[] = [];
  for (const abs of files) {
    const file = path.relative(root, abs) || abs;
    const parsed = parseJson(file, await readFile(abs, 'utf8'));
    if ('issues' in parsed) {
      issues.push(...parsed.issues);
      continue;
    }
    const schemaIssues = validateManifestSchema(file, parsed.value);
    issues.push(...schemaIssues);
    if (schemaIssues.length === 0) loaded.push({ file, manifest: parsed.value as ModuleManifest });
  }
  for (const item of loaded) {
    const expected = path.basename(item.file, '.json');
    if (item.manifest.module !== expected) {
      issues.push({ file: item.file, path: '/module', message: `module "${item.manifest.module}" must match the file name "${expected}"` });
    }
  }
  issues.push(...crossCheckManifests(loaded, featureChecks));
  return { loaded, issues };
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  return names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Strict JSON (no comments, no trailing commas), with the line and column of the first syntax error. */
function parseJson(file: string, text: string): { value: unknown } | { issues: ManifestIssue[] } {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { value };
  // Later syntax errors are mostly echoes of the first one.
  return { issues: [{ file, path: '', message: `invalid JSON at ${lineAndColumn(text, first.offset)}: ${describeSyntaxError(first)}` }] };
}

function describeSyntaxError(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
