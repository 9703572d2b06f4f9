/**
 * SGP's nightly backup as the scheduler runs it: declared in the manifest,
 * run now through the API, copies kept by `retencao`, each one a sound
 * database holding the pedidos, and hostile folders refused. With
 * TEST_DATABASE_URL set the platform runs on a MariaDB database of its own and
 * the copies are dumps, proven sound by restoring one into another database.
 */
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { trpcApi, type Api } from './support/api.js';
import { countRows, openDatabaseFile } from './support/database.js';
import { waitFor } from './support/schedulerFixture.js';
import { createTestDatabase, testDatabaseServer, type TestDatabase } from './support/testDatabase.js';
import { restoreServerDatabase, serverDatabaseFromUrl } from '../core/db/backup/index.js';
import mysql from 'mysql2/promise';

const ON_SERVER = testDatabaseServer() !== undefined;

/** The number of pedidos in a copy the job wrote: an SQLite file checked by SQLite, or a dump restored into a database of its own. */
async function pedidosIn(copy: string, databases: TestDatabase[]): Promise<number> {
  if (!ON_SERVER) {
    const db = await openDatabaseFile(copy);
    try {
      expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      return await countRows(db, 'sgp_pedido');
    } finally {
      await db.close();
    }
  }
  const target = await createTestDatabase('sgpjobcopy');
  databases.push(target);
  await restoreServerDatabase({ backupFile: copy, server: serverDatabaseFromUrl(target.url) });
  const connection = await mysql.createConnection(target.url);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM sgp_pedido');
    return Number(rows[0]!.n);
  } finally {
    await connection.end();
  }
}

describe('SGP nightly backup job', () => {
  let platform: TestPlatform;
  let admin: Api;
  let scheduleId: number;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    // Given explicitly, so the job's datasource is known to be this server database.
    if (ON_SERVER) databases.push(await createTestDatabase('sgpjob'));
    platform = await startTestPlatform({ SEED: 'true', ...(ON_SERVER ? { DATABASE_URL: databases[0]!.url } : {}) });
    admin = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
    const { rows } = await admin.query('platform.schedule.list', { filter: { name: 'sgp.backup_noturno' } });
    scheduleId = rows[0].id;
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
    await Promise.all(databases.map((db) => db.drop()));
  });

  const runOnce = async () => {
    const before = (await admin.query('platform.schedule_run.list', { filter: { schedule: scheduleId } })).total;
    await admin.mutate('platform.schedule_run_now', { id: scheduleId });
    return waitFor(
      async () => {
        const { rows } = await admin.query('platform.schedule_run.list', { filter: { schedule: scheduleId }, sort: 'id' });
        const last = rows[rows.length - 1];
        return rows.length > before && last.status !== 'running' ? last : undefined;
      },
      60_000,
      'the backup run to finish',
    );
  };

  it('is declared nightly at 02:00 São Paulo time from the manifest', async () => {
    const schedule = await admin.query('platform.schedule.get', { id: scheduleId });
    expect(schedule).toMatchObject({ cron: '0 2 * * *', timezone: 'America/Sao_Paulo', job: 'backup', enabled: true });
    expect(new Date(schedule.next_run_at).getUTCHours()).toBe(5);
  });

  it('writes a sound copy holding the pedidos and keeps only `retencao` copies', async () => {
    const schedule = await admin.query('platform.schedule.get', { id: scheduleId });
    await admin.mutate('platform.schedule.update', { id: scheduleId, version: schedule.version, data: { params: { pasta: 'copias', retencao: 2 } } });
    for (let i = 0; i < 3; i++) expect((await runOnce()).status).toBe('succeeded');
    const folder = path.join(platform.dataDir, 'copias');
    const kind = ON_SERVER ? 'sql' : 'db';
    const copies = (await readdir(folder)).filter((f) => new RegExp(`^forja-\\d{8}-\\d{9}\\.${kind}$`).test(f));
    expect(copies).toHaveLength(2);
    expect(await readdir(folder)).toHaveLength(2);
    const pedidos = (await admin.query('sgp.pedido.list', { pageSize: 1 })).total;
    expect(pedidos).toBeGreaterThan(0);
    expect(await pedidosIn(path.join(folder, copies.sort().at(-1)!), databases)).toBe(pedidos);
  }, 120_000);

  it('fails the run with a clear error for a folder outside DATA_DIR, writing nothing', async () => {
    const schedule = await admin.query('platform.schedule.get', { id: scheduleId });
    await admin.mutate('platform.schedule.update', { id: scheduleId, version: schedule.version, data: { params: { pasta: '../fora' } } });
    const run = await runOnce();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/folder/i);
    expect(await readdir(path.dirname(platform.dataDir))).not.toContain('fora');
  }, 120_000);
});
