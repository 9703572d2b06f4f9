/**
 * A file under a folder by a name that came from outside (a URL, a database
 * row): only ever a regular file inside that folder. A name that could climb
 * out (`..`, an absolute path, a backslash, a NUL byte, percent-encoding
 * that a later decode could turn into one of those) is refused as such; a
 * symbolic link whose real path leaves the folder, and anything missing or
 * not a regular file, is "not found".
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError, ValidationError } from '../errors/index.js';

export interface FileInside {
  /** Real absolute path of the file (symbolic links resolved). */
  path: string;
  size: number;
}

/** Why a relative name is refused, or undefined when it is an acceptable name. */
export function unsafeNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.includes('\u0000')) return 'contains a NUL byte';
  if (name.includes('\\')) return 'contains a backslash';
  if (/%[0-9a-f]{2}/i.test(name)) return 'contains percent-encoded characters';
  if (path.posix.isAbsolute(name) || /^[a-z]:/i.test(name)) return 'is an absolute path';
  if (name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return 'has an empty, "." or ".." path segment';
  return undefined;
}

/**
 * The file `relativeName` names under `root`. ValidationError (naming `field`)
 * for a name that is not a plain relative path; NotFoundError when there is
 * no regular file of that name whose real path stays inside the real `root`.
 */
export async function resolveFileInside(root: string, relativeName: string, field = 'name'): Promise<FileInside> {
  const problem = unsafeNameProblem(relativeName);
  if (problem) throw ValidationError.field(field, problem);
  const notFound = new NotFoundError(`File "${relativeName}" not found`);
  const realRoot = await realpath(root).catch(() => {
    throw notFound;
  });
  const real = await realpath(path.join(realRoot, relativeName)).catch(() => {
    throw notFound;
  });
  if (!real.startsWith(realRoot + path.sep)) throw notFound;
  const facts = await stat(real).catch(() => {
    throw notFound;
  });
  if (!facts.isFile()) throw notFound;
  return { path: real, size: facts.size };
}
