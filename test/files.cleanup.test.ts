/**
 * The platform cleanup job and files nobody uses, on both stores (local disk
 * and S3): unattached uploads and replaced files go (row, bytes, thumbnail)
 * once older than the grace period; whatever a record, a child record or
 * another row still names stays, as does content an upload re-stored while
 * cleanup ran; nothing outside the store's own contents is touched. Ages are
 * injected (row created_at through SQL, content mtimes / LastModified) rather
 * than waited for.
 */
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { trpcApi, type Api } from './support/api.js';
import { waitFor } from './support/schedulerFixture.js';
import { png, upload } from './support/files.js';
import { STORE_BACKENDS, startFilesPlatform, type FilesPlatform, type StorageView } from './support/fileStores.js';
const HOUR = 3_600_000;
const PASTA_CAPA = '/files/arquivos/pasta/capa';
const PASTA_ANEXO = '/files/arquivos/pasta/anexo';
const FOLHA_FOTO = '/files/arquivos/folha/foto';

describe.each(STORE_BACKENDS)('cleanup job: files nobody uses ($kind store)', ({ start }) => {
  let files: FilesPlatform;
  let platform: TestPlatform;
  let storage: StorageView;
  let admin: Api;
  let chefe: LoginResult;

  beforeAll(async () => {
    files = await startFilesPlatform(start);
    ({ platform, storage } = files);
    const adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    admin = trpcApi(platform.url, adminToken);
    chefe = await createUserAndLogin(platform.url, adminToken, 'chefe@test.local', ['supervisor']);
  }, 120_000);

  afterAll(async () => {
    await files?.close();
  });

  const longAgo = new Date(Date.now() - 48 * HOUR);
  const chefeApi = () => trpcApi(platform.url, chefe.token);

  async function uploadAs(route: string, name: string, type: string, data: Buffer): Promise<number> {
    const res = await upload(platform.url, route, name, type, data, { token: chefe.token });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  }

  async function fileRow(id: number): Promise<{ hash: string; thumb: string | null } | null> {
    const found = await platform.repos.repo('platform.file').findById(id);
    return found ? { hash: String(found.row.hash), thumb: (found.row.thumb_hash as string | null) ?? null } : null;
  }

  /** Makes an upload look 48 hours old: its row's created_at and its contents' mtimes. */
  async function age(id: number): Promise<{ hash: string; thumb: string | null }> {
    const repos = platform.repos;
    const row = (await fileRow(id))!;
    await repos.datasourceOf('platform.file').writeTransaction((tx) => repos.repo('platform.file').updateColumns({ id }, { created_at: longAgo }, tx));
    for (const key of [row.hash, row.thumb]) if (key) await storage.age(key, longAgo);
    return row;
  }

  const stored = async (key: string | null) => key !== null && (await storage.store.exists(key));
  const touchedAt = async (key: string) => {
    for await (const s of storage.store.list()) if (s.key === key) return s.touchedAt;
    throw new Error(`${key} is not stored`);
  };
  const sizeOf = async (key: string) => (await buffer(await storage.store.open(key))).length;

  async function runCleanup(): Promise<{ status: string; output: string }> {
    const schedule = (await admin.query('platform.schedule.list', { filter: { name: 'platform.cleanup' } })).rows[0];
    const before = (await admin.query('platform.schedule_run.list', { filter: { schedule: schedule.id }, pageSize: 100 })).rows.map((r: any) => r.id);
    await admin.mutate('platform.schedule_run_now', { id: schedule.id });
    return waitFor(
      async () =>
        (await admin.query('platform.schedule_run.list', { filter: { schedule: schedule.id }, pageSize: 100 })).rows.find(
          (r: any) => !before.includes(r.id) && r.status !== 'running',
        ),
      30_000,
      'the cleanup run',
    );
  }

  it('deletes unattached and replaced files, keeps every file something names, and touches nothing else', async () => {
    // Gone: an upload never attached, and the image a pasta's capa replaced (with its thumbnail).
    const unattachedId = await uploadAs(PASTA_ANEXO, 'nunca usado.txt', 'text/plain', Buffer.from('never attached'));
    const unattached = await age(unattachedId);
    const firstCapa = await uploadAs(PASTA_CAPA, 'capa 1.png', 'image/png', await png(60, 40, '#aa0000'));
    const secondCapa = await uploadAs(PASTA_CAPA, 'capa 2.png', 'image/png', await png(60, 40, '#00aa00'));
    const pasta = await chefeApi().mutate('arquivos.pasta.create', { data: { titulo: 'Com capa', responsavel: chefe.user.id, capa: firstCapa } });
    await chefeApi().mutate('arquivos.pasta.update', { id: pasta.id, data: { capa: secondCapa }, version: pasta.version });
    const replaced = await age(firstCapa);
    expect(replaced.thumb).not.toBeNull();
    const replacedBytes = (await sizeOf(replaced.hash)) + (await sizeOf(replaced.thumb!));

    // Kept: the current capa; a file whose twin (same bytes) is attached; a child's photo; a young upload.
    const current = await age(secondCapa);
    const shared = Buffer.from('same bytes, two uploads');
    const twinAttached = await uploadAs(PASTA_ANEXO, 'anexo.txt', 'text/plain', shared);
    const twinLoose = await uploadAs(PASTA_ANEXO, 'copia.txt', 'text/plain', shared);
    await chefeApi().mutate('arquivos.pasta.create', { data: { titulo: 'Com anexo', responsavel: chefe.user.id, anexo: twinAttached } });
    const twin = await age(twinAttached);
    await age(twinLoose);
    const foto = await uploadAs(FOLHA_FOTO, 'folha.png', 'image/png', await png(50, 50, '#0000aa'));
    await chefeApi().mutate('arquivos.pasta.create', { data: { titulo: 'Com folha', responsavel: chefe.user.id, folhas: [{ nome: 'Folha', foto }] } });
    const childPhoto = await age(foto);
    const young = await uploadAs(PASTA_ANEXO, 'recente.txt', 'text/plain', Buffer.from('uploaded a minute ago'));
    const youngRow = (await fileRow(young))!;

    // Not ours: things beside the store and inside it (stray names, key-like names in the wrong place, a link), all old.
    const foreignStillThere = await storage.plantForeign(longAgo);

    const run = await runCleanup();
    expect(run.status).toBe('succeeded');
    expect(run.output).toMatch(/3 unused file row\(s\) created before .* deleted/);
    expect(run.output).toContain(`3 unused stored content(s) deleted, ${Buffer.byteLength('never attached') + replacedBytes} bytes freed`);

    expect(await fileRow(unattachedId)).toBeNull();
    expect(await stored(unattached.hash)).toBe(false);
    expect(await fileRow(firstCapa)).toBeNull();
    expect((await stored(replaced.hash)) || (await stored(replaced.thumb))).toBe(false);

    expect(await fileRow(secondCapa)).not.toBeNull();
    expect((await stored(current.hash)) && (await stored(current.thumb))).toBe(true);
    expect(await fileRow(twinAttached)).not.toBeNull();
    expect(await fileRow(twinLoose)).toBeNull(); // an orphan row, but its bytes are its twin's
    expect(await stored(twin.hash)).toBe(true);
    expect(await fileRow(foto)).not.toBeNull();
    expect((await stored(childPhoto.hash)) && (await stored(childPhoto.thumb))).toBe(true);
    expect(await fileRow(young)).not.toBeNull();
    expect(await stored(youngRow.hash)).toBe(true);

    expect(await foreignStillThere()).toBe(true);
    // The kept image still downloads with its thumbnail.
    const res = await fetch(`${platform.url}/files/arquivos/pasta/${pasta.id}/capa?thumb=1`, { headers: { authorization: `Bearer ${chefe.token}` } });
    expect(res.status).toBe(200);
  }, 60_000);

  it('keeps content an upload re-stored after its last row went, before the content check', async () => {
    const bytes = Buffer.from('re-used by an upload in flight');
    const oldId = await uploadAs(PASTA_ANEXO, 'antigo.txt', 'text/plain', bytes);
    const old = await age(oldId);
    const touchedBefore = await touchedAt(old.hash);
    // An upload of the same bytes stores them (the store finds them and renews their touch) and has
    // not inserted its row yet: that row is taken away here to stand for that moment.
    const inFlight = await uploadAs(PASTA_ANEXO, 'novo.txt', 'text/plain', bytes);
    expect((await touchedAt(old.hash)).getTime()).toBeGreaterThan(touchedBefore.getTime());
    await platform.repos.datasourceOf('platform.file').writeTransaction((tx) => platform.repos.repo('platform.file').deleteWhere({ id: inFlight }, tx));
    expect(await fileRow(inFlight)).toBeNull();

    const run = await runCleanup();
    expect(run.status).toBe('succeeded');
    expect(await fileRow(oldId)).toBeNull();
    expect(await stored(old.hash)).toBe(true);
  }, 60_000);
});
