/**
 * `ctx.files` from plugin code, on the "arquivos" fixture: a procedure
 * attaches content to a record's file field as its caller (the upload's
 * checks: type, size, name, image facts; the caller's update permission and
 * row rules; the record's version) and reads it back; a job does the same
 * from its worker thread, streaming into the store itself. On both stores:
 * the worker builds the same store as the server from the same configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, issuePaths, trpcApi, type Api } from './support/api.js';
import { png, sha256 } from './support/files.js';
import { waitFor } from './support/schedulerFixture.js';
import { STORE_BACKENDS, startFilesPlatform, type FilesPlatform, type StorageView } from './support/fileStores.js';

describe.each(STORE_BACKENDS)('ctx.files on the $kind store', ({ start }) => {
  let files: FilesPlatform;
  let platform: TestPlatform;
  let storage: StorageView;
  let admin: Api;
  const users = {} as Record<'ana' | 'bruno' | 'leitor', LoginResult>;
  const api = (who: keyof typeof users) => trpcApi(platform.url, users[who].token);

  beforeAll(async () => {
    files = await startFilesPlatform(start);
    ({ platform, storage } = files);
    const adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    admin = trpcApi(platform.url, adminToken);
    users.ana = await createUserAndLogin(platform.url, adminToken, 'ana@test.local', ['operador']);
    users.bruno = await createUserAndLogin(platform.url, adminToken, 'bruno@test.local', ['operador']);
    users.leitor = await createUserAndLogin(platform.url, adminToken, 'leitor@test.local', ['leitor']);
  }, 120_000);

  afterAll(async () => {
    await files?.close();
  });

  /** The platform.file row (no API serves it). */
  const fileRow = async (id: number) => (await platform.repos.repo('platform.file').findById(id))?.row;
  const text = (s: string) => Buffer.from(s).toString('base64');

  async function pastaOf(who: keyof typeof users) {
    return api(who).mutate('arquivos.pasta.create', { data: { titulo: `Pasta de ${who}`, responsavel: users[who].user.id } });
  }

  describe('ctx.files in a procedure', () => {
    it('attaches content as the caller: a platform.file row of theirs, the field set with its facts, the bytes readable back', async () => {
      const pasta = await pastaOf('ana');
      const row = await api('ana').mutate('arquivos.anexar', {
        pasta: pasta.id,
        field: 'anexo',
        name: 'notas.txt',
        type: 'text/plain',
        base64: text('olá, mundo\n'),
      });
      expect(row.id).toBe(pasta.id);
      expect(row.version).toBe(pasta.version + 1);
      expect(row._files.anexo).toMatchObject({ id: row.anexo, name: 'notas.txt', type: 'text/plain', size: Buffer.byteLength('olá, mundo\n') });
      const hash = sha256(Buffer.from('olá, mundo\n'));
      expect(await fileRow(row.anexo)).toMatchObject({ hash, created_by: users.ana.user.id, target: 'arquivos.pasta.anexo' });
      expect(await storage.everything()).toContain(storage.nameOf(hash));

      const back = await api('ana').query('arquivos.ler', { pasta: pasta.id, field: 'anexo' });
      expect(back).toEqual({ name: 'notas.txt', contentType: 'text/plain', size: 12, base64: text('olá, mundo\n') });
      // The same file through the download route.
      const res = await fetch(`${platform.url}/files/arquivos/pasta/${pasta.id}/anexo`, { headers: { authorization: `Bearer ${users.ana.token}` } });
      expect(await res.text()).toBe('olá, mundo\n');
    });

    it('an image field gets its dimensions and thumbnail, as an upload does', async () => {
      const pasta = await pastaOf('ana');
      const image = await png(120, 80);
      const row = await api('ana').mutate('arquivos.anexar', {
        pasta: pasta.id,
        field: 'capa',
        name: 'capa.png',
        type: 'image/png',
        base64: image.toString('base64'),
      });
      expect(row._files.capa).toMatchObject({ name: 'capa.png', type: 'image/png', width: 120, height: 80, thumb: true });
    });

    it('open answers null for an empty field, and "not found" for a record the caller may not read', async () => {
      const pasta = await pastaOf('ana');
      expect(await api('ana').query('arquivos.ler', { pasta: pasta.id, field: 'anexo' })).toBeNull();
      await expectApiError(api('bruno').query('arquivos.ler', { pasta: pasta.id, field: 'anexo' }), 'NOT_FOUND');
    });

    it('refuses a type the field does not accept, a file over its size, a bad name, a field that holds no files', async () => {
      const pasta = await pastaOf('ana');
      const attach = (input: Record<string, unknown>) =>
        api('ana').mutate('arquivos.anexar', { pasta: pasta.id, field: 'anexo', name: 'a.txt', type: 'text/plain', base64: text('abc'), ...input });
      const refusals = [
        await expectApiError(attach({ type: 'image/png' }), 'BAD_REQUEST'),
        await expectApiError(attach({ base64: undefined, repeat: 4097 }), 'BAD_REQUEST'),
        await expectApiError(attach({ name: '../a.txt' }), 'BAD_REQUEST'),
        await expectApiError(attach({ field: 'titulo' }), 'BAD_REQUEST'),
        await expectApiError(attach({ type: 'application/pdf' }), 'BAD_REQUEST'),
      ];
      for (const e of refusals.slice(0, 3)) expect(issuePaths(e)).toContain('anexo');
      expect(refusals[1]!.message).toMatch(/larger than 4096 bytes/);
      expect(refusals[3]!.message).toMatch(/not a file or image field/);
      expect(refusals[4]!.message).toMatch(/not application\/pdf/);
      const after = await api('ana').query('arquivos.pasta.get', { id: pasta.id });
      expect(after.anexo).toBeNull();
      expect(after.version).toBe(pasta.version);
    });

    it('refuses a caller without update permission, one whose row rule excludes the record, and a stale version', async () => {
      const pasta = await pastaOf('ana');
      const input = { pasta: pasta.id, field: 'anexo', name: 'a.txt', type: 'text/plain', base64: text('abc') };
      await expectApiError(trpcApi(platform.url, users.leitor.token).mutate('arquivos.anexar', input), 'FORBIDDEN');
      await expectApiError(api('bruno').mutate('arquivos.anexar', input), 'FORBIDDEN');
      await expectApiError(api('ana').mutate('arquivos.anexar', { ...input, version: pasta.version + 5 }), 'CONFLICT');
      expect((await api('ana').query('arquivos.pasta.get', { id: pasta.id })).anexo).toBeNull();
    });
  });

  describe('ctx.files in a job', () => {
    const runJob = async (params: Record<string, unknown>) => {
      const schedule = await admin.mutate('platform.schedule.create', {
        data: {
          name: `arquivos.relatorio.${Math.random().toString(36).slice(2)}`,
          module: 'arquivos',
          job: 'relatorio',
          cron: '0 0 1 1 *',
          timezone: 'UTC',
          params,
        },
      });
      await admin.mutate('platform.schedule_run_now', { id: schedule.id });
      return waitFor(
        async () =>
          ((await admin.query('platform.schedule_run.list', { filter: { schedule: schedule.id }, pageSize: 10 })).rows as any[]).find(
            (r) => r.status !== 'running',
          ),
        30_000,
        'the run to finish',
      );
    };

    it('attaches from the worker thread as the system user, and reads it back there', async () => {
      const pasta = await pastaOf('ana');
      const run = await runJob({ pasta: pasta.id });
      expect(run.status, run.error).toBe('succeeded');
      const after = await api('ana').query('arquivos.pasta.get', { id: pasta.id });
      const content = `Relatório da pasta ${pasta.id}\n`;
      expect(after._files.anexo).toMatchObject({ name: 'relatório.txt', type: 'text/plain', size: Buffer.byteLength(content) });
      expect(run.output).toContain(`attached ${after.anexo}: relatório.txt text/plain ${Buffer.byteLength(content)} ${JSON.stringify(content)}`);
      expect(await fileRow(after.anexo)).toMatchObject({ created_by: null, hash: sha256(Buffer.from(content)) });
      // Stored by the worker where the server finds it.
      expect(await storage.everything()).toContain(storage.nameOf(sha256(Buffer.from(content))));
      const res = await fetch(`${platform.url}/files/arquivos/pasta/${pasta.id}/anexo`, { headers: { authorization: `Bearer ${users.ana.token}` } });
      expect(await res.text()).toBe(content);
    }, 60_000);

    it('a refused file fails the run with the field check, and leaves the record as it was', async () => {
      const pasta = await pastaOf('ana');
      const run = await runJob({ pasta: pasta.id, type: 'image/png' });
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/anexo: type "image\/png" is not accepted/);
      expect((await api('ana').query('arquivos.pasta.get', { id: pasta.id })).anexo).toBeNull();
    }, 60_000);
  });
});
