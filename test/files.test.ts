/**
 * File and image fields end to end on a fixture module ("arquivos": small
 * limits, row rules, an inline child with an image): upload, attach,
 * download and thumbnails; who may do each; and hostile input — names,
 * route segments, sizes and types — with checks that nothing lands outside
 * the store and nothing half-written stays in it.
 */
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, trpcApi } from './support/api.js';
import { abandonedUpload, jpeg, listFiles, png, rawUpload, sha256, upload } from './support/files.js';
import { STORE_BACKENDS, startFilesPlatform, storedContents, type FilesPlatform, type StorageView } from './support/fileStores.js';

describe.each(STORE_BACKENDS)('files on the $kind store', ({ start }) => {
  let files: FilesPlatform;
  let platform: TestPlatform;
  let storage: StorageView;
  const users = {} as Record<'ana' | 'bruno' | 'chefe' | 'leitor' | 'semPapel', LoginResult>;
  let adminToken: string;
  const api = (who: keyof typeof users) => trpcApi(platform.url, users[who].token);
  let capaPng: Buffer;

  beforeAll(async () => {
    files = await startFilesPlatform(start);
    ({ platform, storage } = files);
    adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    users.ana = await createUserAndLogin(platform.url, adminToken, 'ana@test.local', ['operador']);
    users.bruno = await createUserAndLogin(platform.url, adminToken, 'bruno@test.local', ['operador']);
    users.chefe = await createUserAndLogin(platform.url, adminToken, 'chefe@test.local', ['supervisor']);
    users.leitor = await createUserAndLogin(platform.url, adminToken, 'leitor@test.local', ['leitor']);
    users.semPapel = await createUserAndLogin(platform.url, adminToken, 'sem@test.local', []);
    capaPng = await png(400, 300);
  });

  afterAll(async () => {
    await files?.close();
  });

  /** Everything in the storage: contents and temporaries. */
  const stored = () => storage.everything();

  const PASTA_CAPA = '/files/arquivos/pasta/capa';
  const PASTA_ANEXO = '/files/arquivos/pasta/anexo';
  const FOLHA_FOTO = '/files/arquivos/folha/foto';
  const ENTREGA_COMPROVANTE = '/files/arquivos/entrega/comprovante';

  async function uploadAs(who: keyof typeof users, route: string, name: string, type: string, data: Buffer) {
    const res = await upload(platform.url, route, name, type, data, { token: users[who].token });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; name: string; type: string; size: number };
  }

  function download(route: string, token: string | undefined, headers: Record<string, string> = {}) {
    return fetch(`${platform.url}${route}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  }

  async function newPasta(who: keyof typeof users, data: Record<string, unknown> = {}) {
    return api(who).mutate('arquivos.pasta.create', { data: { titulo: 'Pasta', responsavel: users[who].user.id, ...data } });
  }

  describe('upload, attach, download', () => {
    it('round trip: the bytes come back identical, with safe headers, an ETag and a thumbnail', async () => {
      const up = await uploadAs('ana', PASTA_CAPA, 'capa do projeto.png', 'image/png', capaPng);
      expect(up).toEqual({ id: expect.any(Number), name: 'capa do projeto.png', type: 'image/png', size: capaPng.length });
      const pasta = await newPasta('ana', { capa: up.id });
      expect(pasta.capa).toBe(up.id);
      expect(pasta._files.capa).toEqual({
        id: up.id,
        name: 'capa do projeto.png',
        type: 'image/png',
        size: capaPng.length,
        width: 400,
        height: 300,
        thumb: true,
      });

      const res = await download(`/files/arquivos/pasta/${pasta.id}/capa`, users.ana.token);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(capaPng)).toBe(true);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="capa do projeto.png"; filename*=UTF-8''capa%20do%20projeto.png`);
      const etag = res.headers.get('etag');
      expect(etag).toBe(`"${sha256(capaPng)}.${up.id}"`);
      expect((await download(`/files/arquivos/pasta/${pasta.id}/capa`, users.ana.token, { 'if-none-match': etag! })).status).toBe(304);

      const thumb = await download(`/files/arquivos/pasta/${pasta.id}/capa?thumb=1`, users.ana.token);
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 160, 120]);

      const listed = await api('ana').query('arquivos.pasta.list', { filter: { id: pasta.id } });
      expect(listed.rows[0]._files.capa.name).toBe('capa do projeto.png');
    });

    it('identical content is stored once, however many uploads carry it', async () => {
      const data = await png(50, 50, '#00aa00');
      const before = (await stored()).length;
      const first = await uploadAs('ana', PASTA_CAPA, 'a.png', 'image/png', data);
      const afterFirst = (await stored()).length;
      const second = await uploadAs('bruno', PASTA_CAPA, 'b.png', 'image/png', data);
      expect(second.id).not.toBe(first.id);
      expect(afterFirst).toBe(before + 2); // the image and its thumbnail
      expect((await stored()).length).toBe(afterFirst);
      expect((await stored()).filter((entry) => entry === storage.nameOf(sha256(data)))).toHaveLength(1);
    });

    it('a file field takes text and PDF, served as attachments with their own type', async () => {
      const text = Buffer.from('Relatório de corte\nlinha 2\n', 'utf8');
      const up = await uploadAs('ana', PASTA_ANEXO, 'relatório.txt', 'text/plain', text);
      const pasta = await newPasta('ana', { anexo: up.id });
      const res = await download(`/files/arquivos/pasta/${pasta.id}/anexo`, users.ana.token);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="relatorio.txt"; filename*=UTF-8''relat%C3%B3rio.txt`);
      expect(Buffer.from(await res.arrayBuffer()).equals(text)).toBe(true);
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      expect((await uploadAs('ana', PASTA_ANEXO, 'nota.pdf', 'application/pdf', pdf)).type).toBe('application/pdf');
    });

    it('replacing and removing a file', async () => {
      const first = await uploadAs('ana', PASTA_CAPA, 'um.png', 'image/png', await png(20, 20, '#111111'));
      const second = await uploadAs('ana', PASTA_CAPA, 'dois.jpg', 'image/jpeg', await jpeg(30, 20));
      const pasta = await newPasta('ana', { capa: first.id });
      const replaced = await api('ana').mutate('arquivos.pasta.update', { id: pasta.id, data: { capa: second.id } });
      expect(replaced._files.capa).toMatchObject({ name: 'dois.jpg', type: 'image/jpeg', width: 30, height: 20 });
      expect((await download(`/files/arquivos/pasta/${pasta.id}/capa`, users.ana.token)).headers.get('content-type')).toBe('image/jpeg');
      const removed = await api('ana').mutate('arquivos.pasta.update', { id: pasta.id, data: { capa: null } });
      expect(removed.capa).toBeNull();
      expect(removed._files.capa).toBeNull();
      expect((await download(`/files/arquivos/pasta/${pasta.id}/capa`, users.ana.token)).status).toBe(404);
    });

    it('inline children carry images too: upload in the item, attach with the parent, thumbnail per item', async () => {
      const foto = await uploadAs('chefe', FOLHA_FOTO, 'folha 1.png', 'image/png', await png(300, 600));
      const pasta = await newPasta('chefe', { folhas: [{ nome: 'Folha 1', foto: foto.id }, { nome: 'Folha 2' }] });
      expect(pasta.folhas[0]._files.foto).toMatchObject({ id: foto.id, name: 'folha 1.png', width: 300, height: 600, thumb: true });
      expect(pasta.folhas[1]._files.foto).toBeNull();
      const thumb = await download(`/files/arquivos/folha/${pasta.folhas[0].id}/foto?thumb=1`, users.chefe.token);
      expect(thumb.status).toBe(200);
      expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).height).toBe(160);
      // Editing the pasta keeps the item's image when the item is sent back as it is.
      const again = await api('chefe').mutate('arquivos.pasta.update', {
        id: pasta.id,
        data: { folhas: pasta.folhas.map((f: any) => ({ id: f.id, nome: f.nome, foto: f.foto })) },
      });
      expect(again.folhas[0].foto).toBe(foto.id);
    });
  });

  describe('who may upload and download', () => {
    let anaPasta: any;
    beforeAll(async () => {
      const up = await uploadAs('ana', PASTA_CAPA, 'privada.png', 'image/png', capaPng);
      anaPasta = await newPasta('ana', { capa: up.id, titulo: 'Só da Ana' });
    });

    it('anonymous callers get 401 for uploads and downloads', async () => {
      expect((await upload(platform.url, PASTA_CAPA, 'a.png', 'image/png', capaPng)).status).toBe(401);
      expect((await download(`/files/arquivos/pasta/${anaPasta.id}/capa`, undefined)).status).toBe(401);
    });

    it('a cookie session must send the CSRF header to upload', async () => {
      const cookie = `forja_session=${users.ana.token}`;
      const without = await upload(platform.url, PASTA_CAPA, 'a.png', 'image/png', capaPng, { headers: { cookie } });
      expect(without.status).toBe(403);
      expect(without.body.error.message).toMatch(/x-csrf-token/);
      const withCsrf = await upload(platform.url, PASTA_CAPA, 'a.png', 'image/png', capaPng, { headers: { cookie, 'x-csrf-token': users.ana.csrfToken } });
      expect(withCsrf.status).toBe(201);
      // A cookie download (an <img> tag) needs no CSRF header.
      expect((await download(`/files/arquivos/pasta/${anaPasta.id}/capa`, undefined, { cookie })).status).toBe(200);
    });

    it('users who may not write the entity (or its parent) cannot upload to it', async () => {
      const res = await upload(platform.url, PASTA_CAPA, 'a.png', 'image/png', capaPng, { token: users.leitor.token });
      expect(res.status).toBe(403);
      expect((await upload(platform.url, FOLHA_FOTO, 'a.png', 'image/png', capaPng, { token: users.semPapel.token })).status).toBe(403);
      // The route takes uploads for an inline item from whoever may write its parent; attaching one still needs the item's own grant.
      expect((await upload(platform.url, FOLHA_FOTO, 'a.png', 'image/png', capaPng, { token: users.ana.token })).status).toBe(201);
    });

    it('downloads follow the record read permission and row rules, answering 404 without telling why', async () => {
      const route = `/files/arquivos/pasta/${anaPasta.id}/capa`;
      expect((await download(route, users.ana.token)).status).toBe(200);
      expect((await download(route, users.leitor.token)).status).toBe(200);
      expect((await download(route, adminToken)).status).toBe(200);
      const other = await download(route, users.bruno.token); // an operador outside the row rule
      const missing = await download(`/files/arquivos/pasta/999999/capa`, users.bruno.token);
      expect([other.status, missing.status]).toEqual([404, 404]);
      expect(await other.json()).toEqual(await missing.json());
      expect((await download(route, users.semPapel.token)).status).toBe(404);
      expect((await download(`${route}?thumb=1`, users.bruno.token)).status).toBe(404);
      expect((await download(`/files/arquivos/pasta/${anaPasta.id}/titulo`, users.ana.token)).status).toBe(404);
    });

    it("an inline item's file follows its parent's read rules when the item entity itself is not readable", async () => {
      // Only a supervisor writes folhas (inline too); the pasta is ana's.
      const foto = await uploadAs('chefe', FOLHA_FOTO, 'folha da ana.png', 'image/png', capaPng);
      const pasta = await newPasta('chefe', { responsavel: users.ana.user.id, folhas: [{ nome: 'Folha', foto: foto.id }] });
      const route = `/files/arquivos/folha/${pasta.folhas[0].id}/foto`;
      await expectApiError(api('ana').query('arquivos.folha.get', { id: pasta.folhas[0].id }), 'FORBIDDEN');
      expect((await download(route, users.ana.token)).status).toBe(200); // she reads the pasta, so she sees its folhas
      expect((await download(`${route}?thumb=1`, users.ana.token)).status).toBe(200);
      expect((await download(route, users.leitor.token)).status).toBe(200); // reads folhas directly
      expect((await download(route, users.bruno.token)).status).toBe(404); // neither
      expect((await download(route, users.semPapel.token)).status).toBe(404);
    });
  });

  describe('attaching only what you uploaded for that field', () => {
    it("refuses another user's upload, naming the field", async () => {
      const brunos = await uploadAs('bruno', PASTA_CAPA, 'do bruno.png', 'image/png', capaPng);
      const err = await expectApiError(newPasta('ana', { capa: brunos.id }), 'BAD_REQUEST');
      expect(err.issues).toEqual([{ path: 'data.capa', message: `file ${brunos.id} is not an upload of yours for this field` }]);
    });

    it('refuses an upload made for another field or entity, and ids that do not exist', async () => {
      const anexo = await uploadAs('ana', PASTA_ANEXO, 'a.txt', 'text/plain', Buffer.from('texto'));
      const foto = await uploadAs('ana', FOLHA_FOTO, 'f.png', 'image/png', capaPng);
      expect((await expectApiError(newPasta('ana', { capa: anexo.id }), 'BAD_REQUEST')).issues[0]!.path).toBe('data.capa');
      expect((await expectApiError(newPasta('ana', { capa: foto.id }), 'BAD_REQUEST')).issues[0]!.path).toBe('data.capa');
      expect((await expectApiError(newPasta('ana', { capa: 987654 }), 'BAD_REQUEST')).issues[0]!.path).toBe('data.capa');
      const capa = await uploadAs('chefe', PASTA_CAPA, 'c.png', 'image/png', capaPng);
      const err = await expectApiError(newPasta('chefe', { folhas: [{ nome: 'F', foto: capa.id }] }), 'BAD_REQUEST');
      expect(err.issues).toEqual([{ path: 'data.folhas.0.foto', message: `file ${capa.id} is not an upload of yours for this field` }]);
    });

    it("keeping a record's current file is allowed to anyone who may update it", async () => {
      const up = await uploadAs('ana', PASTA_CAPA, 'mantida.png', 'image/png', capaPng);
      const pasta = await newPasta('ana', { capa: up.id });
      const updated = await api('chefe').mutate('arquivos.pasta.update', { id: pasta.id, data: { titulo: 'Renomeada', capa: up.id } });
      expect(updated._files.capa.name).toBe('mantida.png');
      // ...but not moving it to another record: there it is someone else's upload.
      await expectApiError(newPasta('chefe', { capa: up.id }), 'BAD_REQUEST');
    });

    it('a file given as a workflow transition input follows the same rule', async () => {
      const entrega = await api('ana').mutate('arquivos.entrega.create', { data: { titulo: 'Entrega de arte' } });
      const brunos = await uploadAs('bruno', ENTREGA_COMPROVANTE, 'do bruno.txt', 'text/plain', Buffer.from('comprovante do bruno'));
      const take = (comprovante: number) =>
        api('ana').mutate('arquivos.entrega.transition', { id: entrega.id, transition: 'entregar', input: { comprovante } });
      const err = await expectApiError(take(brunos.id), 'BAD_REQUEST');
      expect(err.issues).toEqual([{ path: 'input.comprovante', message: `file ${brunos.id} is not an upload of yours for this field` }]);
      expect(await api('ana').query('arquivos.entrega.get', { id: entrega.id })).toMatchObject({
        situacao: 'aberta',
        comprovante: null,
        version: entrega.version,
      });
      const own = await uploadAs('ana', ENTREGA_COMPROVANTE, 'da ana.txt', 'text/plain', Buffer.from('comprovante da ana'));
      const done = await take(own.id);
      expect(done).toMatchObject({ situacao: 'entregue', comprovante: own.id });
      const res = await download(`/files/arquivos/entrega/${entrega.id}/comprovante`, users.ana.token);
      expect(await res.text()).toBe('comprovante da ana');
    });
  });

  describe('hostile input', () => {
    let outsideBefore: string[];
    let tmpBefore: string[];
    const outsideStore = async () => (await listFiles(platform.dataDir)).filter((f) => !f.startsWith(`files${path.sep}`) && !f.startsWith('forja.db'));

    beforeAll(async () => {
      outsideBefore = await outsideStore();
      tmpBefore = (await readdir(os.tmpdir())).sort();
    });

    async function expectRefused(name: string, status = 400) {
      const rowsBefore = await fileRows();
      const res = await upload(platform.url, PASTA_CAPA, name, 'image/png', capaPng, { token: users.ana.token });
      expect(res.status, `${JSON.stringify(name)} → ${JSON.stringify(res.body)}`).toBe(status);
      expect(await fileRows()).toBe(rowsBefore);
      return res.body;
    }

    async function fileRows(): Promise<number> {
      return (await platform.repos.repo('platform.file').idsWhere({}, 100_000)).length;
    }

    it.each([
      ['../../etc/passwd.png', /path separator|"\.\."/],
      ['..%2f..%2fforja.db', /"\.\."/],
      ['/etc/passwd', /path separator/],
      ['C:\\Windows\\win.ini', /path separator/],
      ['..\\..\\boot.png', /path separator/],
      ['a\u0000b.png', /control/],
      ['bell\u0007.png', /control/],
      ['fatura\u202Egnp.exe', /control or invisible/],
      ['zero\u200Bwidth.png', /control or invisible/],
      ['tab\tname.png', /control/],
      [`${'x'.repeat(201)}.png`, /longer than 200/],
      ['con.png', /reserved device/],
      ['.htaccess', /starts or ends with a dot/],
      ['name.png.', /starts or ends with a dot/],
      ['what?.png', /reserved character/],
      ['', /empty/],
    ])('refuses the file name %j with an error naming the field', async (name, message) => {
      const body = await expectRefused(name);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.issues[0].path).toBe('capa');
      expect(body.error.issues[0].message).toMatch(message);
    });

    it('refuses a missing name', async () => {
      const res = await upload(platform.url, PASTA_CAPA, null, 'image/png', capaPng, { token: users.ana.token });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0]).toEqual({ path: 'capa', message: 'the file name is missing (?name=)' });
    });

    it.each([
      '/files/arquivos/pasta/..%2f..%2fforja.db/capa',
      '/files/arquivos/pasta/%2e%2e/capa',
      '/files/arquivos/pasta/1/..%2f..%2fforja.db',
      '/files/arquivos/pasta/-1/capa',
      '/files/arquivos/pasta/1e3/capa',
      '/files/arquivos/pasta/0x1/capa',
      '/files/arquivos/pasta/%00/capa',
      '/files/..%2f..%2fforja.db/pasta/1/capa',
      '/files/arquivos/..%5c..%5cforja.db/1/capa',
      '/files/arquivos/pasta/1/capa%00.png',
      '/files/%2fetc%2fpasswd/x/1/y',
      '/files/arquivos/pasta/1/../../../forja.db',
      '/files/constructor/pasta/1/capa',
      '/files/arquivos/constructor/1/capa',
      '/files/arquivos/pasta/1/constructor',
      '/files/arquivos/pasta/1/__proto__',
    ])('route segment %s matches no file', async (route) => {
      const res = await fetch(`${platform.url}${route}`, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(res.status).toBe(404);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.includes(Buffer.from('SQLite format'))).toBe(false);
    });

    it.each([
      '/files/..%2fpasta/capa',
      '/files/arquivos/pasta%2f..%2fuser/capa',
      '/files/arquivos/pasta/..',
      '/files/platform/user/name',
      '/files/platform/file/hash',
      '/files/arquivos/pasta/constructor',
      '/files/arquivos/constructor/capa',
    ])('upload route %s is refused', async (route) => {
      const res = await rawUpload(new URL(`${platform.url}${route}?name=a.png`), 'image/png', capaPng, { token: adminToken });
      expect(res.status).toBe(404);
    });

    it('an oversized upload is cut off with 413 and leaves nothing, with or without Content-Length', async () => {
      const big = Buffer.concat([capaPng, Buffer.alloc(512 * 1024, 7)]);
      const blobs = await stored();
      for (const chunked of [false, true]) {
        const res = await upload(platform.url, PASTA_CAPA, 'grande.png', 'image/png', big, { token: users.ana.token, chunked });
        expect(res.status).toBe(413);
        expect(res.body.error.issues).toEqual([{ path: 'capa', message: 'file is larger than 65536 bytes' }]);
      }
      expect(await stored()).toEqual(blobs);
    });

    it('an upload the client abandons half-way leaves no file, no temporary file and no row', async () => {
      const blobs = await stored();
      const rows = await fileRows();
      await abandonedUpload(platform.url, PASTA_CAPA, users.ana.token, 60_000, 20_000);
      await expect.poll(() => stored()).toEqual(blobs);
      expect(await stored()).toEqual(blobs);
      expect(await fileRows()).toBe(rows);
      // The server is still fine.
      expect((await upload(platform.url, PASTA_CAPA, 'depois.png', 'image/png', capaPng, { token: users.ana.token })).status).toBe(201);
    });

    it.each([
      ['declared PNG, content JPEG', 'image/png', () => jpeg(20, 20), /content is not image\/png/],
      ['declared PNG, content HTML', 'image/png', async () => Buffer.from('<html><script>alert(1)</script></html>'), /content is not image\/png/],
      [
        'SVG declared as SVG',
        'image/svg+xml',
        async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        /not accepted/,
      ],
      [
        'SVG declared as PNG',
        'image/png',
        async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        /content is not image\/png/,
      ],
      ['PDF to an image field', 'application/pdf', async () => Buffer.from('%PDF-1.4\n%%EOF'), /not accepted/],
      [
        'PNG signature over garbage',
        'image/png',
        async () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]),
        /not a readable image/,
      ],
      ['no type at all', '', () => png(5, 5), /not accepted/],
      ['an empty file', 'image/png', async () => Buffer.alloc(0), /empty/],
    ])('refuses %s', async (_label, type, make, message) => {
      const blobs = await stored();
      const res = await upload(platform.url, PASTA_CAPA, 'x.png', type, await make(), { token: users.ana.token });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].path).toBe('capa');
      expect(res.body.error.issues[0].message).toMatch(message);
      expect(await stored()).toEqual(blobs);
    });

    it('a text file must not carry a binary signature', async () => {
      const res = await upload(platform.url, PASTA_ANEXO, 'notes.txt', 'text/plain', capaPng, { token: users.ana.token });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].message).toBe('content is not text/plain');
    });

    it('after all of the above, nothing was written outside the store, and every stored blob is named by its own hash', async () => {
      expect(await outsideStore()).toEqual(outsideBefore);
      const added = (await readdir(os.tmpdir())).filter((f) => !tmpBefore.includes(f) && !f.startsWith('forja-') && !f.startsWith('vitest'));
      expect(added.filter((f) => /passwd|forja\.db|win\.ini|boot|htaccess/.test(f))).toEqual([]);
      const { contents, others } = await storedContents(storage);
      expect(contents.length).toBeGreaterThan(0);
      expect(contents.filter((b) => !b.hashMatches)).toEqual([]);
      expect(others).toEqual([]);
    });
  });

  describe('CSV export and the model', () => {
    it('CSV shows the file name; the model describes file fields and documents', async () => {
      const up = await uploadAs('chefe', PASTA_ANEXO, 'planilha final.txt', 'text/plain', Buffer.from('a;b\n'));
      await newPasta('chefe', { titulo: 'Com anexo', anexo: up.id });
      const input = encodeURIComponent(JSON.stringify({ filter: { titulo: 'Com anexo' } }));
      const csv = await (await download(`/export/arquivos/pasta.csv?input=${input}`, users.chefe.token)).text();
      expect(csv).toContain('planilha final.txt');
      const model = await api('chefe').query('platform.model');
      const pasta = model.modules.find((m: any) => m.name === 'arquivos').entities.pasta;
      expect(pasta.fields.find((f: any) => f.name === 'capa')).toMatchObject({
        type: 'image',
        maxSize: 65536,
        accept: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
      });
      expect(pasta.fields.find((f: any) => f.name === 'anexo')).toMatchObject({ type: 'file', maxSize: 4096, accept: ['application/pdf', 'text/plain'] });
      expect(pasta.documents).toEqual([{ name: 'resumo', label: 'Resumo' }]);
    });
  });
});
