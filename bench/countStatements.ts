/**
 * Counts the SQLite statements this process sends, by wrapping node-sqlite3's
 * Database methods. Sequelize's SQLite dialect runs a `PRAGMA table_info` per
 * table named in a SELECT (to parse column types, even for raw reads), so those
 * are counted apart. Diagnostics only (bench/breakdown.ts).
 */
import sqlite3 from 'sqlite3';

export interface StatementCounter {
  statements: number;
  tableInfoPragmas: number;
  reset(): void;
}

export function countSqliteStatements(): StatementCounter {
  const counter: StatementCounter = {
    statements: 0,
    tableInfoPragmas: 0,
    reset() {
      counter.statements = 0;
      counter.tableInfoPragmas = 0;
    },
  };
  const proto = sqlite3.Database.prototype as unknown as Record<string, (this: unknown, sql: string, ...rest: unknown[]) => unknown>;
  for (const method of ['all', 'run', 'get', 'each', 'exec', 'prepare']) {
    const original = proto[method]!;
    proto[method] = function (this: unknown, sql: string, ...rest: unknown[]) {
      if (/^\s*PRAGMA table_info/i.test(sql)) counter.tableInfoPragmas++;
      else counter.statements++;
      return original.call(this, sql, ...rest);
    };
  }
  return counter;
}
