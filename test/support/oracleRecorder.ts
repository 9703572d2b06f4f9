/**
 * The SQL Forja sends to an Oracle server, obtained without one. The real
 * `oracledb` module's `getConnection` is replaced in this process by one that
 * hands out a recording connection, so the production path runs unchanged —
 * `connectDatasource('oracle://…')`, Sequelize's Oracle dialect, its pool and
 * transactions — and every `connection.execute` is stored (statement text and
 * binds, exactly as the driver receives them) and answered from a script:
 * no rows and one affected row unless a test says otherwise.
 *
 * Test infrastructure only: nothing here is a production path.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { connectDatasource, type Datasource } from '../../core/db/connect.js';

/** One statement as the driver received it. */
export interface RecordedStatement {
  sql: string;
  binds: unknown;
}

/** What a scripted answer may give: rows for a query, the affected count, RETURNING INTO values. */
export interface OracleAnswer {
  rows?: Record<string, unknown>[];
  rowsAffected?: number;
  /** Values of the out binds, in order (one value each: single-row DML). */
  returning?: unknown[];
}

/** Answers one statement; undefined for the default (no rows, one row affected, id 1 returned). */
export type OracleScript = (statement: RecordedStatement) => OracleAnswer | undefined;

export interface OracleRecorder {
  datasource: Datasource;
  /** What connecting sent: the first connection's session set-up and the connection check. */
  connected: RecordedStatement[];
  /** Every statement since the last `take()`. */
  statements: RecordedStatement[];
  /** The statements recorded so far, clearing the list. */
  take(): RecordedStatement[];
  /** Replaces the answer script (the default answers every statement as above). */
  answer(script: OracleScript): void;
  close(): Promise<void>;
}

/** The driver module Sequelize loads (one module object per process); it ships no type declarations. */
const oracledb = createRequire(import.meta.url)('oracledb') as { getConnection: unknown };

let realGetConnection: unknown;

/** A datasource on the recording "server"; `url` is what DATABASE_URL would be. */
export async function oracleRecorder(url = 'oracle://forja:secret@oracle.invalid:1521/FORJAPDB'): Promise<OracleRecorder> {
  const statements: RecordedStatement[] = [];
  let script: OracleScript = () => undefined;
  const execute = async (sql: string, binds: unknown = []) => {
    const statement = { sql, binds: cloneBinds(binds) };
    statements.push(statement);
    return driverResult(sql, binds, script(statement) ?? {});
  };
  realGetConnection ??= oracledb.getConnection;
  oracledb.getConnection = async () => recordingConnection(execute);
  const datasource = await connectDatasource({ name: 'default', url });
  return {
    datasource,
    connected: statements.splice(0, statements.length),
    statements,
    take: () => statements.splice(0, statements.length),
    answer(next) {
      script = next;
    },
    async close() {
      await datasource.close();
      if (realGetConnection) oracledb.getConnection = realGetConnection;
    },
  };
}

type Execute = (sql: string, binds?: unknown) => Promise<unknown>;

/** The part of an oracledb Connection Sequelize's Oracle dialect uses. */
function recordingConnection(execute: Execute) {
  let open = true;
  return {
    oracleServerVersionString: '19.24.0.0.0',
    execute: (sql: string, binds?: unknown) => execute(sql, binds),
    executeMany: (sql: string, binds?: unknown) => execute(sql, binds),
    commit: async () => {
      await execute('COMMIT');
    },
    rollback: async () => {
      await execute('ROLLBACK');
    },
    isHealthy: () => open,
    on: () => undefined,
    // Sequelize closes with a callback, other callers await the promise.
    close: (callback?: (e: Error | null) => void) => {
      open = false;
      callback?.(null);
      return Promise.resolve();
    },
  };
}

/** Binds as given, out-bind definitions shown by direction and type (they are objects of the driver). */
function cloneBinds(binds: unknown): unknown {
  const one = (v: unknown): unknown =>
    v && typeof v === 'object' && 'dir' in v ? { out: String((v as { type?: unknown }).type ?? 'default') } : v instanceof Date ? new Date(v) : v;
  if (Array.isArray(binds)) return binds.map(one);
  if (binds && typeof binds === 'object') return Object.fromEntries(Object.entries(binds).map(([k, v]) => [k, one(v)]));
  return binds;
}

/** The result object oracledb would return for the statement. */
function driverResult(sql: string, binds: unknown, answer: OracleAnswer) {
  if (/^\s*(SELECT|WITH)\b/i.test(sql)) return { rows: answer.rows ?? [], metaData: [] };
  const outs = Array.isArray(binds) ? binds.filter((v) => v && typeof v === 'object' && 'dir' in v).length : 0;
  const returning = answer.returning ?? Array.from({ length: outs }, () => 1);
  return { rowsAffected: answer.rowsAffected ?? 1, ...(outs > 0 ? { outBinds: returning.map((v) => [v]) } : {}) };
}

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'oracle');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Compares statements with `test/fixtures/oracle/<name>.sql`; with
 * UPDATE_ORACLE_SQL=1 rewrites that file instead. One block per statement:
 * a numbered comment with its label, the text as sent, then its binds.
 */
export function expectOracleSql(name: string, blocks: { label: string; statements: RecordedStatement[] }[]): void {
  const text = renderOracleSql(name, blocks);
  const file = path.join(FIXTURES, `${name}.sql`);
  if (process.env.UPDATE_ORACLE_SQL === '1') {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing; write it with UPDATE_ORACLE_SQL=1 and review it`);
  expect(text, `Oracle SQL differs from ${path.relative(process.cwd(), file)} (UPDATE_ORACLE_SQL=1 rewrites it; review the diff)`).toBe(
    readFileSync(file, 'utf8'),
  );
}

function renderOracleSql(name: string, blocks: { label: string; statements: RecordedStatement[] }[]): string {
  const out = [
    `-- The statements Forja sends to Oracle for: ${name}. Generated by test/oracle.sql.test.ts`,
    '-- (UPDATE_ORACLE_SQL=1 rewrites it). Reviewed as Oracle 19c SQL; binds follow each statement.',
    '',
  ];
  let n = 0;
  for (const { label, statements } of blocks) {
    for (const s of statements) {
      out.push(`-- ${++n}. ${label}`, s.sql.replace(UUID, '<uuid>'));
      const binds = bindList(s.binds);
      if (binds) out.push(`-- binds: ${binds}`);
      out.push('');
    }
  }
  return out.join('\n');
}

function bindList(binds: unknown): string {
  const shown = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    // A line break of a value is shown as \n: each block keeps one line of binds.
    if (typeof v === 'string') return `'${v.replace(UUID, '<uuid>').replace(/'/g, "''").replace(/\n/g, '\\n')}'`;
    if (v instanceof Date) return `Date(${v.toISOString()})`;
    if (typeof v === 'object' && 'out' in v) return `OUT ${String((v as { out: unknown }).out).replace(/^\[DbType (.*)\]$/, '$1')}`;
    return String(v);
  };
  if (Array.isArray(binds)) return binds.map((v, i) => `:${i + 1} = ${shown(v)}`).join(', ');
  if (binds && typeof binds === 'object')
    return Object.entries(binds)
      .map(([k, v]) => `:${k} = ${shown(v)}`)
      .join(', ');
  return '';
}
