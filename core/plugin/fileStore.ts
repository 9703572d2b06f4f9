/**
 * Where file contents live, addressed by the sha256 of their bytes: the same
 * content uploaded twice is kept once. The local store implements it on
 * disk; an S3-compatible store (MinIO, Spaces) can implement the same
 * operations with object keys (last-modified standing for "last touched").
 */
import type { Readable } from 'node:stream';

export interface StoredContent {
  /** Lower-case hex sha256 of the content. */
  key: string;
  size: number;
  /** False when identical content was already stored. */
  created: boolean;
}

/** A stored content as housekeeping sees it. */
export interface StoredKey {
  key: string;
  size: number;
  /** When the content was last stored, or re-stored by a `put` of identical content. */
  touchedAt: Date;
}

export interface FileStore {
  /**
   * Stores a stream, which it starts consuming (and listening to for errors)
   * before it first yields. When the stream fails (too large, wrong type, client gone)
   * the promise rejects with that error and nothing of it is left behind.
   * Content already stored is not rewritten, but its last-touched time is renewed.
   */
  put(content: Readable): Promise<StoredContent>;
  /** The content of a key; rejects with NotFoundError when there is none. */
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every stored content (never anything else the storage holds). */
  list(): AsyncIterable<StoredKey>;
  /**
   * Deletes a key's content unless a `put` touched it at or after `since`,
   * atomically with respect to such a `put`. Resolves with the bytes freed,
   * or undefined when the content was kept or already gone.
   */
  deleteIfUntouchedSince(key: string, since: Date): Promise<number | undefined>;
}

const KEY = /^[0-9a-f]{64}$/;

/** Keys come from our own hashing, but are checked wherever they become a path or an object name. */
export function isContentKey(key: string): boolean {
  return KEY.test(key);
}
