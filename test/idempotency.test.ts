/**
 * `Idempotency-Key` on generated creates, over plain HTTP: a retried create
 * returns the record the first call made instead of a second one, also when
 * the duplicates run at the same time; the same key with another input is a
 * CONFLICT; keys belong to one user and expire after 24 hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { rawMutate, rawQuery } from './support/api.js';

const CREATE = 'sgp.cliente.create';

describe('Idempotency-Key on create', () => {
  let platform: TestPlatform;
  let adminToken: string;
  let adminId: number;
  let vendedorToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({
      token: adminToken,
      user: { id: adminId },
    } = await login(platform.url, ADMIN.email, ADMIN.password));
    vendedorToken = (await createUserAndLogin(platform.url, adminToken, 'vendedor@test.local', ['vendedor'])).token;
  });
  afterAll(() => platform.close());

  const create = (data: Record<string, unknown>, key: string | undefined, token = adminToken) =>
    rawMutate(platform.url, CREATE, { data }, { authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) });
  const clientesNamed = async (nome: string) => {
    const res = await rawQuery(platform.url, 'sgp.cliente.list', { filter: { nome }, pageSize: 200 }, { authorization: `Bearer ${adminToken}` });
    return res.body.result.data.rows.map((r: { id: number }) => r.id);
  };

  it('returns the first record to a repeat with the same key and input, whatever the order of its fields', async () => {
    const first = await create({ nome: 'Repetido', cidade: 'Recife' }, 'pedido-001');
    expect(first.status).toBe(200);
    const again = await create({ cidade: 'Recife', nome: 'Repetido' }, 'pedido-001');
    expect(again.status).toBe(200);
    expect(again.body.result.data).toMatchObject({ id: first.body.result.data.id, nome: 'Repetido', cidade: 'Recife' });
    expect(await clientesNamed('Repetido')).toEqual([first.body.result.data.id]);
  });

  it('refuses the same key with a different input as CONFLICT and writes nothing', async () => {
    const first = await create({ nome: 'Original' }, 'chave-reusada');
    const other = await create({ nome: 'Outro' }, 'chave-reusada');
    expect(other.status).toBe(409);
    expect(other.body.error.data.code).toBe('CONFLICT');
    expect(other.body.error.message).toMatch(/Idempotency-Key was already used for a different request/);
    expect(await clientesNamed('Outro')).toEqual([]);
    expect(await clientesNamed('Original')).toEqual([first.body.result.data.id]);
  });

  it('creates once when duplicates arrive at the same time: every duplicate gets the one record', async () => {
    const keys = Array.from({ length: 6 }, (_, k) => `concorrente-${k}`);
    const calls = keys.flatMap((key) => Array.from({ length: 5 }, () => create({ nome: `Concorrente ${key}` }, key).then((res) => ({ key, res }))));
    const results = await Promise.all(calls);
    for (const key of keys) {
      const answers = results.filter((r) => r.key === key);
      for (const { res } of answers) expect(res.status, JSON.stringify(res.body)).toBe(200);
      const ids = new Set(answers.map(({ res }) => res.body.result.data.id));
      expect(ids.size).toBe(1);
      expect(await clientesNamed(`Concorrente ${key}`)).toEqual([...ids]);
    }
  });

  it('keeps keys per user: another user with the same key gets a record of their own', async () => {
    const mine = await create({ nome: 'Por usuário' }, 'mesma-chave');
    const theirs = await create({ nome: 'Por usuário' }, 'mesma-chave', vendedorToken);
    expect(theirs.status).toBe(200);
    expect(theirs.body.result.data.id).not.toBe(mine.body.result.data.id);
    expect((await clientesNamed('Por usuário')).sort()).toEqual([mine.body.result.data.id, theirs.body.result.data.id].sort());
  });

  it('stores a key only with its record: a refused create leaves the key free', async () => {
    const refused = await create({ nome: 'x'.repeat(500) }, 'depois-de-erro');
    expect(refused.status).toBe(400);
    const created = await create({ nome: 'Depois do erro' }, 'depois-de-erro');
    expect(created.status).toBe(200);
    expect(await clientesNamed('Depois do erro')).toEqual([created.body.result.data.id]);
  });

  it('creates anew with a key older than 24 hours, and twice without a key', async () => {
    const first = await create({ nome: 'Vencida' }, 'chave-vencida');
    const expired = await platform.repos
      .repo('platform.idempotency_key')
      .updateColumns({ key: `${adminId}:chave-vencida` }, { expires_at: new Date(Date.now() - 1000) });
    expect(expired).toBe(1);
    const later = await create({ nome: 'Vencida' }, 'chave-vencida');
    expect(later.status).toBe(200);
    expect(later.body.result.data.id).not.toBe(first.body.result.data.id);
    await create({ nome: 'Sem chave' }, undefined);
    await create({ nome: 'Sem chave' }, undefined);
    expect(await clientesNamed('Sem chave')).toHaveLength(2);
  });

  it('refuses a key that is empty, longer than 200 characters or not printable ASCII, naming the header', async () => {
    for (const key of ['', 'k'.repeat(201), 'chave-é']) {
      const res = await create({ nome: 'Chave inválida' }, key);
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body.error.data.issues).toEqual([{ path: 'Idempotency-Key', message: expect.stringMatching(/1 to 200 printable ASCII/) }]);
    }
    expect(await create({ nome: 'Chave no limite' }, `${'k'.repeat(199)}~`)).toMatchObject({ status: 200 });
    expect(await clientesNamed('Chave inválida')).toEqual([]);
  });
});
