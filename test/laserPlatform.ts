/**
 * A platform for the laser tests: on SQLite, or with TEST_DATABASE_URL set on
 * a throw-away MariaDB database of its own; plus its users and a few rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { createTestDatabase, testDatabaseServer, type TestDatabase } from './support/testDatabase.js';
import { trpcApi, type Api } from './support/api.js';

export interface LaserPlatform {
  platform: TestPlatform;
  stepDir: string;
  tokens: { admin: string; operador: string; supervisor: string; outsider: string };
  api: { admin: Api; operador: Api; supervisor: Api; outsider: Api };
  close(): Promise<void>;
}

export async function startLaserPlatform(env: Record<string, string> = {}): Promise<LaserPlatform> {
  const database: TestDatabase | undefined = testDatabaseServer() ? await createTestDatabase('laser') : undefined;
  const stepDir = await mkdtemp(path.join(os.tmpdir(), 'forja-step-'));
  const platform = await startTestPlatform({ LASER_STEP_DIR: stepDir, ...(database ? { DATABASE_URL: database.url } : {}), ...env });
  const admin = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
  const operador = (await createUserAndLogin(platform.url, admin, 'terminal@test.local', ['operador'])).token;
  const supervisor = (await createUserAndLogin(platform.url, admin, 'supervisor@test.local', ['supervisor'])).token;
  const outsider = (await createUserAndLogin(platform.url, admin, 'vendas@test.local', ['vendedor'])).token;
  const tokens = { admin, operador, supervisor, outsider };
  const api = {
    admin: trpcApi(platform.url, admin),
    operador: trpcApi(platform.url, operador),
    supervisor: trpcApi(platform.url, supervisor),
    outsider: trpcApi(platform.url, outsider),
  };
  return {
    platform,
    stepDir,
    tokens,
    api,
    async close() {
      await platform.close();
      await rm(stepDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

let serial = 0;

/** An operator and an OF of theirs, created by the supervisor. */
export async function operadorComOf(api: Api, of: Record<string, unknown> = {}): Promise<{ operador: any; ordem: any }> {
  serial += 1;
  const operador = await api.mutate('laser.operador.create', { data: { codigo: `OP${serial}`, nome: `Operador ${serial}` } });
  const ordem = await api.mutate('laser.ordem_fabricacao.create', {
    data: {
      numero: `OF-${serial}`,
      produto: 'Chapa de fixação',
      material: 'Aço 1020',
      espessura: '3.00',
      quantidade: 10,
      operador: operador.id,
      sequencia: 1,
      ...of,
    },
  });
  return { operador, ordem };
}
