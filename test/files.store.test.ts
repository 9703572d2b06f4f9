/**
 * The pieces under the file routes, without a server: both file stores, the
 * local disk and S3 (content addressing, dedupe, concurrent puts, failed
 * streams leave nothing, big files streamed, keys that are not hashes never
 * become paths or object names, housekeeping that keeps re-stored content and
 * lists only its own), file-name rules, Content-Disposition, manifest errors
 * for file fields, and file values in UI forms.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import type { FileStore } from '../core/plugin/fileStore.js';
import { sendFile } from '../core/files/index.js';
import { contentDisposition, fileNameProblem } from '../core/files/fileName.js';
import { buildAppModel } from '../core/app/index.js';
import { describeModelFor } from '../core/api/describeModel.js';
import { ManifestError, type ManifestIssue } from '../core/manifest/index.js';
import { toFormValues, toRecordData, type FormContext } from '../ui/src/form/formValues.js';
import { findEntityByKey } from '../ui/src/model/entityLookup.js';
import { separatorsOf } from '../ui/src/i18n/locale.js';
import type { AppModelDescription } from '../ui/src/model/modelTypes.js';
import { sha256 } from './support/files.js';
import { STORE_BACKENDS, type StorageView, type StoreBackend } from './support/fileStores.js';
import { ROOT } from './support/testPlatform.js';

const temp: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-store-'));
  temp.push(dir);
  return dir;
}
afterAll(() => Promise.all(temp.map((d) => rm(d, { recursive: true, force: true }))));

const MIB = 1024 * 1024;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each(STORE_BACKENDS)('$kind file store', ({ start }) => {
  let backend: StoreBackend;
  let view: StorageView;
  let store: FileStore;
  beforeAll(async () => {
    backend = await start();
    view = backend.storage(await tempDir());
    store = view.store;
  });
  afterAll(() => backend?.close());

  const put = (text: string) => store.put(Readable.from([Buffer.from(text)]));
  const listed = async () => {
    const keys: string[] = [];
    for await (const s of store.list()) keys.push(s.key);
    return keys.sort();
  };
  /** Deletes every content, so each test starts from an empty store. */
  const empty = async () => {
    for (const key of await listed()) await store.delete(key);
  };

  it('stores by sha256, once per content, and reads it back', async () => {
    await empty();
    const data = Buffer.from('conteúdo de teste');
    const first = await store.put(Readable.from([data]));
    const second = await store.put(Readable.from([data.subarray(0, 5), data.subarray(5)]));
    expect(first).toEqual({ key: sha256(data), size: data.length, created: true });
    expect(second).toEqual({ key: sha256(data), size: data.length, created: false });
    expect(await view.everything()).toEqual([view.nameOf(first.key)]);
    expect((await buffer(await store.open(first.key))).equals(data)).toBe(true);
    expect(await store.exists(first.key)).toBe(true);
    await store.delete(first.key);
    expect(await store.exists(first.key)).toBe(false);
    await expect(store.open(first.key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a stream that fails half-way leaves nothing behind, not even a temporary', async () => {
    await empty();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing)).rejects.toThrow('client went away');
    expect(await view.everything()).toEqual([]);
  });

  it('a stream that fails after several parts of a multipart upload leaves nothing either, and rejects with its own error', async () => {
    await empty();
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= 12 * MIB) {
          this.destroy(new Error('cut off after 12 MiB'));
          return;
        }
        sent += MIB;
        this.push(Buffer.alloc(MIB, sent / MIB));
      },
    });
    await expect(store.put(failing)).rejects.toThrow('cut off after 12 MiB');
    expect(await view.everything()).toEqual([]);
  });

  it('a stream that fails at once leaves nothing either (the temporary is removed after it is closed)', async () => {
    await empty();
    for (let i = 0; i < 20; i++) {
      const failing = new Readable({
        read() {
          this.destroy(new Error('refused'));
        },
      });
      await expect(store.put(failing)).rejects.toThrow('refused');
    }
    await expect.poll(() => view.everything()).toEqual([]);
  });

  it('streams a big file (48 MiB, generated chunk by chunk as it is read) in and back out', async () => {
    await empty();
    const size = 48 * MIB;
    const expected = createHash('sha256');
    let made = 0;
    const generated = new Readable({
      read() {
        if (made >= size) return void this.push(null);
        const chunk = Buffer.alloc(256 * 1024, made % 251);
        made += chunk.length;
        expected.update(chunk);
        this.push(chunk);
      },
    });
    const stored = await store.put(generated);
    expect(stored).toEqual({ key: expected.digest('hex'), size, created: true });
    const back = createHash('sha256');
    let read = 0;
    for await (const chunk of await store.open(stored.key)) {
      back.update(chunk as Buffer);
      read += (chunk as Buffer).length;
    }
    expect(read).toBe(size);
    expect(back.digest('hex')).toBe(stored.key);
    expect(await view.everything()).toEqual([view.nameOf(stored.key)]);
  }, 60_000);

  it('a download the client abandons half-way stops reading the store (no connection or file left open)', async () => {
    const size = 8 * MIB;
    const stored = await store.put(Readable.from(Array.from({ length: 8 }, (_, i) => Buffer.alloc(MIB, i))));
    const stream = await store.open(stored.key);
    const app = express().get('/', (req, res) => sendFile(req, res, { stream, name: 'grande.bin', type: 'application/octet-stream', size }, 'attachment'));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`http://127.0.0.1:${port}/`, (res) =>
          res.once('data', () => {
            req.destroy();
            resolve();
          }),
        );
        req.on('error', reject);
      });
      await expect.poll(() => stream.destroyed).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('concurrent puts of the same content all get its key, and it is stored once', async () => {
    await empty();
    const data = Buffer.alloc(300 * 1024, 7);
    const results = await Promise.all(Array.from({ length: 6 }, () => store.put(Readable.from([data.subarray(0, 1000), data.subarray(1000)]))));
    expect(new Set(results.map((r) => r.key))).toEqual(new Set([sha256(data)]));
    expect(results.some((r) => r.created)).toBe(true);
    expect(await view.everything()).toEqual([view.nameOf(sha256(data))]);
    expect((await buffer(await store.open(sha256(data)))).equals(data)).toBe(true);
  });

  it.each(['../../etc/passwd', '/etc/passwd', 'ab/../../x', 'A'.repeat(64), 'g'.repeat(64), `${'a'.repeat(63)}/`, '', 'a'.repeat(65)])(
    'refuses the key %j as "not found"',
    async (key) => {
      await expect(store.open(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.exists(key)).toBe(false);
      await expect(store.delete(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.deleteIfUntouchedSince(key, new Date())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    },
  );

  describe('housekeeping', () => {
    const HOUR = 3_600_000;
    const old = new Date(Date.now() - 48 * HOUR);
    const cutoff = new Date(Date.now() - 24 * HOUR);

    it('re-storing identical content renews its touch; only untouched content is deleted, and a later put restores it', async () => {
      await empty();
      const a = await put('content a');
      await view.age(a.key, old);
      expect((await put('content a')).created).toBe(false);
      const [touched] = await collect(store.list());
      expect(touched!.touchedAt.getTime()).toBeGreaterThan(cutoff.getTime());
      expect(await store.deleteIfUntouchedSince(a.key, cutoff)).toBeUndefined();
      expect(await store.exists(a.key)).toBe(true);

      await view.age(a.key, old);
      const [aged] = await collect(store.list());
      expect(aged).toEqual({ key: a.key, size: Buffer.byteLength('content a'), touchedAt: expect.any(Date) });
      expect(aged!.touchedAt.getTime()).toBeLessThan(cutoff.getTime());
      expect(await store.deleteIfUntouchedSince(a.key, cutoff)).toBe(Buffer.byteLength('content a'));
      expect(await store.exists(a.key)).toBe(false);
      expect(await store.deleteIfUntouchedSince(a.key, cutoff)).toBeUndefined();
      // An upload arriving after the delete simply stores the bytes again.
      expect(await put('content a')).toMatchObject({ key: a.key, created: true });
      expect(await listed()).toEqual([a.key]);
      expect(await view.everything()).toEqual([view.nameOf(a.key)]);
    });

    it('lists only its own content, and never deletes anything else, even asked by a key-like name', async () => {
      await empty();
      const b = await put('content b');
      const stillThere = await view.plantForeign(old);
      expect(await listed()).toEqual([b.key]);
      for (const key of ['ab'.repeat(32), 'cd'.repeat(32), `abcd${'0'.repeat(60)}`])
        expect(await store.deleteIfUntouchedSince(key, new Date())).toBeUndefined();
      expect(await stillThere()).toBe(true);
      expect(await listed()).toEqual([b.key]);
    });
  });
});

describe('file names', () => {
  it.each(['foto.png', 'Relatório de produção (final) 2026.pdf', 'arte_v2-aprovada.jpg', '日本語.png', 'a'.repeat(200)])('accepts %j', (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it('Content-Disposition: an ASCII fallback without quotes or backslashes, and the exact name in RFC 5987 form', () => {
    expect(contentDisposition('attachment', 'Orçamento "final"; v2.pdf')).toBe(
      `attachment; filename="Orcamento _final__ v2.pdf"; filename*=UTF-8''Or%C3%A7amento%20%22final%22%3B%20v2.pdf`,
    );
    expect(contentDisposition('inline', '日本語.png')).toBe(`inline; filename=".png"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.png`);
  });
});

describe('manifest errors for file fields', () => {
  async function issuesFor(field: Record<string, unknown>, plugin?: string): Promise<ManifestIssue[]> {
    const root = await tempDir();
    await mkdir(path.join(root, 'manifests'));
    await mkdir(path.join(root, 'plugins', 'docs'), { recursive: true });
    if (plugin) await writeFile(path.join(root, 'plugins', 'docs', 'index.ts'), plugin);
    const manifest = {
      module: 'docs',
      label: 'Docs',
      version: '1.0.0',
      entities: { ficha: { label: 'Ficha', fields: { nome: { type: 'string' }, anexo: field } } },
    };
    await writeFile(path.join(root, 'manifests', 'docs.json'), JSON.stringify(manifest));
    const error = await buildAppModel({ root }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).issues;
  }
  const at = (pointer: string, message: RegExp) => ({
    file: 'manifests/docs.json',
    path: `/entities/ficha/fields/anexo${pointer}`,
    message: expect.stringMatching(message),
  });

  it('SVG (or any non-image type) is refused for an image field', async () => {
    expect(await issuesFor({ type: 'image', accept: ['image/png', 'image/svg+xml'] })).toEqual([
      at('/accept/1', /"image\/svg\+xml" is not a type the platform can check/),
    ]);
    expect(await issuesFor({ type: 'image', accept: ['application/pdf'] })).toEqual([at('/accept/0', /"application\/pdf" is not an image type/)]);
  });

  it('unknown types, a zero or huge maxSize, unique and unknown properties are refused', async () => {
    expect(await issuesFor({ type: 'file', accept: ['text/html'] })).toEqual([at('/accept/0', /"text\/html" is not a type the platform can check/)]);
    expect(await issuesFor({ type: 'file', maxSize: 0 })).toEqual([at('/maxSize', /must be >= 1/)]);
    expect(await issuesFor({ type: 'file', maxSize: 2 * 1024 ** 3 })).toEqual([at('/maxSize', /must be <= 1073741824/)]);
    expect((await issuesFor({ type: 'file', unique: true }))[0]).toMatchObject({
      path: '/entities/ficha/fields/anexo',
      message: expect.stringMatching(/unique/),
    });
    expect((await issuesFor({ type: 'image', accept: [] }))[0]).toMatchObject({ path: '/entities/ficha/fields/anexo/accept' });
  });

  it('a plugin document must name an entity of its module and be an identifier', async () => {
    const plugin = `export default { module: 'docs', documents: {
      resumo: { entity: 'nada', label: 'Resumo', render: () => ({ filename: 'a.txt', contentType: 'text/plain', body: Buffer.from('') }) },
      'Mau Nome': { entity: 'ficha', label: 'X', render: () => ({ filename: 'a.txt', contentType: 'text/plain', body: Buffer.from('') }) },
    } };`;
    expect(await issuesFor({ type: 'file' }, plugin)).toEqual([
      { file: 'plugins/docs/index.ts', path: '/documents/resumo/entity', message: 'document for unknown entity "nada"' },
      { file: 'plugins/docs/index.ts', path: '/documents/Mau Nome', message: 'document name must be a lower-case identifier' },
    ]);
  });
});

describe('file values in UI forms', () => {
  let model: AppModelDescription;
  let ctx: FormContext;
  beforeAll(async () => {
    const app = await buildAppModel({ root: ROOT });
    model = JSON.parse(JSON.stringify(describeModelFor(app, { id: 1, email: 'a@x', name: 'A', roles: ['admin'] }, 'America/Sao_Paulo'))) as AppModelDescription;
    ctx = { sep: separatorsOf('pt-BR'), childEntity: (key) => findEntityByKey(model, key), today: '2024-05-20', now: '2024-05-20T12:00:00.000Z' };
  });

  it("an item's image becomes its id, name, size and thumbnail; replacing sends the new id, removing sends null", () => {
    const item = findEntityByKey(model, 'sgp.item_pedido')!;
    const record = {
      id: 7,
      version: 1,
      pedido: 3,
      descricao: 'Painel',
      quantidade: 1,
      imagem: 42,
      _files: { imagem: { id: 42, name: 'arte.png', type: 'image/png', size: 2048, width: 10, height: 10, thumb: true } },
    };
    const values = toFormValues(item, record, ctx);
    expect(values.imagem).toEqual({ id: 42, name: 'arte.png', size: 2048, preview: '/files/sgp/item_pedido/7/imagem?thumb=1' });
    expect(toRecordData(item, values, ctx, 'update', values).data).toEqual({});
    expect(toRecordData(item, { ...values, imagem: { id: 43, name: 'nova.png', size: 1, preview: null } }, ctx, 'update', values).data).toEqual({ imagem: 43 });
    expect(toRecordData(item, { ...values, imagem: { id: null, name: '', size: null, preview: null } }, ctx, 'update', values).data).toEqual({ imagem: null });
  });
});
