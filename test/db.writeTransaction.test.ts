/**
 * Write transactions on a database server: two that lock the same rows in
 * opposite order deadlock, InnoDB rolls one back, and the datasource runs it
 * again, so both writes land. SQLite writes one at a time and cannot deadlock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from 'sequelize';
import { connectDatasource, type Datasource } from '../core/db/connect.js';
import { createTestDatabase, testDatabaseServer, type TestDatabase } from './support/testDatabase.js';

describe.skipIf(!testDatabaseServer())('write transactions on MariaDB/MySQL (SQLite writes one at a time)', () => {
  let database: TestDatabase;
  let ds: Datasource;

  beforeAll(async () => {
    database = await createTestDatabase('deadlock');
    ds = await connectDatasource({ name: 'default', url: database.url });
    await ds.sequelize.query('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL) ENGINE=InnoDB');
    await ds.sequelize.query('INSERT INTO counter (id, n) VALUES (1, 0), (2, 0)');
  });

  afterAll(async () => {
    await ds?.close();
    await database?.drop();
  });

  it('a deadlock victim is run again, so both of two crossing transactions commit', async () => {
    let firstLocks = 0;
    let bothHoldOne!: () => void;
    const holding = new Promise<void>((resolve) => (bothHoldOne = resolve));
    const runs: string[] = [];
    const bump = (t: Transaction, id: number) => ds.sequelize.query('UPDATE counter SET n = n + 1 WHERE id = ?', { replacements: [id], transaction: t });
    const crossing = (name: string, first: number, second: number) =>
      ds.writeTransaction(async (t) => {
        runs.push(name);
        await bump(t, first);
        // Both hold their first row before either asks for the other's: a lock cycle, every time on the first run.
        if (++firstLocks === 2) bothHoldOne();
        await holding;
        await bump(t, second);
      });

    await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)]);

    const [rows] = await ds.sequelize.query('SELECT id, n FROM counter ORDER BY id');
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
    // One of them ran twice: the deadlock happened and was retried, not avoided.
    expect(runs).toHaveLength(3);
    expect(new Set(runs)).toEqual(new Set(['a', 'b']));
  });

  it('any other failure is not retried', async () => {
    let runs = 0;
    await expect(
      ds.writeTransaction(async (t) => {
        runs++;
        await ds.sequelize.query('INSERT INTO counter (id, n) VALUES (1, 0)', { transaction: t });
      }),
    ).rejects.toThrow();
    expect(runs).toBe(1);
  });
});
