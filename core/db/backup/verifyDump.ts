/**
 * Checks that a file is a whole dump made by mariadb-dump or mysqldump: their
 * header at the start, and at the end the marker they write only after the
 * last table — a dump cut short by a failure, a full disk or a killed process
 * lacks it. When asked, also that it holds a Forja database (its migrations
 * table). Loading it into a scratch database, as restore does, proves the rest.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { ValidationError } from '../../errors/index.js';
import { MIGRATIONS_TABLE } from '../migrations/index.js';

const HEADERS = ['-- MariaDB dump', '-- MySQL dump'];
const COMPLETED = '-- Dump completed';
const SQLITE_HEADER = 'SQLite format 3\u0000';
/** How far from the start the header, and from the end the marker, may be. */
const EDGE_BYTES = 4096;

export async function verifyDump(file: string, o: { field: string; copiedFrom: string; requireForjaSchema: boolean }): Promise<void> {
  const refuse = (message: string) => ValidationError.field(o.field, `${o.copiedFrom} ${message}`);
  const { head, tail } = await edges(file);
  if (head.startsWith(SQLITE_HEADER)) throw refuse('is an SQLite database, not a MariaDB/MySQL dump: it restores into the embedded SQLite database only');
  if (!HEADERS.some((h) => head.includes(h))) throw refuse('is not a dump made by mariadb-dump or mysqldump');
  if (!tail.includes(COMPLETED)) throw refuse(`is incomplete (it does not end with "${COMPLETED}")`);
  if (o.requireForjaSchema && !(await contains(file, `CREATE TABLE \`${MIGRATIONS_TABLE}\``))) {
    throw refuse(`is not a Forja database (it has no ${MIGRATIONS_TABLE} table)`);
  }
}

async function edges(file: string): Promise<{ head: string; tail: string }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (position: number) => {
      const buffer = Buffer.alloc(Math.min(EDGE_BYTES, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      return buffer.subarray(0, bytesRead).toString('latin1');
    };
    return { head: await read(0), tail: await read(Math.max(0, size - EDGE_BYTES)) };
  } finally {
    await handle.close();
  }
}

/** Whether `text` occurs in the file, read in chunks (a dump may be far larger than memory). */
async function contains(file: string, text: string): Promise<boolean> {
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'latin1' })) {
    const window = carry + (chunk as string);
    if (window.includes(text)) return true;
    carry = window.slice(-text.length);
  }
  return false;
}
