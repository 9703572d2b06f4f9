/** File steps that survive a power cut once they return. */
import { open, rm, stat } from 'node:fs/promises';

/** Flushes a file's content to disk. */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (a rename or link in it); some file systems cannot, which is not an error. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only: the data itself was synced before the rename.
  }
}

/** An SQLite file and the journal files SQLite may have left beside it. */
export const SIDECARS = ['-wal', '-shm', '-journal'] as const;

export async function removeWithSidecars(file: string): Promise<void> {
  await Promise.all([file, ...SIDECARS.map((s) => file + s)].map((f) => rm(f, { force: true })));
}

/** Whether `file` is a regular file (following links). */
export async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
