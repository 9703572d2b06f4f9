/**
 * The pieces under the file routes, without a server: the local store
 * (content addressing, dedupe, failed streams leave nothing, keys that are
 * not hashes never become paths, housekeeping that keeps re-stored content
 * and lists only its own), file-name rules, Content-Disposition,
 * manifest errors for file fields, and file values in UI forms.
 */
import { lstat, mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore } from '../core/files/localFileStore.js';
import { contentDisposition, fileNameProblem } from '../core/files/fileName.js';
import { buildAppModel } from '../core/app/index.js';
import { describeModelFor } from '../core/api/describeModel.js';
import { ManifestError, type ManifestIssue } from '../core/manifest/index.js';
import { toFormValues, toRecordData, type FormContext } from '../ui/src/form/formValues.js';
import { findEntityByKey } from '../ui/src/model/entityLookup.js';
import { separatorsOf } from '../ui/src/i18n/locale.js';
import type { AppModelDescription } from '../ui/src/model/modelTypes.js';
import { listFiles, sha256 } from './support/files.js';
import { ROOT } from './support/testPlatform.js';

const temp: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-store-'));
  temp.push(dir);
  return dir;
}
afterAll(() => Promise.all(temp.map((d) => rm(d, { recursive: true, force: true }))));

describe('LocalFileStore', () => {
  let root: string;
  let store: LocalFileStore;
  beforeAll(async () => {
    root = await tempDir();
    store = new LocalFileStore(root);
  });

  it('stores by sha256 in sharded folders, once per content, and reads it back', async () => {
    const data = Buffer.from('conteúdo de teste');
    const first = await store.put(Readable.from([data]));
    const second = await store.put(Readable.from([data.subarray(0, 5), data.subarray(5)]));
    expect(first).toEqual({ key: sha256(data), size: data.length, created: true });
    expect(second).toEqual({ key: sha256(data), size: data.length, created: false });
    expect(await listFiles(root)).toEqual([path.join(first.key.slice(0, 2), first.key.slice(2, 4), first.key)]);
    expect((await buffer(await store.open(first.key))).equals(data)).toBe(true);
    expect(await store.exists(first.key)).toBe(true);
    await store.delete(first.key);
    expect(await store.exists(first.key)).toBe(false);
  });

  it('a stream that fails half-way leaves nothing behind, not even a temporary file', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing)).rejects.toThrow('client went away');
    expect(await listFiles(root)).toEqual([]);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('a stream that fails at once leaves nothing either (the temporary file is removed after it is closed)', async () => {
    for (let i = 0; i < 20; i++) {
      const failing = new Readable({
        read() {
          this.destroy(new Error('refused'));
        },
      });
      await expect(store.put(failing)).rejects.toThrow('refused');
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it.each(['../../etc/passwd', '/etc/passwd', 'ab/../../x', 'A'.repeat(64), 'g'.repeat(64), `${'a'.repeat(63)}/`, '', 'a'.repeat(65)])(
    'refuses the key %j as "not found"',
    async (key) => {
      await expect(store.open(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.exists(key)).toBe(false);
      await expect(store.delete(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    },
  );
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

describe('LocalFileStore housekeeping', () => {
  const HOUR = 3_600_000;
  const old = new Date(Date.now() - 48 * HOUR);
  const cutoff = new Date(Date.now() - 24 * HOUR);
  let root: string;
  let store: LocalFileStore;
  const blobPath = (key: string) => path.join(root, 'files', key.slice(0, 2), key.slice(2, 4), key);

  beforeAll(async () => {
    root = await tempDir();
    store = new LocalFileStore(path.join(root, 'files'));
  });

  const put = (text: string) => store.put(Readable.from([Buffer.from(text)]));
  const listed = async () => {
    const keys: string[] = [];
    for await (const s of store.list()) keys.push(s.key);
    return keys.sort();
  };

  it('re-storing identical content renews its touch; only untouched content is deleted, and a later put restores it', async () => {
    const a = await put('content a');
    await utimes(blobPath(a.key), old, old);
    expect((await put('content a')).created).toBe(false);
    expect(await store.deleteIfUntouchedSince(a.key, cutoff)).toBeUndefined();
    expect(await store.exists(a.key)).toBe(true);

    await utimes(blobPath(a.key), old, old);
    expect(await store.deleteIfUntouchedSince(a.key, cutoff)).toBe(Buffer.byteLength('content a'));
    expect(await store.exists(a.key)).toBe(false);
    expect(await store.deleteIfUntouchedSince(a.key, cutoff)).toBeUndefined();
    // An upload arriving after the delete simply stores the bytes again.
    expect(await put('content a')).toMatchObject({ key: a.key, created: true });
    expect(await listed()).toEqual([a.key]);
    expect(await listFiles(path.join(root, 'files', '.tmp'))).toEqual([]);
  });

  it('lists only its own content and refuses keys that are not hex', async () => {
    const b = await put('content b');
    const filesRoot = path.join(root, 'files');
    await writeFile(path.join(root, 'beside.txt'), 'outside');
    const wrongShard = `ffff${b.key.slice(4)}`;
    await mkdir(path.join(filesRoot, b.key.slice(0, 2), b.key.slice(2, 4)), { recursive: true });
    await writeFile(path.join(filesRoot, b.key.slice(0, 2), b.key.slice(2, 4), wrongShard), 'misplaced');
    // Named like a key in its right folder, but a link to a file outside the store.
    await mkdir(path.join(filesRoot, 'ab', 'ab'), { recursive: true });
    await symlink(path.join(root, 'beside.txt'), path.join(filesRoot, 'ab', 'ab', 'ab'.repeat(32)));
    expect(await listed()).toEqual([sha256(Buffer.from('content a')), b.key].sort());
    for (const bad of ['../beside.txt', '..', `${'A'.repeat(64)}`, `${b.key}/..`]) {
      await expect(store.deleteIfUntouchedSince(bad, new Date())).rejects.toThrow(/not found/);
    }
    // Even asked by name, the link is not deleted as content, and what it points to is never touched.
    const link = path.join(filesRoot, 'ab', 'ab', 'ab'.repeat(32));
    await utimes(path.join(root, 'beside.txt'), old, old);
    expect(await store.deleteIfUntouchedSince('ab'.repeat(32), new Date())).toBeUndefined();
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(root, 'beside.txt'))).toBe(true);
  });
});
