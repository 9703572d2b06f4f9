/**
 * What a database says one table's columns are, read from its own catalogue:
 * SQLite's `pragma_table_info`, MySQL/MariaDB's `information_schema.COLUMNS`,
 * Oracle's `USER_TAB_COLUMNS` (the connected schema's tables). Only here does
 * core know how each dialect describes a column.
 */
import { QueryTypes } from 'sequelize';
import type { SqlDialect } from '../../plugin/types.js';
import type { ColumnKind } from '../schema/types.js';
import type { Datasource } from '../connect.js';
import { bound } from '../boundSql.js';

export interface FoundColumn {
  name: string;
  /** The type as the database writes it, e.g. `varchar(80)`, `INTEGER`, `NUMBER(10,0)`. */
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
  /** Filled in by the database on insert (AUTO_INCREMENT, identity, SQLite's INTEGER PRIMARY KEY). */
  generated: boolean;
  /** Character length of a string column, when the database reports one. */
  length?: number;
}

/** The table's columns, or undefined when there is no such table. */
export async function readTableColumns(ds: Datasource, table: string): Promise<FoundColumn[] | undefined> {
  const columns = await READERS[ds.dialect](ds, table);
  return columns.length > 0 ? columns : undefined;
}

/** Column names as the dialect compares them: Oracle's quoted names are case-sensitive, MySQL's and SQLite's column names are not. */
export function sameColumnName(dialect: SqlDialect, a: string, b: string): boolean {
  return dialect === 'oracle' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Whether a column of the found type can hold a value of the column kind Forja stores. */
export function holdsKind(dialect: SqlDialect, found: FoundColumn, kind: ColumnKind): boolean {
  return KIND_CHECKS[dialect](found.type.toLowerCase(), kind);
}

type Reader = (ds: Datasource, table: string) => Promise<FoundColumn[]>;

async function select<T extends object>(ds: Datasource, sql: string, params: unknown[]): Promise<T[]> {
  const query = bound(sql, params, ds.dialect);
  return ds.sequelize.query<T>(query.sql, { bind: query.bind, type: QueryTypes.SELECT, raw: true });
}

const READERS: Record<SqlDialect, Reader> = {
  async sqlite(ds, table) {
    type Row = { name: string; type: string; notnull: number; dflt_value: unknown; pk: number };
    const rows = await select<Row>(ds, 'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)', [table]);
    const singleKey = rows.filter((r) => r.pk > 0).length === 1;
    return rows.map((r) => ({
      name: r.name,
      type: r.type,
      // An INTEGER PRIMARY KEY is the rowid: never null, numbered by SQLite.
      nullable: r.notnull === 0 && r.pk === 0,
      hasDefault: r.dflt_value !== null,
      primaryKey: r.pk > 0,
      generated: r.pk > 0 && singleKey && r.type.toUpperCase() === 'INTEGER',
      ...lengthOf(r.type),
    }));
  },
  async mysql(ds, table) {
    type Row = { name: string; type: string; nullable: string; def: unknown; colKey: string; extra: string; len: number | null };
    const rows = await select<Row>(
      ds,
      'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def, COLUMN_KEY AS colKey, EXTRA AS extra, ' +
        'CHARACTER_MAXIMUM_LENGTH AS len FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      [table],
    );
    return rows.map((r) => ({
      name: r.name,
      type: r.type,
      nullable: r.nullable === 'YES',
      // MariaDB writes the text NULL for "no default" where MySQL gives SQL NULL.
      hasDefault: r.def !== null && r.def !== 'NULL',
      primaryKey: r.colKey === 'PRI',
      generated: /auto_increment/i.test(r.extra),
      ...(r.len === null ? {} : { length: Number(r.len) }),
    }));
  },
  async oracle(ds, table) {
    type Row = { NAME: string; TYPE: string; NULLABLE: string; DEF: unknown; IDENT: string; LEN: number | null; PK: number };
    const rows = await select<Row>(
      ds,
      "SELECT c.COLUMN_NAME AS NAME, c.DATA_TYPE || CASE WHEN c.DATA_TYPE = 'NUMBER' THEN '(' || NVL(c.DATA_PRECISION, 38) || ',' || NVL(c.DATA_SCALE, 0) || ')' END AS TYPE, " +
        'c.NULLABLE AS NULLABLE, c.DATA_DEFAULT AS DEF, c.IDENTITY_COLUMN AS IDENT, c.CHAR_LENGTH AS LEN, ' +
        "(SELECT COUNT(*) FROM USER_CONS_COLUMNS k JOIN USER_CONSTRAINTS p ON p.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND p.CONSTRAINT_TYPE = 'P' " +
        'WHERE k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME) AS PK ' +
        'FROM USER_TAB_COLUMNS c WHERE c.TABLE_NAME = ? ORDER BY c.COLUMN_ID',
      [table],
    );
    return rows.map((r) => ({
      name: r.NAME,
      type: r.TYPE,
      nullable: r.NULLABLE === 'Y',
      hasDefault: r.DEF !== null,
      primaryKey: Number(r.PK) > 0,
      // A legacy key filled by a trigger and a sequence is not visible here; the insert then tells.
      generated: r.IDENT === 'YES' || Number(r.PK) > 0,
      ...(r.LEN ? { length: Number(r.LEN) } : {}),
    }));
  },
};

function lengthOf(type: string): { length?: number } {
  const m = /char\s*\((\d+)\)/i.exec(type);
  return m ? { length: Number(m[1]) } : {};
}

type KindCheck = (type: string, kind: ColumnKind) => boolean;

/** SQLite's type affinity rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity). */
function sqliteAffinity(type: string): 'integer' | 'text' | 'blob' | 'real' | 'numeric' {
  if (type.includes('int')) return 'integer';
  if (/char|clob|text/.test(type)) return 'text';
  if (type === '' || type.includes('blob')) return 'blob';
  if (/real|floa|doub/.test(type)) return 'real';
  return 'numeric';
}

const MYSQL_TEXT = /^(var)?char|^(tiny|medium|long)?text/;
const MYSQL_INTEGER = /^(tiny|small|medium|big)?int|^decimal\(\d+,0\)|^numeric\(\d+,0\)/;

const KIND_CHECKS: Record<SqlDialect, KindCheck> = {
  sqlite(type, kind) {
    const affinity = sqliteAffinity(type);
    if (kind === 'string' || kind === 'text' || kind === 'json') return affinity === 'text';
    if (kind === 'integer' || kind === 'bigint') return affinity === 'integer' || (affinity === 'numeric' && !/dec|num/.test(type));
    if (kind === 'boolean') return affinity === 'integer' || affinity === 'numeric';
    return affinity === 'text' || affinity === 'numeric';
  },
  mysql(type, kind) {
    if (kind === 'string') return MYSQL_TEXT.test(type);
    if (kind === 'text' || kind === 'json') return MYSQL_TEXT.test(type) || type === 'json' || type.startsWith('longtext');
    if (kind === 'integer' || kind === 'bigint') return MYSQL_INTEGER.test(type);
    if (kind === 'boolean') return /^tinyint|^bit\(1\)|^boolean/.test(type);
    if (kind === 'date') return type === 'date';
    return /^datetime|^timestamp/.test(type);
  },
  oracle(type, kind) {
    if (kind === 'string') return /^n?varchar2|^n?char/.test(type);
    if (kind === 'text' || kind === 'json') return /^n?clob|^n?varchar2/.test(type);
    if (kind === 'integer' || kind === 'bigint' || kind === 'boolean') return /^number\(\d+,0\)|^integer/.test(type);
    return type === 'date' || type.startsWith('timestamp');
  },
};
