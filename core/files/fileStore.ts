/**
 * Where file contents live, addressed by the sha256 of their bytes: the same
 * content uploaded twice is kept once. The local store implements it on
 * disk; an S3-compatible store (MinIO, Spaces) can implement the same four
 * operations with object keys.
 */
import type { Readable } from 'node:stream';

export interface StoredContent {
  /** Lower-case hex sha256 of the content. */
  key: string;
  size: number;
  /** False when identical content was already stored. */
  created: boolean;
}

export interface FileStore {
  /**
   * Stores a stream, which it starts consuming (and listening to for errors)
   * before it first yields. When the stream fails (too large, wrong type, client gone)
   * the promise rejects with that error and nothing of it is left behind.
   */
  put(content: Readable): Promise<StoredContent>;
  /** The content of a key; rejects with NotFoundError when there is none. */
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{64}$/;

/** Keys come from our own hashing, but are checked wherever they become a path or an object name. */
export function isContentKey(key: string): boolean {
  return KEY.test(key);
}
