/**
 * SQL written with `?` placeholders, run with every value as a parameter the
 * driver binds itself (Sequelize's `bind`: `$1` for sqlite3, `?` through
 * mysql2's prepared statements; `:1` for oracledb written here, since
 * Sequelize would number Oracle's from `:0`). Values never become SQL
 * text, so no value can end or change a statement: a NUL in a string, which
 * cuts SQLite's SQL text, is just a character of the value.
 */
import type { SqlCondition, SqlDialect } from '../plugin/types.js';

/** A piece of SQL and the values of its `?` placeholders, in order: the same shape plugins get from `readScope`. */
export type SqlFragment = SqlCondition;

/** What `sequelize.query(sql, { bind })` takes. */
export interface BoundQuery {
  sql: string;
  bind: unknown[];
}

const WORD_CHAR = /\w/;

/**
 * `?` placeholders → Sequelize's numbered `$n` (Oracle's `:n`, by position from 1), and each value → the form it is
 * stored in. Placeholders inside quoted strings, quoted identifiers and
 * comments are left alone; a `$` of the SQL itself is doubled where Sequelize
 * would otherwise read it as a bind parameter.
 */
export function bound(sql: string, params: readonly unknown[], dialect: SqlDialect): BoundQuery {
  let out = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const end = skippedTokenEnd(sql, i, dialect);
    if (end > i) {
      out += escapeDollars(sql.slice(i, end), out);
      i = end;
      continue;
    }
    const c = sql[i]!;
    // Sequelize only reads `$n` after a non-word character.
    if (c === '?') out += `${WORD_CHAR.test(out.at(-1) ?? '') ? ' ' : ''}${dialect === 'oracle' ? ':' : '$'}${++count}`;
    else out += escapeDollars(c, out);
    i++;
  }
  if (count !== params.length) throw new Error(`the SQL has ${count} placeholder(s) but ${params.length} value(s) were given`);
  return { sql: out, bind: params.map((v) => bindValue(v, dialect)) };
}

/** End of the quoted string, quoted identifier or comment starting at `i`; `i` when none starts there. */
function skippedTokenEnd(sql: string, i: number, dialect: SqlDialect): number {
  const c = sql[i];
  // MySQL strings (not its backquoted names) take backslash escapes.
  if (c === "'" || c === '"') return quotedEnd(sql, i, dialect === 'mysql');
  if (c === '`') return quotedEnd(sql, i, false);
  if (c === '-' && sql[i + 1] === '-') return endOf(sql, '\n', i + 2);
  if (c === '/' && sql[i + 1] === '*') return endOf(sql, '*/', i + 2);
  return i;
}

function quotedEnd(sql: string, start: number, backslashEscapes: boolean): number {
  const quote = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    if (backslashEscapes && sql[i] === '\\') i++;
    else if (sql[i] === quote) return i + 1; // a doubled quote reopens at once: same result
  }
  return sql.length;
}

function endOf(sql: string, terminator: string, from: number): number {
  const at = sql.indexOf(terminator, from);
  return at === -1 ? sql.length : at + terminator.length;
}

/** Sequelize reads `$…` after a non-word character as a bind parameter and `$$` as a literal `$`. */
function escapeDollars(text: string, before: string): string {
  let out = '';
  let previous = before.at(-1) ?? '';
  for (const c of text) {
    out += c === '$' && !WORD_CHAR.test(previous) ? '$$' : c;
    previous = c;
  }
  return out;
}

/**
 * A value in the form the column holds, as the literal Sequelize wrote before:
 * booleans as 1/0 (Oracle's CHAR(1) as '1'/'0'), datetimes as UTC text on
 * SQLite (`YYYY-MM-DD HH:MM:SS.sss +00:00`), MySQL (`YYYY-MM-DD HH:MM:SS.sss`,
 * the session runs in +00:00) and Oracle (ISO-8601 `…T…Z`, the session's
 * NLS_TIMESTAMP_FORMAT in +00:00: see connect.ts). A Date given to oracledb
 * would be bound as the Node.js process's local wall-clock time.
 */
export function bindValue(value: unknown, dialect: SqlDialect): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return dialect === 'oracle' ? (value ? '1' : '0') : value ? 1 : 0;
  if (value instanceof Date) return utcText(value, dialect);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`${value} cannot be stored`);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || Buffer.isBuffer(value)) return value;
  throw new TypeError(`a ${Array.isArray(value) ? 'list' : typeof value} cannot be a SQL parameter; give one value per placeholder`);
}

function utcText(date: Date, dialect: SqlDialect): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('an invalid date cannot be stored');
  const iso = date.toISOString();
  if (dialect === 'oracle') return iso;
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return dialect === 'sqlite' ? `${text} +00:00` : text;
}
