/**
 * The file stores the file tests run on, side by side: the local disk and an
 * S3 bucket (s3StandIn). Each backend gives the environment of a platform
 * storing there, and a view of that storage for checks: everything it holds
 * (temporaries too), where a content key lives, a way to age content, and
 * things planted beside the store's own that it must never list or delete.
 */
import { existsSync } from 'node:fs';
import { mkdir, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { FileStore } from '../../core/plugin/fileStore.js';
import { LocalFileStore } from '../../core/files/localFileStore.js';
import { S3FileStore } from '../../core/files/s3FileStore.js';
import { listFiles } from './files.js';
import { startS3StandIn, type S3StandIn } from './s3StandIn.js';
import { prepareFixtureModule } from './fixtureModule.js';
import { ROOT, startTestPlatform, type TestPlatform } from './testPlatform.js';

export interface StorageView {
  store: FileStore;
  /** Everything the storage holds, content and temporaries: paths under the local root, or object keys. */
  everything(): Promise<string[]>;
  /** The entry of `everything()` that is a content key. */
  nameOf(key: string): string;
  /** Makes stored content look last touched at `when`. */
  age(key: string, when: Date): Promise<void>;
  /** Puts things that are not the store's content beside it (old ones, some named like keys); resolves with a check that they are all still there. */
  plantForeign(when: Date): Promise<() => Promise<boolean>>;
}

export interface StoreBackend {
  /** The FILES_S3_* of a platform storing here ({} for the local disk). */
  env: Record<string, string>;
  /** The storage of a platform on `dataDir` (the local disk's `<dataDir>/files`; the one bucket for S3). */
  storage(dataDir: string): StorageView;
  close(): Promise<void>;
}

export const STORE_BACKENDS: readonly { kind: 'local' | 's3'; start(): Promise<StoreBackend> }[] = [
  { kind: 'local', start: async () => ({ env: {}, storage: (dataDir) => localView(path.join(dataDir, 'files')), close: async () => {} }) },
  {
    kind: 's3',
    async start() {
      const s3 = await startS3StandIn({ prefix: 'forja/files/' });
      const view = s3View(s3);
      return { env: s3.env, storage: () => view, close: () => s3.close() };
    },
  },
];

/** What the storage holds, split: contents (each checked against its own hash, read through the store) and everything else. */
export async function storedContents(view: StorageView): Promise<{ contents: { key: string; hashMatches: boolean }[]; others: string[] }> {
  const contents: { key: string; hashMatches: boolean }[] = [];
  const others: string[] = [];
  for (const entry of await view.everything()) {
    const key = path.basename(entry);
    if (!/^[0-9a-f]{64}$/.test(key) || view.nameOf(key) !== entry) {
      others.push(entry);
      continue;
    }
    const hash = createHash('sha256');
    for await (const chunk of await view.store.open(key)) hash.update(chunk as Buffer);
    contents.push({ key, hashMatches: hash.digest('hex') === key });
  }
  return { contents, others };
}

function localView(root: string): StorageView {
  const nameOf = (key: string) => path.join(key.slice(0, 2), key.slice(2, 4), key);
  return {
    store: new LocalFileStore(root),
    everything: () => listFiles(root),
    nameOf,
    age: (key, when) => utimes(path.join(root, nameOf(key)), when, when),
    async plantForeign(when) {
      const outside = path.join(path.dirname(root), 'not-a-blob.txt');
      await writeFile(outside, 'outside the store');
      const strayDir = path.join(root, 'ab', 'cd');
      await mkdir(strayDir, { recursive: true });
      const stray = path.join(strayDir, 'notes.txt');
      await writeFile(stray, 'not a content key');
      // Named like a key in its right folder, but a link to a file outside the store.
      const link = path.join(strayDir, `abcd${'0'.repeat(60)}`);
      await symlink(outside, link);
      // A key-like name in the wrong folder.
      const misplaced = path.join(strayDir, `ffff${'0'.repeat(60)}`);
      await writeFile(misplaced, 'misplaced');
      for (const f of [outside, stray, misplaced]) await utimes(f, when, when);
      return async () => [outside, stray, misplaced].every((f) => existsSync(f)) && (await stat(link).catch(() => null))?.isFile() === true;
    },
  };
}

function s3View(s3: S3StandIn): StorageView {
  const { prefix } = s3.settings;
  const nameOf = (key: string) => `${prefix}${key}`;
  return {
    store: new S3FileStore(s3.settings),
    everything: () => s3.objects(),
    nameOf,
    age: (key, when) => s3.age(nameOf(key), when),
    async plantForeign(when) {
      // Beside the prefix, in a "folder" under it, and a name that is no key.
      const foreign = [`outside/${'ab'.repeat(32)}`, `${prefix}ab/${'cd'.repeat(32)}`, `${prefix}notes.txt`];
      for (const key of foreign) {
        await s3.putObject(key, 'not the store’s');
        await s3.age(key, when);
      }
      return async () => {
        const objects = await s3.objects();
        return foreign.every((key) => objects.includes(key));
      };
    },
  };
}

export interface FilesPlatform {
  platform: TestPlatform;
  storage: StorageView;
  /** Stops the platform, then the storage, and removes the fixture. */
  close(): Promise<void>;
}

/** A platform with the "arquivos" fixture module (test/fixtures/files), storing its files on `backend`. */
export async function startFilesPlatform(backend: () => Promise<StoreBackend>): Promise<FilesPlatform> {
  const fixtureDir = path.join(ROOT, 'test', 'fixtures', 'files');
  const fixture = await prepareFixtureModule({ manifestsDir: path.join(fixtureDir, 'manifests'), pluginsDir: path.join(fixtureDir, 'plugins') });
  const store = await backend();
  const platform = await startTestPlatform(store.env, fixture.options);
  return {
    platform,
    storage: store.storage(platform.dataDir),
    async close() {
      await platform.close();
      await store.close();
      await fixture.remove();
    },
  };
}
