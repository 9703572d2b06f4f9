/**
 * A local S3 for tests: s3rver on a random port of 127.0.0.1, storing in a
 * temp folder, with one bucket. `env` points a platform at it (FILES_S3_*),
 * `settings` a store; `objects()` lists every object the bucket holds
 * (temporary ones too), which is what "nothing left behind" checks.
 */
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3StoreSettings } from '../../core/config/index.js';

/** The part of s3rver's API the tests use (it ships no types). */
interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rver;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

/** s3rver's fixed credentials. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3StandIn {
  settings: S3StoreSettings;
  /** The FILES_S3_* variables of a platform storing in this bucket. */
  env: Record<string, string>;
  /** Every object key in the bucket, sorted (with the prefix). */
  objects(): Promise<string[]>;
  /** Writes an object directly (something in the bucket that is not the store's). */
  putObject(objectKey: string, body: string): Promise<void>;
  /** Makes an object look last modified at `when` (s3rver's LastModified is its file's mtime). */
  age(objectKey: string, when: Date): Promise<void>;
  close(): Promise<void>;
}

export async function startS3StandIn(options: { bucket?: string; prefix?: string } = {}): Promise<S3StandIn> {
  const bucket = options.bucket ?? 'forja-test';
  const directory = await mkdtemp(path.join(os.tmpdir(), 'forja-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const prefix = options.prefix ?? '';
  const settings: S3StoreSettings = { bucket, endpoint, region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true, prefix };
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS });
  return {
    settings,
    env: {
      FILES_S3_BUCKET: bucket,
      FILES_S3_ENDPOINT: endpoint,
      FILES_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      FILES_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      FILES_S3_FORCE_PATH_STYLE: 'true',
      ...(prefix ? { FILES_S3_PREFIX: prefix } : {}),
    },
    async objects() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async putObject(objectKey, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body }));
    },
    async age(objectKey, when) {
      const parts = objectKey.split('/');
      await utimes(path.join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`), when, when);
    },
    async close() {
      client.destroy();
      // The SDK's kept-alive sockets would hold close() open.
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
