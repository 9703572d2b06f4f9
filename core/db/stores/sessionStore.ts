/** The session rows behind signed tokens: who a token's session belongs to, and ending one. */
import { QueryTypes } from 'sequelize';
import type { Repositories } from '../repository/repositories.js';
import { bound } from '../boundSql.js';

const SESSION = 'platform.session';
const USER = 'platform.user';

/** The session's user as stored (`id`, `email`, `name`, `roles`, `active`) and the session's `revoked_at`, or undefined. */
export async function findSessionUser(repos: Repositories, jti: string): Promise<Record<string, unknown> | undefined> {
  const { sequelize, dialect } = repos.datasourceOf(SESSION);
  const q = (id: string) => sequelize.getQueryInterface().quoteIdentifier(id);
  const s = q(repos.model.entity(SESSION).table);
  const u = q(repos.model.entity(USER).table);
  const sql =
    `SELECT ${u}.${q('id')} AS ${q('id')}, ${q('email')}, ${q('name')}, ${q('roles')}, ${q('active')}, ${q('revoked_at')} ` +
    `FROM ${s} JOIN ${u} ON ${u}.${q('id')} = ${s}.${q('user')} WHERE ${s}.${q('jti')} = ?`;
  const query = bound(sql, [jti], dialect);
  const rows = await sequelize.query<Record<string, unknown>>(query.sql, { bind: query.bind, type: QueryTypes.SELECT });
  return rows[0];
}

export async function revokeSession(repos: Repositories, jti: string): Promise<void> {
  const ds = repos.datasourceOf(SESSION);
  const q = (id: string) => ds.sequelize.getQueryInterface().quoteIdentifier(id);
  const sql = `UPDATE ${q(repos.model.entity(SESSION).table)} SET ${q('revoked_at')} = ? WHERE ${q('jti')} = ?`;
  const query = bound(sql, [new Date(), jti], ds.dialect);
  await ds.writeTransaction((transaction) => ds.sequelize.query(query.sql, { bind: query.bind, transaction }));
}
