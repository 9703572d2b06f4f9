import path from 'node:path';
import { ValidationError } from '../../errors/index.js';

/**
 * The backup folder named by configuration or by a job's parameters, which
 * admins edit at run time: always a folder strictly inside `dataDir`. Absolute
 * paths (POSIX or Windows), `..` segments, NUL and other control characters
 * are refused rather than cleaned up, so what is stored is what is used.
 */
export function resolveBackupDir(dataDir: string, folder: unknown): string {
  const refuse = (message: string) => ValidationError.field('folder', message);
  if (typeof folder !== 'string' || folder.trim() === '') throw refuse('must name a folder inside the data folder, e.g. "backups"');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: input validation that must find control characters in a folder name.
  if (/[\u0000-\u001f\u007f]/.test(folder)) throw refuse('must not contain control characters');
  if (path.posix.isAbsolute(folder) || path.win32.isAbsolute(folder) || /^[a-zA-Z]:/.test(folder)) {
    throw refuse('must be relative to the data folder, not an absolute path');
  }
  const segments = folder.split(/[\\/]+/);
  if (segments.includes('..')) throw refuse('must not contain ".." segments');
  const base = path.resolve(dataDir);
  const resolved = path.resolve(base, ...segments);
  const relative = path.relative(base, resolved);
  if (relative === '') throw refuse('must be a folder inside the data folder, not the data folder itself');
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw refuse('must stay inside the data folder');
  return resolved;
}
