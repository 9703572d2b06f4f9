/**
 * Where file contents go, from the environment: the local disk unless
 * FILES_S3_BUCKET is set; incomplete or stray S3 settings refused at start,
 * each problem naming its variable.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../core/config/index.js';
import { chooseFileStore, LocalFileStore, S3FileStore } from '../core/files/index.js';

const ROOT = '/srv/forja';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, ROOT);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('FILES_S3_* configuration', () => {
  it('without a bucket, files stay on the local disk in DATA_DIR/files', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-config-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir }, ROOT);
      expect(config.filesS3).toBeUndefined();
      expect(chooseFileStore(config)).toBeInstanceOf(LocalFileStore);
      expect(existsSync(path.join(dataDir, 'files', '.tmp'))).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a bucket with endpoint, keys, path style and prefix selects the S3 store, for the server and its workers alike', () => {
    const config = loadConfig(
      {
        FILES_S3_BUCKET: 'forja-arquivos',
        FILES_S3_ENDPOINT: 'http://127.0.0.1:9000',
        FILES_S3_ACCESS_KEY_ID: 'minio',
        FILES_S3_SECRET_ACCESS_KEY: 'minio-secret',
        FILES_S3_FORCE_PATH_STYLE: 'true',
        FILES_S3_PREFIX: 'producao/arquivos//',
      },
      ROOT,
    );
    expect(config.filesS3).toEqual({
      bucket: 'forja-arquivos',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
      forcePathStyle: true,
      prefix: 'producao/arquivos/',
    });
    expect(chooseFileStore(config)).toBeInstanceOf(S3FileStore);
    // The module settings do not see them: they are core's own.
    expect(Object.keys(config.moduleEnv).filter((k) => k.startsWith('FILES_'))).toEqual([]);
  });

  it('a bucket alone is AWS with the SDK’s own credentials, virtual-hosted style, no prefix', () => {
    expect(loadConfig({ FILES_S3_BUCKET: 'forja', FILES_S3_REGION: 'sa-east-1' }, ROOT).filesS3).toEqual({
      bucket: 'forja',
      endpoint: undefined,
      region: 'sa-east-1',
      credentials: undefined,
      forcePathStyle: false,
      prefix: '',
    });
  });

  it('refuses half a key pair, a bad endpoint, bucket or prefix, and S3 settings without a bucket, naming each variable', () => {
    expect(problemsOf({ FILES_S3_BUCKET: 'forja', FILES_S3_ACCESS_KEY_ID: 'k' })).toEqual([expect.stringMatching(/^FILES_S3_SECRET_ACCESS_KEY is missing/)]);
    expect(problemsOf({ FILES_S3_BUCKET: 'forja', FILES_S3_SECRET_ACCESS_KEY: 's' })).toEqual([expect.stringMatching(/^FILES_S3_ACCESS_KEY_ID is missing/)]);
    expect(problemsOf({ FILES_S3_BUCKET: 'forja', FILES_S3_ENDPOINT: '127.0.0.1:9000' })).toEqual([
      expect.stringMatching(/^FILES_S3_ENDPOINT="127.0.0.1:9000" must be an http/),
    ]);
    expect(problemsOf({ FILES_S3_BUCKET: 'Forja_Files' })).toEqual([expect.stringMatching(/^FILES_S3_BUCKET="Forja_Files" is not a bucket name/)]);
    expect(problemsOf({ FILES_S3_BUCKET: 'forja', FILES_S3_PREFIX: '../x' })).toEqual([expect.stringMatching(/^FILES_S3_PREFIX="..\/x"/)]);
    expect(problemsOf({ FILES_S3_BUCKET: 'forja', FILES_S3_FORCE_PATH_STYLE: 'sim' })).toEqual([
      expect.stringMatching(/^FILES_S3_FORCE_PATH_STYLE="sim" must be true or false/),
    ]);
    expect(problemsOf({ FILES_S3_ENDPOINT: 'http://127.0.0.1:9000', FILES_S3_PREFIX: 'x' })).toEqual([
      expect.stringMatching(/^FILES_S3_ENDPOINT, FILES_S3_PREFIX set without FILES_S3_BUCKET/),
    ]);
  });
});
