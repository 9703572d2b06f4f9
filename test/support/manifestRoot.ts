/** Temporary project roots with manifests and plugins, loaded by the same buildAppModel() the server uses. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { buildAppModel } from '../../core/app/index.js';
import { ManifestError, type ManifestIssue } from '../../core/manifest/index.js';

export interface RootFiles {
  /** `manifests/<name>`: written as JSON. */
  manifests?: Record<string, unknown>;
  /** `plugins/<folder>/index.ts` source. */
  plugins?: Record<string, string>;
}

const made: string[] = [];

/** Removes every root made so far; call from afterAll. */
export async function removeRoots(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function makeRoot(files: RootFiles): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'forja-manifest-'));
  made.push(root);
  await mkdir(path.join(root, 'manifests'));
  await mkdir(path.join(root, 'plugins'));
  for (const [name, content] of Object.entries(files.manifests ?? {})) await writeFile(path.join(root, 'manifests', name), JSON.stringify(content, null, 2));
  for (const [folder, source] of Object.entries(files.plugins ?? {})) {
    await mkdir(path.join(root, 'plugins', folder));
    await writeFile(path.join(root, 'plugins', folder, 'index.ts'), source);
  }
  return root;
}

/** Loads the root and returns the issues of the ManifestError it must throw. */
export async function issuesOf(root: string): Promise<ManifestIssue[]> {
  const error = await buildAppModel({ root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error(`expected ${root} to be refused, but it loaded`);
  expect(error).toBeInstanceOf(ManifestError);
  return (error as ManifestError).issues;
}
