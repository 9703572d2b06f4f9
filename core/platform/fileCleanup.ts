/**
 * The file part of the platform cleanup: `platform.file` rows no record
 * points to, then stored contents (originals and thumbnails) no row names.
 * Both wait out a grace period, which covers an upload's whole life between
 * storing its content, inserting its row and the form that attaches it.
 */
import type { DataAccess, FileFieldRef, JobFiles } from '../plugin/types.js';

/** Ids per statement: well under every dialect's limit on `IN` lists (Oracle: 1000). */
const BATCH = 500;
const FILE = 'file';

export interface FileCleanupResult {
  rows: number;
  contents: number;
  bytes: number;
}

/** Deletes what nothing uses and that is older than `cutoff`; `signal` stops it between batches. */
export async function cleanUpFiles(d: DataAccess, files: JobFiles, cutoff: Date, signal: AbortSignal): Promise<FileCleanupResult> {
  const rows = await deleteOrphanRows(d, files.fields, cutoff, signal);
  const { contents, bytes } = await deleteOrphanContents(d, files, cutoff, signal);
  return { rows, contents, bytes };
}

/**
 * Rows older than the cutoff that no file column references. A record saved
 * between the check and the delete could still attach such a row, but only an
 * upload left unattached for the whole grace period, in that very instant.
 */
async function deleteOrphanRows(d: DataAccess, fields: readonly FileFieldRef[], cutoff: Date, signal: AbortSignal): Promise<number> {
  const id = d.column(FILE, 'id');
  const createdAt = d.column(FILE, 'created_at');
  const old = await d.query<Record<string, unknown>>(`SELECT ${id} AS id FROM ${d.table(FILE)} WHERE ${createdAt} < ?`, [cutoff]);
  let deleted = 0;
  for (const batch of chunks(
    old.map((r) => Number(r.id ?? r.ID)),
    BATCH,
  )) {
    signal.throwIfAborted();
    const used = await referencedIds(fields, batch);
    const orphans = batch.filter((n) => !used.has(n));
    if (orphans.length === 0) continue;
    await d.query(`DELETE FROM ${d.table(FILE)} WHERE ${id} IN (${marks(orphans)}) AND ${createdAt} < ?`, [...orphans, cutoff]);
    deleted += orphans.length;
  }
  return deleted;
}

/** Which of `ids` some record's file column holds. */
async function referencedIds(fields: readonly FileFieldRef[], ids: number[]): Promise<Set<number>> {
  const used = new Set<number>();
  for (const { entity, field, data } of fields) {
    const column = data.column(entity, field);
    const rows = await data.query<Record<string, unknown>>(
      `SELECT DISTINCT ${column} AS ref FROM ${data.table(entity)} WHERE ${column} IN (${marks(ids)})`,
      ids,
    );
    for (const r of rows) used.add(Number(r.ref ?? r.REF));
  }
  return used;
}

/**
 * Contents no remaining row names, and that no upload touched within the
 * grace period. The rows are read after the orphan rows were deleted; an
 * upload whose row comes later stored (or re-stored, which renews the touch)
 * its content just before, so `deleteIfUntouchedSince` keeps it.
 */
async function deleteOrphanContents(d: DataAccess, files: JobFiles, cutoff: Date, signal: AbortSignal): Promise<{ contents: number; bytes: number }> {
  const named = await namedContents(d);
  let contents = 0;
  let bytes = 0;
  for await (const stored of files.store.list()) {
    signal.throwIfAborted();
    if (named.has(stored.key) || stored.touchedAt.getTime() >= cutoff.getTime()) continue;
    const freed = await files.store.deleteIfUntouchedSince(stored.key, cutoff);
    if (freed === undefined) continue;
    contents++;
    bytes += freed;
  }
  return { contents, bytes };
}

/** Every content key a `platform.file` row names: its original and its thumbnail. */
async function namedContents(d: DataAccess): Promise<Set<string>> {
  const hash = d.column(FILE, 'hash');
  const thumb = d.column(FILE, 'thumb_hash');
  const rows = await d.query<Record<string, unknown>>(`SELECT ${hash} AS h, ${thumb} AS t FROM ${d.table(FILE)}`);
  const named = new Set<string>();
  for (const r of rows) {
    for (const key of [r.h ?? r.H, r.t ?? r.T]) if (typeof key === 'string') named.add(key);
  }
  return named;
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const marks = (list: unknown[]) => list.map(() => '?').join(', ');
